"""A plug reporting every 5 s is calibrated over three runs: their median is the step.

Such a plug reports no volts, and the mains moves a heater's share by 8-30 W
between the last reading before the pump's stop and the first after: for a
45 W pump beside a 1,100 W heater, one run's step reads 18-60 % off (dev
20M-29M at 5 s: 75 of 480 machines saved a step more than 10 % off, 70 of
them vibratory pumps beside a heater on at both ends). ``SeveralRuns``
measures each run as one (``calibrate``) and saves the median, so that one
unseen mains step cannot decide the value.
"""

from __future__ import annotations

import itertools

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration import (
    Calibration,
    SeveralRuns,
    calibration_runs,
    calibration_wait_seconds,
)
from custom_components.espresso_care.signals.power.readings import Reading
from simulator.espresso import generate

from .power_traces import Row, calibrate_as_the_flow_does as one_run, periodic

CLICK = 600.0
PUMP_W = 45.0
# A heater comes on with the first run and holds through the three (30 s
# each, 30 s apart); the mains steps by ``mains`` W of its share a second
# after the first run's stop.
RUNS = [(605.0, 635.0), (665.0, 695.0), (725.0, 755.0)]


def rows(mains: float) -> list[Row]:
    """The readings of a 5 s plug (no volts): idle standby, then the three runs."""
    power = [(605.0, 1200.0, 1100.0), (636.0, 1200.0, mains)]
    power += [(a, b, PUMP_W) for a, b in RUNS]
    return periodic(power, 1200.0, every=5.0, noise=1.0, seed=3)


def several_runs(trace: list[Row]) -> Calibration:
    """The flow's loop: ``SeveralRuns`` fed every reading after the click."""
    idle = [Reading(at, w, v) for at, w, v in trace if at < CLICK]
    runs = calibration_runs(idle)
    assert runs == 3
    measuring = SeveralRuns(idle, CLICK, runs)
    wait = calibration_wait_seconds(30, runs)
    for at, w, v in trace:
        if CLICK <= at <= CLICK + wait:
            result = measuring.add(Reading(at, w, v))
            if result is not None:
                return result
    return measuring.verdict()


@pytest.mark.parametrize("mains", [-20.0, 20.0])
def test_a_mains_step_at_one_runs_stop_is_outvoted(mains: float) -> None:
    trace = rows(mains)
    # One run alone: the mains step is in its fall (63 W, 27 W).
    alone = one_run(trace, CLICK)
    assert alone.pump_watts is not None
    assert abs(alone.pump_watts - PUMP_W) > 0.3 * PUMP_W
    result = several_runs(trace)
    assert result.error is None
    assert result.pump_watts == pytest.approx(PUMP_W, rel=0.05)


def test_three_runs_without_a_mains_step_agree() -> None:
    result = several_runs(rows(0.0))
    assert result.error is None
    assert result.pump_watts == pytest.approx(PUMP_W, rel=0.05)


def test_two_runs_that_disagree_ask_again() -> None:
    """Two runs measured (the third not made) a third apart: one may be spoilt."""
    trace = [row for row in rows(-20.0) if row[0] < 720.0]
    assert several_runs(trace).error == "no_pump_seen"


def test_a_heat_exchanger_whose_first_run_read_a_mains_step() -> None:
    """Dev machine 20000028: the first run read 70.8 W for 52.0 W, the others 53.0 and 47.0."""
    spec = TraceSpec("heat_exchanger", "vibratory", "periodic_5", 20000028, 0)
    trace = spec.generate()
    assert len(trace.calibration_tries) == 3
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.05)


def test_a_slow_plugs_user_makes_three_runs_by_hand() -> None:
    """The simulator plays what the flow asks: three runs of about 30 s, 30 s apart."""
    trace = generate("thermostat", "vibratory", "periodic_5", seed=7, shots=6)
    clicks = {click for click, _ in trace.calibration_tries}
    runs = [run for _, run in trace.calibration_tries]
    assert len(clicks) == 1
    assert len(runs) == 3
    assert all(24.0 <= run.duration <= 42.0 for run in runs)
    pauses = [b.started - a.ended for a, b in itertools.pairwise(runs)]
    assert all(21.0 <= pause <= 48.0 for pause in pauses)
    assert trace.runs[0].started > runs[-1].ended
    # One run from a plug reporting every second, as before.
    fast = generate("thermostat", "vibratory", "periodic_1", seed=7, shots=6)
    assert len(fast.calibration_tries) == 1
    # The single run asked before, for the days the 5 s detector's tests use.
    single = generate(
        "thermostat", "vibratory", "periodic_5", seed=7, shots=6, calibration_runs=1
    )
    ((_, run),) = single.calibration_tries
    assert 24.0 <= run.duration <= 42.0
