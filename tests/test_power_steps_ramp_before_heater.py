"""A vibratory pump's ramp read alone before a heater's rise in the same edge.

A heater coming on a reading or two after the pump makes one edge of both,
and the pump's start was dated by its share as a clean step: its ramp holds
the first reading under that share, and the start came late by up to a
second and a half (dual boiler 21000042 every 2 s: 3.7, 28.9, 54.0 W, then
924.7 W; a 16.0 s shot read 14.7 s, a flush).
"""

from __future__ import annotations

import random

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import feed_all
from .test_power_steps_ramp_start import PUMP, readings


def scene(
    seed: int,
) -> tuple[list[tuple[float, float]], list[tuple[float, float, float]]]:
    """Heater cycles (the plug's window), six runs alone (the ramp), then
    twelve runs each with the heater coming on 3-4 s after the pump."""
    rng = random.Random(seed)
    heater = []
    for i in range(12):
        on = 50.0 + 150.0 * i + rng.uniform(0.0, 2.0)
        heater.append((on, on + 40.0 + rng.uniform(0.0, 1.0)))
    runs = []
    t = 2000.0
    for n in range(18):
        start = t + rng.uniform(0.0, 2.0)
        runs.append((start, start + rng.uniform(20.0, 30.0), rng.uniform(1.0, 3.0)))
        if n >= 6:
            on = start + rng.uniform(3.0, 4.0)
            heater.append((on, on + 60.0))
        t += 150.0
    return heater, runs


@pytest.mark.parametrize("seed", [6, 7])
def test_a_ramp_read_alone_before_a_heaters_rise_dates_the_start(seed: int) -> None:
    """Read every 2 s, each reading the mean of the last second: the starts of
    the runs whose heater came on in the same edge are on average under half a
    second late, none by a second (dated by the pump's share alone, 0.7 s late
    on average and up to 1.6 s)."""
    heater, runs = scene(seed)
    rows = readings(2.0, heater, runs, runs[-1][1] + 120.0, window=1.0)
    found = feed_all(PumpDetector(PUMP), rows, rows[-1][0] + 100.0)
    assert len(found) == len(runs)
    errors = [
        run.started - start for run, (start, _, _) in zip(found, runs, strict=True)
    ][6:]
    assert abs(sum(errors) / len(errors)) <= 0.45
    assert max(errors) <= 1.0
