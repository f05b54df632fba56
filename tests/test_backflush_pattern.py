"""The pure recognizer of hand-made backflushes, run by run and through the simulator."""

from __future__ import annotations

import math
import random

import pytest

from bench.recognition import polled, recognize, true_backflushes
from custom_components.espresso_care.backflush_pattern import (
    BackflushRecognizer,
    Outcome,
)
from simulator.espresso import generate


def series(start: float, pulses: int, on: float = 8.0, off: float = 10.0) -> list:
    """``pulses`` pulses of ``on`` s with ``off`` s between, from ``start``."""
    return [
        (start + i * (on + off), start + i * (on + off) + on) for i in range(pulses)
    ]


def drive(
    runs: list[tuple[float, float]], recognizer: BackflushRecognizer[int] | None = None
) -> tuple[list[Outcome[int]], BackflushRecognizer[int]]:
    """Feed runs in order, advancing at deadlines between them and at the end."""
    rec = recognizer or BackflushRecognizer()
    outcomes: list[Outcome[int]] = []
    for n, (started, ended) in enumerate(runs):
        while (deadline := rec.next_deadline) is not None and deadline <= ended:
            outcomes.append(rec.advance(deadline))
        outcomes.append(rec.feed(n, started, ended))
    outcomes.append(rec.advance(math.inf))
    return outcomes, rec


def found(outcomes: list[Outcome[int]]) -> list:
    return [o.recognized for o in outcomes if o.recognized]


def released(outcomes: list[Outcome[int]]) -> list[int]:
    return sorted(n for o in outcomes for n in o.released)


def test_cleaner_then_rinse_is_recognized_and_its_pulses_consumed() -> None:
    runs = series(0, 5) + series(300, 5) + [(500, 503)]
    outcomes, rec = drive(runs)
    (recognized,) = found(outcomes)
    assert recognized.pulses == 10
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (5, 5)
    assert recognized.started == 0
    assert recognized.ended == runs[9][1]
    # Only the group flush after it is released, to be counted.
    assert released(outcomes) == [10]
    assert rec.held == 0
    assert rec.next_deadline is None


def test_recognized_when_the_rinse_series_closes_by_silence() -> None:
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    for n, (s, e) in enumerate(series(0, 4) + series(200, 4)):
        assert rec.feed(n, s, e).recognized is None
    deadline = rec.next_deadline
    assert deadline is not None
    assert rec.advance(deadline - 1).recognized is None
    assert rec.advance(deadline).recognized is not None


@pytest.mark.parametrize(
    "runs",
    [
        pytest.param(series(0, 5), id="one series alone"),
        pytest.param(series(0, 3) + series(200, 3), id="three pulses each"),
        pytest.param(series(0, 5) + series(20 + 72, 5), id="rinse pause too short"),
        pytest.param(series(0, 5) + series(800, 5), id="rinse pause too long"),
        pytest.param(series(0, 5, off=40) + series(600, 5, off=40), id="slow pulses"),
        pytest.param(series(0, 5, on=1.5) + series(300, 5, on=1.5), id="blips"),
        pytest.param(series(0, 5, on=25) + series(400, 5, on=25), id="shots"),
        pytest.param(series(0, 13) + series(400, 13), id="too many pulses"),
    ],
)
def test_not_a_backflush_releases_every_run(runs: list[tuple[float, float]]) -> None:
    outcomes, rec = drive(runs)
    assert found(outcomes) == []
    assert released(outcomes) == list(range(len(runs)))
    assert rec.held == 0


def test_a_shot_between_the_series_cancels() -> None:
    runs = [*series(0, 5), (150, 178), *series(300, 5)]
    outcomes, _ = drive(runs)
    assert found(outcomes) == []
    assert released(outcomes) == list(range(len(runs)))


def test_a_run_marked_as_a_shot_is_never_a_pulse() -> None:
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    for n, (s, e) in enumerate(series(0, 5)):
        rec.feed(n, s, e)
    out = rec.feed(99, 200, 210, may_be_pulse=False)
    # It ends the series and the waiting cleaner series: all counted now.
    assert sorted(out.released) == [0, 1, 2, 3, 4, 99]


def test_shots_each_followed_by_flushes_are_not_a_backflush() -> None:
    runs: list[tuple[float, float]] = []
    t = 0.0
    for _ in range(6):
        runs.append((t, t + 28))
        runs += [(t + 40, t + 44), (t + 55, t + 58), (t + 66, t + 70)]
        t += 150
    outcomes, _ = drive(runs)
    assert found(outcomes) == []
    assert released(outcomes) == list(range(len(runs)))


def test_a_few_flushes_between_the_series_do_not_cancel() -> None:
    runs = [*series(0, 5), (150, 154), (165, 168), *series(300, 5)]
    outcomes, _ = drive(runs)
    assert len(found(outcomes)) == 1
    assert released(outcomes) == [5, 6]


def test_release_all_hands_back_what_is_held() -> None:
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    for n, (s, e) in enumerate(series(0, 5) + series(300, 2)):
        rec.feed(n, s, e)
    assert rec.held == 7
    assert sorted(rec.release_all()) == list(range(7))
    assert rec.held == 0


def test_simulated_hand_backflushes_are_recognized_and_ordinary_days_are_not() -> None:
    """A small sample of the bench's corpora, from the brew sensor's view."""
    trace = generate(
        "thermostat",
        "vibratory",
        "periodic_1",
        seed=5,
        shots=24,
        days=6,
        hand_backflushes=4,
        calibration=False,
    )
    truth = true_backflushes(trace)
    hits = recognize(polled(trace.runs, 0, random.Random(0)))
    assert len(truth) == 4
    assert len(hits) == 4
    ordinary = generate(
        "heat_exchanger", "rotary", "periodic_1", seed=6, shots=100, calibration=False
    )
    assert recognize(polled(ordinary.runs, 1.0, random.Random(0))) == []


def test_a_late_pulse_lets_the_waiting_cleaner_series_go() -> None:
    """No timer ran (fed late): a pulse after the longest rinse releases the first series."""
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    for n, (s, e) in enumerate(series(0, 5)):
        rec.feed(n, s, e)
    rec.advance(200)  # closes the series: it now waits for a rinse series
    out = rec.feed(5, 2000, 2008)
    assert sorted(out.released) == [0, 1, 2, 3, 4]
    assert rec.held == 1
