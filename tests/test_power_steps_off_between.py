"""A heater's fall and the pump's rise, the standby read once between them.

Read every two seconds, a heater going off and a shot starting just after
make one transient: the heater's level, its partial reading, one reading at
the standby, the pump's. Read as one edge (the heater off and the pump on in
it), the run starts split off a heater's edge and must prove itself at its
stop; the reading at the standby shows two edges, the pump's rise from the
standby starting a run of the pump alone.
"""

from __future__ import annotations

import pytest

from simulator.espresso import generate

from .sim_replay import true_step_runs


def test_a_shot_starting_after_the_brew_heater_went_off_counts() -> None:
    """Dual boiler, rotary pump 133 W, read every 2 s with volts: readings 929,
    464, 3 (the standby), 132, 135 as shot 10172.8-10204.2 starts; it is read."""
    trace = generate(
        "dual_boiler", "rotary", "periodic_2", seed=21000051, shots=10, days=2,
        hand_backflushes=1,
    )  # fmt: skip
    runs = true_step_runs(trace, 10300.0)
    near = [(a, b) for a, b in runs if 10160.0 < a < 10190.0]
    assert len(near) == 1
    assert near[0][0] == pytest.approx(10172.8, abs=1.5)
    assert near[0][1] == pytest.approx(10204.2, abs=1.5)


@pytest.mark.parametrize("started", [8137.3, 8243.4, 9334.9])
def test_shots_after_a_heater_fall_read_through_the_standby(started: float) -> None:
    """Dual boiler, rotary pump 188 W: three shots each starting a reading or
    two after a heater went off, the standby read once between."""
    trace = generate(
        "dual_boiler", "rotary", "periodic_2", seed=21000019, shots=10, days=2,
        hand_backflushes=0,
    )  # fmt: skip
    (true,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    runs = true_step_runs(trace, started + 200.0)
    assert [
        r for r in runs if abs(r[0] - started) < 2.0 and abs(r[1] - true.ended) < 2.5
    ]
