"""Calibration as the options flow runs it, on simulated machines.

Each machine here is one whose calibration run the detector once refused or
misread (``simulator.espresso``, the benchmark's corpus): the heater came on
as the user started, the pump's stop hid in the heater's rise, a dual
boiler's heaters handed over, or a slow PID pulsed in the idle minutes. The flow
gives ``calibrate`` the meter's last ten minutes, then calls it again on
every new reading until it finds a step or says ``too_noisy`` (60 s at most),
as the benchmark's ``calibrate_as_the_flow_does`` runs it.
"""

from __future__ import annotations

import pytest

from bench.detection import calibrate_as_the_flow_does, real_api
from simulator.espresso import generate


@pytest.mark.parametrize(
    ("family", "pump", "plug", "seed", "what"),
    [
        # A ramp, one reading of the pump alone, then the heater with the
        # stop inside its rise: the heater's own fall tells its size.
        ("thermostat", "vibratory", "periodic_2", 20250406, "stop in a heater's rise"),
        ("pid_slow", "vibratory", "periodic_2", 20250422, "stop in a heater's rise"),
        # The dual boiler's heater came on at the click (a partial reading
        # then): the run is read against the heater's level once it held,
        # and a partial reading of the stop is no level after it.
        ("dual_boiler", "vibratory", "periodic_1", 20250412, "heater at the click"),
        # One heater handed over to the other as the pump started: the
        # rise's share beyond that hand-over is the pump's (and the
        # hand-overs while idle, the size of a rotary pump, are no noise).
        ("dual_boiler", "vibratory", "periodic_1", 20250428, "hand-over at the start"),
        ("dual_boiler", "rotary", "on_change", 20250427, "hand-overs while idle"),
        # The first rise after the click was a heater's, a little off its
        # size: the pump's own rise and fall came later.
        ("dual_boiler", "vibratory", "periodic_2", 20250462, "a later rise"),
        # A plug reporting on change, silent for minutes before the click:
        # one old step in that silence is no noise.
        ("thermostat", "vibratory", "on_change", 20250442, "silent idle"),
        # A slow PID (an 8 s window) pulsing now and then in the idle
        # minutes: pulses a reading or two long, less than four a minute.
        ("pid_slow", "rotary", "periodic_1", 20250413, "a slow PID's pulses"),
        ("pid_slow", "rotary", "periodic_1", 20250453, "a slow PID's pulses"),
    ],
)
def test_calibration_of_a_simulated_machine(
    family: str, pump: str, plug: str, seed: int, what: str
) -> None:
    trace = generate(family, pump, plug, seed=seed, shots=10, days=2)
    assert trace.calibration_run is not None
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert result is not None, what
    assert error is None, what
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.1), what
