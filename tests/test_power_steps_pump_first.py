"""A heater's rise with the pump's start in it, the pump shown first, beside one heater.

A heat exchanger polled every 2 s: the pump starts, a reading or two show it
alone, then the heater comes on (cold water reached the boiler) and its rise
holds the pump's step too. Heaters read at the plug's volts are exact, so
what is left of that edge is the pump's step, as calibrated to a tenth (the
calibration's own target): a pump's step 10 % off the calibrated one made
the edge fit nothing, and the shot was missed.
"""

from __future__ import annotations

import pytest

from bench import detection
from custom_components.espresso_care.signals.power_steps import PumpDetector
from simulator.espresso import generate


@pytest.mark.parametrize(
    ("seed", "backflushes", "started"),
    [
        # Calibrated 72.5 W, the pump 65.8 W: the edge 13 W off the sum.
        (20250454, 0, 11388.7),
        # A 120 V machine: the pump (43 W) shown alone before the heater's rise.
        (20250422, 1, 2953.9),
    ],
)
def test_a_shot_started_just_before_the_heater_is_counted(
    seed: int, backflushes: int, started: float
) -> None:
    trace = generate(
        "heat_exchanger",
        "vibratory",
        "periodic_2",
        seed=seed,
        shots=10,
        days=2,
        hand_backflushes=backflushes,
    )
    calibration, error, _ = detection.calibrate_as_the_flow_does(
        detection.real_api(), trace
    )
    assert error is None
    assert calibration is not None
    assert calibration.pump_watts is not None
    end = started + 100.0
    reports = [r for r in trace.reports if r.at < end]
    runs, _, _ = detection.detect(PumpDetector(calibration.pump_watts), reports, end)
    (shot,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    (run,) = [(a, b) for a, b in runs if abs(a - shot.started) < 5.0]
    # Each end within one interval of the truth; the duration within half of one.
    assert run[0] == pytest.approx(shot.started, abs=2.0)
    assert run[1] == pytest.approx(shot.ended, abs=2.0)
    assert run[1] - run[0] == pytest.approx(shot.duration, abs=1.0)
