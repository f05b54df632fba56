"""A slow PID's heater read whole with the pump shows the floor's run.

The floor counts a run once three readings show the pump. As a shot draws
cold water the PID's pulses grow, and the pump's level alone is seldom read
between them; a pulse read whole still is: the one heater's size at the
reading's volts (a heater only adds up to it) and the pump's step over it.
Every 2 s, a 26 s shot read the pump alone twice only.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_readings_of_the_heater_whole_and_the_pump_count_as_the_pumps() -> None:
    trace = TraceSpec("pid_slow", "vibratory", "periodic_2", 20250430, 0).generate()
    assert_one_shot(trace, 4968.6)
