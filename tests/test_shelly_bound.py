"""A pump relay in Home Assistant's Shelly integration, bounded by the device itself.

What is real: the device is the Shelly simulator on 127.0.0.1 (HTTP, its
auto-off and flip-back timers enforced by the device on the test's frozen
clock); the Shelly config entry is a real ``shelly`` config entry with the
data Home Assistant's Shelly integration stores (``host``, ``port``, ``gen``,
``model``, ``password``); the pump is a real ``switch`` entity registered in
the entity registry under the ``shelly`` platform with that entry and the
integration's unique id (``<mac>-switch:0`` on Gen2+, ``<mac>-relay_0`` on
Gen1).

What is simulated: Home Assistant's Shelly integration itself is replaced by a
small mock integration of the same domain (no aioshelly, no websocket or
CoIoT). Its switch sends plain on/off over HTTP to the device, as the real
integration does, and writes the device's state whenever the device's output
changes (the simulator's ``on_change`` hook), as the real integration does on
a websocket or CoIoT push.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterator
from dataclasses import dataclass
from typing import Any

from homeassistant import config_entries
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    CONF_HOST,
    CONF_PASSWORD,
    STATE_OFF,
    STATE_ON,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_config_flow,
)

from custom_components.espresso_care import diagnostics
from custom_components.espresso_care.const import (
    AUTO_OFF_MARGIN_SECONDS,
    CONF_POWER_ENTITY,
    CONF_PUMP_ENTITY,
    CONF_SHELLY_BOUND,
    CONF_THREE_WAY_VALVE,
    DOMAIN,
)
from custom_components.espresso_care.relays.base import (
    BOUND_SHELLY_AUTO_OFF,
    BOUND_SHELLY_TIMER,
)
from custom_components.espresso_care.relays.shelly_bound import (
    ShellyBoundRelay,
    async_restore_previous,
    channel_from_unique_id,
    shelly_target,
)
from custom_components.espresso_care.shelly.client import (
    ShellyClient,
    ShellyConnectionError,
    ShellyDeviceError,
    ShellyUnsupportedError,
    SwitchConfig,
)
from custom_components.espresso_care.signals.shelly_input import ShellyInput
from simulator.shelly import ShellySimulator

from .conftest import PLUG, Relays
from .helpers import placeholders_of, state, state_of
from .shelly_fixtures import Clock, SimFactory, configure, make_client
from .shelly_integration_mock import (
    BOTH,
    MAC,
    PUMP,
    MockShellyFlow,
    add_shelly_device,
    bounded,
    entities_flow,
    machine_with_bound,
    reconfigure_flow,
    shelly_pump,
    unload,
)

OUR_PUMP = "switch.espresso_machine_pump"
STATE = "sensor.espresso_machine_backflush_state"
SMALL_PROGRAM = {
    "cycles": 1,
    "pump_on_seconds": 1,
    "pump_off_seconds": 1,
    "rinse_cycles": 0,
    "flushes": 0,
}


@pytest.fixture(autouse=True)
def shelly_flow_handler() -> Iterator[None]:
    """Register the mock Shelly integration's flow for the test."""
    with mock_config_flow("shelly", MockShellyFlow):
        yield


@dataclass
class Bound:
    """A Shelly pump (``MAC``, gen 2, no password) and a machine bound to it."""

    sim: ShellySimulator
    entry: ConfigEntry


@pytest.fixture
async def bound(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> AsyncGenerator[Bound]:
    """The machine added through the flow with both bounds; unloaded at the end."""
    sim = await shelly_pump(hass, simulators)
    entry = await machine_with_bound(hass, clock)
    yield Bound(sim, entry)
    await unload(hass, clock, entry)


# -- tests --------------------------------------------------------------------------


def test_channel_from_the_shelly_integrations_unique_ids() -> None:
    assert channel_from_unique_id("C45BBE5F6B21-relay_1") == 1
    assert channel_from_unique_id("c45bbe5f6b21-switch:2") == 2
    assert channel_from_unique_id("C45BBE5F6B21-switch:0-power") is None
    assert channel_from_unique_id("C45BBE5F6B21-light_0") is None
    assert channel_from_unique_id("switch:0") is None


@pytest.mark.parametrize("gen", [1, 2])
async def test_a_shelly_pump_is_detected_and_bounded(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, mac=MAC, metered=False)
    shelly = await add_shelly_device(hass, sim)
    target = shelly_target(hass, PUMP)
    assert target is not None
    assert (target.host, target.channel, target.generation) == (sim.address, 0, gen)
    assert target.shelly_entry_id == shelly.entry_id
    assert shelly_target(hass, PLUG) is None

    result = await entities_flow(hass, clock)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "shelly_bound"
    assert result["description_placeholders"] == {
        "device": "Pump Shelly",
        "channel": "0",
        "seconds": "60",
    }
    assert sim.config(0)["auto_off"] is False  # nothing changes before the choice
    result = await configure(hass, clock, result["flow_id"], BOTH)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    bound = result["data"][CONF_SHELLY_BOUND]
    assert bound["previous"] == {
        "auto_off": False,
        "auto_off_delay": 0.0 if gen == 1 else 60.0,
    }
    assert (bound["device_auto_off"], bound["pulse_timer"]) == (True, True)
    assert CONF_HOST not in result["data"]  # the user typed no address
    entry: ConfigEntry = result["result"]
    # Set up: the device's own auto-off is in force, read back from the device.
    assert sim.config(0)["auto_off"] is True
    assert sim.config(0)["auto_off_delay"] == 60
    assert isinstance(entry.runtime_data.pump, ShellyBoundRelay)
    assert state(hass, bounded(hass, entry)) == STATE_ON
    assert (
        state_of(hass, bounded(hass, entry)).attributes["bound"]
        == BOUND_SHELLY_AUTO_OFF
    )
    assert state_of(hass, bounded(hass, entry)).attributes["seconds"] == 60
    await unload(hass, clock, entry)


@pytest.mark.parametrize("gen", [1, 2])
async def test_the_device_switches_off_alone_with_home_assistant_frozen(
    hass: HomeAssistant,
    clock: Clock,
    relays: Relays,
    simulators: SimFactory,
    monkeypatch: pytest.MonkeyPatch,
    gen: int,
) -> None:
    """Whoever switches the pump on, the device ends it; Home Assistant does nothing."""
    sim = await shelly_pump(hass, simulators, gen=gen)
    entry = await machine_with_bound(hass, clock)
    hass.config_entries.async_update_entry(entry, options={"max_pump_seconds": 5})
    await clock.settle()
    assert sim.config(0)["auto_off_delay"] == 5  # the device follows the option

    # Home Assistant "freezes": nothing it does switches the pump off any more.
    pump = entry.runtime_data.pump

    async def stuck() -> float:
        raise AssertionError("Home Assistant is frozen")

    monkeypatch.setattr(pump, "async_turn_off", stuck)
    monkeypatch.setattr(entry.runtime_data, "_async_watchdog_fired", lambda now: None)

    # On at the Shelly's own button: the device's auto-off ends it.
    sim.clear_records()
    sim.press(0, True)
    start = clock.now()
    await clock.advance(4.9)
    assert sim.output(0) is True
    await clock.advance(0.2)
    assert sim.output(0) is False
    assert sim.timeline[-1].source == "timer"
    assert sim.timeline[-1].at - start == pytest.approx(5.0, abs=1e-3)
    assert state(hass, PUMP) == STATE_OFF  # pushed to the entity

    # On through this integration: the on carries the flip-back timer too.
    await hass.services.async_call(
        "switch", "turn_on", {ATTR_ENTITY_ID: OUR_PUMP}, blocking=True
    )
    await clock.settle()
    assert sim.output(0) is True
    assert sim.commands[-1].timer == 5  # the watchdog time
    await clock.advance(5.1)
    assert sim.output(0) is False
    assert sim.timeline[-1].source == "timer"
    await unload(hass, clock, entry)


async def test_program_pulses_carry_the_flip_back_timer(
    hass: HomeAssistant, clock: Clock, bound: Bound
) -> None:
    sim, entry = bound.sim, bound.entry
    sim.clear_records()
    await hass.services.async_call(
        DOMAIN, "run_backflush", SMALL_PROGRAM, blocking=True
    )
    await clock.settle()
    assert sim.output(0) is True
    ons = [c for c in sim.commands if c.on]
    assert [c.timer for c in ons] == [1 + AUTO_OFF_MARGIN_SECONDS]
    await clock.advance(1.1)
    assert sim.output(0) is False
    assert sim.timeline[-1].source == "http"  # the runner's off, in time
    assert entry.runtime_data.pump.device_bound.bound == BOUND_SHELLY_AUTO_OFF
    await clock.advance(10)
    assert state(hass, STATE) in ("awaiting_flush", "completed")


async def test_the_pulse_timer_alone(
    hass: HomeAssistant,
    clock: Clock,
    relays: Relays,
    simulators: SimFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the auto-off the device is untouched; each on still has its timer."""
    sim = await shelly_pump(hass, simulators)
    entry = await machine_with_bound(
        hass, clock, {"device_auto_off": False, "pulse_timer": True}
    )
    assert sim.config(0)["auto_off"] is False
    assert state(hass, bounded(hass, entry)) == STATE_ON
    assert (
        state_of(hass, bounded(hass, entry)).attributes["bound"] == BOUND_SHELLY_TIMER
    )
    await hass.services.async_call(
        "switch", "turn_on", {ATTR_ENTITY_ID: OUR_PUMP}, blocking=True
    )
    await clock.settle()
    assert sim.commands[-1].timer == 60
    # Already on: another on re-arms the device timer.
    await entry.runtime_data.pump.async_turn_on(30)
    await clock.settle()
    assert sim.commands[-1].timer == 30
    # The device out of direct reach (the entity still works): a plain on.
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: OUR_PUMP}, blocking=True
    )
    await clock.settle()

    async def unreachable(*args: Any, **kwargs: Any) -> None:
        raise ShellyConnectionError("no route")

    monkeypatch.setattr(entry.runtime_data.pump._client, "set_switch", unreachable)
    await entry.runtime_data.pump.async_turn_on(10)
    await clock.settle()
    assert sim.output(0) is True
    last = sim.commands[-1]  # a new command: the asserts above were on others
    assert last.timer is None
    diag = entry.runtime_data.pump.diagnostics()
    assert "no route" in diag["last_error"]
    monkeypatch.undo()
    await hass.services.async_call(
        "switch", "turn_off", {ATTR_ENTITY_ID: OUR_PUMP}, blocking=True
    )
    await clock.settle()
    await unload(hass, clock, entry)


@pytest.mark.parametrize("gen", [1, 2])
async def test_removal_restores_the_devices_settings(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, mac=MAC, metered=False)
    sim.configure(0, auto_off=True, auto_off_delay=300)  # the owner's own setting
    await add_shelly_device(hass, sim)
    entry = await machine_with_bound(hass, clock)
    assert sim.config(0) | {"in_mode": None} == {
        "auto_off": True,
        "auto_off_delay": 60,
        "in_mode": None,
    }
    # Unload and reload keep the bound: only removal gives the settings back.
    await hass.config_entries.async_reload(entry.entry_id)
    await clock.settle()
    assert sim.config(0)["auto_off_delay"] == 60
    assert await hass.config_entries.async_remove(entry.entry_id)
    await clock.settle()
    assert sim.config(0)["auto_off"] is True
    assert sim.config(0)["auto_off_delay"] == 300


async def test_opting_out_leaves_the_device_alone(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    sim = await shelly_pump(hass, simulators)
    result = await entities_flow(hass, clock)
    result = await configure(
        hass,
        clock,
        result["flow_id"],
        {"device_auto_off": False, "pulse_timer": False},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert CONF_SHELLY_BOUND not in result["data"]
    entry: ConfigEntry = result["result"]
    assert not isinstance(entry.runtime_data.pump, ShellyBoundRelay)
    assert sim.config(0)["auto_off"] is False
    assert state(hass, bounded(hass, entry)) == STATE_OFF
    await unload(hass, clock, entry)


async def test_password_form_then_reauth(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    """The Shelly entry has no password (the device got one later): a form asks."""
    sim = await simulators(gen=2, mac=MAC, metered=False, password="first")
    await add_shelly_device(hass, sim, password=None)
    result = await entities_flow(hass, clock)
    assert result["step_id"] == "shelly_bound_auth"
    assert result["description_placeholders"] == {"device": "Pump Shelly"}
    result = await configure(hass, clock, result["flow_id"], {CONF_PASSWORD: "wrong"})
    assert result["errors"] == {"base": "invalid_auth"}
    result = await configure(hass, clock, result["flow_id"], {CONF_PASSWORD: "first"})
    assert result["step_id"] == "shelly_bound"
    result = await configure(hass, clock, result["flow_id"], BOTH)
    entry: ConfigEntry = result["result"]
    assert entry.data[CONF_SHELLY_BOUND]["password"] == "first"
    assert sim.config(0)["auto_off"] is True

    # The password changes on the device: the next start asks again.
    sim.password = "second"
    sim.configure(0, auto_off=False)
    await hass.config_entries.async_reload(entry.entry_id)
    await clock.settle()
    assert entry.state is ConfigEntryState.LOADED  # the entity still runs the pump
    assert state(hass, bounded(hass, entry)) == "unknown"  # wanted, not confirmed
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["context"]["source"] for f in flows] == ["reauth"]
    assert flows[0]["step_id"] == "reauth_shelly_bound"
    flow_id = flows[0]["flow_id"]
    result = await configure(hass, clock, flow_id, {CONF_PASSWORD: "first"})
    assert result["errors"] == {"base": "invalid_auth"}
    result = await configure(hass, clock, flow_id, {CONF_PASSWORD: "second"})
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_SHELLY_BOUND]["password"] == "second"
    assert sim.config(0)["auto_off"] is True
    assert state(hass, bounded(hass, entry)) == STATE_ON
    await unload(hass, clock, entry)


async def test_the_shelly_entrys_password_is_used(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    sim = await shelly_pump(hass, simulators, password="pw", port_in_host=True)
    entry = await machine_with_bound(hass, clock)
    assert entry.data[CONF_SHELLY_BOUND]["password"] is None  # not copied
    assert sim.config(0)["auto_off"] is True
    await unload(hass, clock, entry)


async def test_a_device_offline_at_start_gets_its_bound_when_back(
    hass: HomeAssistant, clock: Clock, bound: Bound
) -> None:
    sim, entry = bound.sim, bound.entry
    sim.configure(0, auto_off=False)
    await sim.refuse_connections()
    await hass.config_entries.async_reload(entry.entry_id)
    await clock.settle()
    assert state(hass, bounded(hass, entry)) == "unknown"
    assert entry.runtime_data.pump.diagnostics()["last_error"]
    await sim.accept_connections()
    sim.press(0, True)  # the device reports again
    await clock.settle()
    assert sim.config(0)["auto_off"] is True
    assert entry.runtime_data.pump.device_bound.confirmed is True


async def test_reconfigure_to_another_pump_restores_the_shelly(
    hass: HomeAssistant, clock: Clock, bound: Bound
) -> None:
    sim, entry = bound.sim, bound.entry
    assert sim.config(0)["auto_off"] is True
    # Same pump again: the bound step, with the choices made before.
    result = await reconfigure_flow(hass, entry)
    result = await configure(
        hass,
        clock,
        result["flow_id"],
        {CONF_POWER_ENTITY: PLUG, CONF_PUMP_ENTITY: PUMP, CONF_THREE_WAY_VALVE: True},
    )
    assert result["step_id"] == "shelly_bound"
    result = await configure(hass, clock, result["flow_id"], BOTH)
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_SHELLY_BOUND]["previous"]["auto_off"] is False
    # Another pump relay: the Shelly gets its own settings back.
    result = await reconfigure_flow(hass, entry)
    result = await configure(
        hass,
        clock,
        result["flow_id"],
        {
            CONF_POWER_ENTITY: PUMP,
            CONF_PUMP_ENTITY: "switch.pump",
            CONF_THREE_WAY_VALVE: True,
        },
    )
    assert result["reason"] == "reconfigure_successful"
    assert CONF_SHELLY_BOUND not in entry.data
    assert sim.config(0)["auto_off"] is False


async def test_diagnostics_show_the_bound_with_the_host_redacted(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    await shelly_pump(hass, simulators, password="pw")
    entry = await machine_with_bound(hass, clock)
    result = await diagnostics.async_get_config_entry_diagnostics(hass, entry)
    assert result["relays"]["pump_bound"] == {
        "bound": BOUND_SHELLY_AUTO_OFF,
        "seconds": 60,
        "confirmed": True,
    }
    pump = result["relays"]["pump"]
    assert pump["type"] == "shelly_entity"
    assert pump["host"] == "**REDACTED**"
    assert (pump["auto_off_in_force"], pump["pulse_timer"]) == (60, True)
    dump = str(result)
    assert "127.0.0.1" not in dump
    assert "'pw'" not in dump
    await unload(hass, clock, entry)


async def test_what_is_not_a_shelly_relay(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, mac=MAC, metered=False)
    shelly = await add_shelly_device(hass, sim)
    registry = er.async_get(hass)
    assert shelly_target(hass, None) is None
    assert shelly_target(hass, "switch.nowhere") is None
    # A Shelly switch that is no relay channel (a script, say).
    registry.async_get_or_create(
        "switch",
        "shelly",
        f"{MAC}-script:1",
        config_entry=shelly,
        suggested_object_id="script",
    )
    assert shelly_target(hass, "switch.script") is None
    # A Shelly entry without a host (a sleeping device, a broken entry).
    hostless = MockConfigEntry(domain="shelly", title="Odd", data={"gen": 2})
    hostless.add_to_hass(hass)
    registry.async_get_or_create(
        "switch",
        "shelly",
        "AABBCCDDEEFF-switch:0",
        config_entry=hostless,
        suggested_object_id="odd",
    )
    assert shelly_target(hass, "switch.odd") is None


async def test_flow_with_the_device_offline_then_back(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    sim = await shelly_pump(hass, simulators)
    await sim.refuse_connections()
    result = await entities_flow(hass, clock)
    assert result["step_id"] == "shelly_bound"
    assert result["errors"] == {"base": "cannot_connect"}
    result = await configure(hass, clock, result["flow_id"], BOTH)
    assert result["errors"] == {"base": "cannot_connect"}  # nothing stored blind
    await sim.accept_connections()
    result = await configure(hass, clock, result["flow_id"], BOTH)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await unload(hass, clock, result["result"])


async def test_removal_with_the_device_gone_says_so(
    hass: HomeAssistant, clock: Clock, bound: Bound, caplog: pytest.LogCaptureFixture
) -> None:
    sim, entry = bound.sim, bound.entry
    await unload(hass, clock, entry)
    await sim.refuse_connections()
    assert await hass.config_entries.async_remove(entry.entry_id)
    await clock.settle()
    assert "Could not restore the auto-off settings" in caplog.text
    assert await async_restore_previous(hass, {"device_auto_off": False}) is True


async def test_a_device_that_does_not_keep_its_auto_off(
    hass: HomeAssistant,
    clock: Clock,
    relays: Relays,
    simulators: SimFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await shelly_pump(hass, simulators)
    real = ShellyClient.get_switch_config

    async def forgetful(self: ShellyClient, channel: int) -> SwitchConfig:
        config = await real(self, channel)
        return SwitchConfig(False, 0.0, config.in_mode)

    monkeypatch.setattr(ShellyClient, "get_switch_config", forgetful)
    entry = await machine_with_bound(hass, clock)
    assert state(hass, bounded(hass, entry)) == "unknown"
    assert "did not keep" in entry.runtime_data.pump.diagnostics()["last_error"]
    await unload(hass, clock, entry)


async def test_ons_when_the_device_refuses_the_password(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    """An on still reaches the pump through the entity; a reauth asks for the password."""
    sim = await shelly_pump(hass, simulators, password="pw")
    entry = await machine_with_bound(
        hass, clock, {"device_auto_off": False, "pulse_timer": True}
    )
    pump = entry.runtime_data.pump
    # The password changed; Home Assistant's Shelly entry has the new one, we not.
    pump._client = make_client(hass, sim, password="stale")
    await pump.async_turn_on(5)
    await clock.settle()
    assert sim.output(0) is True  # through the entity, without a device timer
    assert sim.commands[-1].timer is None
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [f["step_id"] for f in flows] == ["reauth_shelly_bound"]
    await pump.async_turn_off()
    await clock.settle()
    # A plain on (no timer asked) goes through the entity.
    await pump.async_turn_on()
    await clock.settle()
    assert sim.output(0) is True
    assert sim.commands[-1].timer is None
    # Already on, and the device out of reach: the on is a no-op, no error.
    await sim.refuse_connections()
    assert await pump.async_turn_on(5) > 0
    await sim.accept_connections()
    await pump.async_turn_off()
    await clock.settle()
    await unload(hass, clock, entry)


async def test_reauth_with_the_device_offline(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    sim = await shelly_pump(hass, simulators, password="pw")
    entry = await machine_with_bound(hass, clock)
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": config_entries.SOURCE_REAUTH, "entry_id": entry.entry_id},
        data=dict(entry.data),
    )
    assert result["step_id"] == "reauth_shelly_bound"
    assert placeholders_of(result)["entity"] == PUMP
    await sim.refuse_connections()
    result = await configure(hass, clock, result["flow_id"], {CONF_PASSWORD: "pw"})
    assert result["errors"] == {"base": "cannot_connect"}
    await sim.accept_connections()
    await unload(hass, clock, entry)


# -- the simulator's settings, as the firmware takes them -------------------------------


async def test_simulator_refuses_bad_settings_and_changes_nothing(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, metered=True, inputs=1)  # a Plus 1PM
    client = make_client(hass, sim)
    for config in (
        {"auto_off": "yes"},
        {"auto_off": True, "auto_off_delay": -1},
        {"auto_off": True, "in_mode": "sideways"},
    ):
        with pytest.raises(ShellyDeviceError):
            await client.rpc("Switch.SetConfig", {"id": 0, "config": config})
    with pytest.raises(ShellyDeviceError):
        await client.rpc("Switch.SetConfig", {"id": 0})
    assert sim.config(0) == {
        "auto_off": False,
        "auto_off_delay": 60.0,
        "in_mode": "follow",
    }
    switch_config = await client.rpc("Switch.GetConfig", {"id": 0})
    assert switch_config["power_limit"] > 0  # a metering switch has limits too
    assert (await client.rpc("Input.GetConfig", {"id": 0}))["type"] == "switch"
    with pytest.raises(ValueError, match="auto_off_delay"):
        sim.configure(0, auto_off_delay=0)
    with pytest.raises(ValueError, match="delay"):
        await client.set_auto_off(0, True, float("nan"))


async def test_simulator_gen1_relay_settings(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=1, metered=False, password="pw")
    client = make_client(hass, sim, password="pw")
    for query in ({"auto_off": "soon"}, {"auto_off": "-3"}, {"btn_type": "sideways"}):
        with pytest.raises(ShellyDeviceError):
            await client._gen1_get("/settings/relay/0", query)
    with pytest.raises(ShellyUnsupportedError):
        await client.get_switch_config(3)
    await client._gen1_get("/settings/relay/0", {"btn_type": "detached"})
    await client.set_auto_off(0, True, 2.5)
    assert sim.config(0) == {
        "auto_off": True,
        "auto_off_delay": 2.5,
        "in_mode": "detached",
    }
    # Auto-off by the device, whoever switched on: an HTTP on without a timer.
    await client.set_switch(0, True)
    assert sim.timer(0) == 2.5
    await client.set_auto_off(0, False, 0)
    assert sim.config(0)["auto_off"] is False
    # The input is detached: it moves nothing.
    sim.set_input(0, True)
    assert (await client.get_switch(0)).output is True
    sim.set_input(0, False)
    assert (await client.get_switch(0)).output is True


async def test_shelly_input_with_a_refused_password_is_unavailable(
    hass: HomeAssistant, clock: Clock, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, metered=False, password="pw")
    source = ShellyInput(hass, make_client(hass, sim, password="wrong"), 0, None)
    await source.async_start()
    assert source.available is False
    await source.async_stop()
