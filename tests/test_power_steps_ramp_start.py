"""A vibratory pump's start dated from its ramp, not as a step.

A vibratory pump starts at about half its step and ramps up over a few
seconds as pressure builds. A plug's first partial reading then holds less
than its share of the interval at the full step: dated by that share as a
clean step, every start came late (by a third of a second on a plug
reporting every second), and the duration short.
"""

from __future__ import annotations

import random

import pytest

from custom_components.espresso_care.signals.power_steps import PumpDetector

from .power_traces import feed_all

PUMP = 55.0
HEATER = 1000.0
BASE = 4.0


def power(
    t: float, heater: list[tuple[float, float]], runs: list[tuple[float, float, float]]
) -> float:
    """The true power at ``t``: the standby, heater cycles, pump runs ramping from half."""
    watts = BASE + sum(HEATER for a, b in heater if a <= t < b)
    for start, stop, ramp in runs:
        if start <= t < stop:
            watts += PUMP * min(1.0, 0.5 + 0.5 * (t - start) / ramp)
    return watts


def readings(
    every: float,
    heater: list[tuple[float, float]],
    runs: list[tuple[float, float, float]],
    end: float,
) -> list[tuple[float, float]]:
    """(at, watts): the mean power over the last ``every`` s, every ``every`` s."""
    steps = 50
    return [
        (
            every * n,
            round(
                sum(
                    power(every * (n - (i + 0.5) / steps), heater, runs)
                    for i in range(steps)
                )
                / steps,
                1,
            ),
        )
        for n in range(1, int(end / every))
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_a_vibratory_pump_read_every_second_starts_where_it_did(seed: int) -> None:
    """Runs at any phase of the second, ramping over 1-3 s. Once a few rises
    showed the pump ramping, each start is within 0.4 s of the truth, and on
    average neither late nor early by more than 0.15 s (dated as a clean
    step, 0.3-0.4 s late on average)."""
    rng = random.Random(seed)
    heater = []
    for i in range(12):  # the heater's steps teach the plug's window
        on = 50.0 + 150.0 * i + rng.uniform(0.0, 1.0)
        heater.append((on, on + 40.0 + rng.uniform(0.0, 1.0)))
    runs = []
    t = 2000.0
    for _ in range(20):
        start = t + rng.uniform(0.0, 1.0)
        runs.append((start, start + rng.uniform(20.0, 35.0), rng.uniform(1.0, 3.0)))
        t += 120.0
    rows = readings(1.0, heater, runs, t + 60.0)
    found = feed_all(PumpDetector(PUMP), rows, rows[-1][0] + 100.0)
    assert len(found) == len(runs)
    errors = [
        run.started - start for run, (start, _, _) in zip(found, runs, strict=True)
    ][8:]
    assert max(abs(e) for e in errors) <= 0.4
    assert abs(sum(errors) / len(errors)) <= 0.15


def test_a_pump_read_as_a_clean_step_is_dated_as_one() -> None:
    """A pump whose rises never show a ramp (its next reading whole) keeps the
    step's dating: a partial reading's share of the interval."""
    rng = random.Random(4)
    heater = []
    for i in range(12):
        on = 50.0 + 150.0 * i + rng.uniform(0.0, 1.0)
        heater.append((on, on + 40.0 + rng.uniform(0.0, 1.0)))
    runs = []
    t = 2000.0
    for _ in range(12):
        start = t + rng.uniform(0.0, 1.0)
        runs.append((start, start + rng.uniform(20.0, 35.0), 1e-9))
        t += 120.0
    rows = readings(1.0, heater, runs, t + 60.0)
    found = feed_all(PumpDetector(PUMP), rows, rows[-1][0] + 100.0)
    assert len(found) == len(runs)
    assert all(
        abs(run.started - start) <= 0.15
        for run, (start, _, _) in zip(found, runs, strict=True)
    )
