"""The pure recognizer of hand-made backflushes, run by run and through the simulator."""

from __future__ import annotations

from collections.abc import Sequence
import math
import random

import pytest

from bench.recognition import SHOT_MIN_SECONDS, polled, recognize, true_backflushes
from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    Outcome,
    Recognized,
)
from simulator.espresso import TrueRun, generate

from .pattern_runs import series


def drive(
    runs: Sequence[tuple[float, float]],
    recognizer: BackflushRecognizer[int] | None = None,
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


def found(outcomes: list[Outcome[int]]) -> list[Recognized]:
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


def test_a_run_counted_as_a_shot_and_longer_than_a_pulse_cancels() -> None:
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    for n, (s, e) in enumerate(series(0, 5)):
        rec.feed(n, s, e)
    out = rec.feed(99, 200, 220, may_be_pulse=False)
    # It ends the series and the waiting cleaner series: all counted now.
    assert sorted(out.released) == [0, 1, 2, 3, 4, 99]
    assert rec.held == 0


def feed_counted(
    runs: list[tuple[float, float]], counted: set[int]
) -> tuple[list[Outcome[int]], BackflushRecognizer[int]]:
    """As ``drive``, the runs numbered in ``counted`` fed as already counted."""
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    outcomes: list[Outcome[int]] = []
    for n, (started, ended) in enumerate(runs):
        while (deadline := rec.next_deadline) is not None and deadline <= ended:
            outcomes.append(rec.advance(deadline))
        outcomes.append(rec.feed(n, started, ended, may_be_pulse=n not in counted))
    outcomes.append(rec.advance(math.inf))
    return outcomes, rec


def test_a_pulse_seen_as_long_as_a_shot_still_counts_as_a_pulse() -> None:
    """A 12 s pulse seen 15 s long (edges a report late): counted at once, taken back."""
    runs = series(0, 5, on=12, off=8)
    runs[2] = (runs[2][0], runs[2][0] + 15)
    runs += series(300, 5)
    outcomes, rec = feed_counted(runs, {2})
    (recognized,) = found(outcomes)
    assert recognized.pulses == 10
    # Handed back once, when fed (the caller counted it then), never again.
    assert [n for o in outcomes for n in o.released] == [2]
    assert [n for o in outcomes for n in o.taken_back] == [2]
    assert rec.held == 0


def test_a_counted_run_in_no_backflush_is_never_released_twice() -> None:
    runs = series(0, 5, on=12, off=8)
    runs[0] = (0, 15)
    outcomes, rec = feed_counted(runs, {0})
    assert found(outcomes) == []
    assert released(outcomes) == [0, 1, 2, 3, 4]
    assert [n for o in outcomes for n in o.taken_back] == []
    # Stopped while the series is held: the same.
    rec = BackflushRecognizer()
    assert rec.feed(0, *runs[0], may_be_pulse=False).released == [0]
    for n, (s, e) in enumerate(runs[1:4], 1):
        assert rec.feed(n, s, e).released == []
    assert rec.held == 4
    assert sorted(rec.release_all()) == [1, 2, 3]


def test_one_pulse_missed_by_the_signal_is_bridged() -> None:
    """A power detector missed the third pulse: a 28 s pause in a short series."""
    cleaner = series(0, 5)
    del cleaner[2]
    outcomes, _ = drive(cleaner + series(300, 5))
    (recognized,) = found(outcomes)
    assert (recognized.pulses, recognized.missed) == (9, 1)
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (4, 5)


def test_a_lone_run_waits_no_longer_for_a_missed_pulse() -> None:
    """A flush is counted a pause and the latency after it; two runs wait longer."""
    rules = DEFAULT_RULES
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    rec.feed(0, 0, 3)
    assert rec.next_deadline == 3 + rules.pause_max + rules.latency
    rec.feed(1, 10, 13)
    assert rec.next_deadline == 13 + rules.gap_max + rules.latency
    # A pulse missed after the first one is not bridged: a fresh series.
    outcome = rec.advance(13 + rules.gap_max + rules.latency)
    assert sorted(outcome.released) == [0, 1]
    cleaner = series(0, 5)
    del cleaner[1]
    outcomes, _ = drive(cleaner + series(300, 5))
    assert found(outcomes) == []


def test_a_missed_pulse_in_each_series_is_too_many() -> None:
    cleaner, rinse = series(0, 5), series(300, 5)
    del cleaner[1], rinse[2]
    runs = cleaner + rinse
    outcomes, rec = drive(runs)
    assert found(outcomes) == []
    assert released(outcomes) == list(range(len(runs)))
    assert rec.held == 0


def test_a_long_pause_after_enough_pulses_is_the_rinse() -> None:
    """Four pulses, 30 s, five more: cleaner then rinse, not one series bridged."""
    runs = series(0, 4) + series(4 * 18 - 10 + 30, 5)
    outcomes, _ = drive(runs)
    (recognized,) = found(outcomes)
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (4, 5)
    assert recognized.missed == 0


def test_flushes_around_a_short_shot_twice_are_no_backflush() -> None:
    """Three short runs and a long pause (a choked shot and its flushes) can bridge
    once, but the other series must then be whole."""
    group = [(0, 14), (55, 58), (78, 84)]
    runs = group + [(s + 400, e + 400) for s, e in group]
    outcomes, rec = drive(runs)
    assert found(outcomes) == []
    assert released(outcomes) == list(range(len(runs)))
    assert rec.held == 0


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


def test_one_blip_shorter_than_a_pulse_neither_makes_nor_breaks_a_series() -> None:
    """A 2 s run 2 s after a pulse (a slow PID's heater edge the power detector
    paired as a pump step, as on the bench seed at 1 s): counted as a flush at
    once, the series goes on."""
    cleaner, rinse = series(0, 5), series(300, 5)
    blip = (rinse[2][1] + 2, rinse[2][1] + 4)
    runs = [*cleaner, *rinse[:3], blip, *rinse[3:]]
    outcomes, rec = drive(runs)
    (recognized,) = found(outcomes)
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (5, 5)
    assert recognized.missed == 0
    assert released(outcomes) == [8]
    assert rec.held == 0
    # Released when fed, not held; the series still held.
    rec = BackflushRecognizer()
    rec.feed(0, 0, 8)
    assert rec.feed(1, 10, 12).released == [1]
    assert rec.held == 1


@pytest.mark.parametrize(
    "after",
    [
        pytest.param([2, 7], id="one in each series"),
        pytest.param([6, 7], id="two in the rinse"),
        pytest.param([], id="between the series"),
    ],
)
def test_more_blips_or_one_outside_a_series_break_as_before(after: list[int]) -> None:
    """A fast PID's bursts read as pulse-sized runs among blips: a second blip
    breaks (one in each series too), and one with no series begun cancels."""
    pulses = series(0, 5) + series(300, 5)
    blips = [(pulses[n][1] + 2, pulses[n][1] + 4) for n in after] or [(150, 152)]
    runs = sorted(pulses + blips)
    outcomes, rec = drive(runs)
    assert found(outcomes) == []
    assert released(outcomes) == list(range(len(runs)))
    assert rec.held == 0


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


def test_pulses_polled_every_5_s_are_recognized() -> None:
    """12 s pulses seen by a sensor polled every 5 s: some look 15 s, shot-long."""
    runs = [
        TrueRun(s, e, "backflush_pulse")
        for s, e in series(0, 5, on=11.8, off=9) + series(400, 5, on=11.8, off=9)
    ]
    seen = polled(runs, 5.0, random.Random(3))
    assert any(e - s >= SHOT_MIN_SECONDS for s, e, _ in seen)
    (recognized,) = recognize(seen)
    assert recognized.pulses == 10


def test_a_late_pulse_lets_the_waiting_cleaner_series_go() -> None:
    """No timer ran (fed late): a pulse after the longest rinse releases the first series."""
    rec: BackflushRecognizer[int] = BackflushRecognizer()
    for n, (s, e) in enumerate(series(0, 5)):
        rec.feed(n, s, e)
    rec.advance(200)  # closes the series: it now waits for a rinse series
    out = rec.feed(5, 2000, 2008)
    assert sorted(out.released) == [0, 1, 2, 3, 4]
    assert rec.held == 1
