"""A run read every 5 s that reads a known heater alone, then the pump once: no shot.

A heater only adds to the pump's level: while the pump runs, a whole reading
of the heater holds the heater and the pump. A dual boiler's flush stopped as
its brew heater came on; the heater's short pulse was read over the pump's
level, its fall's partial reading landed at the pump's level, and the run
was read to it: a 13.5 s flush counted as a 31.4 s shot (regression seed
7,000,012). The heater read alone shows the pump off
(``_heater_alone_then_tail``).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 4.3
PUMP = 54.3
START = [4.0, 4.0, 4.0, 20.0, 59.0, 60.0, 874.0]
"""Regression seed 7,000,012's readings: the flush's partial start, the pump
alone whole twice, the heater's rise as the flush stopped."""


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 984 W heater learnt from 20 cycles (983-986 W), then ``scene``."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (983.0, 985.0, 984.0, 986.0) * 5
    )


def shots(runs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The runs of a shot's length."""
    return [(a, b) for a, b in runs if b - a >= 15.0]


def test_the_heater_read_alone_then_one_reading_at_the_pump_is_no_shot() -> None:
    """983 W (the heater alone, 4.3 + 984 W), then 56 W (the heater's tail)
    and the standby: the pump was off, no shot."""
    assert shots(runs_of([*START, 983.0, 56.0, 4.0, 4.0])) == []


def test_the_heater_read_with_the_pump_keeps_the_shot() -> None:
    """1,040 W (the heater and the pump whole), then the pump alone twice
    and its fall: the pump ran through the heater's pulse, a shot."""
    ((start, end),) = shots(runs_of([*START, 1040.0, 60.0, 59.0, 30.0, 4.0, 4.0]))
    assert end - start >= 15.0


def test_the_heater_read_alone_then_its_fall_is_no_shot() -> None:
    """Dev seed 28,000,036 (a heat exchanger): the pump alone twice, the
    heater's rise, the heater alone (1,457 W over the standby, learnt 1,472
    W; 58.5 W pump), then its fall: a 14.0 s shot read as 26.5 s. Here 983
    W, then the heater's fall to the standby: the pump was off, no shot."""
    assert shots(runs_of([*START, 983.0, 500.0, 4.0, 4.0])) == []
