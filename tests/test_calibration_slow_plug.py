"""Calibration on a plug that reports every 5 s: a longer run, asked for by the flow.

Each reading of such a plug averages 5 s of power, so a 10 s run is two or
three readings, the pump's partial ones among the heater's (cold water drawn
in starts it a few seconds into the run). The flow sees in the idle readings
how often the plug reports and asks for about 30 s instead.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration import (
    calibration_run_seconds,
)
from custom_components.espresso_care.signals.power.readings import Reading

from .calibration_flow import Meter, choose_calibrate, idle, outcome
from .helpers import placeholders_of
from .test_power_calibration_several_runs import CLICK, rows as several_runs_rows


def every(gap: float, count: int, *, start: float = 0.0) -> list[Reading]:
    """Idle readings ``gap`` s apart."""
    return [Reading(start + gap * i, 1200.0 + i % 3, None) for i in range(count)]


@pytest.mark.parametrize(
    ("readings", "seconds"),
    [
        pytest.param(every(5.0, 120), 30, id="every 5 s"),
        pytest.param(every(1.0, 600), 10, id="every second"),
        pytest.param(every(2.0, 300), 10, id="every 2 s"),
        # On change: silent for long, but a reading a second while it moves.
        pytest.param(
            [*every(30.0, 15), *every(1.0, 4, start=451.0), *every(20.0, 5, start=460)],
            10,
            id="on change",
        ),
        pytest.param([], 10, id="no readings"),
    ],
)
def test_the_run_to_ask_for(readings: list[Reading], seconds: int) -> None:
    assert calibration_run_seconds(readings) == seconds


@pytest.mark.parametrize(
    ("family", "pump", "seed", "backflushes"),
    [
        # The heater came on a few seconds into the run: with 10 s, no
        # reading held the heater and the pump both (refused, or misread).
        ("thermostat", "vibratory", 20250464, 1),
        ("thermostat", "rotary", 20250417, 0),
        ("heat_exchanger", "vibratory", 20250416, 1),
        # The heater comes on with the pump and goes after it: the rise is a
        # heater's and the pump's, the fall the pump's alone. A heater seen
        # once before (1,223 W) left a rest of the rise that no fall matched.
        ("thermostat", "rotary", 20250425, 1),
        ("dual_boiler", "vibratory", 20250424, 0),
    ],
)
def test_a_longer_run_is_measured(
    family: str, pump: str, seed: int, backflushes: int
) -> None:
    trace = TraceSpec(family, pump, "periodic_5", seed, backflushes).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.1)


@pytest.mark.parametrize(
    ("family", "pump", "seed", "backflushes"),
    [
        # A slow PID's pulses, averaged over 5 s, look like the pump's
        # level: in the idle minutes they come every few readings once the
        # heat-up is over (counted from there, not over the heat-up too).
        ("pid_slow", "vibratory", 20250464, 1),
        # A fast PID's bursts, averaged over 5 s, a level that wanders by
        # a third of the pump's step and never holds.
        ("pid_fast", "vibratory", 20250456, 0),
        ("pid_slow", "rotary", 20250409, 0),
    ],
)
def test_a_pids_heater_read_every_5_s_is_too_noisy(
    family: str, pump: str, seed: int, backflushes: int
) -> None:
    trace = TraceSpec(family, pump, "periodic_5", seed, backflushes).generate()
    _, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error == "too_noisy"


THREE_RUNS = {"seconds": "272", "run_seconds": "30", "runs": "3", "pause_seconds": "30"}
"""What the flow tells a person calibrating a 5 s plug: three runs of 30 s, 30 s apart."""


async def test_the_flow_asks_a_slow_plug_for_three_runs(
    hass: HomeAssistant,
    plug_only: MockConfigEntry,
    meter: Meter,
) -> None:
    await meter.report(idle(60), every=5.0)
    result = await choose_calibrate(hass, plug_only.entry_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "calibrate_runs"
    assert result["description_placeholders"] == {**THREE_RUNS, "pump_watts": "0"}
    flow_id = str(result["flow_id"])
    result = await hass.config_entries.options.async_configure(flow_id, {})
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    assert result["progress_action"] == "calibrate_wait_runs"
    assert result["description_placeholders"] == THREE_RUNS
    # Past the time a single run's wait took (80 s): still waiting.
    await meter.report(idle(20), every=5.0)
    result = await hass.config_entries.options.async_configure(flow_id)
    assert result["type"] is FlowResultType.SHOW_PROGRESS


async def test_the_flow_saves_the_median_of_three_runs(
    hass: HomeAssistant,
    plug_only: MockConfigEntry,
    meter: Meter,
) -> None:
    """The first run's stop read a mains step (63 W for 45 W): the median stands."""
    trace = several_runs_rows(-20.0)
    await meter.report([w or 0.0 for at, w, _ in trace if at < CLICK], every=5.0)
    result = await choose_calibrate(hass, plug_only.entry_id)
    flow_id = str(result["flow_id"])
    await hass.config_entries.options.async_configure(flow_id, {})
    await meter.wait(5)
    after = [w or 0.0 for at, w, _ in trace if at >= CLICK + 5.0]
    await meter.report(after[:20], every=5.0)  # the first run and a pause
    result = await outcome(hass, flow_id)
    assert result["type"] is FlowResultType.SHOW_PROGRESS
    await meter.report(after[20:], every=5.0)
    result = await outcome(hass, flow_id)
    assert result["step_id"] == "calibrate_done"
    assert abs(int(placeholders_of(result)["watts"]) - 45) <= 2
