"""The floor's run ends where the heater reads whole without the pump.

A heater's pulse read whole tops the readings: with the pump on, at the
run's peak. Readings that come back, and agree, at that peak less the
pump's step read the heater whole without the pump: it had stopped, even
where no reading between the pulses fell below its step.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_runs


def test_the_heater_whole_without_the_pump_ends_the_run() -> None:
    # The user's 14 s calibration run under a 2.3 s window: the heater
    # read whole with the pump (1142 W), then alone (1009 W) among partial
    # readings, one of which reads the pump's level by chance.
    trace = TraceSpec("pid_slow", "rotary", "periodic_1", 22000017, 0).generate()
    run = trace.calibration_run
    assert run is not None
    runs = true_step_runs(trace, 1750.0)
    assert not [
        (a, b) for a, b in runs if a < run.ended and b > run.started and is_shot(b - a)
    ]
