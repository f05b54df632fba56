"""A heater's rise beside the running pump, a percent off its size.

A heater's size is learnt from its own edges (a few watts apart at most,
with volts); beside the running pump its rise reads a percent or so off
(the socket's volts sag under both, read at an instant while the watts are
averaged). Nothing explained it, and the shot it came in was dropped: a
heat exchanger's heater comes on a few seconds into nearly every shot.
"""

from __future__ import annotations

import pytest

from simulator.espresso import generate

from .sim_replay import true_step_runs


@pytest.mark.parametrize(
    ("seed", "backflushes", "started"),
    [(21000051, 1, 9812.4), (21000059, 0, 11826.2), (21000035, 0, 12167.8)],
)
def test_a_shot_whose_heater_came_on_beside_the_pump_counts(
    seed: int, backflushes: int, started: float
) -> None:
    """Heat exchangers, rotary pumps, read every 2 s with volts: the pump
    starts alone, the heater comes on seconds later 10-14 W short of its size."""
    trace = generate(
        "heat_exchanger", "rotary", "periodic_2", seed=seed, shots=10, days=2,
        hand_backflushes=backflushes,
    )  # fmt: skip
    (true,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    runs = true_step_runs(trace, started + 200.0)
    assert [
        r for r in runs if abs(r[0] - started) < 2.0 and abs(r[1] - true.ended) < 2.5
    ]
