"""A shot read every 5 s whose fall shows the pump stop, then the brew heater.

A dual boiler's brew heater comes on with a shot and goes off a reading
after the pump: one level of the heater and the pump, no reading of the
pump alone nor a level of the heater alone. The fall shows two loads going
off: the first reading after the level lost part of the pump's step at
most, the next one still held part of a heater (``_pump_then_heater``). A
fall of one switching, a heater's level less a mains' dip (the steam
heater's too, of the brew heater's and the pump's size), or a level of the
heater and part of the pump (a flush in each reading) counts nothing.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import run_all

STANDBY = 4.0
BREW = 1000.0
STEAM = 1300.0
PUMP = 60.0


def _idle(at: float, n: int) -> list[tuple[float, float]]:
    return [(at + 5.0 * i, STANDBY) for i in range(n)]


def _cycle(at: float, size: float, n: int) -> list[tuple[float, float]]:
    """A heater on for ``n`` readings (a partial one each side), then the standby."""
    held = [(at + 5.0 * i, STANDBY + size) for i in range(1, n + 1)]
    fall = at + 5.0 * (n + 1)
    return [(at, STANDBY + 0.4 * size), *held, (fall, STANDBY + 0.5 * size)]


def _day(
    fall: list[float], level: float = STANDBY + BREW + PUMP, steam: float = STEAM
) -> list[tuple[float, float]]:
    """Both heaters learnt from their cycles, then four readings of ``level`` and ``fall``."""
    readings = _idle(0.0, 40)
    at = 200.0
    for size in (steam, BREW, steam, BREW, steam, BREW):
        readings += _cycle(at, size, 8)
        readings += _idle(at + 50.0, 30)
        at += 200.0
    readings += [(at, STANDBY + 0.45 * (BREW + PUMP))]
    readings += [(at + 5.0 * i, level) for i in range(1, 5)]
    at += 25.0
    readings += [(at + 5.0 * i, watts) for i, watts in enumerate(fall)]
    return readings + _idle(at + 5.0 * len(fall), 20)


def _runs(readings: list[tuple[float, float]]) -> list[tuple[float, float]]:
    rows = [(at, watts, None) for at, watts in readings]
    return [(r.started, r.ended) for r in run_all(PumpDetector(PUMP), rows)]


def _shots(readings: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(a, b) for a, b in _runs(readings) if b - a >= 15.0]


LEVEL = STANDBY + BREW + PUMP


def test_the_pump_then_the_heater_going_off_is_a_shot() -> None:
    # The pump stops halfway through a reading, the heater in the next.
    (shot,) = _shots(_day([LEVEL - 0.5 * PUMP, STANDBY + 0.4 * BREW]))
    assert 1392.0 < shot[0] < 1398.0
    assert abs(shot[1] - 1422.5) < 1.5


def test_one_reading_between_the_level_and_the_standby_counts_nothing() -> None:
    # Both went off in one reading: as a heater of their sum would.
    assert _shots(_day([STANDBY + 0.5 * (BREW + PUMP)])) == []


def test_a_heaters_level_less_a_mains_dip_counts_nothing() -> None:
    brew = STANDBY + BREW
    assert _shots(_day([brew - 20.0, STANDBY + 0.4 * BREW], level=brew)) == []


def test_a_level_of_the_heater_and_part_of_the_pump_counts_nothing() -> None:
    # Flushes of part of a reading each: the heater and part of the pump's step.
    level = STANDBY + BREW + 0.7 * PUMP
    assert _shots(_day([level - 25.0, STANDBY + 0.4 * BREW], level=level)) == []


def test_a_steam_heater_of_the_brew_heater_and_the_pump_counts_nothing() -> None:
    # Its level is the brew heater's and the pump's: a dip reads as their fall.
    steam = BREW + PUMP
    level = STANDBY + steam
    fall = [level - 25.0, STANDBY + 0.4 * steam]
    assert _shots(_day(fall, level=level, steam=steam)) == []


ROTARY = 178.0


def test_a_rotary_pump_s_stop_shows_over_a_heater_not_learnt() -> None:
    """Only the steam heater learnt (1,379 W), a rotary pump: the level is no known heater and the pump.

    The fall's first partial reading is short of the level by more than the
    mains move a heater (125 W), the second holds more than the pump's step
    (839 W): two switchings, the pump's first (``_stop_past_mains``). The
    readings of dev seed 23,000,013 at 2,410.9 s (the brew heater of 1,085 W
    not yet learnt): 4, 603, 1,267 W four times, 1,142, 843, 4 W, a 25.5 s
    shot.
    """
    readings = _idle(0.0, 40)
    at = 200.0
    for _ in range(3):
        readings += _cycle(at, 1379.0, 8)
        readings += _idle(at + 50.0, 30)
        at += 200.0
    scene = [4.0, 4.0, 603.0, 1267.0, 1267.0, 1268.0, 1270.0, 1142.0, 843.0]
    readings += [(at + 5.0 * i, watts) for i, watts in enumerate(scene)]
    readings += _idle(at + 5.0 * len(scene), 20)
    rows = [(t, watts, None) for t, watts in readings]
    runs = run_all(PumpDetector(ROTARY), rows)
    (shot,) = [(r.started - at, r.ended - at) for r in runs if r.duration >= 15.0]
    assert 5.0 <= shot[0] <= 10.0
    assert shot[1] - shot[0] > 20.0
