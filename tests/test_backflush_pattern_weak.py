"""Weak pulses (seen only in a heater's band) fill a series of sure ones, never make one."""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import (
    PatternRules,
)

from .pattern_runs import drive_weak as drive, series


def test_one_weak_pulse_between_sure_ones_completes_a_series() -> None:
    """Four pulses, the third seen only above the heater: without it, three."""
    runs = series(0, 4) + series(300, 4)
    (found,), released = drive(runs, weak={2})
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 4)
    assert released == []


def test_one_weak_pulse_in_each_series_is_allowed() -> None:
    runs = series(0, 4) + series(300, 4)
    (found,), _ = drive(runs, weak={1, 6})
    assert found.pulses == 8


def test_weak_pulses_alone_make_no_backflush() -> None:
    runs = series(0, 5) + series(300, 5)
    found, released = drive(runs, weak=set(range(10)))
    assert found == []
    assert released == list(range(10))


def test_two_weak_pulses_in_a_series_are_too_many() -> None:
    """Judged without them, the series has two sure pulses: no backflush."""
    runs = series(0, 4) + series(300, 4)
    found, released = drive(runs, weak={1, 2})
    assert found == []
    assert released == list(range(8))


def test_weak_pulses_taken_out_still_leave_a_series_of_sure_ones() -> None:
    """Five sure pulses with two weak ones among them: a series of the five."""
    runs = series(0, 7, off=4.0) + series(300, 4)
    (found,), released = drive(runs, weak={1, 4})
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 4)
    assert released == [1, 4]


# A slow plug's: two weak pulses a series, three where no more than its sure ones.
EVEN = PatternRules(weak_max=2, weak_even_max=3)


def test_three_weak_pulses_among_three_sure_ones_fill_a_series() -> None:
    runs = series(0, 6) + series(300, 4)
    (found,), released = drive(runs, weak={1, 3, 4}, rules=EVEN)
    assert (found.cleaner_pulses, found.rinse_pulses, found.weak) == (6, 4, 3)
    assert released == []


def test_three_weak_pulses_among_two_sure_ones_are_too_many() -> None:
    """Judged without them, the series has two sure pulses: no backflush."""
    runs = series(0, 5) + series(300, 4)
    found, released = drive(runs, weak={1, 2, 3}, rules=EVEN)
    assert found == []
    assert released == list(range(9))
