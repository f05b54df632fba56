"""The floor's run starts again at a reading just after the standby.

A heater's partial reading may read the pump's level by chance just before
the pump starts; the pump's own partial first reading (its ramp), under its
step, then ends that candidate. That reading came a reading or two after
the standby: the pump started in it, and the run is read from there.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import run_over, true_step_runs


def test_a_chance_reading_of_the_pumps_level_before_its_start_loses_no_run() -> None:
    # A vibratory pump under a 2 s window: the standby, a heater's partial
    # reading, then the pump's ramp under its step.
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 20250444, 0).generate()
    runs = true_step_runs(trace, 9450.0)
    true, run = run_over(trace, runs, 9336.5)
    assert abs(run[0] - true.started) < 2.0
    assert is_shot(run[1] - run[0])
