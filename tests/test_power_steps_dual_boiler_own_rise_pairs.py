"""A rotary shot from the standby, its fall shared with the brew heater's, paired with its own rise.

A step beside a heater that strays more than ``_OWN_STEP`` from the pump's
falls learnt to the standby may be a hand-over's and is never counted
(``_off_step``). A rotary pump's falls may be learnt a tenth under its step
(dev seed 21,000,051 every 2 s: calibrated 135.6 W, falls learnt 120.4 W):
a 98.2 s shot that rose alone from the standby (134.4 W read whole), the
brew heater on during it and off with the pump in one edge, stood 137 W
over the brew heater and was dropped. A run that rose alone from the
standby is the pump's: the level before the fall, its own rise over the
brew heater, pairs with it.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

ROTARY = 135.0
BREW = 990.0
STEAM = 1376.0


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_shot_whose_falls_were_learnt_low_pairs_with_its_own_rise(
    every: float,
) -> None:
    """Three flushes at 105 W teach low falls; the pump 900.3-960.3, the brew heater 910.3-960.3."""
    flushes = [(720.0 + 40.0 * i, 728.0 + 40.0 * i, 105.0) for i in range(3)]
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        *flushes,
        (900.3, 960.3, ROTARY),
        (910.3, 960.3, BREW),
    ]
    rows = periodic(power, 1200.0, every=every, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1200.0)
    shots = [r for r in runs if r.started > 850.0]
    assert len(shots) == 1
    assert shots[0].started == pytest.approx(900.3, abs=every)
    assert shots[0].ended == pytest.approx(960.3, abs=every)
