"""The mains stepping a heater that heats the machine up, read every 5 s.

Switched on from cold, a machine holds its heater on for many minutes. A
neighbour's load switching steps the mains by a volt or two, a 1.2-1.4 kW
heater by 30-60 W: a vibratory pump's step. Read every 5 s without volts
that step is a partial reading and a level, a pump's rise over the heater,
and when the heat-up ends the heater falls to the standby at the stepped
level: the heater's and the pump's fall in one edge (dev seed 24000020, a
thermostat at 230 V: 1,211 W, then 1,246 and 1,264 W for 90 s, then 64 and
6 W, a 93 s shot). A run that rose so over a heater on for five minutes
and more, and fell with it, is not counted; a shot over a heater that came
on lately, or one that stopped before the heat-up's end, still is.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import HEATER, PUMP, idle_heater_cycles, periodic, run_all

STEP = 0.9 * PUMP
"""The mains' step on the heater: 45 W on 1,000 W (2.2 % of the volts)."""


def runs_of(power: list[tuple[float, float, float]], end: float) -> list[float]:
    """The lengths of the runs read every 5 s (an averaging plug, no volts)."""
    rows = periodic(power, end, every=5.0, noise=1.0, seed=3)
    runs = run_all(PumpDetector(PUMP), rows, until=end)
    return [r.ended - r.started for r in runs]


@pytest.mark.parametrize("step", [1100.3, 1101.6, 1103.4])
def test_a_mains_step_late_in_a_heat_up_is_no_run(step: float) -> None:
    """The heater learnt, then on from 600 s for 590 s (a heat-up); the mains
    step it up 45 W from ``step`` until it falls to the standby at 1,190 s:
    no run (before: a shot of about 88 s)."""
    power = [
        *idle_heater_cycles(52.5, 4),
        (600.0, 1190.0, HEATER),
        (step, 1190.0, STEP),
    ]
    assert runs_of(power, 1400.0) == []


@pytest.mark.parametrize("start", [700.3, 701.6, 703.4])
def test_a_shot_over_a_heater_on_lately_still_counts(start: float) -> None:
    """The heater on from 600 s, the pump from ``start`` for 30 s, both
    falling at its end: the heater held 100 s only, a shot of 30 s (its
    stop dated within the shared fall's interval)."""
    power = [
        *idle_heater_cycles(52.5, 4),
        (600.0, start + 30.0, HEATER),
        (start, start + 30.0, PUMP),
    ]
    (length,) = runs_of(power, 1000.0)
    assert length == pytest.approx(30.0, abs=5.0)


@pytest.mark.parametrize("start", [1000.3, 1001.6, 1003.4])
def test_a_shot_in_a_heat_up_that_stops_before_it_still_counts(start: float) -> None:
    """The heater on from 600 s to 1,300 s, the pump from ``start`` for 30 s:
    its fall is its own (the heater on after it), a shot of 30 s."""
    power = [
        *idle_heater_cycles(52.5, 4),
        (600.0, 1300.0, HEATER),
        (start, start + 30.0, PUMP),
    ]
    (length,) = runs_of(power, 1500.0)
    assert length == pytest.approx(30.0, abs=2.5)


@pytest.mark.parametrize("step", [1100.3, 1101.6, 1103.4])
def test_a_mains_step_in_a_heat_up_is_no_run_once_the_heater_cycles_again(
    step: float,
) -> None:
    """As above, the heater then on again 50 s after the heat-up's end for
    40 s (the mains still up): the decoder, reading the run again once the
    new stretch began, finds the heat-up's stretch among those kept (extra
    dev seed 67000020: a 53 s shot decoded so)."""
    power = [
        *idle_heater_cycles(52.5, 4),
        (600.0, 1190.0, HEATER),
        (step, 1190.0, STEP),
        (1240.0, 1280.0, HEATER + STEP),
    ]
    assert runs_of(power, 1500.0) == []
