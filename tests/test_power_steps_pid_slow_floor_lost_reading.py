"""A reading lost among a slow PID's pulses ends what the floor reads.

On change, silence after a state of the machine (the pump alone, a known
heater with it or without) is that state held. After a pulse's partial
reading, which no level holds, it is a reading lost: the pump may have
paused unread, and the floor, which only sees it paused in a reading below
its step, cannot tell two runs from one.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_runs


def test_a_lost_reading_after_a_partial_one_parts_two_runs() -> None:
    # A 12 s run stopped early, 8 s paused (its readings but one lost, that
    # one a heater's partial), then a 4 s flush: no shot.
    trace = TraceSpec("pid_slow", "rotary", "on_change", 9000023, 0).generate()
    runs = true_step_runs(trace, 7800.0)
    pieces = [t for t in trace.runs if 7740.0 < t.started < 7770.0]
    assert [round(t.ended - t.started) for t in pieces] == [12, 4]
    assert not [(a, b) for a, b in runs if a < 7770.0 and b > 7740.0 and is_shot(b - a)]
