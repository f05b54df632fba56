"""Shots read by the readings' floor among a slow PID's short pulses.

A slow PID's window of two or three seconds, read every second or two,
never holds a level: the edges are lost in the pulses (the live noise check
makes the detector ambiguous). A heater only adds to the pump's level: the
readings of the pump alone (the heater off for a whole reading) agree to a
few watts, and a reading below its step shows it off.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import run_over, true_step_runs


def test_a_shot_among_a_short_windows_pulses_is_read_by_its_floor() -> None:
    # A rotary pump under a 1.25 kW heater pulsed every 2.2 s: the detector
    # is ambiguous through the shot, whose stop hides in pulses for 18 s.
    trace = TraceSpec("pid_slow", "rotary", "periodic_1", 20250429, 0).generate()
    runs = true_step_runs(trace, 1200.0)
    true, run = run_over(trace, runs, 1106.5)
    assert abs(run[0] - true.started) < 1.5
    assert is_shot(run[1] - run[0])
    assert abs(run[1] - true.ended) < 10.0
