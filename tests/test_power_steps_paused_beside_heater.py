"""A pause of the pump beside a heater, read once at the heater's level.

Flushes seconds apart beside a heat exchanger's heater, read every two
seconds: each pause reads as one partial reading and one at the heater's
level, then the heater and the pump again. No level holds two readings and
the readings come back to the run's level: a blip, yet one reading showed
the heater alone, the pump off. Read as one run, four flushes were a shot.
"""

from __future__ import annotations

from simulator.espresso import generate

from .sim_replay import true_step_runs


def test_flushes_beside_the_heater_are_no_shot() -> None:
    """Flushes 14450.5-14456.1, 14459.2-14464.3, 14467.6-14472.5 with the heater
    on (1439 W; pump 158 W): the pauses read 1456, 1435 / 1493, 1436. No shot."""
    trace = generate(
        "heat_exchanger", "rotary", "periodic_2", seed=21000027, shots=10, days=2,
        hand_backflushes=1,
    )  # fmt: skip
    runs = true_step_runs(trace, 14600.0)
    assert [r for r in runs if 14445.0 < r[0] < 14480.0 and r[1] - r[0] >= 15.0] == []
