"""A pump whose start a heater's rise held, found at that heater's fall, read every second or two.

The rise (the heater and the pump) matched no known size; the heater's fall
alone leaves the pump's step: the run opens there, dated inside the rise.
Its level was the heater's (the level before the fall), and the fall was
never taken off it: the pump's own stop, a step below, read as no pump's
(a heat exchanger read every second, seed 21000048: a run level of 2.6 kW
for a 70 W pump, two shots lost). On a plug read every second or two a
reading of the fall at the standby shows the pump was not running yet: the
fall is the heater's alone and the pump started after it. Not when the fall
ends at the standby itself (the pump stopped first: its rise is proven).
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, is_shot
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.records import _Rise
from custom_components.espresso_care.signals.power.pump.steps import _Edge
from simulator.espresso import generate

from .sim_replay import retried_runs, run_over, true_step_runs


@pytest.mark.parametrize("started", [4139.0, 9815.0])
def test_run_found_at_the_heaters_fall_stands_on_the_pumps_level(
    started: float,
) -> None:
    spec = TraceSpec("heat_exchanger", "vibratory", "periodic_1", 21000048, 1)
    runs = retried_runs(spec, started + 120.0)
    assert any(abs(a - started) < 2.0 and is_shot(b - a) for a, b in runs)


def test_a_shot_that_stopped_before_the_heaters_fall_is_still_proven() -> None:
    spec = TraceSpec("dual_boiler", "vibratory", "periodic_2", 22000018, 1)
    runs = retried_runs(spec, 2700.0)
    assert any(abs(a - 2592.0) < 2.0 and is_shot(b - a) for a, b in runs)


def _fall(pts: list[float], after: float) -> _Edge:
    return _Edge(pts[0], after - pts[1], pts[1], after, tuple(pts))


def test_a_reading_at_the_standby_inside_the_fall_shows_the_pump_started_after() -> (
    None
):
    detector = PumpDetector(70.0)
    detector._gap = 1.0
    detector._base = 5.0
    pts = [100.0, 1070.0, 101.0, 1070.0, 102.0, 600.0, 103.0, 6.0, 104.0, 40.0]
    pts += [105.0, 72.0, 106.0, 75.0]
    assert detector._started_in_fall(_fall(pts, 75.0))
    # No reading at the standby: the pump may have run on through the fall.
    pts = [100.0, 1070.0, 101.0, 1070.0, 102.0, 600.0, 103.0, 75.0, 104.0, 74.0]
    assert not detector._started_in_fall(_fall(pts, 75.0))
    # The fall ends at the standby: the reading there says nothing of a start.
    pts = [100.0, 1000.0, 101.0, 1000.0, 102.0, 500.0, 103.0, 6.0, 104.0, 5.0]
    assert not detector._started_in_fall(_fall(pts, 5.0))


def test_a_slow_pids_pulses_keep_the_fall_of_the_rule_at_1_2_s() -> None:
    """Among a slow PID's heater pulses a fall's readings say nothing of a start.

    A pulse's partial readings land anywhere, the standby among them; a
    flush read that way became a shot on the bench seed (slow PID, rotary,
    read every 2 s, 20250423). While pulses come and go the rule reads as
    on 5 s plugs.
    """
    detector = PumpDetector(70.0)
    detector._gap = 1.0
    detector._base = 5.0
    pts = [100.0, 1070.0, 101.0, 1070.0, 102.0, 600.0, 103.0, 6.0, 104.0, 40.0]
    pts += [105.0, 72.0, 106.0, 75.0]
    detector._pulses = 0.5
    detector._pulse_at = 90.0
    assert not detector._started_in_fall(_fall(pts, 75.0))
    assert not detector._fast_unpulsed(106.0)


def test_a_rise_from_the_pumps_level_never_held_its_start() -> None:
    """A heater's rise from the pump's level is the heater's alone.

    A dual boiler, rotary, read every second (recognition's bench trace
    20250439): a backflush's pulse ran as the heater came on and stopped,
    and the next pulse started as the heater went. Read as the rise holding
    a start, the fall opened one run over the second pulse, the pause and
    part of the first: the backflush went unrecognized.
    """
    trace = generate(
        "dual_boiler",
        "rotary",
        "periodic_1",
        seed=20250439,
        shots=32,
        days=8,
        hand_backflushes=6,
        calibration=False,
    )
    runs = true_step_runs(trace, 2300.0)
    pulses = [t for t in trace.runs if 2150.0 < t.started < 2200.0]
    for pulse in pulses:
        true, (a, b) = run_over(trace, runs, pulse.started)
        assert abs(a - true.started) < 1.5
        assert abs(b - true.ended) < 1.5
    detector = PumpDetector(trace.pump_watts)
    detector._gap = 1.0
    detector._base = 4.2
    ptol = detector._ptol()
    before_on = _Edge(2165.5, 1076.0, 154.0, 1230.0, (2165.0, 154.0, 2166.0, 822.1))
    assert detector._ran_at_rise(_Rise(before_on), ptol)
    from_standby = _Edge(2165.5, 1222.0, 4.2, 1226.0, (2165.0, 4.2, 2166.0, 822.1))
    assert not detector._ran_at_rise(_Rise(from_standby), ptol)
