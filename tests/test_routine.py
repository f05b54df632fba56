"""The daily routine through Home Assistant: heat-up to ready, and auto-off.

Power readings are states of a real ``sensor`` entity written at frozen
moments (as a plug integration would), from the machine simulator's traces
or small hand-made ones; the plug and pump are the fake relay switches.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from datetime import datetime, timedelta
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.espresso_care.const import (
    DOMAIN,
    EVENT_AUTO_OFF,
    EVENT_AUTO_OFF_SOON,
    EVENT_READY,
)
from custom_components.espresso_care.diagnostics import (
    async_get_config_entry_diagnostics,
)
from custom_components.espresso_care.heat_up import heat_lost, learn
from custom_components.espresso_care.storage import storage_key
from simulator.espresso import generate

from .conftest import POWER, WATTS, Relays, Rig, loaded, machine_entry
from .helpers import advance, is_on, settle, state, state_of, stored

HEAT_UP = "sensor.espresso_machine_heat_up"
READY = "binary_sensor.espresso_machine_ready"
READY_AT = "sensor.espresso_machine_ready_at"
AUTO_OFF = "sensor.espresso_machine_auto_off"
KEEP_ON = "button.espresso_machine_keep_on"
BACKFLUSH_STATE = "sensor.espresso_machine_backflush_state"
MORNING = "2025-06-18 07:00:00+00:00"

# Every test starts on the same morning.
pytestmark = pytest.mark.freeze_time(MORNING)


@pytest.fixture
def power_sensor() -> bool:
    """Whether the machine has a power sensor (override per test)."""
    return True


@pytest.fixture
async def entry(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    entry_options: dict[str, Any],
    power_sensor: bool,
) -> AsyncGenerator[MockConfigEntry]:
    """A loaded machine, switched off, its meter reading 0 W."""
    relays.plug.set(False)
    hass.states.async_set(POWER, "0.0", WATTS)
    config_entry = machine_entry(
        power_sensor=POWER if power_sensor else None, options=entry_options
    )
    async with loaded(hass, config_entry):
        yield config_entry


def moment(hass: HomeAssistant, entity_id: str) -> datetime | None:
    value = state(hass, entity_id)
    return (
        None if value in ("unknown", "unavailable") else dt_util.parse_datetime(value)
    )


async def play(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    readings: Iterable[tuple[float, float]],
    *,
    since: float,
) -> float:
    """Write (seconds, watts) readings at their moments; ``since`` is the seconds now."""
    now = since
    for at, watts in readings:
        if at > now:
            await advance(hass, freezer, at - now)
            now = at
        hass.states.async_set(POWER, f"{watts:.1f}", WATTS)
    await settle(hass)
    return now


async def reload(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """A restart of Home Assistant, as far as the machine can tell."""
    assert await hass.config_entries.async_reload(entry.entry_id)
    await settle(hass)


# --- heat-up with a power sensor ----------------------------------------------------


@pytest.mark.parametrize(
    ("family", "plug", "seed"),
    [
        ("thermostat", "on_change", 3),
        ("pid_slow", "periodic_2", 4),
        ("pid_fast", "on_change", 5),
        ("dual_boiler", "on_change", 6),
    ],
)
async def test_heat_up_from_simulated_trace(
    hass: HomeAssistant, rig: Rig, family: str, plug: str, seed: int
) -> None:
    """The simulator's first heat-up, played as sensor states: ready where it ends."""
    trace = generate(
        family, "vibratory", plug, seed=seed, shots=3, days=1, calibration=False
    )
    on, off = trace.power_periods[0]
    true_seconds = dict(trace.heat_up_ends)[on] - on
    readings = [(r.at - on, r.watts) for r in trace.reports if on <= r.at <= off]
    events = async_capture_events(hass, EVENT_READY)
    started = dt_util.utcnow()

    rig.relays.plug.set(True)
    await settle(hass)
    assert state(hass, HEAT_UP) == "heating"
    assert state(hass, READY) == "off"
    assert state(hass, READY_AT) == "unknown"  # nothing learned yet
    attributes = state_of(hass, HEAT_UP).attributes
    assert attributes["ready_by"] == "power"
    assert attributes["learned_heat_ups"] == 0
    assert attributes["powered_on_at"] == started.isoformat()

    now = await play(
        hass, rig.freezer, [r for r in readings if r[0] < true_seconds - 3], since=0.0
    )
    assert state(hass, HEAT_UP) == "heating"
    assert events == []
    now = await play(
        hass,
        rig.freezer,
        [r for r in readings if now < r[0] < true_seconds + 40],
        since=now,
    )
    await rig.advance(30)
    assert state(hass, HEAT_UP) == "ready"
    assert state(hass, READY) == "on"
    [event] = events
    assert event.data["config_entry_id"] == rig.entry.entry_id
    assert event.data["ready_by"] == "power"
    assert abs(event.data["heat_up_seconds"] - true_seconds) <= 10
    ready_at = moment(hass, READY_AT)
    assert ready_at is not None
    assert abs((ready_at - started).total_seconds() - true_seconds) <= 10
    assert state_of(hass, HEAT_UP).attributes["learned_heat_ups"] == 1


def heat_up(seconds: float, *, watts: float = 1200.0) -> list[tuple[float, float]]:
    """A plug that reports changes only: the heater on, then off after ``seconds``."""
    return [(0.5, watts), (seconds / 2, watts + 3), (seconds, 4.0)]


async def switch(hass: HomeAssistant, relays: Relays, on: bool) -> None:
    relays.plug.set(on)
    if not on:
        hass.states.async_set(POWER, "0.0", WATTS)
    await settle(hass)


@pytest.mark.parametrize("entry_options", [{"ready_delay_minutes": 20}])
async def test_ready_delay_after_the_heat_up(hass: HomeAssistant, rig: Rig) -> None:
    """An E61 group needs its minutes after the boiler: ready that much later."""
    events = async_capture_events(hass, EVENT_READY)
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    await play(hass, rig.freezer, heat_up(300), since=0)
    await rig.advance(20)
    assert state(hass, HEAT_UP) == "heating"
    # The heater fell in the second before the 4 W reading.
    assert moment(hass, READY_AT) == started + timedelta(seconds=299, minutes=20)
    await rig.advance(20 * 60 - 22)
    assert state(hass, HEAT_UP) == "heating"
    await rig.advance(1)
    assert state(hass, HEAT_UP) == "ready"
    assert len(events) == 1
    assert events[0].data["heat_up_seconds"] == 299  # the boiler's own


async def test_learning_and_the_warm_machine(hass: HomeAssistant, rig: Rig) -> None:
    """Learned heat-ups set ready_at; a machine off for 5 minutes is still warm."""
    for seconds in (600.0, 620.0, 590.0):
        await switch(hass, rig.relays, True)
        await play(hass, rig.freezer, heat_up(seconds), since=0)
        await rig.advance(60)
        assert state(hass, HEAT_UP) == "ready"
        await switch(hass, rig.relays, False)
        assert state(hass, HEAT_UP) == "off"
        assert state(hass, READY_AT) == "unknown"
        await rig.advance(14 * 3600)  # a night off: cold again

    attributes = state_of(hass, HEAT_UP).attributes
    assert attributes["learned_heat_ups"] == 3
    assert attributes["heat_up_minutes"] == pytest.approx(599 / 60, abs=0.05)
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    ready_at = moment(hass, READY_AT)
    assert ready_at is not None
    # The median of 599, 619 and 589 s, 14 h off: cold.
    assert (ready_at - started).total_seconds() == pytest.approx(599, abs=1)
    await play(hass, rig.freezer, heat_up(600), since=0)
    await rig.advance(60)
    await switch(hass, rig.relays, False)

    # Off for five minutes: still warm, a short heat-up expected.
    await rig.advance(300)
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    ready_at = moment(hass, READY_AT)
    assert ready_at is not None
    tau = learn([]).tau  # no warm restart learned yet: the default τ
    warm = 599 * heat_lost(300.0, tau)
    assert (ready_at - started).total_seconds() == pytest.approx(warm, abs=1)
    assert 40 < warm < 60
    await play(hass, rig.freezer, [(0.5, 1200.0), (50.0, 4.0)], since=0)
    await rig.advance(20)
    assert state(hass, HEAT_UP) == "ready"
    assert state_of(hass, HEAT_UP).attributes["learned_heat_ups"] == 5


async def test_a_warm_machine_that_needs_no_heat(hass: HomeAssistant, rig: Rig) -> None:
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    await play(hass, rig.freezer, [(0.5, 4.0)], since=0)
    await rig.advance(12)
    assert state(hass, HEAT_UP) == "ready"
    assert moment(hass, READY_AT) == started


async def test_readings_before_the_plug_reports_on(
    hass: HomeAssistant, rig: Rig
) -> None:
    """The meter may report the heater before the plug reports on: nothing is lost."""
    events = async_capture_events(hass, EVENT_READY)
    hass.states.async_set(POWER, "1200.0", WATTS)
    await switch(hass, rig.relays, True)  # the same moment
    await play(hass, rig.freezer, [(200.0, 1201.0), (300.0, 4.0)], since=0)
    await rig.advance(12)
    assert state(hass, HEAT_UP) == "ready"
    assert events[0].data["heat_up_seconds"] == 299


async def test_restart_while_heating(hass: HomeAssistant, rig: Rig) -> None:
    """A restart mid-heat-up: still heating from the same power-on; not learned."""
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    await play(hass, rig.freezer, [(0.5, 1200.0), (100.0, 1203.0)], since=0)
    await reload(hass, rig.entry)
    assert state(hass, HEAT_UP) == "heating"
    attributes = state_of(hass, HEAT_UP).attributes
    assert attributes["powered_on_at"] == started.isoformat()
    hass.states.async_set(POWER, "1199.0", WATTS)
    await play(hass, rig.freezer, [(300.0, 4.0)], since=100)
    await rig.advance(12)
    assert state(hass, HEAT_UP) == "ready"
    assert state_of(hass, HEAT_UP).attributes["learned_heat_ups"] == 0
    # Ready survives a restart too, without a second event.
    events = async_capture_events(hass, EVENT_READY)
    await reload(hass, rig.entry)
    assert state(hass, HEAT_UP) == "ready"
    assert events == []


async def test_switched_off_while_heating_learns_nothing(
    hass: HomeAssistant, rig: Rig
) -> None:
    events = async_capture_events(hass, EVENT_READY)
    await switch(hass, rig.relays, True)
    await play(hass, rig.freezer, [(0.5, 1200.0)], since=0)
    await rig.advance(120)
    await switch(hass, rig.relays, False)
    await play(hass, rig.freezer, [(130.0, 0.0)], since=120)
    await rig.advance(3600)
    assert state(hass, HEAT_UP) == "off"
    assert events == []
    assert state_of(hass, HEAT_UP).attributes["learned_heat_ups"] == 0


async def test_plug_unavailable_changes_nothing(hass: HomeAssistant, rig: Rig) -> None:
    await switch(hass, rig.relays, True)
    rig.relays.plug.set_available(False)
    await settle(hass)
    rig.relays.plug.set_available(True)
    await settle(hass)
    assert state(hass, HEAT_UP) == "heating"
    await play(hass, rig.freezer, heat_up(300), since=0)
    await rig.advance(12)
    assert state(hass, HEAT_UP) == "ready"


# --- without a power sensor ---------------------------------------------------------


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"ready_delay_minutes": 12}])
async def test_without_power_sensor_a_fixed_delay(
    hass: HomeAssistant, rig: Rig
) -> None:
    events = async_capture_events(hass, EVENT_READY)
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    assert state(hass, HEAT_UP) == "heating"
    assert state_of(hass, HEAT_UP).attributes["ready_by"] == "delay"
    assert moment(hass, READY_AT) == started + timedelta(minutes=12)
    await rig.advance(12 * 60 - 1)
    assert state(hass, READY) == "off"
    await rig.advance(1)
    assert state(hass, READY) == "on"
    [event] = events
    assert event.data["ready_by"] == "delay"
    assert event.data["heat_up_seconds"] is None


@pytest.mark.parametrize("power_sensor", [False])
async def test_without_power_sensor_and_no_delay_ready_at_once(
    hass: HomeAssistant, rig: Rig
) -> None:
    events = async_capture_events(hass, EVENT_READY)
    await switch(hass, rig.relays, True)
    assert state(hass, HEAT_UP) == "ready"
    assert len(events) == 1


@pytest.mark.parametrize("power_sensor", [False])
async def test_ready_delay_changed_while_heating(hass: HomeAssistant, rig: Rig) -> None:
    hass.config_entries.async_update_entry(
        rig.entry, options={"ready_delay_minutes": 10}
    )
    await settle(hass)
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    await rig.advance(60)
    hass.config_entries.async_update_entry(
        rig.entry, options={"ready_delay_minutes": 5}
    )
    await settle(hass)
    assert moment(hass, READY_AT) == started + timedelta(minutes=5)
    await rig.advance(4 * 60)
    assert state(hass, HEAT_UP) == "ready"


async def test_plug_on_at_start_up_is_ready(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """A machine found on, with no power-on on record: hot by now as far as anyone knows."""
    events = async_capture_events(hass, EVENT_READY)
    async with loaded(hass, machine_entry()):
        assert state(hass, HEAT_UP) == "ready"
        assert state(hass, READY_AT) == "unknown"
        assert events == []


# --- auto-off -------------------------------------------------------------------------


def soon_and_off(hass: HomeAssistant) -> tuple[list[Event], list[Event]]:
    return (
        async_capture_events(hass, EVENT_AUTO_OFF_SOON),
        async_capture_events(hass, EVENT_AUTO_OFF),
    )


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_auto_off_warns_then_switches_off(hass: HomeAssistant, rig: Rig) -> None:
    soon, off = soon_and_off(hass)
    started = dt_util.utcnow()
    assert state(hass, AUTO_OFF) == "unknown"  # off: nothing armed
    await switch(hass, rig.relays, True)
    deadline = started + timedelta(minutes=30)
    assert moment(hass, AUTO_OFF) == deadline
    await rig.advance(28 * 60 - 1)
    assert soon == []
    await rig.advance(1)
    [warning] = soon
    assert warning.data == {
        "config_entry_id": rig.entry.entry_id,
        "device_id": warning.data["device_id"],
        "off_at": deadline.isoformat(),
    }
    assert warning.data["device_id"]
    await rig.advance(2 * 60 - 1)
    assert is_on(rig.relays.plug)
    await rig.advance(1)
    assert not is_on(rig.relays.plug)
    [switched] = off
    assert switched.data["minutes"] == 30
    assert state(hass, AUTO_OFF) == "unknown"
    assert state(hass, HEAT_UP) == "off"
    assert len(soon) == 1


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_pump_activity_postpones(hass: HomeAssistant, rig: Rig) -> None:
    soon, _ = soon_and_off(hass)
    await switch(hass, rig.relays, True)
    await rig.advance(20 * 60)
    rig.relays.pump.set(True)  # a shot at the machine's own switch
    await rig.advance(25)
    rig.relays.pump.set(False)
    await settle(hass)
    assert state_of(hass, "sensor.espresso_machine_shots").state == "1"
    shot_end = dt_util.utcnow()
    assert moment(hass, AUTO_OFF) == shot_end + timedelta(minutes=30)
    await rig.advance(28 * 60 - 1)
    assert soon == []
    await rig.advance(1)
    assert len(soon) == 1
    await rig.advance(2 * 60)
    assert not rig.relays.plug.is_on


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_keep_on(hass: HomeAssistant, rig: Rig) -> None:
    """The action (with or without minutes) and the button postpone; never sooner."""
    soon, off = soon_and_off(hass)
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    await rig.advance(28 * 60)
    assert len(soon) == 1  # the phone offers "keep it on"
    await hass.services.async_call(DOMAIN, "keep_on", {"minutes": 45}, blocking=True)
    now = dt_util.utcnow()
    assert moment(hass, AUTO_OFF) == now + timedelta(minutes=45)
    # Fewer minutes than already left: the later moment stays.
    await hass.services.async_call(DOMAIN, "keep_on", {"minutes": 5}, blocking=True)
    assert moment(hass, AUTO_OFF) == now + timedelta(minutes=45)
    await rig.advance(40 * 60)
    await hass.services.async_call(
        "button", "press", {"entity_id": KEEP_ON}, blocking=True
    )
    now = dt_util.utcnow()
    assert moment(hass, AUTO_OFF) == now + timedelta(minutes=30)
    await hass.services.async_call(
        DOMAIN, "keep_on", {"config_entry_id": rig.entry.entry_id}, blocking=True
    )
    assert moment(hass, AUTO_OFF) == now + timedelta(minutes=30)
    await rig.advance(30 * 60 - 1)
    assert is_on(rig.relays.plug)
    assert off == []
    await rig.advance(1)
    assert not is_on(rig.relays.plug)
    assert len(off) == 1
    # At 28 min, and at 96 min: the press at 68 min came before the second.
    assert [e.data["off_at"] for e in soon] == [
        (started + timedelta(minutes=m)).isoformat() for m in (30, 98)
    ]
    assert dt_util.utcnow() - started == timedelta(minutes=98)


@pytest.mark.parametrize("power_sensor", [False])
async def test_keep_on_refusals(hass: HomeAssistant, rig: Rig) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "keep_on", {}, blocking=True)
    assert err.value.translation_key == "machine_off"
    await switch(hass, rig.relays, True)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            "button", "press", {"entity_id": KEEP_ON}, blocking=True
        )
    assert err.value.translation_key == "auto_off_disabled"
    assert state(hass, AUTO_OFF) == "unknown"


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
@pytest.mark.parametrize(
    "data",
    [
        {"minutes": 0},
        {"minutes": 721},
        {"minutes": -5},
        {"minutes": 2.5},
        {"minutes": "soon"},
        {"minutes": None},
        {"minutes": True},
        {"minutes": [10]},
        {"hours": 2},
    ],
)
async def test_keep_on_bad_input(
    hass: HomeAssistant, rig: Rig, data: dict[str, Any]
) -> None:
    await switch(hass, rig.relays, True)
    before = state(hass, AUTO_OFF)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(DOMAIN, "keep_on", data, blocking=True)
    assert err.value.translation_key == "invalid_action_data"
    assert state(hass, AUTO_OFF) == before


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 5}])
async def test_never_during_a_program_or_its_wait(
    hass: HomeAssistant, rig: Rig
) -> None:
    soon, off = soon_and_off(hass)
    await switch(hass, rig.relays, True)
    await rig.advance(60)
    await hass.services.async_call(DOMAIN, "run_backflush", {}, blocking=True)
    await rig.advance(100)
    assert state(hass, BACKFLUSH_STATE) == "awaiting_rinse"
    await rig.advance(12 * 60)  # well past the deadline, still waiting
    assert state(hass, BACKFLUSH_STATE) == "awaiting_rinse"
    assert is_on(rig.relays.plug)
    assert off == []
    assert soon == []  # no "switching off soon" that would not happen
    await hass.services.async_call(DOMAIN, "abort_backflush", {}, blocking=True)
    await settle(hass)
    deadline = moment(hass, AUTO_OFF)
    assert deadline is not None
    assert deadline - dt_util.utcnow() <= timedelta(minutes=5)
    await rig.advance(5 * 60)
    assert not is_on(rig.relays.plug)
    assert len(off) == 1


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_restart_in_between(hass: HomeAssistant, rig: Rig) -> None:
    """The deadline survives a restart: not early, not forgotten."""
    started = dt_util.utcnow()
    await switch(hass, rig.relays, True)
    await rig.advance(10 * 60)
    await reload(hass, rig.entry)
    assert moment(hass, AUTO_OFF) == started + timedelta(minutes=30)
    await rig.advance(20 * 60 - 1)
    assert rig.relays.plug.is_on
    await rig.advance(1)
    assert not rig.relays.plug.is_on


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_deadline_passed_while_home_assistant_was_down(
    hass: HomeAssistant, rig: Rig
) -> None:
    _, off = soon_and_off(hass)
    await switch(hass, rig.relays, True)
    await rig.advance(10 * 60)
    assert await hass.config_entries.async_unload(rig.entry.entry_id)
    await rig.advance(40 * 60)
    assert is_on(rig.relays.plug)
    assert await hass.config_entries.async_setup(rig.entry.entry_id)
    await settle(hass)
    assert not is_on(rig.relays.plug)
    assert len(off) == 1


@pytest.mark.parametrize("power_sensor", [False])
async def test_auto_off_option_changed_while_on(hass: HomeAssistant, rig: Rig) -> None:
    await switch(hass, rig.relays, True)
    assert state(hass, AUTO_OFF) == "unknown"
    hass.config_entries.async_update_entry(rig.entry, options={"auto_off_minutes": 15})
    await settle(hass)
    assert moment(hass, AUTO_OFF) == dt_util.utcnow() + timedelta(minutes=15)
    hass.config_entries.async_update_entry(rig.entry, options={"auto_off_minutes": 0})
    await settle(hass)
    assert state(hass, AUTO_OFF) == "unknown"
    await rig.advance(3600)
    assert rig.relays.plug.is_on


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 10}])
async def test_switch_off_failure_is_retried(
    hass: HomeAssistant, rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    soon, off = soon_and_off(hass)
    await switch(hass, rig.relays, True)
    rig.relays.plug.fail_commands = True
    with caplog.at_level(logging.WARNING):
        await rig.advance(10 * 60)
    assert "auto-off could not switch the machine off" in caplog.text
    assert is_on(rig.relays.plug)
    assert off == []
    rig.relays.plug.fail_commands = False
    await rig.advance(60)
    assert not is_on(rig.relays.plug)
    assert len(off) == 1
    assert len(soon) == 1  # the retry is no new warning


# --- the store and diagnostics ----------------------------------------------------------


@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_stored_and_in_diagnostics(
    hass: HomeAssistant, rig: Rig, hass_storage: dict[str, Any]
) -> None:
    await switch(hass, rig.relays, True)
    await play(hass, rig.freezer, heat_up(300), since=0)
    await rig.advance(12)
    stored = hass_storage[storage_key(rig.entry.entry_id)]["data"]
    assert stored["heat_up"]["history"][0]["seconds"] == pytest.approx(299)
    assert stored["auto_off_at"] is not None
    diagnostics = await async_get_config_entry_diagnostics(hass, rig.entry)
    assert diagnostics["routine"]["state"] == "ready"
    assert diagnostics["routine"]["learned"] == 1
    assert diagnostics["routine"]["cold_heat_up_seconds"] == pytest.approx(299)


async def test_malformed_routine_data_keeps_the_counters(
    hass: HomeAssistant, relays: Relays, hass_storage: dict[str, Any]
) -> None:
    entry = stored(
        hass_storage,
        machine_entry(),
        {
            "shots": 42,
            "heat_up": {"history": "garbage", "powered_on_at": "x"},
            "auto_off_at": "not a time",
        },
    )
    async with loaded(hass, entry):
        assert state_of(hass, "sensor.espresso_machine_shots").state == "42"
        assert state(hass, HEAT_UP) == "ready"


# --- start-up cases -------------------------------------------------------------------


@pytest.mark.parametrize("power_sensor", [False])
@pytest.mark.parametrize("entry_options", [{"ready_delay_minutes": 10}])
async def test_switched_off_while_home_assistant_was_down(
    hass: HomeAssistant, rig: Rig
) -> None:
    """Off at start-up after an on: off since now, as far as anyone knows."""
    await switch(hass, rig.relays, True)
    await rig.advance(3600)
    assert await hass.config_entries.async_unload(rig.entry.entry_id)
    rig.relays.plug.set(False)
    await rig.advance(3600)
    assert await hass.config_entries.async_setup(rig.entry.entry_id)
    await settle(hass)
    assert state(hass, HEAT_UP) == "off"
    assert state(hass, READY_AT) == "unknown"
    await switch(hass, rig.relays, True)
    assert state(hass, HEAT_UP) == "heating"
    # A change of the delay once ready changes nothing.
    await rig.advance(10 * 60)
    assert state(hass, HEAT_UP) == "ready"
    hass.config_entries.async_update_entry(
        rig.entry, options={"ready_delay_minutes": 30}
    )
    await settle(hass)
    assert state(hass, HEAT_UP) == "ready"


async def test_plug_unknown_at_start_up(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """A plug that comes up after the machine: its first state is taken as found."""
    relays.plug.set_available(False)
    async with loaded(hass, machine_entry(options={"auto_off_minutes": 20})):
        assert state(hass, HEAT_UP) == "off"
        relays.plug.set_available(True)  # on, as it was
        await settle(hass)
        assert state(hass, HEAT_UP) == "ready"
        assert moment(hass, AUTO_OFF) == dt_util.utcnow() + timedelta(minutes=20)
