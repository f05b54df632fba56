"""Calibration on a plug that reports every 5 s: levels that repeat to the watt.

An energy meter's 5 s average of a steady level is rounded to the watt and
repeats itself more often than a stale meter does: a run longer than asked,
the heater's level after it repeated, is still measured before the flow
gives up; a slow PID's idle pulses, which leave the level held only half the
time, still refuse.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api


def test_a_run_longer_than_asked_its_level_after_repeated_is_measured() -> None:
    """A rotary pump run 40 s (30 asked), the heater on from 4 s in and after it.

    The level after the pump's stop reads 996, 995, 995, 995, 994: the
    repeats are dropped as a stale meter's, and the window the readings are
    taken from ends before a fourth distinct value came. It was refused
    (no_pump_seen, the flow's wait over).
    """
    trace = TraceSpec("thermostat", "rotary", "periodic_5", 20250441, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.05)


def test_a_slow_pids_idle_level_held_half_the_time_is_too_noisy() -> None:
    """A slow PID read every 5 s: the idle level holds in half the readings only.

    Its pulses, averaged over 5 s, make levels of any size between; the
    pump's step would not stand out of them (it calibrated, 69 W, and the
    detector then counted three false shots).
    """
    trace = TraceSpec("pid_slow", "vibratory", "periodic_5", 20250424, 0).generate()
    _, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error == "too_noisy"
