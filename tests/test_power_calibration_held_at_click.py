"""Calibration on change: a ramp after a level that held at the click is no heater's new level.

A heat exchanger's heater came on a second before the click (814.3 W read
in part, then 1,192.6 W), and its level held (1,198.3 W after the click).
The vibratory pump's ramp then read 1,228.2, 1,238.4 and 1,246.5 W, its
level 1,253.4 W, and the stop 1,227.6 (in part) and 1,201.8 W. The reading
before the click's far from the last one made ``_plateau`` take that last
one for a heater's partial reading, and the ramp's three readings (within a
heater's noise of each other) for the level the run left: no fall under
it, and the detector's edges saved 38.3 W for the 56.6 W pump (32 % low).
Dev seed 28000022 (heat exchanger, on change), the flow's last 230 s
before the click.
"""

from __future__ import annotations

from .power_traces import calibrated_watts

PUMP_W = 56.6


def test_a_ramp_after_a_level_held_at_the_click_is_the_pumps() -> None:
    """Within a tenth of the pump's 56.6 W, not the edges' 38.3 W."""
    assert abs(calibrated_watts(ROWS, CLICK) - PUMP_W) <= 0.1 * PUMP_W


# (at, watts, volts)
CLICK = 1863.476
ROWS = [
    (1634.021, 1217.3, 228.6),
    (1642.026, 415.9, 230.6),
    (1643.019, 5.2, 230.6),
    (1707.012, 458.4, 228.1),
    (1708.049, 1213.5, 228.0),
    (1719.013, 574.7, 230.1),
    (1720.045, 5.4, 230.0),
    (1784.042, 285.7, 224.4),
    (1785.039, 1175.6, 224.3),
    (1786.039, 1170.2, 224.5),
    (1787.023, 1177.1, 224.8),
    (1794.013, 1185.5, 225.0),
    (1795.040, 1176.6, 224.4),
    (1796.001, 1182.0, 225.0),
    (1797.021, 44.0, 227.2),
    (1798.020, 4.6, 226.9),
    (1862.020, 814.3, 226.5),
    (1863.014, 1192.6, 226.4),
    (1865.042, 1198.3, 226.6),
    (1868.018, 1228.2, 226.5),
    (1869.043, 1238.4, 226.5),
    (1870.020, 1246.5, 226.4),
    (1873.037, 1253.4, 226.5),
    (1876.009, 1227.6, 226.8),
    (1877.016, 1201.8, 226.6),
    (1881.033, 1196.5, 226.4),
    (1895.031, 696.2, 228.7),
    (1896.019, 5.1, 228.6),
]
