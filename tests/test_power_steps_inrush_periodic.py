"""A periodic plug's rotary starts are not moved past an inrush.

On change, a rotary pump's inrush makes its first reading look whole and
its start early (``test_power_steps_rotary_inrush``). On the simulator's
periodic plugs the same shift moved starts already dated late (a heater's
edge beside them) later still: the heat exchanger's duration error p95 on
a 1 s plug went from 0.98 to 1.13 intervals on the bench seed, over its
target of one. There it is left out.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, run_near


def test_a_late_start_on_a_periodic_plug_stays_within_its_interval() -> None:
    """Heat exchanger, rotary, every second (bench seed 20250429): a 29 s shot
    whose start the detector dates 0.9 s late, 1.2 s with the shift."""
    trace = TraceSpec("heat_exchanger", "rotary", "periodic_1", 20250429, 0).generate()
    runs = calibrated_runs(trace, 14000.0)
    true, (started, ended) = run_near(trace, runs, 13930.15)
    assert started - true.started < 1.0
    assert abs((ended - started) - true.duration) < 1.0
