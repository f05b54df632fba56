"""A shot read every 5 s whose rise from the standby hid in a heater's fall.

A heater falling to the standby a reading before the pump starts leaves the
standby read once: no level of its own, so the heater's fall and the pump's
rise are one edge, which no known heater explains once the mains moved the
heater (dev seed 20,000,044, a thermostat at 120 V, heater learnt at
1,023 W, read 1,080 W). The pump's fall to the standby then had no run.
Whole readings of the pump alone, at most one partial reading, and the
standby before them show it rose alone (``_alone_from_standby``).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 5.0
PUMP = 44.0
HEATER_FALL = [1085.0, 1085.0, 1085.0, 192.0]
"""The heater, 60 W over its learnt size, and its partial fall."""


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,023 W heater learnt from four cycles, then ``scene`` from 1,000 s."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1020.0, 1025.0, 1022.0, 1026.0)
    )


def test_the_pump_alone_after_the_standby_read_once_is_a_shot() -> None:
    """Dev seed 20,000,044's readings: the standby once, 32 W (the pump's
    partial reading), four readings of the pump alone, 30 W, the standby.
    A 25.8 s shot."""
    ((start, end),) = runs_of(
        [*HEATER_FALL, 5.0, 32.0, 52.0, 52.0, 53.0, 53.0, 30.0, 5.0, 5.0]
    )
    assert 20.0 <= start <= 25.0
    assert 20.0 <= end - start <= 30.0


def test_without_the_standby_read_nothing_shows_the_pump_rose_alone() -> None:
    """The heater's partial fall straight to the pump's partial reading:
    the pump may have started with the heater still on."""
    assert runs_of([*HEATER_FALL, 32.0, 52.0, 52.0, 53.0, 53.0, 30.0, 5.0]) == []


def test_one_reading_of_the_pump_alone_is_no_run() -> None:
    """A single whole reading of the pump's level: too little to show it."""
    assert runs_of([*HEATER_FALL, 5.0, 32.0, 52.0, 30.0, 5.0, 5.0]) == []
