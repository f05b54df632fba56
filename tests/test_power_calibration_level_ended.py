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


def test_a_level_that_fell_part_way_first_is_still_waited_for() -> None:
    """A smaller move after the level (1374.7 -> 1245.0, then 2.4) ends nothing for sure.

    Heat exchanger on change (seed 14000022, pump 53.2 W): the reading after
    the level fell by neither a pump's step nor a heater's. Taken as the
    level's end, another pairing calibrated 44.1 W (17 % low); waiting, the
    flow refuses instead.
    """
    result = calibrate_as_the_flow_does(FELL_PART_WAY, 2663.093)
    assert result.pump_watts is None


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

# (at, watts, volts): the flow's ten minutes of idle before the click, and the run
FELL_PART_WAY = [
    (2007.042, 1338.9, 227.6),
    (2008.026, 1332.2, 227.4),
    (2009.030, 1339.2, 227.5),
    (2010.007, 1333.8000000000002, 227.5),
    (2011.047, 514.0, 228.1),
    (2012.043, 3.0, 228.4),
    (2116.020, 1238.3000000000002, 228.5),
    (2117.018, 1344.1000000000001, 228.5),
    (2126.041, 1349.9, 228.4),
    (2127.012, 1339.3000000000002, 228.2),
    (2130.045, 250.70000000000002, 228.8),
    (2131.008, 3.3000000000000003, 228.9),
    (2234.024, 159.70000000000002, 226.4),
    (2235.027, 1322.2, 226.3),
    (2236.017, 1315.9, 226.6),
    (2237.041, 1328.3000000000002, 226.8),
    (2238.010, 1318.6000000000001, 226.8),
    (2239.024, 1325.2, 226.6),
    (2240.042, 1316.7, 226.6),
    (2241.020, 1324.9, 226.6),
    (2245.012, 1333.7, 227.2),
    (2249.036, 295.5, 227.8),
    (2250.034, 3.1, 228.0),
    (2353.008, 114.30000000000001, 227.7),
    (2354.002, 1339.4, 228.0),
    (2367.016, 1348.7, 228.0),
    (2368.039, 126.7, 228.3),
    (2369.013, 3.7, 228.1),
    (2472.033, 285.7, 227.7),
    (2473.041, 1340.0, 227.6),
    (2475.039, 1331.6000000000001, 227.7),
    (2477.020, 1341.8000000000002, 227.7),
    (2478.018, 1334.8000000000002, 227.8),
    (2482.026, 1342.4, 227.6),
    (2484.002, 1334.3000000000002, 227.7),
    (2487.005, 4.0, 228.8),
    (2591.038, 431.3, 230.4),
    (2592.010, 1370.5, 230.4),
    (2597.012, 1363.6000000000001, 230.5),
    (2598.009, 1370.7, 230.2),
    (2605.009, 714.8000000000001, 231.6),
    (2606.029, 3.2, 231.4),
    (2669.039, 31.1, 231.2),
    (2670.028, 49.1, 231.5),
    (2671.033, 56.900000000000006, 231.5),
    (2672.036, 960.0, 230.7),
    (2673.036, 1424.3000000000002, 230.8),
    (2676.021, 1418.5, 230.7),
    (2677.038, 1424.2, 230.8),
    (2680.020, 1407.1000000000001, 230.8),
    (2681.020, 1374.7, 230.8),
    (2698.046, 1245.0, 231.4),
    (2699.023, 2.4000000000000004, 231.6),
]
