"""A heater and the pump switching together both ways, one heater long learnt: a shot.

Read every 2 s (a 1 s average), a 150 W rotary pump and the 1390 W heater
came on in one interval (6.3 W, 1204.5 W, 1546.4 W) and went off in one
(1533.6 W, 724.5 W, 6.1 W). Split from the heater's edges at both ends, the
run was refused while a second heater's cluster was free for a heater of
the summed size. The machine's one heater had cycled many times (its
weight full) and no other: a second heater would have shown (a dual
boiler's cycles as it idles), and the shot is counted.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_shot_inside_the_one_heaters_cycle_is_counted() -> None:
    started = 10208.81
    trace = TraceSpec("heat_exchanger", "rotary", "periodic_2", 23000027, 1).generate()
    assert_one_shot(trace, started, slack=2.0)
