"""A run read among a slow PID's pulses is none when readings show the pump off in it.

A heater's partial readings reach a small pump's level by chance, and the
edges read a run from them; flushes and their pauses, the heater's whole
level read between them, read as one. Readings at a state without the pump
(the standby, a known heater's whole level) inside the run show it off:
three of them, or one when a single reading after it shows the pump (a
heater's partial reading may land at the pump's level), not when the pump
is read again and again after it. The standby read before any reading
firmly shows the pump says the run began after it.
The first two machines calibrate only since a slow PID's pulses may stand between
the calibration's readings at the standby (``_standby_between_pulses``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot, shots_between


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


def test_one_heater_reading_then_one_pump_reading_is_no_shot() -> None:
    # A 14.1 s run (4469.4-4483.5 s) of a 195 W pump: the heater's whole
    # level alone at 4485 s, then one heater's partial reading at the
    # pump's level (205.6 W) before the standby, was read as a 22 s shot.
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 21000043, 0).generate()
    (flush,) = [t for t in trace.runs if 4460.0 < t.started < 4495.0]
    assert flush.duration < 15.0
    assert shots_between(trace, 4460.0, 4495.0) == []


def test_two_flushes_bridged_by_the_heater_are_no_shot() -> None:
    # Two flushes (11725.7-11729.4, 11733.9-11737.4 s) of a 63 W pump on
    # change, the heater's whole level alone between them and one reading
    # at the pump's level after it, were read as one 18 s shot.
    trace = TraceSpec("pid_slow", "vibratory", "on_change", 20000038, 0).generate()
    flushes = [t for t in trace.runs if 11700.0 < t.started < 11745.0]
    assert [t.duration < 15.0 for t in flushes] == [True, True]
    assert shots_between(trace, 11700.0, 11745.0) == []


def test_one_heater_reading_in_a_shot_the_pump_read_after_it_stands() -> None:
    # A 31 s shot (1832.1-1863.1 s) of a 55 W pump: a heater's partial
    # reading at its whole level alone (1851-1852 s), the pump read after
    # it again and again (alone, and with the heater's whole level).
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 22000040, 0).generate()
    assert_one_shot(trace, 1832.14)


def test_standby_read_before_the_pump_is_no_shot() -> None:
    # A backflush's 11.7 s pulse (11121.7-11133.4 s) of a 195 W pump on
    # change: a heater's partial readings under the pump's level from
    # 11117 s, the standby read twice (11119, 11121 s) before the first
    # reading of the pump's level, were read as one 17 s shot.
    trace = TraceSpec("pid_slow", "rotary", "on_change", 21000039, 1).generate()
    (pulse,) = [t for t in trace.runs if 11115.0 < t.started < 11125.0]
    assert pulse.kind == "backflush_pulse"
    assert shots_between(trace, 11110.0, 11140.0) == []
