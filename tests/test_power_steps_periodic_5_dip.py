"""Two pump pulses read every 5 s with no reading at the standby between them.

An energy meter's 5 s average may show the pause between two pulses (a
backflush's, two flushes) only as a reading part way up that falls back
below the one before. Read as one rise, the two pulses made one run of a
shot's length: a false shot.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from simulator.espresso import generate

from .power_traces import PUMP, idle_heater_cycles, periodic, run_all
from .sim_replay import calibrated_runs


def runs_of(pulses: list[tuple[float, float]]) -> list[tuple[float, float]]:
    power = [*idle_heater_cycles(52.5, 4), *((a, b, PUMP) for a, b in pulses)]
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    return [
        (r.started, r.ended) for r in run_all(PumpDetector(PUMP), rows, until=800.0)
    ]


def test_a_pause_seen_as_a_dip_splits_the_run() -> None:
    """A 5.7 s pulse, a 5.2 s pause, an 11.3 s pulse: read 80, 100, 58, 100 %
    of the step, never at the standby. The run is the second pulse only
    (under 15 s), not 22 s from the first one's start."""
    (run,) = runs_of([(602.7, 608.4), (613.6, 624.9)])
    assert run[0] == pytest.approx(613.6, abs=1.0)
    assert run[1] - run[0] < 15.0


def test_a_run_read_rising_throughout_is_one_run() -> None:
    """A shot started mid-reading reads part way, then whole: one run of its length."""
    (run,) = runs_of([(602.7, 624.9)])
    assert run[0] == pytest.approx(602.7, abs=1.0)
    assert run[1] - run[0] == pytest.approx(22.2, abs=1.5)


def test_a_run_dated_after_its_dip_keeps_its_start_unsure() -> None:
    """A simulated thermostat read every 5 s: two flushes (1745.8-1751.1,
    1754.9-1758.8) read 41, 16 (the dip), then the heater's rise with the
    second flush in one reading, split into the pump whole and the heater.
    No reading showed the pump alone whole: dated after the dip, the start is
    still only as sure as that split, and the heater's fall half a minute
    later is no proof of the pump's stop (a 35 s false shot)."""
    trace = generate(
        "thermostat",
        "vibratory",
        "periodic_5",
        seed=7000036,
        shots=10,
        days=2,
        hand_backflushes=0,
        calibration_runs=1,
    )
    runs = calibrated_runs(trace, 1900.0)
    assert [r for r in runs if 1740.0 < r[0] < 1800.0 and r[1] - r[0] >= 15.0] == []
