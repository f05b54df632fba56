"""The floor's run may start at any reading under half the pump's step.

Such a reading shows the pump off for half of it at least: the standby, or
a vibratory pump's ramp. A heater's partial readings just before the pump
started may leave that ramp reading more than two readings after the
standby; it still tells that the run starts there, and the floor reads it
(before, the floor waited for the standby again and lost the shot).
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import run_over, true_step_runs


def test_a_ramp_reading_after_a_heaters_pulse_starts_the_floors_run() -> None:
    # Dev seed 22000024, vibratory (56.4 W) under a 3.5 s window, every 1 s:
    # the standby at 9834, a heater's pulse read in part at 9835 and 9836
    # (the pump starting in it), the pump's ramp at 25.7 W at 9837, then
    # its level alone between the pulses.
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 22000024, 1).generate()
    runs = true_step_runs(trace, 9900.0)
    true, run = run_over(trace, runs, 9836.4)
    assert abs(run[0] - true.started) < 2.0
    assert is_shot(run[1] - run[0])
