"""A dual boiler's brew heater and pump read every 5 s, their level the steam heater's alone too.

The steam heater draws about the brew heater and a rotary pump: a level of
both is the steam heater's alone as well, whose one switching, after a
mains' dip in its last reading, reads as two partial readings. Read back
from the standby after the fall (``_pump_then_heater``), a first partial
reading short of the level by more than the mains move a heater, and a
second one over the standby by more than the pump's step, are two
switchings: the pump's stop, then the heater's (dev seed 26,000,021 at 5 s).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import dual_boiler_heaters, periodic, run_all
from .sim_replay import corpus_spec, retried_shots

ROTARY = 150.0
BREW = 1080.0
STEAM = BREW + ROTARY + 10.0


def runs_of(power: list[tuple[float, float, float]]) -> list[DetectedRun]:
    """Each heater alone from the standby first (both sizes learnt), then ``power``, read every 5 s."""
    learnt = dual_boiler_heaters(STEAM, BREW)
    rows = periodic([*learnt, *power], 1100.0, every=5.0, noise=0.3)
    return run_all(PumpDetector(ROTARY), rows, until=1100.0)


def test_the_pump_and_brew_heater_falling_apart_are_one_shot() -> None:
    """1,011, 1,235 (three readings), 1,160, 653, 5 W: the pump from 900.3 to 922.5."""
    runs = runs_of([(900.3, 922.5, ROTARY), (901.0, 928.0, BREW)])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=2.5)
    assert runs[0].duration == pytest.approx(22.2, abs=2.5)


def test_the_steam_heater_alone_after_a_mains_dip_is_no_run() -> None:
    """1,245 W held, 1,197 (a 60 W dip: under the mains' move), 501, 5 W."""
    assert runs_of([(900.0, 927.0, STEAM), (921.0, 925.0, -60.0)]) == []


def test_the_steam_heater_alone_then_a_flush_is_no_shot() -> None:
    """1,245 W held, 1,121, then 50 W (a flush's start, no heater's share), 5 W."""
    runs = runs_of([(900.0, 924.6, STEAM), (925.2, 926.7, ROTARY)])
    assert all(run.duration < 15.0 for run in runs), runs


def test_a_simulated_shot_over_the_brew_heater_is_counted() -> None:
    """A rotary dual boiler every 5 s: 1,228 W held, 1,076, 262, the standby."""
    spec = corpus_spec("dual_boiler", "periodic_5", 26000021)
    shots = retried_shots(spec, 9590.0, 9625.0)
    assert len(shots) == 1
    ((started, ended),) = shots
    assert started == pytest.approx(9598.4, abs=3.0)
    assert ended == pytest.approx(9620.3, abs=3.0)
