"""The pump's first reading in a floor's run shows it on through the second it averages.

A reading averages the last second: the pump's level read whole (alone, or
with the heater whole) shows the pump on through that second, not from the
reading's stamp only (``_on_since``). Counted from the stamp, a shot a
little past the 15 s bound, read second by second, is sure for 14-15 s only
and withheld as a flush may be. Not from a run's first reading, straight from
the standby: a heater's sliver may read the pump's level by chance.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_shots


def test_an_18_s_shot_read_on_change_is_sure_for_its_first_second() -> None:
    # An 18.0 s shot (11640.2-11658.2 s) of a 40 W vibratory pump read on
    # change: the pump alone first at 11642.04 s (44.7 W), last with the
    # heater whole at 11657.03 s (1184.6 W), 14.99 s apart; the reading
    # at 11642.04 s averages from 11641.04 s (dev seed 23000030).
    spec = corpus_spec("pid_slow", "on_change", 23000030)
    assert len(retried_shots(spec, 11640.2, 11658.2)) == 1


def test_an_18_5_s_shot_read_every_second_is_sure_for_its_first_second() -> None:
    # An 18.5 s shot (1581.4 s) of a rotary pump read every second: its
    # readings of the pump 15 s apart by their stamps (dev seed 26000009).
    spec = corpus_spec("pid_slow", "periodic_1", 26000009)
    assert len(retried_shots(spec, 1581.4, 1599.9)) == 1


def test_a_runs_first_reading_at_the_pumps_level_counts_from_its_stamp() -> None:
    # A 13.7 s shot (7463.7-7477.5 s) of a 190 W rotary pump read every
    # 2 s: a heater's sliver reads 196.2 W at 7463.03 s, straight from the
    # standby, 0.7 s before the pump starts. Through the second it averages,
    # the run would be sure for 15.0 s and read as a 17.0 s shot
    # (regression seed 5000043).
    spec = corpus_spec("pid_slow", "periodic_2", 5000043)
    assert not retried_shots(spec, 7463.7, 7477.5)
