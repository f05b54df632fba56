"""A pump's start read from the standby between one heater's fall and the other's rise.

A dual boiler polled every 2 s (seed 20250422): the steam heater went off,
one reading showed the standby, the next the pump alone part way, then the
brew heater came on. All of it one edge from one heater's level to the
other's and the pump: dated by the first reading that moved (the steam
heater's fall), the shot began 3.2 s early. The standby reading shows the
pump still off; the reading after it, the pump alone, dates its start.
"""

from __future__ import annotations

from functools import partial

import pytest

from custom_components.espresso_care.signals.power.pump.steps import _pump_time
from simulator.espresso import generate

from .sim_replay import calibrated_runs, run_near


def test_a_standby_reading_inside_the_edge_dates_the_pump_after_it() -> None:
    pts = [11839.7, 1298.7, 11841.7, 1299.0, 11843.7, 635.7, 11845.7, 6.5]
    pts += [11847.7, 50.9, 11849.7, 1022.0, 11851.7, 1017.6]
    pump_time = partial(_pump_time, averaging=True, window=0.5, gap=2.0)
    # Without the standby known: the first reading that moved.
    assert pump_time(pts, 1310.6, -350.7, 64.1) < 11844.0
    started = pump_time(pts, 1310.6, -350.7, 64.1, standby=6.5)
    assert 11846.7 < started < 11847.7


def test_the_shot_is_dated_within_an_interval() -> None:
    trace = generate(
        "dual_boiler",
        "vibratory",
        "periodic_2",
        seed=20250422,
        shots=10,
        days=2,
        hand_backflushes=1,
    )
    runs = calibrated_runs(trace, 11950.0)
    shot, run = run_near(trace, runs, 11846.4)
    assert run[0] == pytest.approx(shot.started, abs=1.0)
    assert run[1] - run[0] == pytest.approx(shot.duration, abs=2.0)


def test_a_later_standby_reading_overrules_a_partial_one_of_both() -> None:
    """A heat exchanger polled every 2 s (seed 20250455): the heater's last
    partial reading (201 W) looked like the pump alone, as both switched;
    the standby read after it (5 W) shows nothing on then, so the pump
    started after, in the reading that shows it alone (192 W). Dated from
    the heater's reading, the shot began 4.9 s early."""
    pts = [10157.1, 1378.6, 10159.1, 1378.8, 10161.1, 201.0, 10163.1, 5.3]
    pts += [10165.1, 191.9, 10167.1, 174.5]
    started = _pump_time(
        pts, 1390.3, -1385.1, 174.9, averaging=True, window=0.5, gap=2.0, standby=5.2
    )
    assert 10163.1 < started <= 10165.1
