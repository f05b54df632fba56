"""A dual boiler's brew heater rising during a shot read every 5 s, its fall showing the pump's stop first.

The steam heater draws about the brew heater and a rotary pump: the brew
heater's rise during a run fits the steam heater with the pump stopping as
well, so the run goes on unsure and the heater's fall, of the rise and the
pump's step, decides. An energy meter averages its whole interval: one
switching reads partial in one reading at most, and the heater alone may
leave no whole reading between the pump's stop and its own fall. A first
partial reading short of the level by a share of the pump's step at most,
then a lower one, are two switchings, the pump's stop first: the pump ran
on through the rise, and the shot is not cut short at it (dev seed
23,000,061 at 5 s).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all
from .sim_replay import corpus_spec, retried_shots

ROTARY = 150.0
BREW = 1080.0
STEAM = BREW + ROTARY + 10.0


def test_the_pump_stopping_before_the_brew_heater_falls_is_one_shot() -> None:
    """The pump off at 928.3, the brew heater at 931.2: 1,235, 1,183, 275, 5 W."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 928.3, ROTARY),
        (909.1, 931.2, BREW),
    ]
    rows = periodic(power, 1100.0, every=5.0, noise=0.3)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=2.0)
    assert runs[0].duration == pytest.approx(28.0, abs=2.0)


def test_the_steam_heater_after_the_pump_ends_the_run_at_its_rise() -> None:
    """The pump's stop in the steam heater's rise, its fall one switching: the run ends there."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 909.1, ROTARY),
        (909.1, 931.2, STEAM),
    ]
    rows = periodic(power, 1100.0, every=5.0, noise=0.3)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert all(run.duration < 15.0 for run in runs), runs


def test_a_simulated_shot_with_the_brew_heater_rising_is_counted() -> None:
    """A rotary dual boiler every 5 s: 157, 357, 1,240 (three readings), 1,191, 170, 3 W."""
    spec = corpus_spec("dual_boiler", "periodic_5", 23000061)
    shots = retried_shots(spec, 12300.0, 12340.0)
    assert len(shots) == 1
    ((started, ended),) = shots
    assert started == pytest.approx(12305.2, abs=2.0)
    assert ended == pytest.approx(12333.3, abs=2.0)
