"""A vibratory pump's stop split from a heater's fall, its rise read off by the run's heater edges.

A heat exchanger's small pump (38-56 W) ran while its 1.4-1.5 kW heater
switched during the run and stopped in the heater's fall. The fall's share
split off by the heater's known size was the pump's step to a watt, but the
level before it stood 11-15 W off the pump's step over the run's level (the
run's heater edges, each read at its own volts): the shot was dropped as a
stale partial reading. A split fall that reads the step whole needs the
rise to pair only as a split run's rise does.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from simulator.espresso import generate

from .sim_replay import retried_runs, run_over


def test_a_whole_split_fall_lets_its_rise_pair_loosely() -> None:
    detector = PumpDetector(52.4)
    assert detector._split_fall_shows_step(45.0, 30.0)  # the rise shows the step
    assert detector._split_fall_shows_step(39.2, 52.4)  # the fall does
    assert not detector._split_fall_shows_step(39.2, 45.0)  # neither
    assert not detector._split_fall_shows_step(25.0, 52.4)  # too far to pair


@pytest.mark.parametrize(
    ("plug", "seed", "started"),
    [("periodic_1", 20000000, 2417.93), ("periodic_2", 22000042, 2665.71)],
)
def test_the_shot_is_read(plug: str, seed: int, started: float) -> None:
    spec = TraceSpec("heat_exchanger", "vibratory", plug, seed, 1)
    runs = retried_runs(spec, started + 120.0)
    trace = generate(
        "heat_exchanger",
        "vibratory",
        plug,
        seed=seed,
        shots=10,
        days=2,
        hand_backflushes=1,
    )
    shot, run = run_over(trace, runs, started)
    assert run[0] == pytest.approx(shot.started, abs=2.0)
    assert run[1] - run[0] == pytest.approx(shot.duration, abs=2.0)
