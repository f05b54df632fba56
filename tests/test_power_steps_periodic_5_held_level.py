"""A cycle of the size of a level held past any run is a heater's, read every 5 s.

Without volts, a dual boiler's steam heater of about the brew heater and a
rotary pump reads, read every 5 s, as those two switching in one edge each
way: a shot-long run each time it cycles, until it is learnt. Heating up,
or idling between the brew heater's cycles, it holds its level alone for
minutes, longer than a pump runs: that level's size, no known heater's, is
a heater's, and a run whose whole edges are that size is not counted
(``_note_held_level``, ``_held_level_size``). Seeds 26,000,021 and
26,000,045 (dev): four such cycles counted as shots before the rule.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import (
    brew_cycles_every_200s,
    feed_all,
    idle_every_5s,
    steam_held_heat_up,
)

STANDBY = 7.0
BREW = 1080.0
STEAM = 1240.0  # about the brew heater and the pump
PUMP = 158.0


def _scene(steam_held: bool) -> list[tuple[float, float]]:
    """Heating up, then the brew heater's cycles, then the steam heater's
    cycle from the standby and back.

    Heating up, both heaters come on; the brew heater goes off first, the
    steam heater holds its level alone 400 s, then hands over to the brew
    heater (a step of about the pump's), which goes off: the steam heater is
    never read switching alone. Without ``steam_held``, the brew heater
    heats up alone (its own level held is a known heater's). Each cycle
    reads a partial reading each way (an averaging plug)."""
    readings = steam_held_heat_up(STANDBY, BREW, STEAM, steam_held=steam_held)
    cycles, at = brew_cycles_every_200s(1000.0, STANDBY, BREW)
    readings += cycles
    readings += [(at, STANDBY + 0.45 * STEAM)]
    readings += idle_every_5s(at + 5.0, 6, STANDBY + STEAM - 8.0)
    readings += [(at + 35.0, STANDBY + 0.6 * STEAM)]
    readings += idle_every_5s(at + 40.0, 20, STANDBY)
    return readings


def test_a_cycle_of_a_held_levels_size_is_no_shot() -> None:
    det = PumpDetector(PUMP)
    readings = _scene(steam_held=True)
    assert feed_all(det, readings, readings[-1][0] + 5.0) == []


def test_without_the_held_level_the_cycle_reads_as_a_shot() -> None:
    """The same cycle with no level of its size seen before: the brew heater
    and the pump (the rule, not the scene, refuses it above)."""
    det = PumpDetector(PUMP)
    readings = _scene(steam_held=False)
    runs = feed_all(det, readings, readings[-1][0] + 5.0)
    assert [round(r.duration) for r in runs] == [35]
