"""A heater of a held level's size handing over to a known one, read every 5 s.

Without volts, a dual boiler's steam heater of about the brew heater and a
rotary pump, never learnt, rises from the standby as those two in one edge,
and hands over to the brew heater by about the pump's step: a run from the
rise to the hand-over, its fall the pump's alone onto a heater's level.
Its level before the fall is the size of a level held past any run lately
(``_held_level_size``): the steam heater alone, and the run is not counted
(``_held_hand_over``). Seed 8,000,021 (regression): one such false shot.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import (
    brew_cycles_every_200s,
    feed_all,
    idle_every_5s,
    steam_held_heat_up,
)

STANDBY = 5.0
BREW = 975.0
STEAM = 1150.0  # about the brew heater and the pump
PUMP = 180.0


def _scene() -> list[tuple[float, float]]:
    """Heating up (the steam heater's level held alone 400 s), the brew
    heater's short cycles, then the steam heater from the standby handing
    over to the brew heater, which goes off."""
    readings = steam_held_heat_up(STANDBY, BREW, STEAM)
    cycles, at = brew_cycles_every_200s(1000.0, STANDBY, BREW)
    readings += cycles
    readings += [(at, STANDBY + 0.8 * STEAM)]
    readings += idle_every_5s(at + 5.0, 5, STANDBY + STEAM)
    readings += [(at + 30.0, STANDBY + BREW + 0.3 * (STEAM - BREW))]
    readings += idle_every_5s(at + 35.0, 3, STANDBY + BREW)
    readings += [(at + 50.0, STANDBY + 0.5 * BREW)]
    readings += idle_every_5s(at + 55.0, 20, STANDBY)
    return readings


def _runs() -> list[int]:
    readings = _scene()
    runs = feed_all(PumpDetector(PUMP), readings, readings[-1][0] + 5.0)
    return [round(r.duration) for r in runs]


def test_a_held_heater_handing_over_is_no_shot() -> None:
    assert _runs() == []


def test_without_the_rule_it_reads_as_a_shot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PumpDetector, "_held_hand_over", lambda self, edge: False)
    assert _runs() == [26]
