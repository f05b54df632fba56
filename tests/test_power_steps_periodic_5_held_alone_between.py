"""A shot read every 5 s between a heater's fall and its rise, the pump alone whole between.

The heater falls as the pump starts and comes on again as it stops, each in
one reading's interval: each edge holds one partial reading (or none, a
report lost), which shows nothing of the pump (``_single_partial``). The
level between held at the standby and the pump's step, read whole at the
rise and again before the fall: the pump alone ran there
(``_held_alone_between``; regression seed 9,000,004, a 29.5 s shot lost).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 5.0
PUMP = 49.0
HEATER = [1057.0, 1057.0, 1057.0]
AFTER = [339.0, 1055.0, 1052.0, 1047.0]
"""The heater's partial reading as it comes on, then its level."""


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,043 W heater learnt from four cycles, then ``scene`` from 1,000 s."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1040.0, 1045.0, 1042.0, 1044.0)
    )


def test_the_pump_alone_held_between_two_heater_edges_is_a_shot() -> None:
    """Regression seed 9,000,004's readings: the heater, its fall with
    no partial reading (the report lost), 52 W (the pump alone) five
    times, 339 W (the heater's partial rise), the heater. A 30 s shot."""
    ((start, end),) = runs_of([*HEATER, *[52.0] * 5, *AFTER])
    assert 10.0 <= start <= 15.0
    assert 25.0 <= end - start <= 35.0


def test_a_level_short_of_the_pump_is_no_run() -> None:
    """30 W held between the same edges: not the pump's 49 W."""
    assert runs_of([*HEATER, *[30.0] * 5, *AFTER]) == []
