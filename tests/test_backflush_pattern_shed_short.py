"""A series left one short by shedding its trailing weak pulses stands short (``short_weak``).

Every 5 s a thermostat's heater on for the last pulses of a rinse series
read them only in its band, weak, and the group flushes after ran into it:
bench seed 20,250,424 at 4,742 s, a cleaner series of four sure pulses,
then a rinse series read as three sure pulses and four weak (of the true
six). Four weak of seven were more than a series may hold; shed, they left
three sure pulses, one short, which a series that lost weak pulses never
was. It now stands short as one leaning on a weak pulse does: the other
series read whole and sure.
"""

from __future__ import annotations

from .pattern_runs import drive_weak as drive, rules_read_every, series
from .sim_replay import backflush_days, read_over

SLOW = rules_read_every(5.0)


def test_a_rinse_of_three_sure_then_four_weak_after_a_whole_sure_cleaner() -> None:
    runs = series(0, 4) + series(300, 7)
    (found,), released = drive(runs, {7, 8, 9, 10}, SLOW)
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 3)
    assert (found.missed, found.weak, found.short_weak) == (1, 0, True)
    assert released == [7, 8, 9, 10]


def test_the_other_series_with_a_weak_pulse_makes_none() -> None:
    found, _ = drive(series(0, 4) + series(300, 7), {1, 7, 8, 9, 10}, SLOW)
    assert found == []


def test_weak_pulses_before_the_last_sure_one_still_make_none() -> None:
    """Shedding leaves a weak pulse: no sure series, never a short one."""
    found, _ = drive(series(0, 4) + series(300, 6), {5, 7, 8, 9}, SLOW)
    assert found == []


def test_a_thermostats_rinse_series_read_weak_at_its_end_every_5_s() -> None:
    truth, found = backflush_days("thermostat", "vibratory", "periodic_5", 20_250_424)
    (backflush,) = [(s, e) for s, e in truth if 4_700 < s < 4_800]
    assert read_over(found, *backflush)
