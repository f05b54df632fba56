"""Calibration on a slow PID whose every pulse is read in part.

Read every 2 s, a slow PID's heater (a 6 s window) is never read whole: no
level of it holds, so the pump's step cannot be paired with the heater's.
Between the pulses, though, the level falls to the pump's alone while the
pump runs, not to the standby: two such readings that agree, a pulse
between them, tell the step; one alone does not.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration import calibrate
from custom_components.espresso_care.signals.power.readings import Reading


def test_the_pump_read_alone_twice_between_pulses_is_the_step() -> None:
    """A vibratory pump of 49 W beside a 1,353 W heater pulsing every 6 s.

    The run reads 15.9 (ramp), 53.1, 984, 1105, 55.3 over a standby of
    4.5 W, then only the heater's partial readings until the standby. It
    was refused (no_pump_seen).
    """
    trace = TraceSpec("pid_slow", "vibratory", "periodic_2", 20250462, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.1)


def _pulsing(readings: list[tuple[float, float]]) -> list[Reading]:
    """A pulsing idle minute (a PID's partial readings every 6 s), then ``readings``."""
    idle: list[Reading] = []
    for k in range(60):
        at = 2.0 * k
        idle.append(Reading(at, 300.0 + 20.0 * (k % 5) if k % 3 == 2 else 4.5, 230.0))
    return [*idle, *(Reading(120.0 + at, w, 230.0) for at, w in readings)]


RUN_AND_HEATER = [(2.0, 15.9), (4.0, 53.1), (6.0, 984.0), (8.0, 1105.0)]
AFTER = [(12.0, 813.0), (14.0, 1353.0), (16.0, 1270.0), (18.0, 686.0), (20.0, 4.8)]
MORE = [(22.0, 4.5), (24.0, 572.0), (26.0, 4.6), (28.0, 4.4)]


def test_two_readings_of_the_pump_alone_that_agree_are_the_step() -> None:
    result = calibrate(
        _pulsing([*RUN_AND_HEATER, (10.0, 55.3), *AFTER, *MORE]),
        pump_started_after=120.0,
    )
    assert result.error is None
    assert result.pump_watts == pytest.approx(50.8)


@pytest.mark.parametrize(
    "low",
    [
        pytest.param(90.0, id="two low readings that disagree"),
        pytest.param(500.0, id="one low reading only"),
    ],
)
def test_the_pump_not_read_alone_twice_is_refused(low: float) -> None:
    result = calibrate(
        _pulsing([*RUN_AND_HEATER, (10.0, low), *AFTER, *MORE]),
        pump_started_after=120.0,
    )
    assert result.error == "no_pump_seen"
    assert result.pump_watts is None
