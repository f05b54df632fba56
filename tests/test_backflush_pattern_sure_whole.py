"""A series whose sure pulses alone are whole counts as read sure beside a short weak one (``sure_whole``).

Every 5 s a dual boiler's cleaner series lost its first three pulses (bench
seed 20,250,448 at 22,222 s, a 64 W pump: read as a weak pulse and two sure
ones, a series one short leaning on its weak pulse), and its rinse series
was read as four sure pulses and a fifth weak: with that weak pulse the
rinse was no sure series, so the short cleaner paired with
nothing, though the rinse's sure pulses alone were a whole series.
"""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import DEFAULT_RULES

from .pattern_runs import drive_weak as drive, rules_read_every, series
from .sim_replay import backflush_days, read_over

SHORT_WEAK = replace(DEFAULT_RULES, short_series=True, short_weak=True, weak_max=2)
SURE_WHOLE = replace(SHORT_WEAK, sure_whole=True)


def test_a_short_weak_cleaner_before_a_rinse_whole_by_its_sure_pulses() -> None:
    runs = series(0, 3) + series(300, 5)
    (found,), released = drive(runs, {0, 7}, SURE_WHOLE)
    assert (found.cleaner_pulses, found.rinse_pulses) == (3, 5)
    assert (found.missed, found.weak, found.short_weak) == (1, 2, True)
    assert released == []
    # Without the rule: the rinse's weak pulse makes it no sure series.
    assert drive(runs, {0, 7}, SHORT_WEAK) == ([], list(range(8)))


def test_a_cleaner_whole_by_its_sure_pulses_before_a_short_weak_rinse() -> None:
    runs = series(0, 5) + series(300, 3)
    (found,), _ = drive(runs, {1, 6}, SURE_WHOLE)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (5, 3, 1)
    assert drive(runs, {1, 6}, SHORT_WEAK)[0] == []


def test_a_series_short_of_sure_pulses_without_its_weak_one_makes_none() -> None:
    """Four pulses, one weak: three sure ones are no whole series."""
    found, released = drive(series(0, 3) + series(300, 4), {0, 6}, SURE_WHOLE)
    assert found == []
    assert released == list(range(7))


def test_a_series_missing_a_pulse_is_not_whole() -> None:
    """A long pause hid a pulse in it: the short series' missed pulse was the only one to spend."""
    rinse = [*series(300, 2), *series(326 + 30, 3)]  # a long pause: one missed
    found, _ = drive(series(0, 3) + rinse, {0}, SURE_WHOLE)
    assert found == []


def test_only_a_slow_plug_counts_sure_pulses_so() -> None:
    assert rules_read_every(5.0).sure_whole
    assert not rules_read_every(2.0).sure_whole
    assert not rules_read_every(1.0).sure_whole


def test_bench_seed_dual_boiler_cleaner_read_from_its_fourth_pulse() -> None:
    """Bench seed 20,250,448 at 22,222 s, read as the docstring above says."""
    truth, found = backflush_days("dual_boiler", "vibratory", "periodic_5", 20_250_448)
    (backflush,) = [(s, e) for s, e in truth if 22_200 < s < 22_300]
    assert read_over(found, *backflush)
