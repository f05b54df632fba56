"""The floor reads a slow PID's runs only while its pulses come and go.

The floor (``_floor_runs``) reads the pump under a slow PID's short heater
pulses, where no level holds. On a thermostat machine no pulses come: its
edges alone read it, and a floor run there has only chance readings to go
on. Every 2 s, a 27 s shot with the heater switching at its end read 37 s
from the floor.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import calibrated_runs


def test_no_floor_run_on_a_machine_whose_heater_does_not_pulse() -> None:
    trace = TraceSpec("thermostat", "vibratory", "periodic_2", 6000034, 0).generate()
    (true,) = [r for r in trace.runs if 1300.0 < r.started < 1350.0]
    runs = calibrated_runs(trace, 1500.0)
    near = [(a, b) for a, b in runs if a < true.ended + 20.0 and b > true.started]
    truth = true.ended - true.started
    assert is_shot(truth)
    # A shot read here is read to within a reading either side, or not at all.
    assert all(abs((b - a) - truth) <= 4.0 for a, b in near if is_shot(b - a))
