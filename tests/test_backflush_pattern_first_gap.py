"""A pause after a series' first pulse may hide a pulse (``first_gap_max``)."""

from __future__ import annotations

from dataclasses import replace
import math

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
)

from .pattern_runs import drive_weak as drive, series

FIRST_GAP = replace(DEFAULT_RULES, first_gap_max=30.0)
# A pulse, a pause of 26 s (a pulse hid in it), two more pulses.
RINSE = [(300.0, 308.0), *series(334, 2)]


def test_a_rinse_series_missing_its_second_pulse() -> None:
    (found,), released = drive(series(0, 4) + RINSE, set(), FIRST_GAP)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 3, 1)
    assert released == []
    # Without the rule: the first pulse alone, then two flushes.
    assert drive(series(0, 4) + RINSE, set(), DEFAULT_RULES) == ([], list(range(7)))


def test_no_longer_wait_after_a_weak_first_pulse() -> None:
    found, _ = drive(series(0, 4) + RINSE, {4}, FIRST_GAP)
    assert found == []


def test_the_missed_pulse_is_the_backflush_one() -> None:
    """A cleaner series that bridged a pause already: the rinse may miss none."""
    cleaner = [*series(0, 2), *series(26 + 30, 2)]
    found, _ = drive(cleaner + RINSE, set(), FIRST_GAP)
    assert found == []


def test_no_wait_past_the_bound() -> None:
    rinse = [(300.0, 308.0), *series(340, 3)]  # 32 s after the first pulse
    found, released = drive(series(0, 4) + rinse, set(), FIRST_GAP)
    assert found == []
    assert released == list(range(8))


def test_a_series_whole_without_its_head_lets_it_go() -> None:
    """A flush 26 s before a whole cleaner series is no part of it.

    The rinse series bridged a long pause: the backflush's one missed pulse
    is the rinse's (dev seed 20,000,024 at 56,798 s, a dual boiler every 5 s:
    a 3.7 s piece 26.8 s before the cleaner's four pulses).
    """
    flush = [(-34.0, -30.0)]
    rinse = [*series(300, 2), *series(300 + 26 + 30, 2)]  # a long pause: one missed
    (found,), released = drive(flush + series(0, 4) + rinse, set(), FIRST_GAP)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 4, 1)
    assert released == [0]


def test_a_series_a_short_one_may_stand_for_takes_no_head() -> None:
    """Three sure pulses stand short by themselves (``short_series``): the head goes."""
    rules = replace(FIRST_GAP, short_series=True)
    rinse = [(300.0, 308.0), *series(334, 3)]
    (found,), released = drive(series(0, 4) + rinse, set(), rules)
    assert (found.rinse_pulses, found.missed) == (3, 1)
    assert released == [4]


def test_a_pulse_read_past_the_lone_pulses_deadline_makes_it_a_head() -> None:
    """Read late, a pulse within ``pause_max`` of a lone one still begins its own series."""
    rec: BackflushRecognizer[int] = BackflushRecognizer(FIRST_GAP)
    for n, (started, ended) in enumerate(series(0, 4)):
        rec.feed(n, started, ended)
    rec.feed(4, 300.0, 308.0)
    first = rec.next_deadline
    assert first == 308.0 + FIRST_GAP.pause_max + FIRST_GAP.latency
    assert rec.advance(first).released == []  # waits on
    assert rec.next_deadline == 308.0 + FIRST_GAP.first_gap_max + FIRST_GAP.latency
    outcomes = [rec.feed(5 + n, s, e) for n, (s, e) in enumerate(series(318, 4))]
    outcomes.append(rec.advance(math.inf))
    (found,) = [o.recognized for o in outcomes if o.recognized]
    assert (found.rinse_pulses, found.missed) == (4, 0)
    assert [n for o in outcomes for n in o.released] == [4]


def test_a_head_missed_pulse_is_the_backflush_one_even_all_sure() -> None:
    """With ``missed_each`` each series may lack one, but not one a head stands for."""
    rules = replace(FIRST_GAP, missed_each=True)
    cleaner = [*series(0, 2), *series(26 + 30, 1)]  # a long pause: one missed
    found, _ = drive(cleaner + RINSE, set(), rules)
    assert found == []
    # The same cleaner before a rinse series that missed one in a long pause.
    rinse = [*series(300, 2), *series(300 + 26 + 30, 1)]
    (found_each,), _ = drive(cleaner + rinse, set(), rules)
    assert found_each.missed == 2


def test_a_headed_series_pairs_only_with_one_read_sure() -> None:
    """A shot's pieces (two weak) and a flush, then a piece and two flushes, one as a head.

    Regression seed 7,010,010 at 142,951 s, a thermostat's ordinary day
    every 5 s: the cleaner series read whole with two weak pulses, the rinse
    a lone piece, a pause of 27 s and two flushes.
    """
    rules = replace(FIRST_GAP, weak_max=2)
    found, _ = drive(series(0, 4) + RINSE, {0, 1}, rules)
    assert found == []
    (found_sure,), _ = drive(series(0, 4) + RINSE, set(), rules)
    assert found_sure.missed == 1
