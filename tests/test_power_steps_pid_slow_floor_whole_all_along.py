"""Readings of a slow PID's heater whole with the pump show a run only all along.

With no reading of the pump alone, the floor reads a run from readings of
the heater whole with the pump. The pump's pause between two flushes hides
among the heater's partial readings, which never fall back to the standby
when the window is short: such readings must come every reading or two
all along. Every second, two flushes of 5 and 6 s, 9 s apart, read as one
22 s shot.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_runs


def test_two_flushes_with_the_heater_whole_between_are_no_shot() -> None:
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 9000048, 1).generate()
    flushes = [t for t in trace.runs if 6670.0 < t.started < 6700.0]
    assert [round(t.ended - t.started) for t in flushes] == [5, 6]
    runs = true_step_runs(trace, 6760.0)
    near = [(a, b) for a, b in runs if a < 6700.0 and b > 6670.0]
    assert not [(a, b) for a, b in near if is_shot(b - a)]
