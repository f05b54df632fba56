"""Silence after a reading of the standby alone held it: the floor sees the start.

The floor opens a run only at a reading of the standby just before (the
start seen). A plug reporting on change says nothing while the standby
holds: a silence of a few seconds after a reading of the standby alone
(no partial reading) is the standby held, and the pump started within a
reading of the one that shows it.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import run_over, true_step_runs


def test_a_start_after_the_standby_held_in_silence_is_seen() -> None:
    # Vibratory pump under a 1.2 kW heater, on change: the standby read at
    # 1777.0 s, then nothing until a pulse over the pump at 1780.0 s.
    trace = TraceSpec("pid_slow", "vibratory", "on_change", 20250426, 0).generate()
    runs = true_step_runs(trace, 1900.0)
    true, run = run_over(trace, runs, 1780.9)
    assert abs(run[0] - true.started) < 3.0
    assert is_shot(run[1] - run[0])
