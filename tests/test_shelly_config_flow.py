"""The shelly step, reauth and reconfigure against simulated Shellies on 127.0.0.1.

These flows make a handful of HTTP round trips and wait for nothing else, so
they run on real time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant import config_entries
from homeassistant.config_entries import ConfigEntryState, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.espresso_care.const import (
    BACKEND_SHELLY,
    CONF_BACKEND,
    CONF_CHANNEL,
    CONF_GENERATION,
    CONF_MODEL,
    CONF_POWER_CHANNEL,
    CONF_POWER_ENTITY,
    CONF_POWER_GENERATION,
    CONF_POWER_HOST,
    CONF_POWER_METERED,
    CONF_POWER_PASSWORD,
    CONF_THREE_WAY_VALVE,
    DOMAIN,
)

from .conftest import PLUG, Relays
from .helpers import state
from .shelly_fixtures import (
    OTHER_MAC,
    PLUG_MAC,
    PUMP_MAC,
    CannedFactory,
    SimFactory,
    shelly_entry,
    shelly_form,
)

# Every machine is unloaded at the end, while its devices still answer.
pytestmark = pytest.mark.usefixtures("unload_machines")


def answers(host: str, **fields: Any) -> dict[str, Any]:
    """The shelly form filled in (the plug is switch.plug unless said otherwise)."""
    return {
        "name": "Silvia",
        CONF_HOST: host,
        CONF_CHANNEL: 0,
        CONF_POWER_ENTITY: PLUG,
        CONF_THREE_WAY_VALVE: True,
    } | fields


def without_plug_entity(host: str, **fields: Any) -> dict[str, Any]:
    """The shelly form with the plug given as a second Shelly in ``fields``."""
    data = answers(host, **fields)
    del data[CONF_POWER_ENTITY]
    return data


async def submit(hass: HomeAssistant, flow_id: str, data: dict[str, Any]) -> Any:
    """Send a form and let the set-up that may follow settle."""
    result = await hass.config_entries.flow.async_configure(flow_id, data)
    await hass.async_block_till_done()
    return result


def entry_state(entry: MockConfigEntry) -> ConfigEntryState:
    """The entry's state, read afresh (mypy narrows a plain attribute check)."""
    current: ConfigEntryState = entry.state
    return current


async def loaded(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add ``entry`` and set it up."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    return entry


# -- the shelly step ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("gen", "password", "model"),
    [
        (1, None, "SHSW-1"),
        (1, "secret", "SHSW-1"),
        (2, None, "SNSW-001X16EU"),
        (2, "secret", "SNSW-001X16EU"),
    ],
)
async def test_shelly_with_plug_entity(
    hass: HomeAssistant,
    relays: Relays,
    simulators: SimFactory,
    gen: int,
    password: str | None,
    model: str,
) -> None:
    sim = await simulators(gen=gen, password=password, mac=PUMP_MAC, metered=False)
    flow_id = await shelly_form(hass)
    fields = {CONF_PASSWORD: password} if password else {}
    result = await submit(hass, flow_id, answers(sim.address, **fields))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Silvia"
    assert result["data"] == {
        CONF_BACKEND: BACKEND_SHELLY,
        CONF_HOST: sim.address,
        CONF_CHANNEL: 0,
        CONF_PASSWORD: password,
        CONF_GENERATION: gen,
        CONF_MODEL: model,
        CONF_THREE_WAY_VALVE: True,
        CONF_POWER_ENTITY: PLUG,
    }
    entry = result["result"]
    assert entry.unique_id == PUMP_MAC
    assert entry.state is ConfigEntryState.LOADED
    assert state(hass, "switch.silvia_pump") == "off"
    assert state(hass, "switch.silvia_power") == "on"
    # Probing only reads: the flow never switched the relay.
    assert sim.commands == []
    assert sim.timeline == []


async def test_shelly_mac_with_separators_is_the_unique_id(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=1, mac="a8:03:2a:be:00:01")
    flow_id = await shelly_form(hass)
    result = await submit(hass, flow_id, answers(sim.address))
    assert result["result"].unique_id == PUMP_MAC


async def test_shelly_with_a_shelly_plug(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    pump = await simulators(gen=2, mac=PUMP_MAC, metered=False)
    plug = await simulators(gen=1, mac=PLUG_MAC, password="plugpw", power=1200.0)
    plug.press(0, True)
    flow_id = await shelly_form(hass)
    result = await submit(
        hass,
        flow_id,
        without_plug_entity(
            pump.address,
            **{
                CONF_POWER_HOST: plug.address,
                CONF_POWER_CHANNEL: 0,
                CONF_POWER_PASSWORD: "plugpw",
            },
        ),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_BACKEND: BACKEND_SHELLY,
        CONF_HOST: pump.address,
        CONF_CHANNEL: 0,
        CONF_PASSWORD: None,
        CONF_GENERATION: 2,
        CONF_MODEL: "SNSW-001X16EU",
        CONF_THREE_WAY_VALVE: True,
        CONF_POWER_HOST: plug.address,
        CONF_POWER_CHANNEL: 0,
        CONF_POWER_PASSWORD: "plugpw",
        CONF_POWER_GENERATION: 1,
        CONF_POWER_METERED: True,
    }
    entry = result["result"]
    assert entry.unique_id == PUMP_MAC
    assert entry.state is ConfigEntryState.LOADED
    assert state(hass, "switch.silvia_power") == "on"
    assert float(state(hass, "sensor.silvia_power")) == 1200.0


async def test_cannot_connect_then_recover(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, mac=PUMP_MAC)
    await sim.refuse_connections()
    flow_id = await shelly_form(hass)
    result = await submit(hass, flow_id, answers(sim.address))
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}
    # The form keeps what was typed.
    schema = result["data_schema"].schema
    defaults = {str(key): key.default() for key in schema if callable(key.default)}
    assert defaults[CONF_HOST] == sim.address

    await sim.accept_connections()
    result = await submit(hass, flow_id, answers(sim.address))
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize("gen", [1, 2])
@pytest.mark.parametrize("password", [None, "wrong"])
async def test_invalid_auth(
    hass: HomeAssistant,
    relays: Relays,
    simulators: SimFactory,
    gen: int,
    password: str | None,
) -> None:
    sim = await simulators(gen=gen, mac=PUMP_MAC, password="secret")
    flow_id = await shelly_form(hass)
    fields = {CONF_PASSWORD: password} if password else {}
    result = await submit(hass, flow_id, answers(sim.address, **fields))
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    result = await submit(
        hass, flow_id, answers(sim.address, **{CONF_PASSWORD: "secret"})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_PASSWORD] == "secret"


@pytest.mark.parametrize("gen", [1, 2])
async def test_unsupported_channel(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, mac=PUMP_MAC)
    flow_id = await shelly_form(hass)
    result = await submit(hass, flow_id, answers(sim.address, **{CONF_CHANNEL: 3}))
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unsupported_device"}


@pytest.mark.parametrize(
    "replies",
    [
        {},  # a web server with no /shelly at all
        {"/shelly": (200, {"name": "a router", "mac": "001122334455"})},
        {"/shelly": (200, {"gen": 2, "model": "SNSW-001X16EU"})},  # no MAC
    ],
    ids=["no_endpoint", "unknown_generation", "no_mac"],
)
async def test_not_a_shelly(
    hass: HomeAssistant,
    relays: Relays,
    canned_server: CannedFactory,
    replies: dict[str, Any],
) -> None:
    host = await canned_server(replies)
    flow_id = await shelly_form(hass)
    result = await submit(hass, flow_id, answers(host))
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "unsupported_device"}


async def test_power_once(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    pump = await simulators(gen=2, mac=PUMP_MAC)
    plug = await simulators(gen=1, mac=PLUG_MAC)
    flow_id = await shelly_form(hass)
    both = answers(pump.address, **{CONF_POWER_HOST: plug.address})
    result = await submit(hass, flow_id, both)
    assert result["errors"] == {"base": "power_once"}
    result = await submit(hass, flow_id, without_plug_entity(pump.address))
    assert result["errors"] == {"base": "power_once"}
    # Nothing was asked of a device while the form was contradictory.
    assert pump.requests == []
    assert plug.requests == []
    # An emptied address field counts as not given.
    result = await submit(hass, flow_id, answers(pump.address, **{CONF_POWER_HOST: ""}))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert CONF_POWER_HOST not in result["data"]


async def test_plug_entity_not_found(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, mac=PUMP_MAC)
    flow_id = await shelly_form(hass)
    result = await submit(
        hass, flow_id, answers(sim.address, **{CONF_POWER_ENTITY: "switch.nowhere"})
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_POWER_ENTITY: "entity_not_found"}
    assert sim.requests == []  # checked before any device is asked


@pytest.mark.parametrize("entity_id", ["light.kitchen", "sensor.machine_power"])
async def test_plug_entity_of_the_wrong_kind(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory, entity_id: str
) -> None:
    """A plug that is no switch is refused on its field, translated (not a schema error)."""
    hass.states.async_set(entity_id, "on")
    sim = await simulators(gen=2, mac=PUMP_MAC)
    flow_id = await shelly_form(hass)
    result = await submit(
        hass, flow_id, answers(sim.address, **{CONF_POWER_ENTITY: entity_id})
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_POWER_ENTITY: "wrong_domain"}
    assert sim.requests == []
    assert hass.config_entries.async_entries(DOMAIN) == []
    # The right kind goes through.
    result = await submit(hass, flow_id, answers(sim.address))
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("refused", "cannot_connect"),
        ("wrong_password", "invalid_auth"),
        ("no_password", "invalid_auth"),
        ("bad_channel", "unsupported_device"),
        ("same_relay", "same_entity"),
    ],
)
async def test_plug_host_errors(
    hass: HomeAssistant, simulators: SimFactory, fault: str, error: str
) -> None:
    pump = await simulators(gen=2, mac=PUMP_MAC, channels=2)
    plug = await simulators(gen=1, mac=PLUG_MAC, password="plugpw")
    fields: dict[str, Any] = {
        CONF_POWER_HOST: plug.address,
        CONF_POWER_CHANNEL: 0,
        CONF_POWER_PASSWORD: "plugpw",
    }
    if fault == "refused":
        await plug.refuse_connections()
    elif fault == "wrong_password":
        fields[CONF_POWER_PASSWORD] = "wrong"
    elif fault == "no_password":
        del fields[CONF_POWER_PASSWORD]
    elif fault == "bad_channel":
        fields[CONF_POWER_CHANNEL] = 2
    else:
        fields[CONF_POWER_HOST] = pump.address
        del fields[CONF_POWER_PASSWORD]
    flow_id = await shelly_form(hass)
    result = await submit(hass, flow_id, without_plug_entity(pump.address, **fields))
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_POWER_HOST: error}


async def test_plug_on_the_pumps_other_channel(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    """One two-channel Shelly may be both: the pump on 0, the plug on 1."""
    pump = await simulators(gen=2, mac=PUMP_MAC, channels=2)
    flow_id = await shelly_form(hass)
    result = await submit(
        hass,
        flow_id,
        without_plug_entity(
            pump.address, **{CONF_POWER_HOST: pump.address, CONF_POWER_CHANNEL: 1}
        ),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_POWER_CHANNEL] == 1


async def test_already_configured(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, mac=PUMP_MAC)
    # The same device at another address: the MAC decides.
    shelly_entry(sim, title="Silvia", host="192.0.2.7").add_to_hass(hass)
    flow_id = await shelly_form(hass)
    result = await submit(hass, flow_id, answers(sim.address))
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1


# -- set-up ---------------------------------------------------------------------------


async def test_shelly_not_answering_at_setup_retries(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, mac=PUMP_MAC)
    await sim.refuse_connections()
    entry = shelly_entry(sim, title="Silvia")
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert entry.reason is not None
    assert entry.reason.startswith("The Shelly relay does not answer")
    assert hass.states.get("switch.silvia_pump") is None

    await sim.accept_connections()
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(minutes=2))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert entry_state(entry) is ConfigEntryState.LOADED


# -- reauth -----------------------------------------------------------------------------


def reauth_flows(hass: HomeAssistant, entry: MockConfigEntry) -> list[ConfigFlowResult]:
    """The reauth flows in progress for ``entry``."""
    return [
        flow
        for flow in hass.config_entries.flow.async_progress()
        if flow["context"]["source"] == config_entries.SOURCE_REAUTH
        and flow["context"].get("entry_id") == entry.entry_id
    ]


@pytest.mark.parametrize("gen", [1, 2])
async def test_reauth(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, mac=PUMP_MAC, password="old")
    entry = await loaded(hass, shelly_entry(sim, title="Silvia"))
    sim.password = "new"

    result = await entry.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert result["description_placeholders"]["host"] == sim.address

    result = await submit(hass, result["flow_id"], {CONF_PASSWORD: "wrong"})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}
    assert entry.data[CONF_PASSWORD] == "old"

    result = await submit(hass, result["flow_id"], {CONF_PASSWORD: "new"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_PASSWORD] == "new"
    # Reloaded with the new password: the pump answers again.
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.pump.available
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.silvia_pump"}, blocking=True
    )
    assert sim.output(0) is True
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": "switch.silvia_pump"}, blocking=True
    )


async def test_reauth_device_gone(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, mac=PUMP_MAC, password="old")
    entry = await loaded(hass, shelly_entry(sim, title="Silvia"))
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={
            "source": config_entries.SOURCE_REAUTH,
            "entry_id": entry.entry_id,
        },
        data=dict(entry.data),
    )
    assert result["step_id"] == "reauth_confirm"
    await sim.refuse_connections()
    result = await submit(hass, result["flow_id"], {CONF_PASSWORD: "new"})
    assert result["errors"] == {"base": "cannot_connect"}
    await sim.accept_connections()
    result = await submit(hass, result["flow_id"], {CONF_PASSWORD: "old"})
    assert result["reason"] == "reauth_successful"


@pytest.mark.parametrize("gen", [1, 2])
async def test_poll_refused_password_starts_reauth(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, mac=PUMP_MAC, password="old")
    entry = await loaded(hass, shelly_entry(sim, title="Silvia"))
    assert reauth_flows(hass, entry) == []

    sim.password = "new"  # changed in the Shelly's own app
    await entry.runtime_data.pump.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert not entry.runtime_data.pump.available
    assert state(hass, "switch.silvia_pump") == "unavailable"
    flows = reauth_flows(hass, entry)
    assert len(flows) == 1
    assert flows[0]["step_id"] == "reauth_confirm"

    result = await submit(hass, flows[0]["flow_id"], {CONF_PASSWORD: "new"})
    assert result["reason"] == "reauth_successful"
    assert entry.state is ConfigEntryState.LOADED
    assert state(hass, "switch.silvia_pump") == "off"


async def test_reauth_for_a_refused_plug_password(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    pump = await simulators(gen=2, mac=PUMP_MAC)
    plug = await simulators(gen=2, mac=PLUG_MAC, password="old")
    entry = await loaded(hass, shelly_entry(pump, plug, title="Silvia"))
    assert entry.data[CONF_POWER_PASSWORD] == "old"
    assert entry.data[CONF_PASSWORD] is None
    plug.password = "new"
    await entry.runtime_data.power.coordinator.async_refresh()
    await hass.async_block_till_done()
    flows = reauth_flows(hass, entry)
    assert len(flows) == 1
    result = await submit(hass, flows[0]["flow_id"], {CONF_PASSWORD: "new"})
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_POWER_PASSWORD] == "new"
    assert entry.data[CONF_PASSWORD] is None
    assert entry.runtime_data.power.available


# -- reconfigure ------------------------------------------------------------------------


async def test_reconfigure_to_the_devices_new_address(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    old = await simulators(gen=2, mac=PUMP_MAC, password="secret")
    entry = await loaded(hass, shelly_entry(old, title="Silvia"))
    # The router gave the Shelly another address (here: another port).
    await old.refuse_connections()
    new = await simulators(gen=2, mac=PUMP_MAC, password="secret")
    assert new.address != old.address

    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure_shelly"
    fields = {
        CONF_HOST: new.address,
        CONF_CHANNEL: 0,
        CONF_PASSWORD: "secret",
        CONF_POWER_ENTITY: PLUG,
        CONF_THREE_WAY_VALVE: True,
    }
    # The old address is dead: the form says so and keeps the entry as it was.
    result = await submit(hass, result["flow_id"], fields | {CONF_HOST: old.address})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "cannot_connect"}

    result = await submit(hass, result["flow_id"], fields)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_HOST] == new.address
    assert entry.data[CONF_PASSWORD] == "secret"
    assert entry.unique_id == PUMP_MAC
    assert entry.state is ConfigEntryState.LOADED
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": "switch.silvia_pump"}, blocking=True
    )
    assert new.output(0) is True
    assert old.output(0) is False
    await hass.services.async_call(
        "switch", "turn_off", {"entity_id": "switch.silvia_pump"}, blocking=True
    )


async def test_reconfigure_to_another_device(
    hass: HomeAssistant, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, mac=PUMP_MAC)
    other = await simulators(gen=1, mac=OTHER_MAC)
    entry = await loaded(hass, shelly_entry(sim, title="Silvia"))
    before = dict(entry.data)
    result = await entry.start_reconfigure_flow(hass)
    result = await submit(
        hass,
        result["flow_id"],
        {
            CONF_HOST: other.address,
            CONF_CHANNEL: 0,
            CONF_POWER_ENTITY: PLUG,
            CONF_THREE_WAY_VALVE: True,
        },
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_device"
    assert dict(entry.data) == before
    assert entry.unique_id == PUMP_MAC
