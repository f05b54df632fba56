"""A dual boiler's brew heater, learnt from many edges, kept from a third size (read every 5 s).

The steam heater (1300 W) and the brew heater (1050 W) each cycle from
the standby, six times and twelve: both clusters are learnt, the brew
heater's the lighter. One cycle of a third size (800 W, a summed edge's)
follows. Then a shot over the brew heater, a 150 W rotary pump: its rise
with part of the heater's, three readings of both, the pump's stop late
in a reading, the heater's own fall. Only the decoder reads it, and only
while it knows the brew heater: the third size must not push it out.
Nor may it push out a brew heater read whole by three short pulses
(learnt from three readings only, less than a heater kept for its edges).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import feed_all, heater_cycles_from, idle_every_5s

STANDBY = 5.0
STEAM = 1300.0
BREW = 1050.0
PUMP = 150.0


def cycles() -> tuple[list[tuple[float, float]], float]:
    """The steam heater's twelve cycles, the brew heater's six between; when they end."""
    readings = idle_every_5s(0.0, 40, STANDBY)
    at = 200.0
    for i in range(12):
        cycle, at = heater_cycles_from(at, 1, STANDBY, STEAM)
        readings += cycle
        if i < 6:
            cycle, at = heater_cycles_from(at, 1, STANDBY, BREW)
            readings += cycle
    return readings, at


def pulses() -> tuple[list[tuple[float, float]], float]:
    """The steam heater's eight cycles, the brew heater's three short pulses (a
    partial reading, one whole, a partial one), two steam cycles; when they end."""
    readings = idle_every_5s(0.0, 40, STANDBY)
    at = 200.0
    for _ in range(8):
        cycle, at = heater_cycles_from(at, 1, STANDBY, STEAM)
        readings += cycle
    for _ in range(3):
        readings += [(at, STANDBY + 0.5 * BREW), (at + 5.0, STANDBY + BREW)]
        readings += [(at + 10.0, STANDBY + 0.3 * BREW)]
        readings += idle_every_5s(at + 15.0, 37, STANDBY)
        at += 200.0
    for _ in range(2):
        cycle, at = heater_cycles_from(at, 1, STANDBY, STEAM)
        readings += cycle
    return readings, at


def scene(
    *, third: bool, pulsed: bool = False
) -> tuple[list[tuple[float, float]], float]:
    """The heaters (``pulses`` or ``cycles``), a third size's cycle if ``third``,
    then the shot; and when it began."""
    readings, at = pulses() if pulsed else cycles()
    if third:
        cycle, at = heater_cycles_from(at, 1, STANDBY, 800.0)
        readings += cycle
    shot = [
        STANDBY + PUMP + 0.25 * BREW,
        *[STANDBY + PUMP + BREW] * 3,
        STANDBY + 0.8 * PUMP + BREW,
        STANDBY + 0.7 * BREW,
    ]
    readings += [(at + 5.0 * i, watts) for i, watts in enumerate(shot)]
    readings += idle_every_5s(at + 5.0 * len(shot), 40, STANDBY)
    return readings, at


def shots(readings: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The runs read, (start, duration)."""
    runs = feed_all(PumpDetector(PUMP), readings, readings[-1][0] + 10.0)
    return [(run.started, run.ended - run.started) for run in runs]


def test_the_shot_is_read_with_the_brew_heater_known() -> None:
    """(The scene's shot, no third size before it.)"""
    readings, at = scene(third=False)
    (run,) = shots(readings)
    assert abs(run[0] - at) <= 5.0
    assert 20.0 <= run[1] <= 30.0


def test_a_third_size_does_not_push_the_brew_heater_out() -> None:
    """(Pushed out, the shot was not read.)"""
    readings, at = scene(third=True)
    (run,) = shots(readings)
    assert abs(run[0] - at) <= 5.0
    assert 20.0 <= run[1] <= 30.0


def test_a_third_size_does_not_push_a_brew_heater_read_whole_out() -> None:
    """(Pushed out, the shot was not read.)"""
    readings, at = scene(third=True, pulsed=True)
    (run,) = shots(readings)
    assert abs(run[0] - at) <= 5.0
    assert 20.0 <= run[1] <= 30.0
