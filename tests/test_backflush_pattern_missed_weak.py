"""A series leaning on a missed pulse holds no more weak pulses than sure ones.

Every 5 s a rotary heat exchanger's ordinary day read a shot's piece (sure),
a flush over its heater and a heater's cycle (both weak, read only above a
heater), 34 s between the last two, as a rinse series: one sure pulse, two
weak and one missed (a pulse hid in the long pause). After a cleaner series
of a heater's cycle, a flush and a 29 s shot read as two pulses, a backflush
was invented (regression seed 8,010,013 at 125,700 s). A weak pulse fills a
series, never makes one: with one sure pulse, the weak and the missed made
it (``_weak_held``).
"""

from __future__ import annotations

from bench.recognition import power_runs

from .pattern_runs import drive_weak, rules_read_every
from .sim_replay import ordinary_window

SLOW = rules_read_every(5.0)

# 8,010,013 from 125,700.5 s: the cleaner series read sure, then the rinse.
CLEANER = [(0.0, 4.0), (16.2, 21.6), (34.5, 44.5), (60.5, 63.6)]
RINSE = [(214.5, 224.5), (242.9, 254.0), (287.8, 293.0)]


def test_one_sure_pulse_two_weak_and_a_missed_one_make_no_series() -> None:
    found, _ = drive_weak(CLEANER + RINSE, {5, 6}, SLOW, by_start=True)
    assert found == []


def test_as_many_sure_pulses_as_weak_ones_still_stand_with_one_missed() -> None:
    # A sure pulse more before the rinse's weak ones: two sure, two weak.
    rinse = [(196.0, 202.0), *RINSE]
    (found,), _ = drive_weak(CLEANER + rinse, {6, 7}, SLOW, by_start=True)
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 4)
    assert (found.weak, found.missed) == (2, 1)


def test_the_same_pulses_with_no_pause_missed_stand() -> None:
    # The last weak pulse 20 s after the one before: nothing missed, the
    # two weak pulses fill a series of three (short_weak aside: weak_max).
    rinse = [*RINSE[:2], (274.0, 279.0), (290.0, 295.0)]
    (found,), _ = drive_weak(CLEANER + rinse, {5, 6}, SLOW, by_start=True)
    assert (found.rinse_pulses, found.missed) == (4, 0)


def test_a_rotary_heat_exchangers_ordinary_day_makes_no_backflush_every_5_s() -> None:
    day = ordinary_window(
        "heat_exchanger", "rotary", "periodic_5", 8_010_013, 127_000.0
    )
    assert not [r for r in day.runs if r.kind == "backflush_pulse"]
    _, trained = power_runs(day)
    assert not [t for t in trained if 125_600 < t.started < 126_100]
