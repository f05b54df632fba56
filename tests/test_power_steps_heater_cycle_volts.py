"""A heater's cycle beside a run, its rise and fall compared at one voltage.

A vibratory pump's step is too small to stand out of an edge it shares with
a heater; a heater that came on with the run and goes off with it by its own
size (Hart's cycle summing to zero) shows the pump on between. The rise is
kept at the reference volts, the fall read at the volts of now: at mains a
few volts off the reference, a 1.4 kW heater's two edges compared unscaled
differ by 15-25 W, more than a quarter of the pump's step, and the shot was
dropped.
"""

from __future__ import annotations

import pytest

from simulator.espresso import generate

from .sim_replay import true_step_runs


@pytest.mark.parametrize(
    ("family", "seed", "backflushes", "started"),
    [
        ("heat_exchanger", 23000042, 1, 2025.9),
        ("heat_exchanger", 23000002, 0, 4536.6),
        ("dual_boiler", 22000002, 0, 2550.5),
    ],
)
def test_a_shot_inside_a_heater_cycle_counts_at_mains_off_the_reference(
    family: str, seed: int, backflushes: int, started: float
) -> None:
    """Vibratory pumps read every 2 s with volts: the heater comes on in the
    pump's first interval and goes off in its last, no reading of the pump
    alone; the mains 0.8-1.6 % off the volts the heaters' sizes are kept at."""
    trace = generate(
        family, "vibratory", "periodic_2", seed=seed, shots=10, days=2,
        hand_backflushes=backflushes,
    )  # fmt: skip
    (true,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    runs = true_step_runs(trace, true.ended + 100.0)
    assert [
        r for r in runs if abs(r[0] - started) < 4.0 and abs(r[1] - true.ended) < 2.5
    ]
