"""Calibration on change reads the level before the pump's fall from a reading that held in silence.

A thermostat's heater came on a second after the vibratory pump: the run
read 36.0 W (the pump's ramp), 288.0 W (the heater's partial reading), then
1,131.6 W and nothing for 7 s (the plug reports on change: the value held
within its threshold), the stop's partial 1,094.5 W and the heater alone at
1,082-1,088 W. ``_plateau`` asked the reading before the fall's level to
agree with the one before it, a partial one here, and left the fall; the
detector's edges then saved 40.5 W for the 48.2 W pump (16 % low). Dev seed
24000046 (thermostat, on change), the flow's last 280 s before the click.
"""

from __future__ import annotations

from .power_traces import calibrated_watts

PUMP_W = 48.2


def test_a_level_held_in_silence_before_the_fall_is_the_runs() -> None:
    """Within a tenth of the pump's 48.2 W, not the edges' 40.5 W."""
    assert abs(calibrated_watts(ROWS, CLICK) - PUMP_W) <= 0.1 * PUMP_W


# (at, watts, volts)
CLICK = 1129.785
ROWS = [
    (852.032, 369.2, 232.3),
    (853.022, 1073.2, 232.2),
    (869.048, 1067.0, 232.0),
    (870.011, 377.4, 232.7),
    (871.041, 8.0, 232.6),
    (1016.047, 287.4, 231.5),
    (1017.036, 1061.2, 231.4),
    (1019.026, 1068.9, 231.4),
    (1020.029, 1063.5, 231.3),
    (1034.034, 595.9, 232.3),
    (1035.042, 7.6, 232.3),
    (1136.008, 36.0, 234.4),
    (1137.034, 288.0, 233.9),
    (1138.039, 1131.6, 233.7),
    (1145.014, 1094.5, 234.0),
    (1146.006, 1087.6, 233.7),
    (1147.045, 1082.2, 233.6),
    (1162.046, 1087.7, 233.5),
    (1166.028, 1082.2, 233.6),
    (1175.044, 934.0, 233.7),
    (1176.021, 7.7, 233.7),
]
