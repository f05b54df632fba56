"""A series one pulse short may stand, the pulse it lacks counted as missed (``short_series``)."""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
)

from .pattern_runs import drive_weak as drive, series

SHORT = replace(DEFAULT_RULES, short_series=True)


def test_a_cleaner_series_one_pulse_short_before_a_whole_rinse() -> None:
    runs = series(0, 3) + series(300, 5)
    (found,), released = drive(runs, set(), SHORT)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 5, 1)
    assert released == []
    # Without the rule: three flushes, a lone series.
    assert drive(runs, set(), DEFAULT_RULES) == ([], list(range(8)))


def test_a_rinse_series_one_pulse_short_after_a_whole_cleaner() -> None:
    (found,), _ = drive(series(0, 4) + series(300, 3), set(), SHORT)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 3, 1)


def test_both_series_short_are_no_backflush() -> None:
    found, released = drive(series(0, 3) + series(300, 3), set(), SHORT)
    assert found == []
    assert released == list(range(6))


def test_a_short_series_with_a_weak_pulse_is_no_series() -> None:
    found, _ = drive(series(0, 3) + series(300, 5), {1}, SHORT)
    assert found == []


def test_a_series_short_once_its_weak_pulses_are_taken_out_is_no_series() -> None:
    """Five pulses, two weak (over ``weak_max``): the three sure ones left are no short series."""
    runs = series(0, 5) + series(300, 5)
    found, released = drive(runs, {3, 4}, SHORT)
    assert found == []
    assert released == list(range(10))


def test_a_short_series_beside_one_missing_a_pulse_is_no_backflush() -> None:
    """The rinse already bridged a long pause: the backflush may lack one pulse only."""
    rinse = [*series(300, 2), *series(300 + 26 + 30, 2)]
    found, _ = drive(series(0, 3) + rinse, set(), SHORT)
    assert found == []
    # The same rinse after a whole cleaner series stands.
    (found_whole,), _ = drive(series(0, 4) + rinse, set(), SHORT)
    assert found_whole.missed == 1
