"""A series one pulse short may stand, the pulse it lacks counted as missed (``short_series``)."""

from __future__ import annotations

from dataclasses import replace
import math

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    Outcome,
    PatternRules,
    Recognized,
)

SHORT = replace(DEFAULT_RULES, short_series=True)


def series(
    start: float, pulses: int, on: float = 8.0, off: float = 10.0
) -> list[tuple[float, float]]:
    """``pulses`` pulses of ``on`` s with ``off`` s between, from ``start``."""
    return [
        (start + i * (on + off), start + i * (on + off) + on) for i in range(pulses)
    ]


def drive(
    runs: list[tuple[float, float]],
    rules: PatternRules,
    weak: frozenset[int] = frozenset(),
) -> tuple[list[Recognized], list[int]]:
    """Feed runs in order (those in ``weak`` as weak); the backflushes and runs released."""
    rec: BackflushRecognizer[int] = BackflushRecognizer(rules)
    outcomes: list[Outcome[int]] = []
    for n, (started, ended) in enumerate(runs):
        while (deadline := rec.next_deadline) is not None and deadline <= ended:
            outcomes.append(rec.advance(deadline))
        outcomes.append(rec.feed(n, started, ended, weak=n in weak))
    outcomes.append(rec.advance(math.inf))
    return (
        [o.recognized for o in outcomes if o.recognized],
        sorted(n for o in outcomes for n in o.released),
    )


def test_a_cleaner_series_one_pulse_short_before_a_whole_rinse() -> None:
    runs = series(0, 3) + series(300, 5)
    (found,), released = drive(runs, SHORT)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 5, 1)
    assert released == []
    # Without the rule: three flushes, a lone series.
    assert drive(runs, DEFAULT_RULES) == ([], list(range(8)))


def test_a_rinse_series_one_pulse_short_after_a_whole_cleaner() -> None:
    (found,), _ = drive(series(0, 4) + series(300, 3), SHORT)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 3, 1)


def test_both_series_short_are_no_backflush() -> None:
    found, released = drive(series(0, 3) + series(300, 3), SHORT)
    assert found == []
    assert released == list(range(6))


def test_a_short_series_with_a_weak_pulse_is_no_series() -> None:
    found, _ = drive(series(0, 3) + series(300, 5), SHORT, weak=frozenset({1}))
    assert found == []


def test_a_short_series_beside_one_missing_a_pulse_is_no_backflush() -> None:
    """The rinse already bridged a long pause: the backflush may lack one pulse only."""
    rinse = [*series(300, 2), *series(300 + 26 + 30, 2)]
    found, _ = drive(series(0, 3) + rinse, SHORT)
    assert found == []
    # The same rinse after a whole cleaner series stands.
    (found_whole,), _ = drive(series(0, 4) + rinse, SHORT)
    assert found_whole.missed == 1
