"""A series of sure pulses may bridge a longer pause where a pulse hid (``sure_gap_max``)."""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import DEFAULT_RULES

from .pattern_runs import drive_weak as drive, series

SURE_GAP = replace(DEFAULT_RULES, sure_gap_max=55.0)
# Two pulses, a pause of 50 s (a pulse hid in it), two more pulses.
CLEANER = [*series(0, 2), *series(26 + 50, 2)]
RINSE = series(400, 5)


def test_a_sure_series_bridges_the_longer_pause() -> None:
    (found,), released = drive(CLEANER + RINSE, set(), SURE_GAP)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 5, 1)
    assert released == []
    # Without the rule: two flushes, then a series of two waiting for none.
    found_before, _ = drive(CLEANER + RINSE, set(), DEFAULT_RULES)
    assert found_before == []


def test_no_longer_pause_after_a_weak_pulse() -> None:
    """A weak piece and a flush, then a shot's piece 50 s later, are no series.

    Dev seed 21,010,003 at 17,752 s, a rotary heat exchanger's ordinary day
    every 5 s: a weak piece, a flush, a shot's piece read 41.9 s after it,
    the reading before read dark.
    """
    found, _ = drive(CLEANER + RINSE, {0}, SURE_GAP)
    assert found == []


def test_no_wait_past_the_bound() -> None:
    cleaner = [*series(0, 2), *series(26 + 56, 2)]
    found, _ = drive(cleaner + RINSE, set(), SURE_GAP)
    assert found == []


def test_a_weak_pulse_bridges_no_longer_pause() -> None:
    """A weak pulse 50 s after sure ones begins a series of its own.

    Third-check seed 162,000,002 at 3,961 s, a heat exchanger every 5 s: a
    group flush read weak 52.1 s after a rinse series of three sure pulses
    made it four with a pulse missed, a find leaning on two weak pulses and
    a missed one, refused.
    """
    found, _ = drive(CLEANER + RINSE, {2}, SURE_GAP)
    assert found == []
    # Within ``gap_max`` it fills the series as ever.
    cleaner = [*series(0, 2), *series(26 + 40, 2)]
    (found_near,), _ = drive(cleaner + RINSE, {2}, SURE_GAP)
    assert (found_near.cleaner_pulses, found_near.weak) == (4, 1)
