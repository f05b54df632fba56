"""A steam heater about the brew heater and the pump, read every 2 s with volts.

Its edges split as the brew heater's and a step a tenth or more short of
the pump's own (the calibrated step, then clean runs' falls): a hand-over
or the steam heater alone, not the pump beside a heater.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import periodic, run_all

ROTARY = 183.0
BREW = 1040.0


def brew_cycles() -> list[tuple[float, float, float]]:
    """The brew heater alone, its edges a few watts apart, for its size."""
    return [
        (52.5 + 120.0 * i, 92.5 + 120.0 * i, BREW + d)
        for i, d in enumerate((0.0, -15.0, 15.0, -10.0, 12.0))
    ]


@pytest.mark.parametrize("short", [24.0, 26.0])
def test_the_steam_heaters_cycle_from_the_standby_is_no_run(short: float) -> None:
    """Both its edges read as the brew heater and a step ``short`` W under the pump's."""
    power = [*brew_cycles(), (700.3, 740.3, BREW + ROTARY - short)]
    rows = periodic(power, 900.0, every=2.0, noise=0.3, volts=230.0, averaging=False)
    assert run_all(PumpDetector(ROTARY), rows, until=900.0) == []


@pytest.mark.parametrize("averaging", [False, True])
def test_the_brew_heater_handing_over_to_the_steam_heater_is_no_run(
    averaging: bool,
) -> None:
    """Brew on, then steam instead (a rise of 161 W), then steam off (brew and 161 W)."""
    steam = BREW + ROTARY - 22.0
    power = [*brew_cycles(), (680.3, 700.3, BREW), (700.3, 730.3, steam)]
    rows = periodic(
        power, 900.0, every=2.0, noise=0.3, volts=230.0, averaging=averaging
    )
    assert run_all(PumpDetector(ROTARY), rows, until=900.0) == []


@pytest.mark.parametrize("averaging", [False, True])
def test_the_steam_heater_handing_over_to_the_brew_heater_is_no_run(
    averaging: bool,
) -> None:
    """Steam on from the standby (the brew heater and 153 W), then brew instead, then off."""
    steam = BREW + ROTARY - 30.0
    power = [*brew_cycles(), (700.3, 730.3, steam), (730.3, 790.3, BREW)]
    rows = periodic(
        power, 900.0, every=2.0, noise=0.3, volts=230.0, averaging=averaging
    )
    assert run_all(PumpDetector(ROTARY), rows, until=900.0) == []
