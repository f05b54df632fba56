"""A dual boiler read every 5 s: its brew heater hands over to its steam heater, no pump.

The two heaters differ by about the rotary pump's step once the mains
dropped: the brew heater's level, a partial reading, then the steam
heater's level (read 4 % under the size learnt at higher mains) and its
fall to the standby in one reading read as the pump's rise from the brew
heater and the brew heater's and the pump's fall. The fall is the steam
heater's known size to the mains' move: it fits that heater alone as
well, and no run counts (``_handed_over_known``). When no other heater is
of that size, or one learnt from three cycles only (a thermostat's first
edges of its heater and the pump together make such a cluster), the same
readings are a shot over the brew heater.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import heater_cycles_from, idle_every_5s, run_all

STANDBY = 4.0
PUMP = 150.0
BREW = 998.0  # learnt at the volts of now (it cycles often)
STEAM = 1196.0  # learnt at mains 2 % higher (heaters draw 4 % more)
STEAM_NOW = 0.96 * STEAM  # 1148 W: the brew heater and the pump's step


def _readings(steam: float, n: int = 6) -> list[tuple[float, float]]:
    """Both heaters learnt alone (``steam`` the steam heater's size, ``n`` cycles), then the hand-over."""
    readings = idle_every_5s(0.0, 40, STANDBY)
    cycles, at = heater_cycles_from(200.0, n, STANDBY, steam)
    readings += cycles
    cycles, at = heater_cycles_from(at, 6, STANDBY, BREW)
    readings += cycles
    # The brew heater on for 12 s, the steam heater taking over (one
    # partial reading between their levels), on for 30 s, then off.
    readings += [(at, STANDBY + 0.4 * BREW)]
    readings += [(at + 5.0 * i, STANDBY + BREW) for i in range(1, 3)]
    readings += [(at + 15.0, STANDBY + BREW + 0.4 * (STEAM_NOW - BREW))]
    readings += [(at + 15.0 + 5.0 * i, STANDBY + STEAM_NOW) for i in range(1, 7)]
    at += 50.0
    readings += [(at, STANDBY + 0.5 * STEAM_NOW)]
    return readings + idle_every_5s(at + 5.0, 30, STANDBY)


def test_a_hand_over_to_the_steam_heater_is_no_shot_every_5s() -> None:
    """The fall is the steam heater's size, moved by the mains: no run."""
    rows = [(at, watts, None) for at, watts in _readings(STEAM)]
    assert run_all(PumpDetector(PUMP), rows) == []


@pytest.mark.parametrize(("steam", "cycles"), [(1400.0, 6), (STEAM, 3)])
def test_the_same_readings_beside_no_sure_heater_of_that_size_are_a_shot(
    steam: float, cycles: int
) -> None:
    """The other heater far from the fall's size, or seen thrice: the pump over the brew heater, one shot."""
    rows = [(at, watts, None) for at, watts in _readings(steam, cycles)]
    runs = run_all(PumpDetector(PUMP), rows)
    assert len(runs) == 1
    assert runs[0].ended - runs[0].started == pytest.approx(37.0, abs=3.0)
