"""A dual boiler's pump over the brew heater, told from a hand-over by the heaters' learnt sizes.

The steam heater may draw about the brew heater and a rotary pump: the
pump's step over the brew heater alone fits the brew heater handing over to
the steam heater as well (unsure), and no run was read. Read with volts,
both sizes hold to a few watts: a level 40 W off the steam heater's size,
and at the brew heater's and the pump's, is the pump's (dev seed 29,000,047
on change: 1,057 W brew heater, 197 W pump, the steam heater 1,294 W, the
level 1,261 W); one at the steam heater's size is a hand-over, never a run.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

ROTARY = 197.0
BREW = 1057.0


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_the_pump_over_the_brew_heater_off_the_steam_heaters_size_is_a_shot(
    every: float,
) -> None:
    """The brew heater 880-960, the pump 900.3-930.4; the steam heater 40 W over both."""
    steam = BREW + ROTARY + 40.0
    power = [
        *dual_boiler_heaters(steam, BREW),
        (880.0, 960.0, BREW),
        (900.3, 930.4, ROTARY),
    ]
    rows = periodic(power, 1100.0, every=every, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=every)
    assert runs[0].duration == pytest.approx(30.1, abs=every)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_hand_over_at_the_steam_heaters_size_is_no_run(every: float) -> None:
    """The brew heater hands over to the steam heater 900.3-930.4, and back."""
    steam = BREW + ROTARY + 40.0
    power = [
        *dual_boiler_heaters(steam, BREW),
        (880.0, 900.3, BREW),
        (900.3, 930.4, steam),
        (930.4, 960.0, BREW),
    ]
    rows = periodic(power, 1100.0, every=every, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=1100.0) == []


def test_a_steam_heater_near_the_brew_heater_and_the_pump_tells_nothing() -> None:
    """Every second, the steam heater 4 W over both: the pump's step stays unsure, no run."""
    steam = BREW + ROTARY + 4.0
    power = [
        *dual_boiler_heaters(steam, BREW),
        (880.0, 960.0, BREW),
        (900.3, 930.4, ROTARY),
    ]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=1100.0) == []
