"""A dual boiler's hand-over during a shot, told from the pump's stop by the heaters' learnt sizes.

The steam heater may draw about the brew heater and a rotary pump: when it
came on with the pump and hands over to the brew heater during the shot
(brew priority), the level falls by about the pump's step, which fits the
pump stopping beside the steam heater as well (unsure), and the pump's own
fall later found the run unsure: the shot was lost (dev seed 27,000,035
every 2 s: a 1,278 W steam heater and a 166 W pump, 1,443 -> 1,256 W, at
the brew heater's 1,087 W and the pump's, 26 W under the steam heater
alone). Read with volts, both sizes hold to a few watts: a level 20 W or
more nearer the brew heater and the pump than the steam heater alone is the
hand-over; a steam heater within a few watts of both tells nothing.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

ROTARY = 166.0
BREW = 1087.0


def _shot(steam: float) -> list[tuple[float, float, float]]:
    """The steam heater and the pump 900.3, the hand-over to the brew heater 911.2, the pump off 929.5."""
    return [
        *dual_boiler_heaters(steam, BREW),
        (900.3, 911.2, steam),
        (911.2, 950.0, BREW),
        (900.3, 929.5, ROTARY),
    ]


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_hand_over_off_the_steam_heaters_size_keeps_the_shot(every: float) -> None:
    """The steam heater 25 W over the brew heater and the pump: one run, 900.3-929.5."""
    rows = periodic(
        _shot(BREW + ROTARY + 25.0), 1200.0, every=every, noise=0.3, volts=230.0
    )
    runs = run_all(PumpDetector(ROTARY), rows, until=1200.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=every)
    assert runs[0].ended == pytest.approx(929.5, abs=every)


def test_a_steam_heater_near_the_brew_heater_and_the_pump_tells_nothing() -> None:
    """Every second, the steam heater 4 W over both: the hand-over stays unsure, no run."""
    rows = periodic(
        _shot(BREW + ROTARY + 4.0), 1200.0, every=1.0, noise=0.3, volts=230.0
    )
    assert run_all(PumpDetector(ROTARY), rows, until=1200.0) == []


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_the_pump_stopping_beside_the_steam_heater_is_no_shot(every: float) -> None:
    """The steam heater 900.3-950.0, the pump 900.3-911.2 beside it: no shot."""
    steam = BREW + ROTARY + 25.0
    power = [
        *dual_boiler_heaters(steam, BREW),
        (900.3, 950.0, steam),
        (900.3, 911.2, ROTARY),
    ]
    rows = periodic(power, 1200.0, every=every, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1200.0)
    assert all(r.duration < 15.0 for r in runs)
