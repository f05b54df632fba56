"""Shot precision: a run's end dated where the pump stopped, not a reading late."""

from __future__ import annotations

from bench.detection import calibrate_as_the_flow_does, detect, real_api
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.steps import _pump_time
from simulator.espresso import generate


def test_stop_beside_a_heater_is_dated_at_the_reading_that_showed_both() -> None:
    """The pump stops as a heater comes on; one reading between shows part of both.

    A thermostat machine at 2 s (seed 20250439): a 13.8 s run was read 16 s
    long, a shot, because its end was dated at the first full reading after
    the partial one. A reading of the heater alone still puts the pump after
    it (a heat exchanger at 2 s, seed 20250438).
    """
    stop = [10007.21, 157.95, 10009.25, 156.6, 10011.22, 1095.0, 10013.23, 1313.2]
    stop += [10015.23, 1315.6]
    assert _pump_time(
        stop, 157.9, 1306.4, -149.9, averaging=False, window=None, gap=2.0
    ) == (10011.22)
    start = [2613.01, 1432.18, 2615.03, 1423.1, 2617.0, 757.2, 2619.0, 6.8]
    start += [2623.02, 74.1, 2625.0, 77.6]
    assert _pump_time(
        start, 1439.7, -1432.2, 68.4, averaging=False, window=None, gap=2.0
    ) == (2623.02)


def test_a_hand_over_to_a_heater_not_known_yet_is_no_run() -> None:
    """A dual boiler at 1 s (seed 20250445), just after calibration.

    Only the first heater (1012 W) is known; the second (1190 W) takes over
    from it (+179 W, about the pump's step) and later goes off alone, which
    the detector read as the first heater and the pump stopping together: a
    51 s "shot" where the pump never ran.
    """
    trace = generate(
        "dual_boiler", "rotary", "periodic_1", seed=20250445, shots=10, days=2
    )
    calibration, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert calibration is not None
    assert calibration.pump_watts is not None
    reports = [r for r in trace.reports if r.at < 2900.0]
    runs, _, _ = detect(PumpDetector(calibration.pump_watts), reports, 2900.0)
    assert [(round(s), round(e)) for s, e in runs] == [(2701, 2710)]
