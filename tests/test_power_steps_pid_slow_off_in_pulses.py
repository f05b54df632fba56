"""A run read among a slow PID's pulses is none when readings show the pump off in it.

A heater's partial readings reach a small pump's level by chance, and the
edges read a run from them; flushes and their pauses, the heater's whole
level read between them, read as one. Readings at a state without the pump
(the standby, a known heater's whole level) inside the run show it off.
Both machines calibrate only since a slow PID's pulses may stand between
the calibration's readings at the standby (``_standby_between_pulses``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import shots_between


def test_pulses_at_a_small_pumps_level_are_no_shot() -> None:
    # A 44 W pump; the heater recovers after the calibration run: its
    # partial readings and the standby read as a 23 s run at 1255-1278 s.
    trace = TraceSpec("pid_slow", "vibratory", "on_change", 21000038, 0).generate()
    assert not [t for t in trace.runs if t.started < 1300.0 and t.ended > 1240.0]
    assert shots_between(trace, 1240.0, 1300.0) == []


def test_backflush_flushes_are_no_shot() -> None:
    # Three flushes (8722-8727, 8731-8734, 8741-8746 s), the heater's whole
    # level read in their pauses, were read as one 26 s shot.
    trace = TraceSpec("pid_slow", "rotary", "periodic_1", 5000057, 1).generate()
    flushes = [t for t in trace.runs if 8715.0 < t.started < 8750.0]
    assert [t.kind for t in flushes] == ["flush"] * 3
    assert shots_between(trace, 8700.0, 8760.0) == []
