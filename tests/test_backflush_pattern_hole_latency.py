"""A series that last showed as a hole waits a reading longer for its next pulse (``hole_latency``).

Every 5 s a pulse shows only at the reading after it began. Past a hole
(``bridge``) a series waits ``pause_max`` from the hole's end, and a pulse
begun a few seconds before that deadline showed after it: the series had
closed (bench seed 20,250,427 at 43,836 s, a heat exchanger's cleaner
series: a weak pulse, two sure ones, a hole to 43,912.7 s, the next pulse
begun at 43,930.6 s, its first reading at 43,935 s, the deadline at
43,934.7 s). With ``hole_latency`` it waits that much longer there, and
only there.
"""

from __future__ import annotations

from dataclasses import replace
import math

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    PatternRules,
    Recognized,
)

from .pattern_runs import rules_read_every, series
from .sim_replay import backflush_days, read_over

HOLES = replace(DEFAULT_RULES, holes_max=1, short_series=True, latency=0.0)
LATE = replace(HOLES, hole_latency=5.5)
# How long after its start a pulse shows (a reading every 5 s).
SHOWN = 5.0

# A pulse, a hole, a pulse begun 21 s after the hole's end, one more.
CLEANER = [(0.0, 6.0), (51.0, 58.0), (66.0, 73.0)]
HOLE = (12.0, 30.0)
RINSE = series(400.0, 6)


def drive(rules: PatternRules, pulses: list[tuple[float, float]]) -> list[Recognized]:
    """Pulses and the hole in order, each told when a reading shows it."""
    rec: BackflushRecognizer[int] = BackflushRecognizer(rules)
    found: list[Recognized] = []
    events = sorted([(a, b, False) for a, b in pulses] + [(*HOLE, True)])
    for n, (started, ended, hole) in enumerate(events):
        while (deadline := rec.next_deadline) is not None and deadline <= (
            started + SHOWN
        ):
            if (b := rec.advance(deadline).recognized) is not None:
                found.append(b)
        if hole:
            rec.bridge(started, ended)
        elif (b := rec.feed(n, started, ended).recognized) is not None:
            found.append(b)
    if (b := rec.advance(math.inf).recognized) is not None:
        found.append(b)
    return found


def test_a_pulse_shown_past_the_deadline_after_a_hole() -> None:
    (found,) = drive(LATE, CLEANER + RINSE)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 6, 1)
    assert drive(HOLES, CLEANER + RINSE) == []


def test_only_after_a_hole() -> None:
    rec: BackflushRecognizer[int] = BackflushRecognizer(LATE)
    rec.feed(0, 0.0, 6.0)
    rec.feed(1, 16.0, 22.0)
    assert rec.next_deadline == 22.0 + LATE.gap_max
    rec.bridge(28.0, 40.0)
    assert rec.next_deadline == 40.0 + LATE.gap_max + LATE.hole_latency


def test_only_a_slow_plug_waits_longer() -> None:
    assert rules_read_every(5.0).hole_latency > 0
    assert rules_read_every(1.0).hole_latency == 0
    assert rules_read_every(2.0).hole_latency == 0


def test_a_heat_exchangers_cleaner_series_past_a_hole_every_5_s() -> None:
    truth, found = backflush_days("heat_exchanger", "rotary", "periodic_5", 20_250_427)
    (backflush,) = [(s, e) for s, e in truth if 43_800 < s < 43_900]
    assert read_over(found, *backflush)
