"""The floor reads a run whose own readings show a PID's pulses.

The floor acts only while a PID's pulses came and went lately: on a
thermostat its edges alone read the machine. A slow PID holding its heater
on through a shot pulses too seldom for that, yet its heater's dips (four
switches in the run, a thermostat's switches once or twice) break the edges'
levels; read three times whole with the pump, the run is read. Every 2 s, a
29 s shot on a 6.9 s window was read by nothing.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_run_among_the_heaters_dips_is_read() -> None:
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 20000043, 0).generate()
    assert_one_shot(trace, 9768.8)
