"""The floor's shortest run counts its readings' span in whole intervals.

Readings come a whole number of intervals apart, each stamped a little
late by its delivery: from the stamps, a span of seven intervals every
2 s and the second the first reading averages read 14.99 s, withheld at
the 15 s bound (``_FloorRuns._shortest``).
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_shots


def test_a_shot_read_whole_for_fifteen_seconds_is_counted() -> None:
    # Dev 23000042 every 2 s: a 19.7 s shot, the 58 W pump read from
    # 2901.03 s (a second before it, through the second it averages) to
    # 2915.02 s among a slow PID's pulses.
    spec = corpus_spec("pid_slow", "periodic_2", 23000042)
    shots = retried_shots(spec, 2896.7, 2916.4)
    assert len(shots) == 1, shots
