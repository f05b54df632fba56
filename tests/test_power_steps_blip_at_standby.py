"""A pause at the standby inside a transient that comes back to its level.

A heat exchanger read every 2 s: a shot stops with its heater on, the heater
goes off a reading later, a flush starts with the heater again. No level
between holds two readings, and the readings come back to the heater's and
the pump's level: the reading at the standby shows everything off for its
interval, a fall and a rise. Read so, the shot counts (it was dropped as a
run that paused where it could not be paired).
"""

from __future__ import annotations

import pytest

from simulator.espresso import generate

from .sim_replay import true_step_runs


def test_a_shot_ended_by_a_pause_read_once_at_the_standby_counts() -> None:
    """Shot 10009.0-10035.6, heater off at 10039, flush 10042.8-10048.5 with the
    heater on again: readings 1509, 1475, 1334, 587, 2 (the standby), 218,
    869, 1524. The shot and the flush are both read."""
    trace = generate(
        "heat_exchanger", "rotary", "periodic_2", seed=20250407, shots=10, days=2,
        hand_backflushes=1,
    )  # fmt: skip
    runs = true_step_runs(trace, 10100.0)
    near = [r for r in runs if 10000.0 < r[0] < 10060.0]
    assert len(near) == 2
    (shot, flush) = near
    assert shot[0] == pytest.approx(10009.0, abs=1.0)
    assert shot[1] == pytest.approx(10035.6, abs=1.5)
    assert flush[0] == pytest.approx(10042.8, abs=1.5)
    assert flush[1] == pytest.approx(10048.5, abs=1.0)
