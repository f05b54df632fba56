"""A run over one decided before is not counted, read every second or two.

A pump runs once at a time: a run the detector decides over one it decided
before is a second reading of the same readings (``_once``). Every 2 s
among a slow PID's pulses, a heater's rise held pending since a flush's
start was proven by a fall after the next flush: the first flush read
alone, then again from its start to the next one's end.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_runs, retried_shots


def test_two_flushes_are_not_read_again_as_one_shot() -> None:
    # A 2.7 s flush (2280.3 s) read 2281.0-2285.0 s, then a 4.1 s flush
    # (2300.9 s): read again as one 26 s run from 2281.0 s (dev seed
    # 25000003, every 2 s).
    spec = corpus_spec("pid_slow", "periodic_2", 25000003)
    assert retried_shots(spec, 2280.3, 2305.0) == []


def test_the_first_flush_is_still_read() -> None:
    spec = corpus_spec("pid_slow", "periodic_2", 25000003)
    runs = retried_runs(spec, 2320.0)
    assert [(a, b) for a, b in runs if 2275.0 < a < 2290.0 and b - a < 10.0]
