"""Runs fed to the backflush recognizer by hand: a series of pulses, and a driver that marks some weak; the rules a power train sets by its plug."""

from __future__ import annotations

import math

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    Outcome,
    PatternRules,
    Recognized,
)
from custom_components.espresso_care.signals.power.pulses import PowerBackflushes


def series(
    start: float, pulses: int, on: float = 8.0, off: float = 10.0
) -> list[tuple[float, float]]:
    """``pulses`` pulses of ``on`` s with ``off`` s between, from ``start``."""
    return [
        (start + i * (on + off), start + i * (on + off) + on) for i in range(pulses)
    ]


def drive_weak(
    runs: list[tuple[float, float]],
    weak: set[int],
    rules: PatternRules = DEFAULT_RULES,
    *,
    by_start: bool = False,
) -> tuple[list[Recognized], list[int]]:
    """Feed runs in order (those in ``weak`` as weak); the backflushes and runs released.

    ``by_start``: deadlines are passed up to each run's start, none while
    it runs (as the pulse train feeds a run it has read whole).
    """
    rec: BackflushRecognizer[int] = BackflushRecognizer(rules)
    outcomes: list[Outcome[int]] = []
    for n, (started, ended) in enumerate(runs):
        until = started if by_start else ended
        while (deadline := rec.next_deadline) is not None and deadline <= until:
            outcomes.append(rec.advance(deadline))
        outcomes.append(rec.feed(n, started, ended, weak=n in weak))
    outcomes.append(rec.advance(math.inf))
    return (
        [o.recognized for o in outcomes if o.recognized],
        sorted(n for o in outcomes for n in o.released),
    )


def rules_read_every(every: float) -> PatternRules:
    """The rules a power train sets for a plug read every ``every`` s (20 readings)."""
    train = PowerBackflushes(60.0)
    for i in range(20):
        train.feed(1000.0 + i * every, 5.0)
    return train._rules
