"""The floor's run starts anew at a slow PID's heater held alone.

The floor reads a run from a reading at the standby. A PID holding its
heater on (a heat-up, cold water drawn in) shows no standby before the
shot: two readings of the known heater alone show the pump off as well,
and the run read by the heater whole with the pump starts after them. Every
2 s, a 28 s shot on a 6.5 s window was read by nothing.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_run_after_the_heater_held_alone_is_read() -> None:
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 20250439, 0).generate()
    assert_one_shot(trace, 8756.8)
