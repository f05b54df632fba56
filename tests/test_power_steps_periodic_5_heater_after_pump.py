"""A run read every 5 s in readings that held no level, the heater off after the pump.

A dual boiler's brew heater comes on a few seconds into a short shot (cold
water drawn into its boiler) and goes off a few seconds after the pump
stops. An energy meter's 5 s averages may show each state in one reading:
the standby, the pump alone, the heater and the pump, then two partial
readings (the pump's stop, the heater's fall) and the standby. No level
held, so no edge read the pump's start or its stop; the readings show it.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_runs


def test_a_shot_whose_heater_goes_off_after_the_pump_is_counted() -> None:
    """Dual boiler, rotary pump (126 W): 7, 18, 139 (the pump alone), 1,032,
    1,204 (the brew heater and the pump), 1,149 (the pump's stop), 784 (the
    heater's fall), 7. One 18.0 s shot from 7899.7 to 7917.7."""
    spec = corpus_spec("dual_boiler", "periodic_5", 21000037)
    runs = retried_runs(spec, 8000.0)
    (run,) = [(a, b) for a, b in runs if a < 7917.7 and b > 7899.7]
    assert abs(run[0] - 7899.7) < 2.0
    assert abs(run[1] - 7917.7) < 2.0
