"""A known heater's level held with the pump shows the floor's run still on.

Among a slow PID's pulses the last reading of the pump alone may come long
before its stop: the stop is placed between it and the first reading that
shows the pump off, and a run whose kind hangs on where is withheld. Two
readings in a row that hold a known heater's level and the pump's (nearer
it than the heater alone) show the pump still on.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import run_over, true_step_runs


def test_the_heater_held_with_the_pump_places_the_stop_past_a_bound() -> None:
    # A 35 s shot on change under a 3.1 s window: the last reading of the
    # pump alone 10 s in, the heater held with it later on.
    trace = TraceSpec("pid_slow", "vibratory", "on_change", 20250442, 0).generate()
    runs = true_step_runs(trace, 1500.0)
    _, run = run_over(trace, runs, 1374.8)
    assert is_shot(run[1] - run[0])
