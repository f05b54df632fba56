"""Calibration reads a slow PID's pump alone twice between its pulses, its heater's after.

Among a slow PID's pulses a vibratory pump may be read alone only twice, a
pulse between them; the heater's pulses after the stop keep the stretch off
the standby for seconds, and one of their partial readings (389.8 W) lies
in the pump's band. ``_floor_between_pulses`` asks for exactly two readings
there and refused: regression 8,000,042 every 2 s (pid_slow, a 54.7 W pump
over a 3.3 W standby) was refused three times, 0 of 10 shots read.
``_alone_twice_early`` takes two that agree, none under them before the
later, the later within the run asked for (``CAL_RUN_S``) of the stretch's
first reading: after it two of the heater's partial readings may agree by
chance (dev 27,000,035: 111.9 and 107.6 W for a 134.9 W pump). These are
that machine's second try, as the flow reads it (the first try's readings
left out).
"""

from __future__ import annotations

from .power_traces import calibrate_as_the_flow_does, calibrated_watts


def test_the_pump_read_alone_twice_between_pulses_is_the_step() -> None:
    """54.6 W for the pump's 54.7 W (refused before: no_pump_seen)."""
    assert abs(calibrated_watts(ROWS, CLICK) - 54.7) <= 0.05 * 54.7


def test_a_pair_past_the_run_asked_for_is_refused() -> None:
    """The same readings, 12 s of the heater alone before the pair: no step."""
    late = [(at + 12.0 if at > 1288.0 else at, w, v) for at, w, v in ROWS]
    heater = [(1287.0 + 2.0 * k, 1364.0, 230.5) for k in range(1, 7)]
    rows = sorted([*late, *heater])
    assert calibrate_as_the_flow_does(rows, CLICK).error == "no_pump_seen"


# (at, watts, volts)
CLICK = 1282.364
ROWS = [
    (1153.041, 84.1, 232.7),
    (1155.036, 2.9, 232.9),
    (1157.007, 456.4, 232.7),
    (1159.016, 3.1, 232.8),
    (1161.049, 3.1, 232.7),
    (1163.022, 3.2, 232.9),
    (1165.034, 3.1, 232.7),
    (1167.032, 282.5, 230.7),
    (1169.032, 3.6, 232.7),
    (1171.033, 386.4, 232.7),
    (1173.034, 3.6, 232.8),
    (1175.005, 467.4, 232.8),
    (1177.009, 2.8, 232.9),
    (1179.017, 3.4, 232.9),
    (1181.027, 3.3, 232.8),
    (1183.004, 3.2, 233.0),
    (1185.037, 84.9, 230.8),
    (1187.036, 2.9, 232.8),
    (1189.020, 229.0, 232.8),
    (1191.017, 2.7, 232.9),
    (1193.017, 212.8, 233.0),
    (1195.008, 2.8, 233.1),
    (1257.002, 3.6, 233.0),
    (1259.035, 356.6, 233.1),
    (1261.024, 3.0, 233.0),
    (1263.049, 3.1, 233.2),
    (1265.007, 311.9, 231.2),
    (1267.027, 3.5, 233.1),
    (1269.016, 560.4, 233.2),
    (1271.046, 3.3, 233.2),
    (1273.038, 677.5, 232.7),
    (1275.044, 2.9, 232.9),
    (1277.042, 85.9, 232.7),
    (1279.027, 3.1, 232.7),
    (1281.001, 3.3, 232.7),
    (1283.028, 113.0, 230.7),
    (1285.044, 21.0, 232.5),
    (1287.030, 668.4, 230.6),
    (1289.000, 56.8, 232.6),
    (1291.042, 1183.6, 230.5),
    (1293.015, 57.9, 232.7),
    (1295.004, 1369.3, 230.6),
    (1297.028, 389.8, 232.6),
    (1299.012, 1363.8, 230.5),
    (1301.001, 3.3, 232.8),
]
