"""Calibration on change: a reading that held in silence before a fall is no partial one of the stop.

A thermostat's rotary pump read 68.0 W in part, its inrush's 221.0 W, then
177.5 W and nothing for 9 s (the plug reports on change: the value held
within its threshold), then the standby's 7.7 W. ``_plateau`` took 177.5 W
for a partial reading of the stop between the inrush's reading and the
standby (it lies between them), and saved 213.3 W for the 170.4 W pump
(25 % high). A partial reading of the stop would have been followed a
second later by the standby, more than the threshold away. Dev seed
29000015 (thermostat, on change), the flow's last 340 s before the click.
"""

from __future__ import annotations

from .power_traces import calibrated_watts

PUMP_W = 170.4


def test_a_reading_held_in_silence_is_the_runs_level() -> None:
    """Within a tenth of the pump's 170.4 W, not the inrush's 213.3 W."""
    assert abs(calibrated_watts(ROWS, CLICK) - PUMP_W) <= 0.1 * PUMP_W


# (at, watts, volts)
CLICK = 1184.670
ROWS = [
    (846.030, 7.1, 233.8),
    (1148.007, 259.3, 230.2),
    (1149.026, 1200.5, 230.4),
    (1150.026, 1192.9, 230.3),
    (1169.017, 1187.0, 230.0),
    (1170.007, 1193.0, 230.0),
    (1181.023, 993.2, 226.8),
    (1182.040, 7.0, 226.8),
    (1188.017, 68.0, 226.8),
    (1189.032, 221.0, 226.7),
    (1190.043, 177.5, 226.8),
    (1199.041, 7.7, 226.9),
    (1211.020, 434.5, 225.7),
    (1212.032, 1138.6, 225.6),
    (1213.017, 1145.4, 225.5),
    (1214.033, 1138.6, 225.7),
    (1216.029, 1147.6, 225.6),
    (1228.024, 1142.3, 225.8),
    (1231.042, 1149.1, 225.7),
    (1232.004, 1140.4, 225.6),
    (1233.027, 1148.7, 225.6),
    (1237.012, 1154.1, 225.5),
    (1238.003, 1148.0, 225.6),
    (1241.002, 1158.7, 226.2),
    (1242.035, 1152.7, 226.3),
    (1246.007, 128.2, 227.3),
    (1247.042, 7.5, 227.4),
]
