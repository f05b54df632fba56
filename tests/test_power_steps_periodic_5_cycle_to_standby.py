"""A run read every 5 s that closes its own heater cycle at the standby.

Without volts a small pump's step hides in a heater's drift, so a fall of
a heater and the pump together was taken as no proof of the pump's stop.
Over one run the heater does not drift: a rise from the standby by the
pump's step, a heater rising during the run, and a fall of that heater's
rise and the pump's step back to the standby sum to zero (Hart's cycle).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, run_near


def test_a_shot_whose_heater_came_and_went_with_it_is_counted() -> None:
    """Dual boiler, vibratory pump (48 W), bench seed: the shot 4974.9-5003.5
    reads 3, 46 (the pump ramping), 485 (the brew heater's rise), 1049, 1045,
    1048, then its fall to the standby (a stale reading hides the pump's own
    stop). The fall is the heater's rise and the pump's step: one shot."""
    trace = TraceSpec(
        "dual_boiler", "vibratory", "periodic_5", 20250408, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 5100.0)
    true, (started, ended) = run_near(trace, runs, 4974.9)
    assert 15.0 <= ended - started <= 120.0
    assert abs(started - true.started) < 2.0


def test_a_flush_whose_pump_stopped_in_the_heaters_rise_is_no_shot() -> None:
    """Thermostat, vibratory pump: a 6 s flush reads 17 (partial), 563 (the
    heater's rise, the pump's stop inside it). No reading showed the pump
    alone: the heater's fall to the standby half a minute later fits the
    pump stopping in its rise as well, and is no shot."""
    trace = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 20250416, 1, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 5200.0)
    assert [r for r in runs if 5095.0 < r[0] < 5160.0 and r[1] - r[0] >= 15.0] == []
