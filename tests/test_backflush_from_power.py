"""Hand-made backflushes read from a plug-only machine's power, through Home Assistant.

A simulated machine's readings go, one by one in frozen time, through a real
``sensor`` entity (as a plug integration writes them) to a machine with only a
plug. A backflush made by hand is recorded once (the run pattern and the
pulses read from power never both), fires ``espresso_care_backflush_recognized``
and counts none of its pulses as flushes; a day of shots and flushes is not
taken for one, and the option turns it off.
"""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant
from homeassistant.util import dt as dt_util
import pytest

from custom_components.espresso_care import recognition
from custom_components.espresso_care.const import (
    EVENT_BACKFLUSH_RECOGNIZED,
    OPT_PUMP_WATTS,
    OPT_RECOGNIZE_BACKFLUSH,
)
from custom_components.espresso_care.signals.power.pulses import PowerBackflushes
from simulator.espresso import Trace, generate

from .conftest import POWER, WATTS, Relays, loaded, machine_entry
from .helpers import advance, resume, run, state_of
from .plug_replay import feed, plug_only_machine

LAST_BACKFLUSH = "sensor.espresso_machine_last_backflush"
FLUSHES = "sensor.espresso_machine_flushes"
STATE = "sensor.espresso_machine_backflush_state"
IDLE = 3.0


async def replay(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
    trace: Trace,
    options: dict[str, int],
) -> list[Event]:
    """A plug-only machine fed the trace's readings; the recognized events fired."""
    events: list[Event] = []
    hass.bus.async_listen(EVENT_BACKFLUSH_RECOGNIZED, events.append)
    sensor, _ = await plug_only_machine(hass, monkeypatch, trace.pump_watts, options)
    await feed(hass, freezer, sensor, trace.reports)
    await advance(hass, freezer, 900)
    return events


def with_backflush(plug: str, seed: int, pump: str = "rotary") -> Trace:
    """A day of a thermostat machine with a backflush by hand."""
    return generate(
        "thermostat",
        pump,
        plug,
        seed=seed,
        shots=3,
        days=1,
        hand_backflushes=1,
        calibration=False,
    )


def true_flushes(trace: Trace) -> int:
    return sum(run.kind == "flush" for run in trace.runs)


async def test_read_from_five_second_readings(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plug reporting every 5 s: the pump detector sees too few pulses, the train reads them."""
    trace = with_backflush("periodic_5", seed=5)
    events = await replay(hass, freezer, monkeypatch, trace, {})
    (event,) = events
    assert event.data["pulses"] >= 8
    pulses = [run for run in trace.runs if run.kind == "backflush_pulse"]
    started = dt_util.parse_datetime(event.data["started"])
    assert started is not None
    # The trace's seconds count from the moment the machine was set up.
    assert (
        abs(
            (started - dt_util.utcnow()).total_seconds()
            - (pulses[0].started - trace.end - 900)
        )
        < 10
    )
    assert state_of(hass, LAST_BACKFLUSH).state != "unknown"
    assert int(state_of(hass, FLUSHES).state) <= true_flushes(trace)


async def test_recorded_once_when_both_views_find_it(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every 2 s the detector's runs and the readings both show it: one record, one event."""
    trace = with_backflush("periodic_2", seed=0)
    events = await replay(hass, freezer, monkeypatch, trace, {})
    assert len(events) == 1
    assert state_of(hass, LAST_BACKFLUSH).state != "unknown"
    assert int(state_of(hass, FLUSHES).state) <= true_flushes(trace)


@pytest.mark.parametrize("plug", ["periodic_2", "periodic_5"])
async def test_ordinary_use_is_no_backflush(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
    plug: str,
) -> None:
    trace = generate(
        "thermostat", "rotary", plug, seed=5, shots=12, days=1, calibration=False
    )
    assert await replay(hass, freezer, monkeypatch, trace, {}) == []
    assert state_of(hass, LAST_BACKFLUSH).state == "unknown"


async def test_the_option_turns_it_off(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    trace = with_backflush("periodic_5", seed=5)
    options = {OPT_RECOGNIZE_BACKFLUSH: 0}
    assert await replay(hass, freezer, monkeypatch, trace, options) == []
    assert state_of(hass, LAST_BACKFLUSH).state == "unknown"


async def test_a_programs_own_pulses_are_no_backflush(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """A cleaner program on the relay: its two series show on the meter, and are its own."""
    events: list[Event] = []
    hass.bus.async_listen(EVENT_BACKFLUSH_RECOGNIZED, events.append)
    hass.states.async_set(POWER, str(IDLE), WATTS)
    entry = machine_entry(power_sensor=POWER, options={OPT_PUMP_WATTS: 52})
    async with loaded(hass, entry):
        for _ in range(60):
            hass.states.async_set(POWER, f"{IDLE:.1f}", WATTS)
            await advance(hass, freezer, 1)
        await run(hass, program="cleaner")
        state = "cleaning"
        for _ in range(1800):
            watts = IDLE + 52.0 if relays.pump.is_on else IDLE
            hass.states.async_set(POWER, f"{watts:.1f}", WATTS)
            await advance(hass, freezer, 1)
            state = state_of(hass, STATE).state
            if state.startswith("awaiting"):
                await advance(hass, freezer, 60)
                await resume(hass)
            elif state == "completed":
                break
        assert state == "completed"
        await advance(hass, freezer, 900)
        assert events == []


class _FoundAtReadings(PowerBackflushes):
    """The train with no deadline: every find comes with a reading (``feed``)."""

    __slots__ = ()

    @property
    def next_deadline(self) -> float | None:
        return None


async def test_a_backflush_found_at_a_reading_is_shown(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A find a reading closes (a series closed by the excursion after it) updates the entities.

    Found at a deadline, the entities were told; at a reading they were not,
    and the last backflush stayed unknown (a slow plug's series waiting
    past the group flushes' first excursion, which held its deadline off).
    """
    monkeypatch.setattr(recognition, "PowerBackflushes", _FoundAtReadings)
    trace = with_backflush("periodic_5", seed=5)
    (event,) = await replay(hass, freezer, monkeypatch, trace, {})
    assert event.data["pulses"] >= 8
    assert state_of(hass, LAST_BACKFLUSH).state != "unknown"
