"""A dual boiler's steam heater, read every second or two, kept and told from the pump at its fall.

The steam heater may draw about the brew heater and a rotary pump; its
cycle from the standby, its rise decided low (the mains dipped in its first
readings), splits as the brew heater's and the pump's. Two more ways it was
read as a shot (dev seed 28,000,059 every 2 s, two shots of 54-56 s):

* its cluster, the lighter beside the brew heater's, gave way to one edge
  of a third size (``_kept``, now with volts every second or two as every
  5 s): the steam heater unknown, nothing tells its cycle from a shot;
* its fall's one partial reading landed at the pump's level, as if the
  pump stopped before the heater (``_lone_fall_other``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import Row, idle_heater_cycles, periodic, run_all

ROTARY = 190.0
BREW = 1000.0
STEAM = BREW + ROTARY + 12.0
DIP = 12.0
"""How far the mains' dip holds the steam heater's first readings under its size, W."""
AT = 2500.3
"""When the steam heater switches on, s."""
END = 2700.0


def _rows(pieces: list[tuple[float, float, float]], every: float) -> list[Row]:
    """Six steam heater cycles, ten of the brew heater (the heavier cluster), then ``pieces``.

    The last second's mean every ``every`` s, at one voltage.
    """
    power = [
        *idle_heater_cycles(52.5, 6, STEAM),
        *idle_heater_cycles(772.5, 10, BREW),
        *pieces,
        (AT, AT + 5.7, -DIP),
    ]
    rows = periodic(power, END, every=1.0, noise=0.3, volts=230.0)
    return [row for row in rows if row[0] % every == 0.0]


def test_one_edge_of_a_third_size_keeps_the_steam_heater() -> None:
    """Every 2 s: an 880 W load 2,450.3-2,470.2, then the steam heater 2,500.3-2,554.9."""
    pieces = [(2450.3, 2470.2, 880.0), (AT, AT + 54.6, STEAM)]
    assert run_all(PumpDetector(ROTARY), _rows(pieces, 2.0), until=END) == []


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_steam_heaters_fall_read_at_the_pumps_level_is_no_stop(every: float) -> None:
    """The steam heater 2,500.3-2,553.2, its fall's one partial reading 195 W over the standby."""
    share = (ROTARY + 5.0) / STEAM
    pieces = [(AT, AT - 1.3 + 54.0 + share, STEAM)]
    assert run_all(PumpDetector(ROTARY), _rows(pieces, every), until=END) == []
