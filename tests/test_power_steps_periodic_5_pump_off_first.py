"""A shot held at its heater's rise every 5 s: a fall read as the heater's alone showing the pump's stop first.

A dual boiler's brew heater comes on a reading after a rotary pump, a few
per cent off its learnt size (no volts): its rise fits the heater on and
the pump off, and the run waits at it (``_stop_in_rise_held``). The level
it left falls to the standby as the heater's size, but in two partial
readings: the first short of the level by more than the mains move a
heater and no more than the pump's step, the second over the standby by
more than the pump's step. One load switching leaves one partial reading at
most: the pump went off first, having run on through the rise
(``_pump_off_first``; dev seed 20000005, a 31.1 s shot read 10.0 s).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 2.5
PUMP = 114.0


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,200 W heater learnt from four cycles (1,195-1,210 W), then ``scene`` from 1,000 s."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1195.0, 1210.0, 1200.0, 1205.0)
    )


def test_a_fall_showing_the_pump_stop_first_ends_the_shot() -> None:
    """The pump's partial reading (103 W), the heater's rise over it (867,
    1,192 W: 1,089 W risen, the heater less the pump's step), four readings
    of the level, then 1,129 W (65 W down: no mains' dip), 665 W and the
    standby: a 31 s shot, not a 10 s flush (the readings of dev seed 20000005)."""
    scene = [2.0, 3.0, 103.0, 867.0, 1192.0, 1197.0, 1192.0, 1194.0]
    scene += [1129.0, 665.0, 3.0, 2.0]
    ((start, end),) = runs_of(scene)
    assert 5.0 <= start <= 6.5
    assert end - start >= 25.0


def test_a_fall_of_one_partial_reading_keeps_the_stop_in_the_rise() -> None:
    """The same level falling in one partial reading (the heater's one
    switching): the pump stopped in the rise, a 10 s flush as before."""
    scene = [2.0, 3.0, 103.0, 867.0, 1192.0, 1197.0, 1192.0, 1194.0]
    scene += [1194.0, 665.0, 3.0, 2.0]
    ((start, end),) = runs_of(scene)
    assert 5.0 <= start <= 6.5
    assert end - start < 15.0


def test_a_dip_within_the_mains_move_is_no_stop() -> None:
    """A first partial reading 40 W short of the level (3 %, a mains' dip
    in the heater's last reading), then 665 W: no proof of the pump."""
    scene = [2.0, 3.0, 103.0, 867.0, 1192.0, 1197.0, 1192.0, 1194.0]
    scene += [1154.0, 665.0, 3.0, 2.0]
    ((start, end),) = runs_of(scene)
    assert end - start < 15.0
