"""On change, the pump's level read twice after a heater's fall and its start shows the pump alone.

A heat exchanger's 1251 W heater went off as its 188 W rotary pump started
(one edge, 1239 W to 197 W), the pump's level read twice (204.9 W and
189.4 W); the heater came back during the shot and went off with the pump.
Both ends split from a heater's edge, and a run is counted so only if a
reading showed the pump alone: on change a level is never taken as one (it
may be a partial reading whose follow-up was lost), and the shot was missed.
A level two readings showed is no such reading.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_shot_started_in_a_heater_fall_with_its_level_read_twice_is_counted() -> None:
    started = 5858.15
    spec = TraceSpec("heat_exchanger", "rotary", "on_change", 20000063, 1)
    trace = spec.generate(3)  # the user's third calibration (two saw no pump)
    assert_one_shot(trace, started, slack=1.5)
