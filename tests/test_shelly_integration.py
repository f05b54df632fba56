"""The whole integration on simulated Shellies: programs, device timers, outages, shots.

On frozen time that waits for HTTP requests on the wire: see ``shelly_fixtures``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import json
from typing import Any

# Imported before any test freezes time: importing it under freezegun fails
# (its mashumaro models are compiled with ``datetime`` patched), and the
# diagnostics download imports it for the system info.
import homeassistant.components.hassio  # noqa: F401
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_ENTITY_ID,
    CONF_HOST,
    CONF_PASSWORD,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
    get_diagnostics_for_device,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.espresso_care import diagnostics
from custom_components.espresso_care.const import (
    AUTO_OFF_MARGIN_SECONDS,
    CONF_POWER_ENTITY,
    CONF_POWER_HOST,
    CONF_POWER_PASSWORD,
    DOMAIN,
)
from simulator.shelly import ShellySimulator

from .conftest import PLUG, Relays
from .helpers import state, state_of
from .shelly_fixtures import (
    PLUG_MAC,
    PLUG_PASSWORD,
    PLUG_POWER,
    PUMP_MAC,
    PUMP_PASSWORD,
    Clock,
    EntryFactory,
    call,
    offsets,
    pulses,
)

PUMP = "switch.espresso_machine_pump"
POWER = "switch.espresso_machine_power"
POWER_SENSOR = "sensor.espresso_machine_power"
STATE = "sensor.espresso_machine_backflush_state"
SHOTS = "sensor.espresso_machine_shots"

# Program numbers as small as the options allow (whole seconds, at least 1 s).
SMALL_PROGRAM = {
    "cycles": 2,
    "pump_on_seconds": 1,
    "pump_off_seconds": 1,
    "rinse_cycles": 1,
    "flushes": 1,
    "flush_seconds": 1,
}
PULSE_TIMER = 1 + AUTO_OFF_MARGIN_SECONDS


# -- a program as the device sees it -------------------------------------------


@pytest.mark.parametrize("pump_gen", [1, 2])
async def test_cleaner_program_timeline_on_the_device(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    pump_sim.clear_records()
    start = clock.now()
    await call(hass, clock, DOMAIN, "run_backflush", **SMALL_PROGRAM)
    assert state(hass, STATE) == "cleaning"
    await clock.advance(4.1)
    assert state(hass, STATE) == "awaiting_rinse"
    assert offsets(pump_sim, start) == pulses(0, 2, 1, 1)

    await clock.advance(30)  # nobody there yet: the device stays off
    assert len(pump_sim.timeline) == 4
    rinse = clock.now() - start
    await call(hass, clock, DOMAIN, "continue_backflush")
    assert state(hass, STATE) == "rinsing"
    await clock.advance(2.1)
    assert state(hass, STATE) == "awaiting_flush"
    flush = clock.now() - start
    await call(hass, clock, DOMAIN, "continue_backflush")
    assert state(hass, STATE) == "flushing"
    await clock.advance(2.1)
    assert state(hass, STATE) == "completed"
    assert offsets(pump_sim, start) == (
        pulses(0, 2, 1, 1) + pulses(rinse, 1, 1, 1) + pulses(flush, 1, 1, 1)
    )
    assert pump_sim.output(0) is False
    assert state(hass, PUMP) == STATE_OFF

    # Every on carried the device's flip-back timer; no off carried one.
    ons = [c for c in pump_sim.commands if c.on]
    assert len(ons) == 4
    for command in ons:
        # The pulse's length plus a margin of at most 5 s.
        assert command.timer is not None
        assert 1 < command.timer <= 1 + 5
        assert command.timer == PULSE_TIMER
    assert all(c.timer is None for c in pump_sim.commands if not c.on)
    # Nothing was left to the timers: every off came over HTTP, in time.
    assert all(change.source == "http" for change in pump_sim.timeline)
    # The relays never went away, so their return is not logged either.
    assert "relay is back" not in caplog.text
    assert "relay is unavailable" not in caplog.text


@pytest.mark.parametrize("entry_options", [{"max_pump_seconds": 20}])
async def test_manual_pump_on_carries_max_pump_seconds(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
) -> None:
    start = clock.now()
    await call(hass, clock, "switch", "turn_on", **{ATTR_ENTITY_ID: PUMP})
    assert state(hass, PUMP) == STATE_ON
    assert pump_sim.commands[-1].on is True
    assert pump_sim.commands[-1].timer == 20
    assert pump_sim.timer(0) == 20
    await clock.advance(19.9)
    assert pump_sim.output(0) is True
    await clock.advance(0.2)
    assert pump_sim.output(0) is False
    assert state(hass, PUMP) == STATE_OFF
    assert offsets(pump_sim, start)[-1][:2] == (20.0, False)


# -- the device's timer protects the pump on its own ---------------------------


def hang_pump_off(
    entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> asyncio.Event:
    """Make the integration's pump-off hang until the returned event is set.

    The loop keeps running (polls go on), but whatever wants the pump off
    (the runner, the watchdog) is stuck, as if Home Assistant had frozen.
    """
    pump = entry.runtime_data.pump
    turn_off: Callable[[], Awaitable[float]] = pump.async_turn_off
    release = asyncio.Event()

    async def stuck() -> float:
        await release.wait()
        return await turn_off()

    monkeypatch.setattr(pump, "async_turn_off", stuck)
    return release


async def test_device_stops_a_pulse_when_the_runner_hangs(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = hang_pump_off(machine, monkeypatch)
    pump_sim.clear_records()
    start = clock.now()
    await call(hass, clock, DOMAIN, "run_backflush", **SMALL_PROGRAM)
    assert pump_sim.commands[-1].timer == PULSE_TIMER
    await clock.advance(PULSE_TIMER - 0.01)
    assert pump_sim.output(0) is True  # the off is long overdue, never sent
    assert [c.on for c in pump_sim.commands] == [True]
    await clock.advance(0.02)
    assert pump_sim.output(0) is False
    assert offsets(pump_sim, start) == [
        (0.0, True, "http"),
        (PULSE_TIMER, False, "timer"),
    ]
    await clock.advance(1.1)  # a poll sees the device's own off
    assert state(hass, PUMP) == STATE_OFF

    release.set()
    await call(hass, clock, DOMAIN, "abort_backflush")
    assert state(hass, STATE) == "aborted"
    assert pump_sim.output(0) is False


@pytest.mark.parametrize("entry_options", [{"max_pump_seconds": 30}])
async def test_device_stops_a_manual_on_when_the_watchdog_hangs(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = hang_pump_off(machine, monkeypatch)
    pump_sim.clear_records()
    start = clock.now()
    await call(hass, clock, "switch", "turn_on", **{ATTR_ENTITY_ID: PUMP})
    await clock.advance(30.1)
    assert offsets(pump_sim, start) == [(0.0, True, "http"), (30.0, False, "timer")]
    assert [c.on for c in pump_sim.commands] == [True]  # the watchdog is stuck
    await clock.advance(1)
    assert state(hass, PUMP) == STATE_OFF
    release.set()
    await clock.settle()
    assert pump_sim.commands[-1].on is False  # the watchdog's off, harmless now


@pytest.mark.parametrize("reachable", [True, False])
async def test_unload_mid_pulse(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
    reachable: bool,
) -> None:
    """Unloading switches the pump off; if that cannot reach it, the device does."""
    pump_sim.clear_records()
    start = clock.now()
    await call(hass, clock, DOMAIN, "run_backflush", **SMALL_PROGRAM)
    await clock.advance(0.5)
    assert pump_sim.output(0) is True
    if not reachable:
        await pump_sim.refuse_connections()
    # In the background: with the device unreachable the unload retries the off
    # (once a second, on frozen time) before it gives up.
    unload = hass.async_create_background_task(
        hass.config_entries.async_unload(machine.entry_id), "unload"
    )
    await clock.settle()
    if reachable:
        assert unload.done()
        assert offsets(pump_sim, start) == [(0.0, True, "http"), (0.5, False, "http")]
    else:
        assert pump_sim.output(0) is True
        await clock.advance(PULSE_TIMER - 0.5 + 0.01)
        assert offsets(pump_sim, start) == [
            (0.0, True, "http"),
            (PULSE_TIMER, False, "timer"),
        ]
        await clock.advance(5)
        assert unload.done()
        issue = ir.async_get(hass).async_get_issue(
            DOMAIN, f"program_failed_{machine.entry_id}_pump"
        )
        assert issue is not None
    assert await unload is True
    assert machine.state is ConfigEntryState.NOT_LOADED
    requests = len(pump_sim.requests)
    await clock.advance(30)
    assert len(pump_sim.requests) == requests  # nothing polls any more


# -- connection loss -------------------------------------------------------------


@pytest.mark.parametrize(
    ("pump_on_seconds", "noticed_by"),
    [(1, "the pulse's off command"), (3, "a poll")],
)
async def test_connection_loss_fails_the_program_and_the_device_comes_back(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
    pump_on_seconds: int,
    noticed_by: str,
) -> None:
    """The device drops off the network mid-pulse; its own timer ends the pulse."""
    issues = ir.async_get(hass)
    pump_issue = f"program_failed_{machine.entry_id}_pump"
    timer = pump_on_seconds + AUTO_OFF_MARGIN_SECONDS
    pump_sim.clear_records()
    start = clock.now()
    program = SMALL_PROGRAM | {"pump_on_seconds": pump_on_seconds}
    await call(hass, clock, DOMAIN, "run_backflush", **program)
    assert pump_sim.output(0) is True
    assert pump_sim.commands[-1].timer == timer
    await pump_sim.refuse_connections()

    await clock.until(lambda: state(hass, PUMP) == STATE_UNAVAILABLE, 4)
    assert state(hass, STATE) == "failed"
    assert state_of(hass, STATE).attributes["reason"] == "relay_unavailable"
    assert issues.async_get_issue(DOMAIN, f"program_failed_{machine.entry_id}")
    assert state(hass, POWER) == STATE_ON  # the plug is another device, still there
    # The off never reached the device: its own timer ends the pulse.
    assert pump_sim.output(0) is True
    await clock.advance(timer - (clock.now() - start) + 0.01)
    assert offsets(pump_sim, start) == [(0.0, True, "http"), (timer, False, "timer")]
    await clock.advance(6)  # the runner's retries of the off give up: an alarm
    assert issues.async_get_issue(DOMAIN, pump_issue) is not None
    assert state(hass, PUMP) == STATE_UNAVAILABLE

    await pump_sim.accept_connections()
    await clock.until(lambda: state(hass, PUMP) != STATE_UNAVAILABLE, 11)
    assert state(hass, PUMP) == STATE_OFF
    await clock.settle()
    # Back: the integration makes sure of the off, and clears the alarm.
    assert pump_sim.commands[-1].on is False
    assert issues.async_get_issue(DOMAIN, pump_issue) is None
    assert state(hass, STATE) == "failed"


# -- diagnostics -----------------------------------------------------------------


async def test_diagnostics_redact_host_mac_and_passwords(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
    plug_sim: ShellySimulator,
    device_registry: dr.DeviceRegistry,
) -> None:
    assert await async_setup_component(hass, "diagnostics", {})
    await call(hass, clock, "switch", "turn_on", **{ATTR_ENTITY_ID: PUMP})
    secrets = [
        pump_sim.address,
        plug_sim.address,
        "127.0.0.1",
        PUMP_MAC,
        PLUG_MAC,
        PUMP_PASSWORD,
        PLUG_PASSWORD,
    ]

    result = await get_diagnostics_for_config_entry(hass, hass_client, machine)
    dump = json.dumps(result)
    for secret in secrets:
        assert secret not in dump
    assert secret_free(result, secrets)
    data = result["entry"]["data"]
    for key in (CONF_HOST, CONF_PASSWORD, CONF_POWER_HOST, CONF_POWER_PASSWORD):
        assert data[key] == "**REDACTED**"
    assert result["entry"]["unique_id"] == "**REDACTED**"
    pump = result["relays"]["pump"]
    assert pump["type"] == "shelly"
    assert (pump["host"], pump["mac"]) == ("**REDACTED**", "**REDACTED**")
    assert pump["generation"] == 2
    assert pump["model"] == pump_sim.model
    assert pump["is_on"] is True
    assert pump["device_timer"] == 60
    assert pump["last_command"]["auto_off"] == 60
    power = result["relays"]["power"]
    assert (power["host"], power["mac"]) == ("**REDACTED**", "**REDACTED**")
    assert power["power"] == PLUG_POWER
    assert power["default_auto_off"] is None

    device = dr.async_entries_for_config_entry(device_registry, machine.entry_id)[0]
    assert device is not None
    assert await get_diagnostics_for_device(hass, hass_client, machine, device) == (
        result
    )
    await call(hass, clock, "switch", "turn_off", **{ATTR_ENTITY_ID: PUMP})


def secret_free(value: Any, secrets: list[str]) -> bool:
    """Whether no string anywhere in ``value`` contains a secret."""
    if isinstance(value, dict):
        return all(secret_free(v, secrets) for v in (*value.keys(), *value.values()))
    if isinstance(value, list | tuple):
        return all(secret_free(v, secrets) for v in value)
    return not any(secret in str(value) for secret in secrets)


async def test_diagnostics_after_a_connection_loss_leak_nothing(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
) -> None:
    """Error messages name the host: they must not carry it into diagnostics."""
    assert await async_setup_component(hass, "diagnostics", {})
    await pump_sim.refuse_connections()
    with pytest.raises(HomeAssistantError) as caught:
        await hass.services.async_call(
            "switch", "turn_on", {ATTR_ENTITY_ID: PUMP}, blocking=True
        )
    assert caught.value.translation_key == "relay_unavailable"
    await clock.until(lambda: state(hass, PUMP) == STATE_UNAVAILABLE, 11)
    result = await get_diagnostics_for_config_entry(hass, hass_client, machine)
    pump = result["relays"]["pump"]
    assert pump["available"] is False
    assert pump["last_poll_error"]
    assert pump["last_command"]["error"]
    assert pump_sim.address not in json.dumps(result)
    assert "127.0.0.1" not in json.dumps(result)
    await pump_sim.accept_connections()
    await clock.until(lambda: state(hass, PUMP) != STATE_UNAVAILABLE, 11)


def test_diagnostics_scrub_hosts_out_of_any_text() -> None:
    hosts = diagnostics._hosts(
        {CONF_HOST: "[fe80::1]:8080", CONF_POWER_HOST: "plug.lan/bad path"}
    )
    # As typed, and bare; an address the client would refuse is kept as typed.
    assert hosts == ["plug.lan/bad path", "[fe80::1]:8080", "fe80::1"]
    assert diagnostics._hosts({CONF_POWER_ENTITY: PLUG}) == []
    scrubbed = diagnostics._scrub(
        {"errors": ["[fe80::1]:8080: refused", "to fe80::1 port 8080"], "n": 1}, hosts
    )
    assert scrubbed == {
        "errors": ["**REDACTED**: refused", "to **REDACTED** port 8080"],
        "n": 1,
    }


# -- shots and power ---------------------------------------------------------------


async def hold(
    clock: Clock, hass: HomeAssistant, sim: ShellySimulator, seconds: float
) -> None:
    """Run the pump at the machine (its brew switch) for ``seconds`` as polls see it."""
    sim.press(0, True)
    await clock.until(lambda: state(hass, PUMP) == STATE_ON, 11)
    await clock.advance(seconds)
    sim.press(0, False)
    await clock.until(lambda: state(hass, PUMP) == STATE_OFF, 2)


async def test_shots_and_flushes_from_polled_transitions(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
) -> None:
    data = machine.runtime_data.data  # the flush counter's sensor is disabled
    assert (state(hass, SHOTS), data.flushes) == ("0", 0)
    await hold(clock, hass, pump_sim, 20)
    assert (state(hass, SHOTS), data.flushes) == ("1", 0)
    await hold(clock, hass, pump_sim, 3)
    await clock.advance(40)  # a flush counts once no backflush pulse follows
    assert (state(hass, SHOTS), data.flushes) == ("1", 1)
    assert all(change.source == "button" for change in pump_sim.timeline)


async def test_an_idle_pump_is_polled_often_enough_for_shots(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
) -> None:
    """A shot started just after a poll is seen within 2 s: 20 s stays a shot."""
    pump_sim.press(0, True)
    await clock.advance(20)
    pump_sim.press(0, False)
    await clock.until(lambda: state(hass, PUMP) == STATE_OFF, 3)
    assert state(hass, SHOTS) == "1"


@pytest.mark.parametrize("plug_gen", [1, 2])
async def test_power_sensor_shows_the_plugs_measurement(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    plug_sim: ShellySimulator,
) -> None:
    sensor = hass.states.get(POWER_SENSOR)
    assert sensor is not None
    assert float(sensor.state) == PLUG_POWER
    assert sensor.attributes["unit_of_measurement"] == "W"
    assert state(hass, POWER) == STATE_ON

    await call(hass, clock, "switch", "turn_off", **{ATTR_ENTITY_ID: POWER})
    assert plug_sim.output(0) is False
    await clock.advance(10.1)  # the next poll reads the plug's meter
    assert float(state(hass, POWER_SENSOR)) == 0.0

    await call(hass, clock, "switch", "turn_on", **{ATTR_ENTITY_ID: POWER})
    # The plug must stay on: no flip-back timer for it.
    assert plug_sim.commands[-1].on is True
    assert plug_sim.commands[-1].timer is None
    await clock.advance(10.1)
    assert float(state(hass, POWER_SENSOR)) == PLUG_POWER
    await clock.advance(70)  # longer than a pump's default timer (60 s)
    assert plug_sim.output(0) is True


async def test_plug_entity_has_no_power_sensor(
    hass: HomeAssistant,
    clock: Clock,
    machines: EntryFactory,
    pump_sim: ShellySimulator,
    relays: Relays,
) -> None:
    entry = await machines(pump_sim, PLUG)
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get(POWER_SENSOR) is None
    assert state(hass, POWER) == STATE_ON
    assert state(hass, PUMP) == STATE_OFF


async def test_device_hanging_mid_pulse(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
) -> None:
    pump_sim.clear_records()
    start = clock.now()
    await call(hass, clock, DOMAIN, "run_backflush", **SMALL_PROGRAM)
    pump_sim.hang = True
    clock.wait_for_http = False
    await clock.advance(PULSE_TIMER + 0.01)
    assert offsets(pump_sim, start) == [
        (0.0, True, "http"),
        (PULSE_TIMER, False, "timer"),
    ]
    await clock.advance(60)
    assert state(hass, STATE) == "failed"
    assert state(hass, PUMP) == STATE_UNAVAILABLE
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"program_failed_{machine.entry_id}_pump"
    )
    assert issue is not None
    pump_sim.hang = False
    await clock.advance(5)  # the requests still hanging time out
    clock.wait_for_http = True
    await clock.until(lambda: state(hass, PUMP) != STATE_UNAVAILABLE, 11)
    assert state(hass, PUMP) == STATE_OFF
    await clock.settle()
    assert pump_sim.commands[-1].on is False
    assert (
        ir.async_get(hass).async_get_issue(
            DOMAIN, f"program_failed_{machine.entry_id}_pump"
        )
        is None
    )
