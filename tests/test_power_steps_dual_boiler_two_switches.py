"""A dual boiler's brew heater and pump rising one after the other, read every second.

The steam heater draws about the brew heater and the pump: from the standby,
the brew heater's rise with the pump's (one edge, the levels held around it)
reads as the steam heater's alone, and the pump's fall beside the brew heater
as a hand-over: both unsure, and the shot was missed. A plug reporting every
second reads one switching (a heater, or a hand-over at one instant) as at
most one partial reading between the levels; two different ones need two
switchings, the pump's and the brew heater's. A reading is partial only
away from each level as read too: at a power-on, both heaters on (2.2 kW),
the level normalised to the first volts lay 43 W off its last reading,
which counted as a second partial one (a false shot).
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all
from .sim_replay import assert_one_shot, calibrated_runs, false_shots

ROTARY = 170.0
BREW = 1030.0
STEAM = BREW + ROTARY + 4.0


def test_the_pump_then_the_brew_heater_a_second_apart_is_a_shot() -> None:
    """The pump at 901.3, the brew heater at 902.6 (two partial readings), 25 s."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (902.6, 960.0, BREW),
        (901.3, 926.3, ROTARY),
    ]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(901.3, abs=1.0)
    assert runs[0].duration == pytest.approx(25.0, abs=1.0)


@pytest.mark.parametrize("at", [900.3, 900.6])
def test_the_steam_heater_alone_is_no_run(at: float) -> None:
    """The steam heater from the standby (one partial reading at most), then off."""
    power = [*dual_boiler_heaters(STEAM, BREW), (at, at + 40.0, STEAM)]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=1100.0) == []


@pytest.mark.parametrize("started", [3917.5, 11536.8, 12458.1])
def test_simulated_shots_with_the_brew_heater_rising_are_counted(
    started: float,
) -> None:
    """A rotary dual boiler on change: the brew heater came on a second after the pump."""
    trace = TraceSpec("dual_boiler", "rotary", "on_change", 23000023, 0).generate()
    assert_one_shot(trace, started, slack=1.5)


def test_both_heaters_at_a_power_on_then_one_off_is_no_shot() -> None:
    """Both heaters on at 13753 (several partial readings), the brew heater off at 13762."""
    trace = TraceSpec("dual_boiler", "rotary", "periodic_1", 6000033, 1).generate()
    runs = calibrated_runs(trace, 13900.0)
    assert false_shots(trace, [(a, b) for a, b in runs if a > 13700.0]) == []
