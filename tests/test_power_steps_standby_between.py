"""A pump's start read from the standby between one heater's fall and the other's rise.

A dual boiler polled every 2 s (seed 20250422): the steam heater went off,
one reading showed the standby, the next the pump alone part way, then the
brew heater came on. All of it one edge from one heater's level to the
other's and the pump: dated by the first reading that moved (the steam
heater's fall), the shot began 3.2 s early. The standby reading shows the
pump still off; the reading after it, the pump alone, dates its start.
"""

from __future__ import annotations

import pytest

from bench import detection
from custom_components.espresso_care.signals.power_steps import (
    PumpDetector,
    _pump_time,
)
from simulator.espresso import generate


def test_a_standby_reading_inside_the_edge_dates_the_pump_after_it() -> None:
    pts = (11839.7, 1298.7, 11841.7, 1299.0, 11843.7, 635.7, 11845.7, 6.5)
    pts += (11847.7, 50.9, 11849.7, 1022.0, 11851.7, 1017.6)
    kwargs = {"averaging": True, "window": 0.5, "gap": 2.0}
    # Without the standby known: the first reading that moved.
    assert _pump_time(pts, 1310.6, -350.7, 64.1, **kwargs) < 11844.0
    started = _pump_time(pts, 1310.6, -350.7, 64.1, standby=6.5, **kwargs)
    assert 11846.7 < started < 11847.7


def test_the_shot_is_dated_within_an_interval() -> None:
    trace = generate(
        "dual_boiler",
        "vibratory",
        "periodic_2",
        seed=20250422,
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
    end = 11950.0
    reports = [r for r in trace.reports if r.at < end]
    runs, _, _ = detection.detect(PumpDetector(calibration.pump_watts), reports, end)
    (shot,) = [t for t in trace.runs if abs(t.started - 11846.4) < 0.1]
    (run,) = [(a, b) for a, b in runs if abs(a - shot.started) < 5.0]
    assert run[0] == pytest.approx(shot.started, abs=1.0)
    assert run[1] - run[0] == pytest.approx(shot.duration, abs=2.0)
