"""A shot read every 5 s whose stop is read at the standby once before a heater's rise, the level after no pump's.

The pump alone's level, one reading at the standby and a heater's level are
the pump's fall and the heater's rise (``_standby_before_heater``). That
was read only where the run paused (``_paused``: the level after holding
the pump too); where the level after is a heater's alone, the run was not
paused, the edge from the pump alone to the heater fit nothing, and the run
was dropped at the heater's fall (dev seed 27,000,061, a thermostat with a
171 W rotary pump: the heater's fall, 61, 172 W five times, 120, 4, 340,
1,265-1,307 W, a 29.8 s shot lost; ``_settle``'s not-paused branch).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 4.0
PUMP = 171.0
HEATERS = (1265.0, 1268.0, 1270.0, 1266.0)
"""A 1,264 W heater learnt from four cycles."""


def test_the_standby_read_once_before_a_heater_ends_a_pump_alone_run() -> None:
    """Dev seed 27,000,061's readings: the heater falling as the pump starts
    (1,081, 61 W), the pump alone five times, 120, 4 W, then the heater's
    340 W and its level for 35 s (a flush in its rise: 1,307 W). A 30 s
    shot (it was dropped at the heater's fall)."""
    scene = [1264.0, 1264.0, 1081.0, 61.0, *[172.0] * 5, 120.0, 4.0, 340.0]
    scene += [1265.0, 1307.0, 1303.0, 1261.0, 1242.0, 1250.0, 1251.0, 3.0, 4.0]
    ((start, end),) = scene_after_heater_cycles(scene, STANDBY, PUMP, HEATERS)
    assert 10.0 <= start <= 15.0
    assert 25.0 <= end - start <= 35.0
