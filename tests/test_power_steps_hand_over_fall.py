"""A dual boiler's heaters handing over, read with volts: no pump's fall.

The steam heater draws about the brew heater and a rotary pump: its rise
from the standby reads as theirs, and its hand-over to the brew heater (the
steam heater off, the brew heater on, in one edge) as the pump's fall beside
the brew heater. With volts, heaters read to a few watts, and so does the
pump's own fall: a fall beside a heater that strays from it by more than a
tenth is the hand-over's.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all

ROTARY = 137.0
BREW = 1040.0
STEAM = BREW + 171.0  # the hand-over's fall: 171 W, a quarter over the pump's


def brew_cycles() -> list[tuple[float, float, float]]:
    """The brew heater alone, for the detector to learn its size."""
    return idle_heater_cycles(52.5, 4, BREW)


@pytest.mark.parametrize("offset", [0.3, 0.6])
def test_the_steam_heater_handing_over_to_the_brew_heater_is_no_run(
    offset: float,
) -> None:
    """Steam on from the standby, 30 s later the brew heater instead, then off."""
    on = 601.0 - offset
    power = [*brew_cycles(), (on, on + 30.0, STEAM), (on + 30.0, on + 90.0, BREW)]
    rows = periodic(power, 900.0, every=1.0, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=900.0) == []


def test_a_shot_beside_the_brew_heater_still_counts() -> None:
    """The pump for 25 s while the brew heater is on: its fall leaves the heater on."""
    power = [*brew_cycles(), (590.0, 680.0, BREW), (601.3, 626.3, ROTARY)]
    rows = periodic(power, 900.0, every=1.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=900.0)
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(25.0, abs=1.0)
