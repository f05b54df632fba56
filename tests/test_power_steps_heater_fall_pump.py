"""A heater's fall and the pump's start in one edge, dated by the pump's own reading.

A heat exchanger read every second (seed 20250412): the heater went off, its
last partial reading (116 W) stayed past the pump's level, a stale repeat
hid the standby after it, then the pump alone part way (45 W). Dated inside
the heater's partial reading (the first that moved, as part of both), the
shot began 1.75 s early; the pump's own reading dates it by its share of
the standby's step.
"""

from __future__ import annotations

from functools import partial

import pytest

from custom_components.espresso_care.signals.power.pump.steps import _pump_time
from simulator.espresso import generate

from .sim_replay import calibrated_runs, run_near


def test_the_pump_alone_after_a_falling_heater_dates_its_start() -> None:
    pts = [2846.0, 1353.3, 2847.0, 1353.9, 2848.0, 116.1, 2850.0, 45.1]
    pts += [2851.0, 65.4, 2852.0, 64.2]
    pump_time = partial(_pump_time, averaging=True, window=1.0, gap=1.0)
    assert pump_time(pts, 1389.2, -1386.2, 53.0) < 2847.5
    started = pump_time(pts, 1389.2, -1386.2, 53.0, standby=3.0)
    assert 2849.0 <= started < 2850.0


def test_the_shot_is_dated_within_an_interval() -> None:
    trace = generate(
        "heat_exchanger",
        "vibratory",
        "periodic_1",
        seed=20250412,
        shots=10,
        days=2,
        hand_backflushes=1,
    )
    runs = calibrated_runs(trace, 2950.0)
    shot, run = run_near(trace, runs, 2848.8)
    assert run[0] == pytest.approx(shot.started, abs=1.0)
    assert run[1] - run[0] == pytest.approx(shot.duration, abs=1.0)


def test_a_later_reading_of_the_heater_whole_overrules_one_of_both() -> None:
    """A heat exchanger polled every 2 s (seed 20250455): the pump alone, then
    the heater came on (its partial reading, 1,308 W, within half the pump's
    step of the heater's level without the pump) and only later the pump
    stopped (1,557 W: the heater whole and the pump still on). Dated by the
    heater's partial reading as both, the shot ended 5.4 s early."""
    pts = [6927.1, 173.2, 6929.1, 172.7, 6931.1, 1308.0, 6933.1, 1556.6]
    pts += [6935.1, 1532.2, 6937.1, 1385.6, 6939.1, 1387.2]
    ended = _pump_time(
        pts, 173.2, 1381.1, -167.9, averaging=True, window=0.5, gap=2.0, standby=5.2
    )
    assert 6933.1 < ended <= 6937.1


def test_a_whole_reading_of_the_pump_after_the_heater_keeps_the_earlier_date() -> None:
    """A heat exchanger polled every 2 s (seed 20250407): the heater's partial
    reading (1,250 W) held the pump whole already (inrush and all); the next,
    the pump alone, whole, says only that it started before: dating it in
    that reading's unseen half made the start 2 s late."""
    pts = [12799.9, 1356.8, 12805.9, 1356.8, 12807.9, 1249.5, 12809.9, 187.0]
    pts += [12811.9, 186.4]
    started = _pump_time(
        pts, 1373.5, -1370.8, 184.1, averaging=True, window=0.5, gap=2.0, standby=2.7
    )
    assert started < 12808.0
