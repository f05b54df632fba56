"""Calibration beside a dual boiler's heaters handing over while the pump runs.

The steam heater came on as the user clicked, the pump a few seconds later;
during the run the steam heater went off and the brew heater came on (their
difference, about 235 W, a rotary pump's size), then the pump stopped (151 W).
The level after the hand-over held three readings on change before the pump's
own stop: that first fall is not the pump's step.
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

PUMP = 151.2  # the simulator's pump (dual boiler, rotary, on change, seed 7000039)
CLICK = 2532.49

# (at, watts, volts): the plug's last ten minutes before the click, and the run.
ROWS = [
    (1933.008, 1228.4, 229.8),
    (1945.042, 1089.8, 230.0),
    (1946.038, 1001.3, 230.3),
    (1950.041, 992.9, 229.5),
    (1953.021, 1176.5, 229.2),
    (1954.032, 1221.6, 229.2),
    (1964.007, 1228, 229.2),
    (1965.049, 1220.1, 228.3),
    (1966.038, 1213.9, 228.4),
    (1983.038, 1221.9, 228.4),
    (1988.046, 1213.8, 228.6),
    (1991.018, 1222.5, 229.1),
    (1999.017, 1215.6, 228.9),
    (2000.015, 1220.7, 229.1),
    (2005.035, 1229.6, 229.0),
    (2007.033, 1221, 228.9),
    (2010.041, 1226.2, 229.1),
    (2011.027, 1214.2, 226.5),
    (2012.044, 1191.9, 226.4),
    (2013.016, 1197.7, 226.5),
    (2015.044, 1190.4, 226.5),
    (2017.043, 1199.9, 226.4),
    (2018.007, 1192.9, 226.6),
    (2023.048, 1198.8, 226.4),
    (2025.021, 1193.2, 226.4),
    (2032.023, 1198.7, 226.6),
    (2034.041, 1192.7, 226.4),
    (2035.020, 1198, 226.4),
    (2038.044, 1190.1, 226.4),
    (2039.048, 1195.7, 226.4),
    (2046.014, 1190.6, 226.4),
    (2049.024, 1197.2, 226.4),
    (2050.033, 1191, 226.2),
    (2057.002, 1198, 226.3),
    (2059.008, 314.3, 228.2),
    (2060.020, 6.2, 227.9),
    (2087.012, 373.1, 226.1),
    (2088.009, 961.7, 226.2),
    (2090.003, 968.4, 226.2),
    (2092.020, 961.6, 226.1),
    (2095.021, 694.8, 227.2),
    (2096.016, 5.3, 227.2),
    (2230.040, 836.6, 226.7),
    (2231.025, 967.8, 226.6),
    (2237.031, 973.5, 226.8),
    (2238.041, 186.1, 228.2),
    (2239.046, 6, 228.2),
    (2372.037, 384.4, 225.5),
    (2373.001, 957.1, 225.6),
    (2376.011, 964.8, 225.7),
    (2380.027, 708.8, 227.0),
    (2381.020, 5.1, 227.3),
    (2515.027, 845.6, 229.7),
    (2516.045, 993.2, 229.3),
    (2523.049, 11.6, 230.7),
    (2524.011, 5.9, 230.7),
    (2532.049, 192.5, 229.4),
    (2533.040, 1225.1, 229.3),
    (2536.004, 1387.8, 229.0),
    (2537.005, 1371.2, 229.1),
    (2538.032, 1284.6, 229.5),
    (2539.008, 1140.1, 229.4),
    (2540.007, 1151.1, 229.6),
    (2542.030, 1143.2, 229.6),
    (2546.013, 1059.6, 229.7),
    (2547.042, 997.5, 229.5),
    (2549.039, 991.4, 229.3),
    (2567.040, 1068.3, 229.0),
    (2568.028, 1221.1, 229.0),
    (2572.015, 1229.6, 229.4),
    (2577.033, 1220.9, 229.7),
    (2578.027, 1228.1, 229.4),
    (2581.039, 1222.2, 229.4),
    (2582.046, 1227.6, 229.4),
]


def calibrate_as_the_flow_does(rows: list[tuple[float, float, float]]) -> Calibration:
    """The flow's loop: calibrate on every new reading until a step or too_noisy."""
    readings = [Reading(at, w, v) for at, w, v in rows if at < CLICK]
    wait = calibration_wait_seconds(calibration_run_seconds(readings))
    result = Calibration(None, 0.0, "timeout")
    for at, w, v in rows:
        if at < CLICK or at > CLICK + wait:
            continue
        readings.append(Reading(at, w, v))
        result = calibrate(readings, pump_started_after=CLICK)
        if result.error is None or result.error == "too_noisy":
            break
    return result


def test_a_hand_over_of_the_heaters_during_the_run_is_not_the_pumps_step() -> None:
    """The step is the pump's stop after the hand-over, not the hand-over (235 W)."""
    result = calibrate_as_the_flow_does(ROWS)
    assert result.error is None
    assert result.pump_watts == pytest.approx(PUMP, rel=0.1)
