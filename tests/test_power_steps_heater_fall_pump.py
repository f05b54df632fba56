"""A heater's fall and the pump's start in one edge, dated by the pump's own reading.

A heat exchanger read every second (seed 20250412): the heater went off, its
last partial reading (116 W) stayed past the pump's level, a stale repeat
hid the standby after it, then the pump alone part way (45 W). Dated inside
the heater's partial reading (the first that moved, as part of both), the
shot began 1.75 s early; the pump's own reading dates it by its share of
the standby's step.
"""

from __future__ import annotations

import pytest

from bench import detection
from custom_components.espresso_care.signals.power_steps import (
    PumpDetector,
    _pump_time,
)
from simulator.espresso import generate


def test_the_pump_alone_after_a_falling_heater_dates_its_start() -> None:
    pts = (2846.0, 1353.3, 2847.0, 1353.9, 2848.0, 116.1, 2850.0, 45.1)
    pts += (2851.0, 65.4, 2852.0, 64.2)
    kwargs = {"averaging": True, "window": 1.0, "gap": 1.0}
    assert _pump_time(pts, 1389.2, -1386.2, 53.0, **kwargs) < 2847.5
    started = _pump_time(pts, 1389.2, -1386.2, 53.0, standby=3.0, **kwargs)
    assert 2849.0 <= started < 2850.0


def test_the_shot_is_dated_within_an_interval() -> None:
    trace = generate(
        "heat_exchanger",
        "vibratory",
        "periodic_1",
        seed=20250412,
        shots=10,
        days=2,
        hand_backflushes=1,
    )
    calibration, error, _ = detection.calibrate_as_the_flow_does(
        detection.real_api(), trace
    )
    assert error is None
    assert calibration is not None
    assert calibration.pump_watts is not None
    end = 2950.0
    reports = [r for r in trace.reports if r.at < end]
    runs, _, _ = detection.detect(PumpDetector(calibration.pump_watts), reports, end)
    (shot,) = [t for t in trace.runs if abs(t.started - 2848.8) < 0.1]
    (run,) = [(a, b) for a, b in runs if abs(a - shot.started) < 5.0]
    assert run[0] == pytest.approx(shot.started, abs=1.0)
    assert run[1] - run[0] == pytest.approx(shot.duration, abs=1.0)
