"""A Shelly as the machine's shot signals: its meter's readings and its input on the brew switch.

The devices are the simulator on 127.0.0.1 (real HTTP); time is frozen and
moved by ``Clock``, which waits for requests on the wire (see
``shelly_fixtures``). The flows run on the same clock.
"""

from __future__ import annotations

import itertools
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PASSWORD, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import (
    CONF_BREW_INPUT,
    CONF_BREW_SENSOR,
    CONF_CHANNEL,
    CONF_POWER_CHANNEL,
    CONF_POWER_ENTITY,
    CONF_POWER_HOST,
    CONF_POWER_METERED,
    CONF_POWER_SENSOR,
    CONF_THREE_WAY_VALVE,
    DOMAIN,
)
from custom_components.espresso_care.relays.base import RelayUpdate
from custom_components.espresso_care.relays.entity import EntityRelay
from custom_components.espresso_care.relays.shelly import (
    FAST_POLL_INTERVAL,
    METER_POLL_INTERVAL,
    SLOW_POLL_INTERVAL,
    ShellyPowerMeter,
    ShellyRelay,
    shelly_power_meter,
)
from custom_components.espresso_care.shelly.client import (
    ShellyAuthError,
    ShellyClient,
    ShellyConnectionError,
    ShellyUnsupportedError,
    SwitchConfig,
)
from custom_components.espresso_care.signals.base import BinarySource, PowerMeter
from custom_components.espresso_care.signals.power.readings import Reading
from custom_components.espresso_care.signals.shelly_input import (
    INPUT_POLL_INTERVAL,
    ShellyInput,
    check_brew_input,
    shelly_brew_source,
)
from simulator.shelly import ShellySimulator

from .conftest import BREW, PLUG, POWER, WATTS, Relays
from .helpers import state, state_of
from .shelly_fixtures import (
    PLUG_MAC,
    PUMP_MAC,
    PUMP_PASSWORD,
    Clock,
    EntryFactory,
    RelayFactory,
    SimFactory,
    call,
    configure,
    make_client,
    shelly_entry,
    shelly_form,
)

SHOTS = "sensor.espresso_machine_shots"
POWER_SENSOR = "sensor.espresso_machine_power"


def readings_of(relay: ShellyRelay | PowerMeter) -> list[Reading]:
    """Collect a relay's or meter's readings."""
    readings: list[Reading] = []
    relay.async_add_reading_listener(readings.append)
    return readings


def now_ts() -> float:
    """The frozen wall clock as POSIX seconds."""
    return dt_util.utcnow().timestamp()


# -- the plug's meter: a reading on every poll --------------------------------------


@pytest.mark.parametrize(("gen", "volts"), [(1, None), (2, 230.0)])
async def test_every_poll_is_a_reading_repeats_included(
    hass: HomeAssistant,
    clock: Clock,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
    gen: int,
    volts: float | None,
) -> None:
    sim = await simulators(gen=gen, power=1375.0)
    sim.press(0, True)
    relay = await shelly_relays(
        sim,
        start=False,
        default_auto_off=None,
        fast_while_on=False,
        metering_interval=METER_POLL_INTERVAL,
    )
    readings = readings_of(relay)
    await relay.async_start()
    started = now_ts()
    assert relay.metered is True
    # A metering plug is polled every second, idle or not.
    assert relay.coordinator.update_interval == METER_POLL_INTERVAL
    # Polls come at a fixed fraction (up to 0.5 s) past each second.
    await clock.advance(3.5)
    assert [r.watts for r in readings] == [1375.0] * 4  # the same value, each time
    assert [r.volts for r in readings] == [volts] * 4
    # Each is dated by its own poll's reply, a second apart, on the wall clock.
    assert readings[0].at == pytest.approx(started, abs=1e-3)
    gaps = [b.at - a.at for a, b in itertools.pairwise(readings[1:])]
    assert gaps == pytest.approx([1.0, 1.0], abs=1e-3)
    assert relay.last_reading == readings[-1]


async def test_a_failed_poll_is_a_reading_without_watts(
    hass: HomeAssistant,
    clock: Clock,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
) -> None:
    sim = await simulators(gen=2, power=900.0)
    sim.press(0, True)
    relay = await shelly_relays(
        sim, default_auto_off=None, metering_interval=METER_POLL_INTERVAL
    )
    meter = ShellyPowerMeter(relay)
    readings = readings_of(meter)
    await sim.refuse_connections()
    await clock.advance(1.5)  # the first poll comes 1.05 to 1.5 s after the start
    assert [r.watts for r in readings] == [None]
    assert meter.watts is None
    # Still metering: the plug keeps its one-second polls through the outage.
    assert relay.coordinator.update_interval == METER_POLL_INTERVAL
    await sim.accept_connections()
    await clock.advance(1)
    assert [r.watts for r in readings] == [None, 900.0]
    assert meter.watts == 900.0


async def test_the_power_source_drives_the_readings(
    hass: HomeAssistant,
    clock: Clock,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
) -> None:
    """The simulator meters whatever its source says at the poll's moment."""
    sim = await simulators(gen=2)
    sim.press(0, True)
    t0 = clock.now()
    sim.set_power_source(
        0,
        lambda t: 1000.0 + 50.0 * (t - t0 >= 2.0),
        voltage=lambda t: 228.0 + (t - t0),
    )
    relay = await shelly_relays(
        sim, default_auto_off=None, metering_interval=METER_POLL_INTERVAL
    )
    readings = readings_of(relay)
    await clock.advance(3)
    watts = [r.watts for r in readings]
    assert watts[0] == 1000.0
    assert watts[-1] == 1050.0
    assert all(r.volts is not None and 228 < r.volts < 232 for r in readings)
    # Switched off, the plug meters nothing whatever the machine would draw.
    sim.press(0, False)
    await clock.advance(1)
    assert readings[-1].watts == 0.0
    status = await make_client(hass, sim).get_switch(0)
    assert status.energy is not None
    assert status.energy > 0


async def test_a_plain_relay_is_no_meter(
    hass: HomeAssistant,
    clock: Clock,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
) -> None:
    sim = await simulators(gen=1, metered=False)
    sim.press(0, True)
    relay = await shelly_relays(
        sim,
        default_auto_off=None,
        fast_while_on=False,
        metering_interval=METER_POLL_INTERVAL,
    )
    readings = readings_of(relay)
    assert relay.metered is False
    # A plug without a meter needs no fast polls.
    assert relay.coordinator.update_interval == SLOW_POLL_INTERVAL
    await clock.advance(10)
    assert readings == []
    assert shelly_power_meter(relay) is None
    assert shelly_power_meter(EntityRelay(hass, PLUG)) is None


async def test_the_meter_never_starts_or_stops_the_relay(
    hass: HomeAssistant,
    clock: Clock,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
) -> None:
    sim = await simulators(gen=2, power=1200.0)
    sim.press(0, True)
    relay = await shelly_relays(
        sim, start=False, default_auto_off=None, metering_interval=METER_POLL_INTERVAL
    )
    meter = shelly_power_meter(relay)  # not heard from yet: may be a meter
    assert isinstance(meter, ShellyPowerMeter)
    protocol: PowerMeter = meter
    await protocol.async_start()
    assert sim.requests == []  # the meter does not start the relay
    await relay.async_start()
    requests = len(sim.requests)
    await protocol.async_stop()
    await clock.advance(2.5)
    assert len(sim.requests) == requests + 2  # the relay polls on for the machine
    assert protocol.diagnostics() == {
        "type": "shelly",
        "channel": 0,
        "metered": True,
        "watts": 1200.0,
        "volts": 230.0,
        "at": relay.last_reading.at if relay.last_reading else None,
    }
    await relay.async_stop()
    readings = readings_of(relay)
    await clock.advance(5)
    assert readings == []  # a stopped relay reads nothing


# -- the brew switch on a Shelly input -------------------------------------------------


def updates_of(source: BinarySource) -> list[RelayUpdate]:
    """Collect a source's updates."""
    updates: list[RelayUpdate] = []
    source.async_add_listener(updates.append)
    return updates


@pytest.mark.parametrize("gen", [1, 2])
async def test_shelly_input_reports_changes_and_outages(
    hass: HomeAssistant, clock: Clock, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, metered=False, password="pw")
    sim.configure(0, in_mode="detached")
    sim.set_input(0, True)
    source: BinarySource = ShellyInput(
        hass, make_client(hass, sim, password="pw"), 0, None
    )
    updates = updates_of(source)
    await source.async_start()
    assert (source.available, source.is_on) == (True, True)
    assert updates == []  # the first state is a baseline
    assert sim.output(0) is False  # detached: the input leaves the relay alone

    await clock.advance(1)
    assert updates == []  # polled, unchanged: nothing to tell
    sim.set_input(0, False)
    changed = clock.now()
    await clock.advance(INPUT_POLL_INTERVAL.total_seconds())
    assert [u.is_on for u in updates] == [False]
    seen = (updates[0].changed_at - dt_util.utcnow()).total_seconds()
    assert -1.0 <= seen <= 0  # dated at the poll that saw it, within the interval
    assert clock.now() - changed <= 1.0

    await sim.refuse_connections()
    await clock.advance(1)
    assert [u.is_on for u in updates] == [False, None]
    assert (source.available, source.is_on) == (False, None)
    diagnostics = source.diagnostics()
    assert diagnostics["last_poll_error"]
    assert (diagnostics["type"], diagnostics["input"]) == ("shelly_input", 0)
    sim.set_input(0, True)
    await sim.accept_connections()
    await clock.advance(1)
    assert [u.is_on for u in updates] == [False, None, True]
    assert source.diagnostics()["last_poll_error"] is None
    await source.async_stop()
    requests = len(sim.requests)
    await clock.advance(5)
    assert len(sim.requests) == requests


async def test_shelly_input_that_does_not_exist_is_unavailable(
    hass: HomeAssistant, clock: Clock, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, metered=False)
    source = ShellyInput(hass, make_client(hass, sim), 3, None)
    await source.async_start()
    assert (source.available, source.is_on) == (False, None)
    await source.async_stop()


@pytest.mark.parametrize("gen", [1, 2])
async def test_client_reads_inputs_and_relay_settings(
    hass: HomeAssistant, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, metered=False, channels=1, inputs=2)
    client = make_client(hass, sim)
    assert await client.get_input(0) is False
    sim.set_input(1, True)
    assert await client.get_input(1) is True
    with pytest.raises(ShellyUnsupportedError):
        await client.get_input(2)
    default_mode = "toggle" if gen == 1 else "follow"
    assert await client.get_switch_config(0) == SwitchConfig(
        auto_off=False, auto_off_delay=0.0 if gen == 1 else 60.0, in_mode=default_mode
    )
    # Not detached: the input is refused as a brew sensor; detached, accepted.
    assert await check_brew_input(client, 0) == "input_not_detached"
    assert await check_brew_input(client, 5) == "input_not_found"
    assert await check_brew_input(client, 1) is None  # no relay 1 to drive
    sim.configure(0, in_mode="detached")
    assert (await client.get_switch_config(0)).detached is True
    assert await check_brew_input(client, 0) is None


async def test_client_refuses_an_input_that_is_not_on_off(
    hass: HomeAssistant, canned_server: Any
) -> None:
    host = await canned_server(
        {
            "/shelly": (200, {"gen": 2, "mac": PUMP_MAC, "model": "SNSN-0D24X"}),
            "/rpc": (200, {"id": 1, "src": "x", "result": {"id": 0, "percent": 42}}),
        }
    )
    with pytest.raises(ShellyUnsupportedError):
        await make_client(hass, host).get_input(0)
    gen1 = await canned_server(
        {
            "/shelly": (200, {"type": "SHSW-1", "mac": PUMP_MAC}),
            "/status": (200, {"relays": [{"ison": False}], "inputs": [{"input": 7}]}),
        }
    )
    with pytest.raises(ShellyUnsupportedError):
        await make_client(hass, gen1).get_input(0)


# -- the simulator's inputs act on the relay as configured ------------------------------


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("follow", [True, False]),  # the output is the input
        ("flip", [False, True]),  # every change toggles
        ("momentary", [False, False]),  # each closing toggles
        ("detached", [True, True]),  # nothing
    ],
)
async def test_simulator_input_modes(
    simulators: SimFactory, mode: str, expected: list[bool]
) -> None:
    sim = await simulators(gen=2, metered=False)
    sim.configure(0, in_mode=mode)
    sim.press(0, True)
    seen = []
    for closed in (True, False):
        sim.set_input(0, closed)
        assert sim.input(0) is closed
        seen.append(sim.output(0))
    assert seen == expected
    sources = {change.source for change in sim.timeline[1:]}
    assert sources == (set() if mode in ("detached",) else {"input"}) or (
        mode == "momentary" and sources == {"input"}
    )
    with pytest.raises(ValueError, match="input mode"):
        sim.configure(0, in_mode="sideways")


# -- the flow's brew input field --------------------------------------------------------


def answers(sim: ShellySimulator, **fields: Any) -> dict[str, Any]:
    """The shelly form for ``sim``, with the plug entity."""
    data = {
        "name": "Espresso machine",
        CONF_HOST: sim.address,
        CONF_CHANNEL: 0,
        CONF_PASSWORD: sim.password,
        CONF_POWER_ENTITY: PLUG,
        CONF_THREE_WAY_VALVE: True,
    } | fields
    return {key: value for key, value in data.items() if value is not None}


def reconfigure_answers(sim: ShellySimulator) -> dict[str, Any]:
    """The reconfigure_shelly form for ``sim`` as it is (no name field)."""
    return {key: value for key, value in answers(sim).items() if key != "name"}


async def unload_all(hass: HomeAssistant, clock: Clock) -> None:
    """Unload the machines while their devices still answer."""
    for entry in hass.config_entries.async_entries(DOMAIN):
        if entry.state is ConfigEntryState.LOADED:
            await hass.config_entries.async_unload(entry.entry_id)
    await clock.settle()


@pytest.mark.parametrize("gen", [1, 2])
async def test_flow_brew_input_errors_then_success(
    hass: HomeAssistant,
    clock: Clock,
    relays: Relays,
    simulators: SimFactory,
    gen: int,
) -> None:
    sim = await simulators(gen=gen, mac=PUMP_MAC, metered=False, password="pw")
    flow_id = await shelly_form(hass)
    for value, error in ((1, "input_not_found"), (0.5, "input_not_found")):
        result = await configure(hass, clock, flow_id, answers(sim, brew_input=value))
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {CONF_BREW_INPUT: error}
    # Input 0 still switches the relay across the brew switch: refused.
    result = await configure(hass, clock, flow_id, answers(sim, brew_input=0))
    assert result["errors"] == {CONF_BREW_INPUT: "input_not_detached"}
    assert hass.config_entries.async_entries(DOMAIN) == []
    sim.configure(0, in_mode="detached")
    result = await configure(hass, clock, flow_id, answers(sim, brew_input=0))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_BREW_INPUT] == 0
    entry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, SHOTS).attributes["signal"] == "brew_sensor"
    # The input shares the pump's client: one device, one digest handshake.
    machine = entry.runtime_data
    assert isinstance(machine.brew_sensor, ShellyInput)
    assert isinstance(machine.pump, ShellyRelay)
    assert machine.brew_sensor._client is machine.pump.client
    await unload_all(hass, clock)


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (ShellyConnectionError("gone"), "cannot_connect"),
        (ShellyAuthError("refused"), "invalid_auth"),
    ],
)
async def test_flow_brew_input_device_errors(
    hass: HomeAssistant,
    clock: Clock,
    relays: Relays,
    simulators: SimFactory,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    error: str,
) -> None:
    """The relay answers, then reading the input fails: the field says why."""
    sim = await simulators(gen=2, mac=PUMP_MAC, metered=False)
    sim.configure(0, in_mode="detached")
    flow_id = await shelly_form(hass)

    async def fail(self: ShellyClient, input_id: int) -> bool:
        raise failure

    with monkeypatch.context() as patch:
        patch.setattr(ShellyClient, "get_input", fail)
        result = await configure(hass, clock, flow_id, answers(sim, brew_input=0))
    assert result["errors"] == {CONF_BREW_INPUT: error}
    result = await configure(hass, clock, flow_id, answers(sim, brew_input=0))
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await unload_all(hass, clock)


async def test_reconfigure_adds_and_removes_the_brew_input(
    hass: HomeAssistant,
    clock: Clock,
    relays: Relays,
    simulators: SimFactory,
) -> None:
    sim = await simulators(gen=2, mac=PUMP_MAC, metered=False, password=PUMP_PASSWORD)
    entry = shelly_entry(sim)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await clock.settle()
    assert state_of(hass, SHOTS).attributes["signal"] == "pump_relay"
    fields = reconfigure_answers(sim)
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure_shelly"
    result = await configure(
        hass, clock, result["flow_id"], fields | {CONF_BREW_INPUT: 0}
    )
    assert result["errors"] == {CONF_BREW_INPUT: "input_not_detached"}
    sim.configure(0, in_mode="detached")
    result = await configure(
        hass, clock, result["flow_id"], fields | {CONF_BREW_INPUT: 0}
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_BREW_INPUT] == 0
    assert state_of(hass, SHOTS).attributes["signal"] == "brew_sensor"
    result = await entry.start_reconfigure_flow(hass)
    result = await configure(hass, clock, result["flow_id"], fields)
    assert result["reason"] == "reconfigure_successful"
    assert CONF_BREW_INPUT not in entry.data
    assert state_of(hass, SHOTS).attributes["signal"] == "pump_relay"
    await unload_all(hass, clock)


async def test_flow_takes_signals_from_home_assistant(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    """A Shelly pump, a plug in Home Assistant, its power sensor and a brew sensor.

    Each field is checked as the entities step checks it, translated on its
    field and before any device is asked; the brew switch is given once.
    """
    sim = await simulators(gen=2, mac=PUMP_MAC, metered=False)
    hass.states.async_set(POWER, "3.0", WATTS)
    hass.states.async_set(BREW, "off")
    hass.states.async_set("sensor.kitchen", "21", {"unit_of_measurement": "°C"})
    flow_id = await shelly_form(hass)
    for fields, errors in (
        (
            {CONF_POWER_SENSOR: "sensor.nowhere"},
            {CONF_POWER_SENSOR: "entity_not_found"},
        ),
        ({CONF_POWER_SENSOR: BREW}, {CONF_POWER_SENSOR: "wrong_domain"}),
        ({CONF_POWER_SENSOR: "sensor.kitchen"}, {CONF_POWER_SENSOR: "wrong_unit"}),
        ({CONF_BREW_SENSOR: "light.kitchen"}, {CONF_BREW_SENSOR: "wrong_domain"}),
        ({CONF_BREW_SENSOR: PLUG}, {CONF_BREW_SENSOR: "same_entity"}),
        ({CONF_BREW_SENSOR: BREW, CONF_BREW_INPUT: 0}, {CONF_BREW_SENSOR: "brew_once"}),
    ):
        result = await configure(hass, clock, flow_id, answers(sim, **fields))
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == errors
    assert sim.requests == []
    assert hass.config_entries.async_entries(DOMAIN) == []
    result = await configure(
        hass,
        clock,
        flow_id,
        answers(sim, **{CONF_POWER_SENSOR: POWER, CONF_BREW_SENSOR: BREW}),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert (result["data"][CONF_POWER_SENSOR], result["data"][CONF_BREW_SENSOR]) == (
        POWER,
        BREW,
    )
    assert state_of(hass, SHOTS).attributes["signal"] == "brew_sensor"
    # A shot pulled at the machine's own switch: the brew sensor counts it.
    hass.states.async_set(BREW, "on")
    await clock.advance(25)
    hass.states.async_set(BREW, "off")
    await clock.advance(2)
    assert state(hass, SHOTS) == "1"
    assert sim.timeline == []  # the pump relay never switched
    await unload_all(hass, clock)


async def test_reconfigure_adds_and_removes_a_power_sensor(
    hass: HomeAssistant, clock: Clock, relays: Relays, simulators: SimFactory
) -> None:
    """The plug's power sensor added to a Shelly machine and taken away; counters stay."""
    sim = await simulators(gen=2, mac=PUMP_MAC, metered=False, password=PUMP_PASSWORD)
    hass.states.async_set(POWER, "3.0", WATTS)
    entry = shelly_entry(sim)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await clock.settle()
    await call(hass, clock, DOMAIN, "log_shot")
    assert state(hass, SHOTS) == "1"
    assert "counting" not in state_of(hass, SHOTS).attributes
    fields = reconfigure_answers(sim)
    result = await entry.start_reconfigure_flow(hass)
    result = await configure(
        hass, clock, result["flow_id"], fields | {CONF_POWER_SENSOR: "sensor.none"}
    )
    assert result["errors"] == {CONF_POWER_SENSOR: "entity_not_found"}
    assert CONF_POWER_SENSOR not in entry.data
    result = await configure(
        hass, clock, result["flow_id"], fields | {CONF_POWER_SENSOR: POWER}
    )
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_POWER_SENSOR] == POWER
    attributes = state_of(hass, SHOTS).attributes
    # No pump step known yet: the relay counts until it is calibrated.
    assert (attributes["signal"], attributes["counting"]) == (
        "pump_relay",
        "needs_calibration",
    )
    assert state(hass, SHOTS) == "1"
    result = await entry.start_reconfigure_flow(hass)
    result = await configure(hass, clock, result["flow_id"], fields)
    assert result["reason"] == "reconfigure_successful"
    assert CONF_POWER_SENSOR not in entry.data
    assert "counting" not in state_of(hass, SHOTS).attributes
    assert state(hass, SHOTS) == "1"
    await unload_all(hass, clock)


async def test_flow_records_whether_the_plug_meters(
    hass: HomeAssistant, clock: Clock, simulators: SimFactory
) -> None:
    pump = await simulators(gen=2, mac=PUMP_MAC, metered=False)
    plug = await simulators(gen=1, mac=PLUG_MAC, metered=False)
    plug.press(0, True)
    flow_id = await shelly_form(hass)
    data = answers(pump) | {
        CONF_POWER_HOST: plug.address,
        CONF_POWER_CHANNEL: 0,
    }
    del data[CONF_POWER_ENTITY]
    result = await configure(hass, clock, flow_id, data)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_POWER_METERED] is False
    # A plain relay as the plug is no power meter: no power sensor, and the
    # pump relay counts the shots.
    assert hass.states.get(POWER_SENSOR) is None
    assert state_of(hass, SHOTS).attributes["signal"] == "pump_relay"
    await unload_all(hass, clock)


# -- end to end -------------------------------------------------------------------------


def with_brew_input(entry: MockConfigEntry, input_id: int = 0) -> MockConfigEntry:
    """The same entry with the pump Shelly's input as the brew sensor."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=entry.title,
        unique_id=entry.unique_id,
        data={**entry.data, CONF_BREW_INPUT: input_id},
        options=dict(entry.options),
    )


@pytest.mark.parametrize("pump_gen", [1, 2])
async def test_a_shot_pulled_at_the_brew_switch_counts(
    hass: HomeAssistant,
    clock: Clock,
    pump_sim: ShellySimulator,
    simulators: SimFactory,
    relays: Relays,
) -> None:
    """The relay across the brew switch never moves; the input sees the shot."""
    pump_sim.configure(0, in_mode="detached")
    entry = with_brew_input(shelly_entry(pump_sim))
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await clock.settle()
    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, SHOTS).attributes["signal"] == "brew_sensor"
    pump_sim.set_input(0, True)
    await clock.advance(25)
    pump_sim.set_input(0, False)
    await clock.advance(2)
    assert state(hass, SHOTS) == "1"
    assert pump_sim.timeline == []  # the pump relay never switched
    # A short one is a flush, not a shot.
    pump_sim.set_input(0, True)
    await clock.advance(4)
    pump_sim.set_input(0, False)
    await clock.advance(40)  # counted once no backflush pulse follows
    assert state(hass, SHOTS) == "1"
    assert entry.runtime_data.data.flushes == 1
    # Diagnostics name the input (redacted host).
    assert entry.runtime_data.brew_sensor.diagnostics()["input"] == 0
    await hass.config_entries.async_unload(entry.entry_id)
    await clock.settle()


async def test_a_shot_cut_by_the_device_dropping_off_is_not_counted(
    hass: HomeAssistant,
    clock: Clock,
    pump_sim: ShellySimulator,
    relays: Relays,
) -> None:
    pump_sim.configure(0, in_mode="detached")
    entry = with_brew_input(shelly_entry(pump_sim))
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await clock.settle()
    pump_sim.set_input(0, True)
    await clock.advance(10)
    await pump_sim.refuse_connections()
    await clock.advance(5)
    await pump_sim.accept_connections()
    await clock.advance(10)
    pump_sim.set_input(0, False)
    await clock.advance(3)
    assert state(hass, SHOTS) == "0"
    await hass.config_entries.async_unload(entry.entry_id)
    await clock.settle()


def machine_power(t0: float, runs: list[tuple[float, float]]) -> Any:
    """A machine with its heater on (1,000 W) whose pump (+55 W) runs at ``runs``."""

    def power(t: float) -> float:
        pump = any(start <= t - t0 < end for start, end in runs)
        return 1000.0 + 3.0 + (55.0 if pump else 0.0)

    return power


async def test_a_shot_seen_only_in_the_plugs_power_counts(
    hass: HomeAssistant,
    clock: Clock,
    machines: EntryFactory,
    pump_sim: ShellySimulator,
    plug_sim: ShellySimulator,
) -> None:
    """Neither the relay nor an input sees the shot: the plug's meter does."""
    t0 = clock.now()
    plug_sim.set_power_source(0, machine_power(t0, [(30.0, 55.0)]))
    entry = await machines(pump_sim, plug_sim, {"pump_watts": 55})
    assert entry.state is ConfigEntryState.LOADED
    assert state_of(hass, SHOTS).attributes["signal"] == "power"
    assert float(state(hass, POWER_SENSOR)) == 1003.0
    await clock.advance(40)
    assert float(state(hass, POWER_SENSOR)) == 1058.0
    await clock.advance(30)
    assert state(hass, SHOTS) == "1"
    assert pump_sim.timeline == []
    # The plug goes away: its power is unknown until it is back.
    await plug_sim.refuse_connections()
    await clock.advance(1)
    assert state(hass, POWER_SENSOR) == STATE_UNKNOWN
    await plug_sim.accept_connections()
    await clock.advance(1)
    assert float(state(hass, POWER_SENSOR)) == 1003.0


async def test_brew_source_factory(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2, metered=False)
    entry = with_brew_input(shelly_entry(sim), 0)
    pump = await shelly_relays(sim, start=False)
    shared = shelly_brew_source(hass, entry, pump)
    assert isinstance(shared, ShellyInput)
    assert shared._client is pump.client
    own = shelly_brew_source(hass, entry)
    assert isinstance(own, ShellyInput)
    assert own._client is not pump.client
    assert shelly_brew_source(hass, shelly_entry(sim)) is None
    assert FAST_POLL_INTERVAL == METER_POLL_INTERVAL
