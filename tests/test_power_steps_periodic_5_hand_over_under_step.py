"""A rise read as a hand-over to the smaller heater with the pump, short of the pump's step, every 5 s.

A dual boiler's heaters may differ by less than a rotary pump's step. Read
every 5 s without volts, the mains moving the larger heater on by a volt or
two (5-8 %, 60-90 W) fits the larger heater handing over to the smaller one
as the pump starts: a net rise under the pump's step. The larger heater's
hand-over to the smaller one later reads as the pump's stop (dev seed
28000005 at 230 V: 1,206 W, then 1,265 and 1,273 W, the steam heater of
1,200 W on, its hand-over to the brew heater of 1,065 W 95 s later: a 95 s
shot; 22000037 at 120 V). Neither edge alone shows the pump: the run is
unsure, and not counted. A shot whose rise hands over by more than the
pump's step (a net fall) still counts.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

STEAM = 1200.0
BREW = 1065.0
ROTARY = 180.0
MAINS = 63.0
"""The mains' step on the steam heater (5.2 %, 2.6 % of the volts)."""


def runs_of(power: list[tuple[float, float, float]], end: float) -> list[float]:
    """The lengths of the runs read every 5 s (an averaging plug, no volts)."""
    rows = periodic(power, end, every=5.0, noise=1.0, seed=3)
    runs = run_all(PumpDetector(ROTARY), rows, until=end)
    return [r.ended - r.started for r in runs]


@pytest.mark.parametrize("step", [1100.3, 1101.6, 1103.4])
def test_a_mains_step_then_a_hand_over_is_no_run(step: float) -> None:
    """The steam heater on from 1,000 s, the mains 63 W up on it from
    ``step``; at 1,195 s it hands over to the brew heater for 20 s, then
    comes back: no run (before: a shot of about 93 s)."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (1000.0, 1195.0, STEAM),
        (step, 1195.0, MAINS),
        (1195.0, 1215.0, BREW),
        (1215.0, 1400.0, STEAM),
    ]
    assert runs_of(power, 1500.0) == []


@pytest.mark.parametrize("start", [1100.3, 1101.6, 1103.4])
def test_a_shot_handing_over_by_more_than_its_step_still_counts(start: float) -> None:
    """The steam heater (1,400 W) on from 1,000 s hands over to the brew
    heater as the pump starts at ``start`` (a net fall of 155 W), the brew
    heater on through the shot of 30 s: a shot."""
    steam = 1400.0
    power = [
        *dual_boiler_heaters(steam, BREW),
        (1000.0, start, steam),
        (start, start + 80.0, BREW),
        (start, start + 30.0, ROTARY),
    ]
    (length,) = runs_of(power, 1500.0)
    assert length == pytest.approx(30.0, abs=5.0)
