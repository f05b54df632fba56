"""A run the floor proved past a kind bound lasts that bound at least.

The floor dates its run's stop halfway from its last reading of the pump
to the reading that showed it off; a run it proved past the 15 s bound
(``_past_bound``) may come out a little shorter, and read as a flush. Its
stop moves to the bound, never past the reading that showed it off.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_shots


def test_a_shot_proven_past_the_bound_is_dated_a_shot() -> None:
    # A 16.4 s shot (3407.0-3423.5 s) of a rotary pump read every 2 s: the
    # pump alone from 3409.04 s to 3421.00 s, the standby at 3425.04 s; the
    # floor proved it past 15 s and dated it 14.98 s (dev seed 29000035).
    spec = corpus_spec("pid_slow", "periodic_2", 29000035)
    assert len(retried_shots(spec, 3407.0, 3423.5)) == 1
