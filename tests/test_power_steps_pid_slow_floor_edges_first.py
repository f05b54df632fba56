"""A run both the edges and the readings' floor read is counted once, as the edges date it.

The floor decides a run at the first reading that shows the pump off; the
edges, a reading or two later once the level after the fall holds. The
floor's run waits while the edges follow one (a run open, or one to
confirm) and is dropped when they decide one over it: the runs the edges
read are counted as before.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec

from .sim_replay import true_step_runs


def test_the_edges_decide_a_run_the_floor_read_too() -> None:
    # A vibratory pump under an 8 s window: the edges read the shot's rise
    # and fall; the floor read it too, from its readings of the pump alone.
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 20250404, 0).generate()
    runs = true_step_runs(trace, 9670.0)
    (run,) = [(a, b) for a, b in runs if a < 9662.3 and b > 9638.2]
    assert run == pytest.approx((9640.1, 9660.5), abs=0.1)
