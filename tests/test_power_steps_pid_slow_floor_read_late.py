"""The pump's first reading alone, a whole number of intervals late, is on time.

The floor's run starts at its first reading over the standby, which may be
a heater's partial reading; the pump's own level must be read within
``_FLOOR_LATE`` of it. Readings come a whole number of intervals apart,
each dated late by its delivery: a reading the bound's count of intervals
after the first is counted within it, not passed or failed by chance.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_shots


def test_the_pumps_level_three_intervals_after_a_pulse_is_on_time() -> None:
    # A 26.9 s shot (3489.9-3516.9 s) of a rotary pump read every 2 s: the
    # floor's run starts at a heater's partial reading (694.2 W at 3489.03 s),
    # 195.8 W is the pump with a heater's share, and the pump alone first
    # reads 169.2 W at 3495.05 s, 6.02 s after (dev seed 22000011).
    spec = corpus_spec("pid_slow", "periodic_2", 22000011)
    assert len(retried_shots(spec, 3489.9, 3516.9)) == 1


def test_the_pumps_level_six_seconds_in_on_change_is_on_time() -> None:
    # A 25.6 s shot (5116.2 s) of a vibratory pump read on change: the pump
    # alone first read 6.03 s after the floor's run began (dev seed 25000046).
    spec = corpus_spec("pid_slow", "on_change", 25000046)
    assert len(retried_shots(spec, 5116.2, 5141.8)) == 1
