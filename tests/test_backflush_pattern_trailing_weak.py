"""A series with too many weak pulses first sheds those after its last sure one (``trailing_weak``)."""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import PatternRules

from .pattern_runs import drive_weak as drive, series

# A slow plug's: two weak pulses a series, three where no more than its sure ones.
EVEN = PatternRules(weak_max=2, weak_even_max=3)
TRAILING = replace(EVEN, trailing_weak=True)


# A cleaner series of four, then a rinse series of six (4 to 9, two weak)
# with three flush pieces after it (10 to 12, two weak): four weak of nine.
RUNS = series(0, 4) + series(300, 9)
WEAK = {7, 8, 10, 12}


def test_trailing_weak_flushes_are_shed_from_a_rinse_series() -> None:
    (found,), released = drive(RUNS, WEAK, TRAILING)
    assert (found.cleaner_pulses, found.rinse_pulses, found.weak) == (4, 8, 3)
    assert released == [12]


def test_without_the_rule_the_series_is_judged_on_its_sure_pulses() -> None:
    """Its sure pulses (4-6, 9, 11) lie too far apart: no series, no backflush."""
    found, released = drive(RUNS, WEAK, EVEN)
    assert found == []
    assert released == list(range(13))


def test_weak_pulses_inside_are_not_shed() -> None:
    """Too many weak ones before the last sure pulse: judged as before."""
    found, _ = drive(series(0, 4) + series(300, 8), {5, 7, 8, 9}, TRAILING)
    assert found == []


def test_a_series_of_weak_pulses_alone_sheds_nothing() -> None:
    found, _ = drive(series(0, 4) + series(300, 5), set(range(4, 9)), TRAILING)
    assert found == []
