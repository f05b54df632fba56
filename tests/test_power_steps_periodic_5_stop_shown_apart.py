"""A shot read every 5 s whose fall shows the pump's stop apart from the heater's.

A thermostat's heater comes on with the pump (the shot's cold water), both
in one reading's interval: the rise is one partial reading and shows no
pump. Without volts a run split from heaters' edges at both ends was
counted only when a reading showed the pump at both. The pump stopping a
reading or more before the heater leaves a reading of the heater alone
inside the fall, then the heater's own partial reading: the pump's stop is
seen there, and the run counts (``_stop_shown_apart``; dev seed 22,000,052,
a 38.6 s shot lost).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 5.0
PUMP = 40.0
RISE = [5.0, 5.0, 550.0, 1310.0, 1309.0, 1313.0, 1310.0, 1311.0, 1310.0, 1306.0]
"""The standby, the heater's and the pump's rise in one partial reading, their level."""


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,270 W heater learnt from four cycles (1,265-1,275 W), then ``scene`` from 1,000 s."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1265.0, 1275.0, 1270.0, 1268.0)
    )


def test_a_fall_reading_the_heater_alone_first_ends_a_shot() -> None:
    """Dev seed 22,000,052's readings: 1,270 and 1,256 W (the level less
    the pump's 40 W: the heater alone), 727 W (its partial fall), the
    standby. A 35 s shot."""
    ((start, end),) = runs_of([*RISE, 1270.0, 1256.0, 727.0, 6.0, 5.0])
    assert 7.0 <= start <= 10.5
    assert 30.0 <= end - start <= 40.0


def test_a_fall_in_one_partial_reading_shows_no_pump() -> None:
    """The same level falling in one partial reading: a heater's cycle
    reads so, and nothing shows the pump."""
    assert runs_of([*RISE, 1306.0, 640.0, 6.0, 5.0]) == []


def test_two_partial_readings_none_at_the_heater_alone_show_no_pump() -> None:
    """1,292 W (14 W under the level: the mains, not the pump's 40 W) and
    900 W: two partial readings, but none at the heater alone."""
    assert runs_of([*RISE, 1292.0, 900.0, 6.0, 5.0]) == []
