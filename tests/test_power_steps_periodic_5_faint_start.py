"""A pump's first reading every 5 s, faint but past the noise, dates its start.

An energy meter's 5 s average shows a pump started late in an interval at
a small share of its step, a vibratory pump's lower still (it ramps up
from about half its power): under 0.15 of the step the step's dating takes
it for noise and dates the start from the next, whole reading, up to a
reading's share late (dev seed 24000052: a 16.4 s shot read 15.0 s).
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import PUMP, idle_heater_cycles, periodic, run_all
from .sim_replay import retried_runs


def runs_of(start: float, end: float) -> list[tuple[float, float]]:
    """A vibratory pump from ``start`` to ``end``, its first 2 s at half power."""
    power = [
        *idle_heater_cycles(52.5, 4),
        (start, start + 2.0, 0.5 * PUMP),
        (start + 2.0, end, PUMP),
    ]
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    return [
        (r.started, r.ended) for r in run_all(PumpDetector(PUMP), rows, until=800.0)
    ]


def test_a_faint_first_reading_dates_the_start() -> None:
    """A 15.9 s shot from 1.4 s before a reading: 7 W over the standby there
    (0.14 of the step), then 47 W. Dated from the faint reading, not the
    whole one after it (14.2 s, under a shot's 15 s)."""
    (run,) = runs_of(603.6, 619.5)
    assert run[0] == pytest.approx(603.6, abs=0.8)
    assert run[1] - run[0] >= 15.0


def test_a_reading_within_the_noise_dates_nothing() -> None:
    """A start 0.4 s before a reading (2 W over the standby, its noise): the
    whole reading after dates it, as before."""
    (run,) = runs_of(604.6, 619.5)
    assert run[0] == pytest.approx(605.0, abs=0.8)


def test_a_vibratory_shot_started_faintly_is_a_shot() -> None:
    """A simulated thermostat read every 5 s (dev seed 24000052): a 16.4 s
    shot from 2438.9, read 12 W (0.14 of a 50 W step over a 5 W standby),
    then 53 W; read 15.0 s from the whole reading, under a shot's length."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 24000052, 0)
    runs = retried_runs(spec, 2500.0)
    (run,) = [r for r in runs if 2430.0 < r[0] < 2450.0]
    assert run[1] - run[0] >= 15.0
