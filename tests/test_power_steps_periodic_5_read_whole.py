"""A shot read every 5 s whose run the edges decided too short at the same reading.

Dev seed 20,000,052 (a dual boiler, a 45 W vibratory pump): the edges took the
pump's stop as hidden in the brew heater's rise (38, 445 W) and decided a
flush at the level's fall; at the same reading ``_pump_first_at_both_ends``
read the pump on beside the heater to the level's fall, a 26.3 s shot.
``_once`` kept the flush, decided first, and dropped the shot over it; a
shot decided with it, over it, is that run read whole (``_read_whole``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import Row, run_all

VIBRATORY = 45.2
STANDBY = 4.0
READINGS = {
    # The brew heater alone, then the pump's last readings of a flush.
    2200: 1081, 2205: 1083, 2210: 1080, 2215: 1078, 2220: 1082, 2225: 46,
    # A long shot over both heaters (missed; it teaches what a rise hides).
    2315: 312, 2320: 1440, 2325: 1437, 2330: 1438, 2335: 1458, 2340: 1482,
    2345: 1477, 2350: 2415, 2355: 1205, 2360: 1171, 2365: 1174, 2370: 1174,
    2375: 1176, 2380: 917, 2385: 48, 2390: 48, 2395: 48, 2400: 23,
    # The shot: the pump in part, the heater's rise, both, two partial falls.
    3590: 38, 3595: 445, 3600: 1112, 3605: 1116, 3610: 1110, 3615: 1079, 3620: 782,
}  # fmt: skip


def test_a_shot_read_whole_with_a_flush_decided_at_its_reading_is_counted() -> None:
    rows: list[Row] = [
        (float(t), float(READINGS.get(t, STANDBY)), None) for t in range(2200, 3700, 5)
    ]
    runs = run_all(PumpDetector(VIBRATORY), rows, until=3700.0)
    (shot,) = [r for r in runs if r.started > 3500.0]
    assert shot.started == pytest.approx(3585.4, abs=2.5)
    assert shot.duration == pytest.approx(26.3, abs=2.5)
