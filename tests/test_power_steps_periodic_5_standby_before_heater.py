"""A shot read every 5 s whose stop is read at the standby once before a heater's rise.

The pump stopping a reading or two before a heater comes on leaves the
standby read once between the pump alone's level and the heater's. The run
paused there (``_paused``) and, read every 5 s, was dropped; read every two
seconds the same readings are a fall and a rise (``_stop_then_heater``).
The pump alone's level, one reading at the standby and the heater's level
are a fall and a rise every 5 s too (``_standby_before_heater``;
regression seed 7,000,060, a 39.8 s shot lost).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 4.0
PUMP = 61.0
RUN = [1156.0, 1156.0, 1156.0, 548.0, 33.0, *[59.0] * 7, 23.0]
"""The heater's fall with the pump's start, the pump alone 35 s, its partial fall."""


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,108 W heater learnt from four cycles, then ``scene`` from 1,000 s."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1105.0, 1110.0, 1107.0, 1109.0)
    )


def test_the_standby_read_once_before_a_heater_ends_the_shot() -> None:
    """Regression seed 7,000,060's readings: 4 W once, then the heater's
    518 W and its level, 1,156 W. A 39 s shot."""
    ((start, end),) = runs_of([*RUN, 4.0, 518.0, *[1156.0] * 6, 252.0, 4.0, 4.0])
    assert 15.0 <= start <= 20.0
    assert 35.0 <= end - start <= 42.0
