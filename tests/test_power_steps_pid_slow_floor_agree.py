"""The floor's readings of the pump alone agree to its wobble: 3 % of its step.

A pulse's partial reading may fall near the pump's level by chance; taken
for the pump alone after the run, it would carry the run past its stop. The
pump alone reads its own step each time, to a per cent or two.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_runs


def test_a_partial_reading_near_the_pumps_level_does_not_carry_the_run() -> None:
    # The user's 12.6 s calibration run on change, a reading 4 s after it
    # 4 % under the pump's readings alone: no shot.
    trace = TraceSpec("pid_slow", "rotary", "on_change", 22000031, 0).generate()
    run = trace.calibration_run
    assert run is not None
    runs = true_step_runs(trace, 960.0)
    assert not [
        (a, b) for a, b in runs if a < run.ended and b > run.started and is_shot(b - a)
    ]
