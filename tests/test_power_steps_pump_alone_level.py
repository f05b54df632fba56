"""A run split off heaters' edges at both ends, read at a level of the pump alone.

A heat exchanger's heater going off as a shot starts, and coming on as it
stops, each in one reading with the pump's switch: both of the run's edges
split off a heater's, which counts only if a reading showed the pump alone.
The level between them, the standby and the pump's step held for readings,
shows it as well as a reading inside an edge would (no heater is that
small). On a periodic plug only: on change a level may be a partial reading.
"""

from __future__ import annotations

import pytest

from simulator.espresso import generate

from .sim_replay import true_step_runs


def test_a_shot_between_a_heaters_fall_and_its_rise_counts() -> None:
    """Vibratory pump 58 W, heater 1467 W, read every 2 s with volts: shot
    4125.2-4154.7 starts as the heater goes off (1453, 58) and stops as it
    comes on again (62, 289, 1457); the level 60-62 W held between."""
    trace = generate(
        "heat_exchanger", "vibratory", "periodic_2", seed=22000010, shots=10,
        days=2, hand_backflushes=0,
    )  # fmt: skip
    runs = true_step_runs(trace, 4300.0)
    near = [(a, b) for a, b in runs if 4115.0 < a < 4140.0]
    assert len(near) == 1
    assert near[0][0] == pytest.approx(4125.2, abs=1.5)
    assert near[0][1] == pytest.approx(4154.7, abs=1.5)
