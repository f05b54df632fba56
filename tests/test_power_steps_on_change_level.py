"""On change, a level read seldom is not pulled by the edge's first partial reading.

A plug reporting on change reads a steady level once or twice (silence means
unchanged). A small pump's first partial reading strays from it by less than
the level's tolerance and was taken into its mean: the level before the edge
came out between the two, the edge short by that much, and a heater's and
the pump's rise (or the pump's alone) fitted no sum. The shot was missed.
"""

from __future__ import annotations

import pytest

from bench import detection
from custom_components.espresso_care.signals.power_steps import PumpDetector
from simulator.espresso import generate


@pytest.mark.parametrize(
    ("family", "pump", "seed", "started"),
    [
        # From the standby (3 W, read once) and 43 W, the pump's first partial
        # reading: the level was taken as 23 W; a heater came on with the pump.
        ("dual_boiler", "rotary", 20250411, 11159.9),
        # The pump's rise over a heater's level, its first reading 2 W up.
        ("thermostat", "vibratory", 20250450, 9474.3),
    ],
)
def test_a_shot_whose_first_reading_stayed_near_the_level_is_counted(
    family: str, pump: str, seed: int, started: float
) -> None:
    trace = generate(
        family, pump, "on_change", seed=seed, shots=10, days=2, hand_backflushes=0
    )
    calibration, error, _ = detection.calibrate_as_the_flow_does(
        detection.real_api(), trace
    )
    assert error is None
    assert calibration is not None
    assert calibration.pump_watts is not None
    end = started + 120.0
    reports = [r for r in trace.reports if r.at < end]
    runs, _, _ = detection.detect(PumpDetector(calibration.pump_watts), reports, end)
    (shot,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    (run,) = [(a, b) for a, b in runs if abs(a - shot.started) < 5.0]
    assert run[0] == pytest.approx(shot.started, abs=1.5)
    assert run[1] == pytest.approx(shot.ended, abs=1.0)
