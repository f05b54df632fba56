"""Calibration of a pump's fall beside a heater: the level before it, not one reading.

Beside a heater of some 1,400 W a plug's readings spread a few W either
way. The level the pump fell from is what the readings before the fall
agree on (each scaled to the mains by its volts); the last reading alone,
low by chance, would drop the others and misread a small pump's step.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration import calibrate
from custom_components.espresso_care.signals.power.readings import Reading


def test_a_vibratory_pump_beside_a_heater_exchangers_heater() -> None:
    """A 62.6 W pump on a 117 V heat exchanger, its heater on a second in.

    Before the fall the readings are 1446.0, 1444.2, 1444.6, 1447.9,
    1439.3, 1436.6; after it 1384.0 and on. It read 53.0 W (-15 %): only
    the last two readings agreed with the last one.
    """
    trace = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_1", 20250412, 0
    ).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.1)


def _readings(run: list[float], after: list[float]) -> list[Reading]:
    """Two idle minutes at 3 W, then ``run`` and ``after`` a second apart (115.5 V)."""
    idle = [3.0 + 0.3 * (k % 3) for k in range(120)]
    values = [*idle, 5.3, 43.7, 927.0, *run, 1429.2, *after]
    return [Reading(float(k), w, 115.5) for k, w in enumerate(values)]


AFTER = [1384.0, 1385.2, 1382.7, 1385.5, 1381.1, 1383.7, 1383.6, 1382.9]


def test_the_level_before_the_fall_is_what_its_readings_agree_on() -> None:
    result = calibrate(
        _readings([1446.0, 1444.2, 1444.6, 1447.9, 1439.3, 1436.6], AFTER),
        pump_started_after=120.0,
    )
    assert result.error is None
    assert result.pump_watts == pytest.approx(60.8, abs=1.0)


def test_a_level_that_held_to_the_last_reading_reads_as_before() -> None:
    result = calibrate(
        _readings([1446.0, 1444.2, 1444.6, 1444.9, 1445.3, 1444.6], AFTER),
        pump_started_after=120.0,
    )
    assert result.error is None
    assert result.pump_watts == pytest.approx(61.4, abs=1.0)


def test_the_level_after_the_fall_held_once_scaled_to_the_mains() -> None:
    """A 69.2 W pump on a heat exchanger read every 2 s; the mains sagged after its stop.

    After the fall the readings are 1422.7 W at 228.3 V, then 1407.9 and
    1407.7 W at 227.1 V: the heater's level held, its share moved with
    the mains (V**2). Read raw, it did not hold, and the step came from the
    edges' pairing, unscaled: 59.6 W (-14 %).
    """
    trace = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_2", 20250438, 0
    ).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.1)


def test_the_level_the_run_left_is_its_readings_median_not_the_last() -> None:
    """A 65.8 W pump started beside a heat exchanger's heater, read every 2 s.

    The heater's level before the run reads 1278.8, 1270.4 (the last before
    the click), 1277.2: the pump's level seen alone above the last one
    alone read 72.5 W (+10.1 %).
    """
    trace = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_2", 20250454, 0
    ).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.1)
