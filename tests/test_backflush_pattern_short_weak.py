"""A series one pulse short may hold one weak pulse where the other is whole and sure (``short_weak``).

Every 5 s a series of three, one read only in a heater's band or as a long
piece, was no series: bench seed 20,250,417 at 30,889 s, a heat exchanger
with a 188 W pump, a cleaner series read as five sure pulses and the rinse
as 7.7 and 9.4 s pulses, then a long piece (its pulses 12.0 and 10.5 s, 9 s
apart, read as one of 16.3 s), a pause that hid one and a weak piece.
"""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import DEFAULT_RULES

from .pattern_runs import drive_weak as drive, series
from .sim_replay import backflush_days, read_over

SHORT = replace(DEFAULT_RULES, short_series=True, weak_max=2)
SHORT_WEAK = replace(SHORT, short_weak=True)


def test_a_rinse_of_three_one_weak_after_a_whole_sure_cleaner() -> None:
    runs = series(0, 5) + series(300, 3)
    (found,), released = drive(runs, {6}, SHORT_WEAK)
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 3)
    assert (found.missed, found.weak) == (1, 1)
    assert released == []
    # Without the rule: three flushes after a lone cleaner series.
    assert drive(runs, {6}, SHORT) == ([], list(range(8)))


def test_a_cleaner_of_three_one_weak_before_a_whole_sure_rinse() -> None:
    (found,), _ = drive(series(0, 3) + series(300, 4), {0}, SHORT_WEAK)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 4, 1)


def test_the_other_series_with_a_weak_pulse_makes_none() -> None:
    """The short series leans on a weak pulse: the other must be read all sure."""
    found, released = drive(series(0, 5) + series(300, 3), {1, 6}, SHORT_WEAK)
    assert found == []
    assert released == list(range(8))
    found, _ = drive(series(0, 3) + series(300, 5), {1, 5}, SHORT_WEAK)
    assert found == []


def test_the_other_series_missing_a_pulse_makes_none() -> None:
    """The short series spent the backflush's one missed pulse."""
    cleaner = [*series(0, 2), *series(26 + 30, 2)]  # a long pause: one missed
    found, _ = drive(cleaner + series(400, 3), {5}, SHORT_WEAK)
    assert found == []


def test_a_short_series_with_two_weak_pulses_is_no_series() -> None:
    found, _ = drive(series(0, 5) + series(300, 3), {5, 6}, SHORT_WEAK)
    assert found == []


def test_a_find_refused_with_a_short_weak_series_refuses_no_later_one() -> None:
    """Regression seed 5,000,043: a backflush at 21,832 s read with a rinse of three, one weak.

    The checks refuse it; had that refusal been noted (``RefusedLately``),
    the next backflush, 5,800 s later, would have been refused with it, as
    it was not before the rule.
    """
    truth, found = backflush_days("heat_exchanger", "rotary", "periodic_5", 5_000_043)
    (first,) = [(s, e) for s, e in truth if 21_800 < s < 21_900]
    (later,) = [(s, e) for s, e in truth if 27_600 < s < 27_700]
    assert not read_over(found, *first)
    assert read_over(found, *later)
