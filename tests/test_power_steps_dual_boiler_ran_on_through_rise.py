"""A dual boiler's brew heater rising during a shot, its fall showing the pump's stop apart.

The steam heater draws about the brew heater and a rotary pump: the brew
heater's rise during a run fits the steam heater with the pump stopping as
well, so the run goes on unsure and the heater's fall, of the rise and the
pump's step, decides. Read every second or two, a heater's one switching
reads partial in one reading at most; a fall read through the heater alone
(the level less the pump's step) and another partial reading is two
switchings, the pump's stop first: the pump ran on through the rise, and
the shot is not cut short at it (dev seed 21,000,019 every 2 s).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all
from .sim_replay import assert_one_shot, corpus_spec

ROTARY = 185.0
BREW = 1005.0
STEAM = BREW + ROTARY + 10.0


def shot(stop: float, brew_off: float) -> list[tuple[float, float, float]]:
    """The pump from 900.3 to ``stop``, the brew heater from 907.1 to ``brew_off``."""
    return [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, stop, ROTARY),
        (907.1, brew_off, BREW),
    ]


def test_the_pump_stopping_before_the_brew_heater_falls_is_one_shot() -> None:
    """The pump off at 931.3, the brew heater 3.2 s later: two partial readings."""
    rows = periodic(shot(931.3, 934.5), 1100.0, every=2.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=2.0)
    assert runs[0].duration == pytest.approx(31.0, abs=2.0)


def test_the_steam_heater_after_the_pump_ends_the_run_at_its_rise() -> None:
    """The pump's stop in the steam heater's rise, its fall one switching: the run ends there."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 907.1, ROTARY),
        (907.1, 934.5, STEAM),
    ]
    rows = periodic(power, 1100.0, every=2.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert all(run.duration < 10.0 for run in runs), runs


@pytest.mark.parametrize("started", [8137.3, 8243.4, 9334.9])
def test_simulated_shots_with_the_brew_heater_rising_are_counted(
    started: float,
) -> None:
    """A rotary dual boiler every 2 s: the brew heater came on 6-9 s into each shot."""
    trace = corpus_spec("dual_boiler", "periodic_2", 21000019).generate()
    assert_one_shot(trace, started, slack=2.0)
