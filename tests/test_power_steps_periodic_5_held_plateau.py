"""A plateau of the size of a level held past any run is a heater's, read every 5 s.

Without volts, a dual boiler's steam heater of about the brew heater and a
rotary pump cycles from the standby and back as a plateau the pump's step
over the brew heater's whole readings beside it: the edges refuse it (its
size is a level held alone lately, ``_held_level_size``), but the rules
that read runs from the readings (``_over_heater``, the decoder) read it as
a shot over the brew heater. A plateau whose readings are such a level is
not counted there either (``_held_plateau``). Seeds 26,000,021 (dev) and
8,000,021 (regression): three such plateaus counted as shots before.
(Without the rule ``_over_heater`` counts a 35 s run here, from the
middle of the rise's reading to the fall's: the steam heater's readings,
read to the watt, are a plateau of six, ``heater_anchor._held_readings``;
the decoder had counted a 40 s one.)
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import feed_all, idle_every_5s, steam_held_heat_up

STANDBY = 7.0
BREW = 1092.0
STEAM = 1250.0  # about the brew heater and the pump
PUMP = 160.0


def _brew_cycle(at: float) -> list[tuple[float, float]]:
    """The brew heater's short cycle: a partial reading, two whole, a partial."""
    return [
        (at, STANDBY + 0.5 * BREW),
        *idle_every_5s(at + 5.0, 2, STANDBY + BREW),
        (at + 15.0, STANDBY + 0.4 * BREW),
    ]


def _scene(steam_held: bool) -> list[tuple[float, float]]:
    """Heating up, the brew heater's cycles, then the steam heater's cycle
    from the standby and back between two of the brew heater's.

    Heating up, both heaters come on; the brew heater goes off first and
    the steam heater holds its level alone 400 s, then hands over to the
    brew heater. Without ``steam_held``, the brew heater heats up alone."""
    readings = steam_held_heat_up(STANDBY, BREW, STEAM, steam_held=steam_held)
    at = 1000.0
    for _ in range(3):  # the brew heater's short cycles: its size known
        readings += _brew_cycle(at)
        readings += idle_every_5s(at + 20.0, 16, STANDBY)
        at += 100.0
    readings += [(at, STANDBY + 0.45 * STEAM)]
    readings += idle_every_5s(at + 5.0, 6, STANDBY + STEAM)
    readings += [(at + 35.0, STANDBY + 0.6 * STEAM)]
    readings += idle_every_5s(at + 40.0, 8, STANDBY)
    readings += _brew_cycle(at + 80.0)
    readings += idle_every_5s(at + 100.0, 30, STANDBY)
    return readings


def _runs(steam_held: bool) -> list[int]:
    readings = _scene(steam_held)
    runs = feed_all(PumpDetector(PUMP), readings, readings[-1][0] + 5.0)
    return [round(r.duration) for r in runs]


def test_a_plateau_of_a_held_levels_size_is_no_shot() -> None:
    assert _runs(steam_held=True) == []


def test_without_the_rule_the_plateau_reads_as_a_shot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        PumpDetector, "_held_plateau", lambda self, times, watts, a, b: False
    )
    assert _runs(steam_held=True) == [35]
