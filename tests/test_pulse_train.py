"""Hand-made backflushes read from a plug's readings (``signals.power.pulses``), pure.

Readings are made here from a true power (standby, a pump of ``PUMP`` W,
heaters) averaged over each report's interval, as a metering plug reports
it. A backflush is two series of pulses, cleaner then rinse; shots, flushes,
a PID's bursts and a lone series are not.
"""

from __future__ import annotations

import math
import random

import pytest

from custom_components.espresso_care.signals.power.pulses import (
    PowerBackflushes,
    Pulse,
    Segment,
    split_pulses,
)

# --- positive ----------------------------------------------------------------------
from .pulse_traces import BACKFLUSH, PUMP, quiet_then, readings, recognize, runs_of


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_clean_backflush_is_recognized_once(every: float) -> None:
    runs = runs_of(BACKFLUSH, 600)
    (found,) = recognize(quiet_then(runs, every=every))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)
    assert found.started == pytest.approx(600, abs=every)
    assert found.ended == pytest.approx(runs[-1][1], abs=every)


@pytest.mark.parametrize("seed", range(6))
def test_irregular_human_timing(seed: int) -> None:
    """Pulses of 5-12 s, pauses of 4-15 s, a rinse of 30 s to 10 min, 4 to 6 pulses a series."""
    r = random.Random(seed)
    pattern: list[tuple[float, float]] = []
    for series in range(2):
        n = r.randint(4, 6)
        for i in range(n):
            last = i == n - 1
            pause = (
                (r.uniform(30, 600) if series == 0 else 120)
                if last
                else r.uniform(4, 15)
            )
            pattern.append((r.uniform(5, 12), pause))
    found = recognize(quiet_then(runs_of(pattern, 600), every=1.0))
    assert len(found) == 1
    assert found[0].pulses == len(pattern)


@pytest.mark.parametrize("pulses", [4, 6])
def test_four_or_six_pulses_a_series(pulses: int) -> None:
    series = [(9.0, 10.0)] * (pulses - 1)
    pattern = [*series, (9.0, 90.0), *series, (9.0, 60.0)]
    (found,) = recognize(quiet_then(runs_of(pattern, 600), every=2.0))
    assert (found.cleaner_pulses, found.rinse_pulses) == (pulses, pulses)


def test_a_heater_switching_during_the_pulses() -> None:
    """Cold water in the boiler: the heater bursts as pulses start, and by thermostat.

    The heater was seen before, so the pulses are read above its level too;
    a pulse seen only there is not trusted, the others are enough.
    """
    runs = runs_of(BACKFLUSH, 600)
    heaters = [(100, 160), (300, 360), (603, 609), (641, 650), (700, 760), (806, 815)]
    (found,) = recognize(quiet_then(runs, every=1.0, heaters=heaters))
    assert found.pulses >= 9


def test_reports_every_five_seconds() -> None:
    """A 5 s plug: a pulse is one or two partial readings, read by their energy."""
    pattern = [(10.0, 10.0)] * 4 + [(10.0, 120.0)] + [(10.0, 10.0)] * 4 + [(10.0, 60.0)]
    (found,) = recognize(quiet_then(runs_of(pattern, 600), every=5.0, phase=1.7))
    assert found.pulses >= 8


def test_the_pulses_are_dated_by_their_energy() -> None:
    """Two pulses 7 s apart at 5 s reports: the dip between them cuts them apart."""
    segments: list[Segment] = [
        (0.0, 5.0, 0.6, True),
        (5.0, 10.0, 1.0, True),
        (10.0, 15.0, 0.2, True),
        (15.0, 20.0, 0.4, True),
        (20.0, 25.0, 1.0, True),
        (25.0, 30.0, 0.5, True),
    ]
    first, second = split_pulses(segments)
    assert isinstance(first, Pulse)
    assert first.on_seconds == pytest.approx(3.0 + 5.0 + 0.5)
    assert second.on_seconds == pytest.approx(0.5 + 2.0 + 5.0 + 2.5)
    assert first.ended < second.started
    assert split_pulses([(0.0, 5.0, None, False)]) == []


# --- negative ----------------------------------------------------------------------


@pytest.mark.parametrize("every", [1.0, 2.0, 5.0])
def test_shots_and_flushes_are_no_backflush(every: float) -> None:
    pattern = [(3, 30), (28, 20), (4, 200), (30, 15), (3, 300), (25, 40), (5, 60)]
    assert recognize(quiet_then(runs_of(pattern, 600), every=every)) == []


@pytest.mark.parametrize("every", [1.0, 2.0, 5.0])
def test_a_group_of_shots_with_flushes_is_no_backflush(every: float) -> None:
    """Flush, shot, flush, flush; again a few minutes later; a choked shot among them."""
    group = [(3, 20), (28, 10), (4, 8), (3, 200)]
    choked = [(3, 15), (13, 10), (4, 8), (3, 200)]
    pattern = [*group, *choked, *group]
    assert recognize(quiet_then(runs_of(pattern, 600), every=every)) == []


@pytest.mark.parametrize("every", [1.0, 2.0, 5.0])
def test_a_pids_bursts_are_no_backflush(every: float) -> None:
    """A PID heater bursting a moment every few seconds, averaged by the plug."""
    r = random.Random(7)
    bursts: list[tuple[float, float]] = []
    t = 0.0
    while t < 3000:
        window = 4.0
        bursts.append((t, t + r.uniform(0.1, 0.6)))
        t += window
    reports = readings([], every=every, end=3000, heaters=bursts)
    assert recognize(reports) == []


def test_a_single_series_without_rinse_is_no_backflush() -> None:
    pattern = [(9.0, 10.0)] * 5 + [(9.0, 900.0)]
    assert recognize(quiet_then(runs_of(pattern, 600), every=1.0)) == []


def test_reset_forgets_a_cleaner_series() -> None:
    """A program ran between the series: the rinse alone is no backflush."""
    runs = runs_of(BACKFLUSH, 600)
    reports = quiet_then(runs, every=1.0)
    recognizer = PowerBackflushes(PUMP)
    found = []
    rinse_from = runs[5][0] - 30
    for at, watts in reports:
        if at >= rinse_from and at - 1.0 < rinse_from:
            recognizer.reset()
        found.append(recognizer.feed(at, watts))
    found.append(recognizer.advance(math.inf))
    assert [f for f in found if f is not None] == []
