"""Each series may lack one pulse where every pulse was read sure (``missed_each``).

Every 5 s a heater's readings hide a pulse in each series now and then: a
heat exchanger's cleaner series of five read as three pulses (one under
the heater's stretch before, one after), its rinse series of six read as
four pieces with a pause of 32 s where one hid (bench seed 20,250,426 at
15,545 s). Each series is one pulse short, and the backflush could lack
one only: the rinse series waited as a cleaner series for a rinse that
never came. With weak pulses (read only in a heater's band) a heat
exchanger's ordinary day made one of a flush, a shot's pieces and its
flushes (bench seed 20,260,407 at 268,181 s): those stay refused.
"""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import DEFAULT_RULES

from .pattern_runs import drive_weak as drive
from .sim_replay import backflush_days, read_over

# A slow plug's rules as the train sets them, with and without the rule.
SLOW = replace(DEFAULT_RULES, short_series=True, weak_max=2, holes_max=1, latency=0.0)
EACH = replace(SLOW, missed_each=True)

# 20,250,426 from 15,561 s: the cleaner series' three pulses read, then the
# rinse series' four pieces, 32 s between the last two.
CLEANER = [(0.0, 6.1), (15.0, 28.0), (37.0, 43.0)]
RINSE = [(344.0, 349.0), (359.0, 364.0), (370.0, 377.0), (409.0, 414.0)]


def test_each_series_one_pulse_short_read_sure() -> None:
    (found,), released = drive(CLEANER + RINSE, set(), EACH)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 4, 2)
    assert released == []
    # Without the rule: three flushes, then a lone series.
    assert drive(CLEANER + RINSE, set(), SLOW)[0] == []


def test_a_weak_pulse_in_the_rinse_series_keeps_one_missed_at_most() -> None:
    """20,260,407 at 268,181 s: three sure pulses, then two sure and two weak, 26 s apart."""
    cleaner = [(0.0, 5.9), (19.0, 23.3), (40.0, 47.2)]
    rinse = [(221.0, 225.5), (239.0, 243.8), (262.0, 265.7), (292.0, 296.8)]
    found, _ = drive(cleaner + rinse, {5, 6}, EACH)
    assert found == []


def test_a_weak_pulse_in_the_cleaner_series_keeps_one_missed_at_most() -> None:
    """A cleaner series that bridged a pause of 36 s, one of its pulses weak."""
    cleaner = [(0.0, 6.0), (15.0, 21.0), (57.0, 63.0), (72.0, 78.0)]
    found, _ = drive(cleaner + RINSE, {1}, EACH)
    assert found == []
    (sure,), _ = drive(cleaner + RINSE, set(), EACH)
    assert (sure.cleaner_pulses, sure.rinse_pulses, sure.missed) == (4, 4, 2)


def test_a_heat_exchangers_backflush_with_a_pulse_hidden_in_each_series() -> None:
    truth, found = backflush_days(
        "heat_exchanger", "vibratory", "periodic_5", 20_250_426
    )
    (backflush,) = [(s, e) for s, e in truth if 15_500 < s < 15_600]
    (recognized,) = [t for t in found if read_over([t], *backflush)]
    assert recognized.missed == 2


def test_a_find_refused_with_a_pulse_missed_in_each_series_refuses_no_later_one() -> (
    None
):
    """Dev seed 22,000,042: a backflush at 20,058 s read with a pulse missed in each series.

    The checks refuse it; had that refusal been noted (``RefusedLately``),
    the next backflush, 4,200 s later and its every pulse seen, would have
    been refused with it, as it was not before the rule.
    """
    truth, found = backflush_days(
        "heat_exchanger", "vibratory", "periodic_5", 22_000_042
    )
    (first,) = [(s, e) for s, e in truth if 20_000 < s < 20_100]
    (later,) = [(s, e) for s, e in truth if 24_700 < s < 24_800]
    assert not read_over(found, *first)
    (recognized,) = [t for t in found if read_over([t], *later)]
    assert recognized.missed == 1
