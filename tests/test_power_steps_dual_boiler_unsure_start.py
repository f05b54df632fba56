"""A dual boiler's pump starting beside the brew heater, shown by the level's fall to the standby.

The steam heater draws about the brew heater and a rotary pump: the pump's
rise over the brew heater fits the brew heater handing over to the steam
heater as well (unsure), and no run was opened. The steam heater alone
would fall to the standby in one switching, read partial once at most; a
fall read through the brew heater alone (or the pump alone) and another
partial reading is two switchings, the pump's stop and the brew heater's
fall: the rise was the pump's (dev seed 29,000,047 on change).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all
from .sim_replay import assert_one_shot, corpus_spec

ROTARY = 195.0
BREW = 1060.0
STEAM = BREW + ROTARY + 4.0


def heater_cycles() -> list[tuple[float, float, float]]:
    """Each heater alone from the standby (the steam heater first): both sizes learnt."""
    return [
        *idle_heater_cycles(52.5, 3, STEAM),
        *idle_heater_cycles(412.5, 3, BREW),
    ]


def test_the_pump_beside_the_brew_heater_then_both_off_is_a_shot() -> None:
    """Every second: the brew heater from 880, the pump 900.3-930.4, the brew heater off at 931.9."""
    power = [*heater_cycles(), (880.0, 931.9, BREW), (900.3, 930.4, ROTARY)]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=1.0)
    assert runs[0].duration == pytest.approx(30.1, abs=1.0)


def test_a_hand_over_to_the_steam_heater_then_its_fall_is_no_run() -> None:
    """Every second: the brew heater from 880 hands over to the steam heater at 900.3, off at 930.4."""
    power = [*heater_cycles(), (880.0, 900.3, BREW), (900.3, 930.4, STEAM)]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=1100.0) == []


def test_a_flush_over_the_steam_heater_then_its_fall_is_no_shot() -> None:
    """Every second: a hand-over at 900.3, a flush 929.6-932.7, the steam heater off at 931.5.

    The fall's readings first rise over the level (the flush): its two
    switchings are the flush's and the steam heater's, not a stop of a pump
    that started at the hand-over.
    """
    power = [
        *heater_cycles(),
        (880.0, 900.3, BREW),
        (900.3, 931.5, STEAM),
        (929.6, 932.7, ROTARY),
    ]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert all(run.duration < 10.0 for run in runs), runs


@pytest.mark.parametrize(
    ("seed", "started"),
    [(29000047, 4406.4), (29000047, 8072.8), (27000031, 8904.1)],
)
def test_simulated_shots_beside_the_brew_heater_are_counted(
    seed: int, started: float
) -> None:
    """Rotary dual boilers on change: the brew heater off a second or two after the pump."""
    trace = corpus_spec("dual_boiler", "on_change", seed).generate()
    assert_one_shot(trace, started, slack=2.0)
