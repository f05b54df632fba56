"""Calibration on change when the heater's level after the run ended before more readings.

Heat exchanger on change (seed 8000022, pump 62.9 W): the heater came on just
before the pump, so the pump is never read alone; the run's fall beside it
(1299.7 -> 1270.9 partial -> 1235.1) is the step. The level after held 21 s
of silence (on change: unchanged), then the heater went off: no more
readings of that level would ever come, and waiting for them timed out
(no_pump_seen).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power_calibration import (
    Calibration,
    calibrate,
    calibration_run_seconds,
    calibration_wait_seconds,
)
from custom_components.espresso_care.signals.power_steps import Reading

Row = tuple[float, float, float]


def calibrate_as_the_flow_does(rows: list[Row], click: float) -> Calibration:
    """The flow's loop: calibrate on every new reading until a step or too_noisy."""
    readings = [Reading(at, w, v) for at, w, v in rows if at < click]
    wait = calibration_wait_seconds(calibration_run_seconds(readings))
    result = Calibration(None, 0.0, "timeout")
    for at, w, v in rows:
        if at < click or at > click + wait:
            continue
        readings.append(Reading(at, w, v))
        result = calibrate(readings, pump_started_after=click)
        if result.error is None or result.error == "too_noisy":
            break
    return result


def test_a_level_ended_by_the_heaters_edge_is_not_waited_for() -> None:
    """The fall beside the heater is read once the heater's edge ended its level."""
    result = calibrate_as_the_flow_does(ROWS, 1813.517)
    assert result.error is None
    assert result.pump_watts == pytest.approx(62.9, rel=0.1)


# (at, watts, volts): 180 s of idle before the click, and the run
ROWS = [
    (1613.015, 877.4000000000001, 225.5),
    (1614.031, 1237.2, 225.7),
    (1623.006, 452.8, 227.9),
    (1624.042, 7.1000000000000005, 227.9),
    (1681.038, 1054.9, 225.8),
    (1682.022, 1238.5, 225.8),
    (1691.028, 251.0, 228.0),
    (1692.043, 7.0, 227.9),
    (1748.013, 20.1, 226.0),
    (1751.020, 1245.0, 225.8),
    (1759.024, 30.5, 228.3),
    (1760.046, 6.800000000000001, 228.0),
    (1816.003, 238.60000000000002, 225.8),
    (1817.022, 1235.7, 225.7),
    (1819.044, 1276.5, 225.4),
    (1820.010, 1293.0, 225.6),
    (1822.023, 1300.2, 225.6),
    (1823.019, 1294.8000000000002, 225.6),
    (1826.006, 1301.4, 225.3),
    (1827.011, 1293.0, 225.1),
    (1829.015, 1299.7, 225.3),
    (1832.022, 1270.9, 225.3),
    (1833.041, 1235.1000000000001, 225.4),
    (1854.002, 512.5, 227.4),
]
