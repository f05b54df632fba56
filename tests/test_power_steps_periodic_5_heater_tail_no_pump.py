"""A fall read every 5 s whose one partial reading sits at the pump's level: the heater's tail.

A flush's cold water switches a heat exchanger's heater on and the pump's
stop hides in the heater's rise; the heater is then read as heater and pump
until it falls. Its fall to the standby in one partial reading, a tenth of
a second of the heater, read the pump's watts, and the pump was taken as
seen alone after the heater: the 7.0 s flush counted as a 27.0 s shot (dev
seed 26,000,060). One reading at the pump's level straight to the standby is
no evidence of the pump (``_tail_read_as_pump``).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 7.0
PUMP = 43.0
RISE = [7.0, 7.0, 8.0, 24.0, 1082.0, 1245.0, 1239.0, 1237.0]
"""Dev seed 26,000,060's readings: the flush's partial start, the heater's rise, its level."""


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,207 W heater learnt from 20 cycles (1,205-1,209 W), then ``scene``."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1205.0, 1209.0, 1207.0, 1206.0) * 5
    )


def test_a_fall_whose_one_reading_is_at_the_pump_shows_no_pump() -> None:
    """59 W (a tenth of a second of the heater), then the standby: no shot."""
    assert runs_of([*RISE, 59.0, 7.0, 7.0]) == []


def test_the_heater_alone_read_first_still_shows_the_pump() -> None:
    """1,200 W (the level less the pump's step), then 600 W: the pump's stop
    read apart from the heater's, the run counts (``_stop_shown_apart``)."""
    scene = [*RISE, 1240.0, 1238.0, 1239.0, 1240.0, 1237.0, 1200.0, 600.0, 7.0]
    ((start, end),) = runs_of(scene)
    assert end - start >= 15.0
