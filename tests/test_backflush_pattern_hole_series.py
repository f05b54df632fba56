"""Two sure pulses and a long hole stand as a series where the other series was read whole (``hole_series_min``).

Every 5 s a heater switching through a series leaves a stretch no band
explains, where two or three pulses and their pauses hide (a hole the
series waits on past, ``bridge``): a dual boiler's rinse read as a pulse, a
hole of 28 s and a pulse, of the true five (bench seed 20,250,409 at
29,193 s); a heat exchanger's cleaner as a pulse, a hole of 24 s and a
pulse, of four (dev seed 20,000,003 at 21,935 s); a dual boiler's cleaner
as two pulses and a hole of 28 s, of four (dev seed 21,000,015 at
31,202 s). Two pulses and a hole were no series, though the other series
was read whole. They stand with the pulses the series lacks counted
missed, where the hole is long enough to hide two pulses and the pause
between, both pulses are sure, and the other series was read sure (or
whole by its sure pulses) and whole, none missed.
"""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import DEFAULT_RULES

from .pattern_runs import rules_read_every, series
from .sim_replay import backflush_days, read_over
from .test_backflush_pattern_hole import _drive

HOLES = replace(
    DEFAULT_RULES, holes_max=1, short_series=True, weak_max=2, sure_whole=True
)
HOLE_SERIES = replace(HOLES, hole_series_min=15.0)

# A pulse, a hole of 24 s where two pulses hid, a pulse; a whole rinse.
CLEANER = [(0.0, 8.0), (46.0, 54.0)]
HOLE = (18.0, 42.0)
RINSE = series(400.0, 5)


def test_two_pulses_around_a_long_hole_before_a_whole_rinse() -> None:
    (found,) = _drive(CLEANER + RINSE, [HOLE], HOLE_SERIES)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (2, 5, 2)
    # Without the rule two pulses and a hole are no series.
    assert _drive(CLEANER + RINSE, [HOLE], HOLES) == []


def test_a_whole_cleaner_before_a_rinse_read_around_a_hole() -> None:
    cleaner = series(0.0, 5)
    rinse = [(400.0, 408.0), (446.0, 454.0)]
    (found,) = _drive(cleaner + rinse, [(418.0, 442.0)], HOLE_SERIES)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (5, 2, 2)
    assert _drive(cleaner + rinse, [(418.0, 442.0)], HOLES) == []


def test_the_other_series_whole_by_its_sure_pulses() -> None:
    """A rinse of five, one weak: its four sure pulses are a whole series."""
    weak = {7}  # events in order: the cleaner's two and the hole, the rinse from 3
    (found,) = _drive(CLEANER + RINSE, [HOLE], HOLE_SERIES, weak=weak)
    assert found.pulses == 7


def test_the_other_series_short_of_sure_pulses_makes_none() -> None:
    """A rinse of four, one weak: three sure pulses, no whole series."""
    rinse = series(400.0, 4)
    assert _drive(CLEANER + rinse, [HOLE], HOLE_SERIES, weak={4}) == []


def test_the_other_series_one_short_makes_none() -> None:
    """A rinse of three sure pulses stands short, its pulse missed: too many missed."""
    assert _drive(CLEANER + series(400.0, 3), [HOLE], HOLE_SERIES) == []


def test_a_short_hole_hides_no_pulses() -> None:
    cleaner = [(0.0, 8.0), (36.0, 44.0)]
    assert _drive(cleaner + RINSE, [(18.0, 32.0)], HOLE_SERIES) == []


def test_no_series_leaning_on_a_weak_pulse() -> None:
    assert _drive(CLEANER + RINSE, [HOLE], HOLE_SERIES, weak={0}) == []
    assert _drive(CLEANER + RINSE, [HOLE], HOLE_SERIES, weak={2}) == []


def test_a_hole_after_the_two_pulses() -> None:
    """The third pulse began as the heater came on, the fourth ran in it (21,000,015)."""
    cleaner = [(0.0, 8.0), (14.0, 20.0)]
    (found,) = _drive(cleaner + RINSE, [(26.0, 54.0)], HOLE_SERIES)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (2, 5, 2)
    assert _drive(cleaner + RINSE, [(26.0, 54.0)], HOLES) == []
    assert _drive(cleaner + RINSE, [(26.0, 38.0)], HOLE_SERIES) == []


def test_both_series_around_holes_make_none() -> None:
    rinse = [(400.0, 408.0), (446.0, 454.0)]
    holes = [HOLE, (418.0, 442.0)]
    found = _drive(CLEANER + rinse, holes, replace(HOLE_SERIES, holes_max=2))
    assert found == []


def test_only_a_slow_plug_reads_a_series_around_a_hole() -> None:
    assert rules_read_every(5.0).hole_series_min > 0
    assert rules_read_every(2.0).hole_series_min == 0
    assert rules_read_every(1.0).hole_series_min == 0


def test_bench_seed_dual_boiler_rinse_read_around_a_hole() -> None:
    """Bench seed 20,250,409 at 28,574 s, read as the docstring above says."""
    truth, found = backflush_days("dual_boiler", "rotary", "periodic_5", 20_250_409)
    (backflush,) = [(s, e) for s, e in truth if 28_500 < s < 28_600]
    assert read_over(found, *backflush)
