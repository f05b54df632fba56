"""A slow PID's pulses, which the floor reads, do not pause counting.

The live noise check pauses counting by power while unexplained steps
come as large as the pump's. A slow PID's heater pulses, half again the
pump's step or more, stand apart from it: they pause the edges, which
cannot follow the pump among them, but the floor reads the pump's runs
under them, so the user is not told that counting paused. Here a slow PID
read every second whose pulses alone made the detector ambiguous.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_counted


def test_a_slow_pids_pulses_leave_the_floor_counting() -> None:
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 20250412, 0).generate()
    counted, paused = true_step_counted(trace, 3300.0)
    assert not paused
    shots = [(a, b) for a, b, _ in counted if is_shot(b - a)]
    assert [(a, b) for a, b in shots if abs(a - 2717.0) < 1.5]
