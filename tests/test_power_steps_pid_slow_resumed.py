"""A run's fall followed within a pause no user leaves by the pump's rise back is no stop.

Read every second or two among a slow PID's pulses, a heater's partial
readings over a run may land twice in a row near the level less the pump's
step: they settle as a level and the run read as stopped there, the rest of
it as a second run. A rise of the pump's step alone back to the level the
run fell from, sooner than a user pauses between two runs (2.5 s), says the
pump ran on. A longer pause leaves two runs.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all
from .sim_replay import assert_one_shot

ROTARY = 150.0
HEATER = 1150.0


def test_shot_split_by_two_heater_readings_is_one_shot() -> None:
    # A 97 s shot (4074.0-4170.9 s) of a 150 W pump over the heater, read
    # every second: two of the heater's partial readings (1121, 1131 W at
    # 4143-4144 s) near its level alone were read as a stop, the shot as a
    # 67 s run and a 27 s one.
    trace = TraceSpec("pid_slow", "rotary", "periodic_1", 23000049, 0).generate()
    assert_one_shot(trace, 4073.98)


@pytest.mark.parametrize(("pause", "runs"), [(2.2, 1), (3.5, 2)])
def test_pause_over_the_heater(pause: float, runs: int) -> None:
    """A 30 s run, a pause, a 20 s run, the heater on throughout."""
    second = 930.0 + pause
    power = [
        *idle_heater_cycles(52.5, 6, HEATER),
        (880.0, 1000.0, HEATER),
        (900.0, 930.0, ROTARY),
        (second, second + 20.0, ROTARY),
    ]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    read = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert len(read) == runs, read
    assert read[0].started == pytest.approx(900.0, abs=1.0)
    assert read[-1].ended == pytest.approx(second + 20.0, abs=1.0)
