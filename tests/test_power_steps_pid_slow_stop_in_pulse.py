"""A pump's stop inside a slow PID's heater pulse leaves a run's kind a guess.

Read every second or two, the pulse's partial readings hide whether the
pump still ran under them, and the fall is dated after them, the latest it
could be. The last reading of the pump's level (alone or with a known
heater) shows it on until then; when the shot's bound (15 s) lies between
the two, the run is withheld. A first reading of the pump's whole level
dates its start an interval earlier: a shot that then outlasts the bound
at its shortest stands.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot, shots_between


def test_run_ending_in_a_pulse_every_second_is_no_shot() -> None:
    # A 14.6 s run (9064.4-9079.0 s), read 17 s: its last reading alone
    # at 9078 s, the heater's pulse at 9079 and 9080 s, the standby at
    # 9081 s. (The trace of the calibration's second try, as the bench's.)
    trace = TraceSpec("pid_slow", "rotary", "periodic_1", 23000041, 0).generate(2)
    (run,) = [t for t in trace.runs if 9060.0 < t.started < 9070.0]
    assert run.duration < 15.0
    assert shots_between(trace, 9055.0, 9090.0) == []


def test_run_ending_in_a_pulse_every_two_seconds_is_no_shot() -> None:
    # A 13.6 s run (3062.4-3076.0 s) read 18 s: its last reading alone
    # at 3075 s, the pulse at 3077 s, the standby at 3079 s.
    trace = TraceSpec("pid_slow", "vibratory", "periodic_2", 22000034, 0).generate()
    (run,) = [t for t in trace.runs if 3060.0 < t.started < 3065.0]
    assert run.duration < 15.0
    assert shots_between(trace, 3055.0, 3085.0) == []


def test_shot_read_whole_from_its_first_reading_stands() -> None:
    # An 18.2 s shot (8199.5 s) whose stop hid in a pulse (8217-8220 s):
    # its first reading whole, it ran 16 s at least.
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 20000051, 1).generate()
    assert_one_shot(trace, 8199.5)
