"""A piece read clean a little longer than a pulse fills a series as a weak pulse (``weak_pulse_max``).

Every 5 s a pulse's edges are timed a reading apart at worst, and two
pulses a pause shorter than a reading apart read as one piece: a dual
boiler's rinse series read 8.9, 8.4, 16.5, 4.9 and 14.0 s, its third piece
two pulses of 6.1 and 11.3 s with 5 s between (bench seed 20,250,438 at
19,591 s). Longer than a pulse (16 s), the piece was a shot: it broke the
rinse series in two and cancelled the cleaner series waiting. Fed weak
(it may fill a series, never make one), the series goes on. A piece longer
still is a shot as before.
"""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    PatternRules,
    Recognized,
)

from .pattern_runs import drive_weak

# A slow plug's rules as the train sets them, with and without the rule.
SLOW = replace(DEFAULT_RULES, short_series=True, weak_max=2, holes_max=1, latency=0.0)
LONG = replace(SLOW, weak_pulse_max=21.0)

# 20,250,438 from 18,963 s: the cleaner series' five pulses, then the rinse
# series' five pieces, the third two pulses merged.
CLEANER = [(0.0, 6.8), (18.0, 26.4), (41.0, 51.6), (58.0, 65.0), (75.0, 85.3)]
RINSE = [(628.0, 636.9), (653.0, 661.4), (677.0, 693.5), (704.0, 708.9), (723.0, 737.0)]


def drive(
    runs: list[tuple[float, float]], weak: set[int], rules: PatternRules
) -> tuple[list[Recognized], list[int]]:
    """Feed runs as the train does (deadlines passed before each run's start, none while it runs)."""
    return drive_weak(runs, weak, rules, by_start=True)


def test_a_piece_a_little_long_fills_the_rinse_series() -> None:
    (found,), released = drive(CLEANER + RINSE, {7}, LONG)
    assert (found.cleaner_pulses, found.rinse_pulses, found.weak) == (5, 5, 1)
    assert released == []


def test_without_the_rule_it_breaks_the_series() -> None:
    found, released = drive(CLEANER + RINSE, {7}, SLOW)
    assert found == []
    assert released == list(range(10))


def test_read_sure_it_is_a_shot() -> None:
    """Only a weak piece may be that long: a sure one is a shot, as before."""
    found, _ = drive(CLEANER + RINSE, set(), LONG)
    assert found == []


def test_a_longer_piece_is_a_shot() -> None:
    """22 s: longer than a pulse and a reading."""
    rinse = [*RINSE[:2], (677.0, 699.0), *RINSE[3:]]
    found, _ = drive(CLEANER + rinse, {7}, LONG)
    assert found == []
