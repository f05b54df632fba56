"""The floor reads a run only from readings of the pump alone that come often.

After a flush, a fast PID's heater recovering steps its readings down
through the pump's level by chance, now and then: three such readings half
a minute apart agree as the pump's would. The pump alone reads its level
every few seconds among a slow PID's pulses; read so seldom, the readings
may all be chance.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_runs


def test_readings_at_the_pumps_level_half_a_minute_apart_are_no_run() -> None:
    # A 6.7 s flush on a fast PID, read every second, then its heater's
    # recovery: no reading of the pump's level for 30 s, then two by chance.
    trace = TraceSpec("pid_fast", "rotary", "periodic_1", 7000057, 0).generate()
    runs = true_step_runs(trace, 2900.0)
    assert not [(a, b) for a, b in runs if 2780.0 < a < 2840.0 and is_shot(b - a)]
