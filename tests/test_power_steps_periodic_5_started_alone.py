"""A run read every 5 s whose start no edge showed: the pump alone, one reading.

An energy meter's 5 s average of a pump started seconds before a heater
(cold water drawn into the boiler) shows the pump alone in one reading
between partial ones: no level held, so no edge opened the run, and its
fall beside the heater found no rise. The last readings show it.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, run_near


def test_a_shot_read_alone_once_before_the_heater_is_counted() -> None:
    """Dual boiler, rotary pump (192 W), bench seed: the steam heater off
    (644), the standby (7), the pump starting (110), alone (199), the brew
    heater's rise (794), both (1167, 1169), the pump's fall (1107) to the
    heater alone (981). One shot from 2752.6 to 2778.5."""
    trace = TraceSpec(
        "dual_boiler", "rotary", "periodic_5", 20250409, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 2900.0)
    true, (started, ended) = run_near(trace, runs, 2752.6)
    assert abs(started - true.started) < 2.0
    assert abs(ended - true.ended) < 5.0


def test_a_run_already_read_is_not_read_twice() -> None:
    """Thermostat, vibratory pump: the shot 4471.2-4500.1 reads the pump
    alone three times, then the heater's rise; the detector read a run
    there already. The pump's fall beside the heater adds none."""
    trace = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 20000060, 1, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 4600.0)
    assert len([r for r in runs if 4460.0 < r[0] < 4510.0]) == 1
