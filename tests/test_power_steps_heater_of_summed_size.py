"""A heater the size of another heater and the pump: the plug reads only the sum.

A dual boiler whose steam heater draws about its brew heater and a rotary
pump together: the steam heater cycling alone reads, at both its edges, as
the brew heater and the pump switching in one edge. With volts, heaters'
sizes hold to a few watts, yet that does not tell the two apart: while no
second heater is known and no edge showed two switchings, such a cycle is
no shot.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all

ROTARY = 178.0
BREW = 1076.0
STEAM = BREW + ROTARY - 6.0  # the sum, 6 W off


def brew_cycles() -> list[tuple[float, float, float]]:
    """The brew heater alone, for the detector to learn its size."""
    return idle_heater_cycles(52.5, 4, BREW)


@pytest.mark.parametrize(
    ("offset", "seconds"),
    [(0.3, 28.0), (0.55, 28.0), (0.8, 28.0), (0.3, 28.6), (0.65, 28.4)],
)
def test_a_steam_heaters_cycle_the_size_of_heater_and_pump_is_no_shot(
    offset: float, seconds: float
) -> None:
    """The steam heater on for about 28 s from the standby, read every second with volts."""
    on = 601.0 - offset
    power = [*brew_cycles(), (on, on + seconds, STEAM)]
    rows = periodic(power, 900.0, every=1.0, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=900.0) == []


@pytest.mark.parametrize("heater_after", [3.0, 5.0])
def test_a_shot_whose_heater_comes_on_after_the_pump_still_counts(
    heater_after: float,
) -> None:
    """The pump alone for seconds, then the brew heater beside it: the pump is seen alone."""
    start = 601.3
    power = [
        *brew_cycles(),
        (start, start + 27.0, ROTARY),
        (start + heater_after, start + 40.0, BREW),
    ]
    rows = periodic(power, 900.0, every=1.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=900.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(start, abs=1.0)
    assert runs[0].ended == pytest.approx(start + 27.0, abs=1.0)


def heat_up_then_brew_cycles() -> list[tuple[float, float, float]]:
    """Both heaters on and off together at the heat-up (one summed edge each way), then the brew heater's cycles."""
    return [(10.3, 90.3, BREW + STEAM), *idle_heater_cycles(152.5, 4, BREW)]


@pytest.mark.parametrize(
    ("offset", "seconds"),
    [(0.3, 28.0), (0.55, 28.0), (0.8, 28.0), (0.3, 28.6), (0.65, 28.4)],
)
def test_a_steam_heaters_cycle_after_a_heat_up_of_both_heaters_is_no_shot(
    offset: float, seconds: float
) -> None:
    """The heat-up's summed edges, seen once, hold no heater: the cycle is still no shot.

    As seed 92,000,063 on change: both heaters' heat-up read as one
    2,361 W cluster, then the steam heater's first two cycles (1,616 s and
    1,953 s) counted as shots.
    """
    on = 701.0 - offset
    power = [*heat_up_then_brew_cycles(), (on, on + seconds, STEAM)]
    rows = periodic(power, 1000.0, every=1.0, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=1000.0) == []


def test_a_shot_after_a_heat_up_of_both_heaters_still_counts() -> None:
    """The pump alone for 3 s, then the brew heater beside it, after that heat-up."""
    start = 701.3
    power = [
        *heat_up_then_brew_cycles(),
        (start, start + 27.0, ROTARY),
        (start + 3.0, start + 40.0, BREW),
    ]
    rows = periodic(power, 1000.0, every=1.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1000.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(start, abs=1.0)
    assert runs[0].ended == pytest.approx(start + 27.0, abs=1.0)
