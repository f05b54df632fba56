"""A dual boiler's steam heater read as its brew heater and the pump, every second or two.

The steam heater may draw about the brew heater and a rotary pump. Read
with volts every second or two, its rise from the standby is decided from
its first two readings; when the mains dipped in them (a few watts low),
the rise fits the brew heater and the pump, and not the steam heater's
size learnt to a watt or two: a run opens. Its end is a heater's: the
steam heater hands over to the brew heater (a fall of their difference,
about the pump's step, onto the brew heater's level), or falls to the
standby. The level before that fall says which: nearer the steam heater
alone than the brew heater and the pump, it was the steam heater
(``_sized_hand_over``, ``_other_heater_level``). Dev seeds every 2 s:
20,000,003 and 25,000,027, hand-overs read as 26.0 and 33.0 s shots;
28,000,059, a steam heater's cycle read as a 54.8 s shot. A shot whose
brew heater came on in the pump's own reading still counts.
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
AT = 1500.3
"""When the steam heater (or the pump) switches on, s."""


def _rows(pieces: list[tuple[float, float, float]], every: float) -> list[Row]:
    """Each heater's idle cycles (learnt to a watt or two), then ``pieces``.

    The last second's mean every ``every`` s (a Shelly polled every 2 s
    reads half the signal), at one voltage.
    """
    power = [
        *idle_heater_cycles(52.5, 6, STEAM),
        *idle_heater_cycles(772.5, 6, BREW),
        *pieces,
        (AT, AT + 5.7, -DIP),
    ]
    rows = periodic(power, 1700.0, every=1.0, noise=0.3, volts=230.0)
    return [row for row in rows if row[0] % every == 0.0]


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_steam_heater_handing_over_to_the_brew_heater_is_no_shot(
    every: float,
) -> None:
    """The steam heater 1,500.3-1,526.4, then the brew heater to 1,560."""
    pieces = [(AT, AT + 26.1, STEAM), (AT + 26.1, AT + 59.7, BREW)]
    assert run_all(PumpDetector(ROTARY), _rows(pieces, every), until=1700.0) == []


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_steam_heaters_cycle_from_the_standby_is_no_shot(every: float) -> None:
    """The steam heater 1,500.3-1,554.9, from the standby and back."""
    pieces = [(AT, AT + 54.6, STEAM)]
    assert run_all(PumpDetector(ROTARY), _rows(pieces, every), until=1700.0) == []


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_shot_whose_brew_heater_came_with_the_pump_counts(every: float) -> None:
    """The pump 1,500.3-1,528.4, the brew heater from 1,500.5 to 1,560."""
    pieces = [(AT, AT + 28.1, ROTARY), (AT + 0.2, AT + 59.7, BREW)]
    runs = run_all(PumpDetector(ROTARY), _rows(pieces, every), until=1700.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(AT, abs=every + 0.5)
    assert runs[0].duration == pytest.approx(28.1, abs=every + 0.5)
