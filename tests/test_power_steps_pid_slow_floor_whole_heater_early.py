"""A slow PID's heater read whole with the pump counts from its third cycle.

The floor reads the heater whole with the pump once the one heater's size
is known (``_whole_with_pump``). A shot soon after the calibration finds
the heater measured three or four times only, its size already held to a
tenth of the pump's step. Every 2 s, a 26 s shot read the pump alone twice,
the heater whole with it three times, and was read by nothing.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_heater_measured_three_times_reads_the_pump_with_it() -> None:
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 25000043, 0).generate()
    assert_one_shot(trace, 1922.2)
