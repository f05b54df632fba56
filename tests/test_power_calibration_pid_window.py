"""Calibration beside a slow PID whose pulses recur once per window.

A slow PID's time-proportional window switches its heater on at each
window's start: the idle pulses start at one period, read to a reading. Some
idle stretches still hold the heat-up's tail (longer pulses, the standby
held 20-40 % of the time), and such machines were refused (too_noisy),
though the pump's level stood out between the pulses. The standby's share
suffices from 20 % when the pulses' starts recur at one period, three
readings apart or more; a fast PID,
whose readings average its bursts, leaves the standby at no period, and one
that holds it 22 % of the time (the bench seed's, 43.7 W) stays refused.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration.pid_pulses import (
    _once_per_window,
)
from custom_components.espresso_care.signals.power.readings import Reading


def _idle(starts: list[float], length: int = 120) -> list[Reading]:
    """Readings every second at 3 W, a 400 W pulse read at each start."""
    pulses = {round(s) for s in starts}
    return [
        Reading(float(t), 400.0 if t in pulses else 3.0, None) for t in range(length)
    ]


def test_pulses_at_one_period_show_a_window() -> None:
    """A 5.4 s window, read every second: its pulses 5 or 6 s apart."""
    assert _once_per_window(_idle([2 + 5.4 * k for k in range(20)]), 3.0, 10.0)


def test_pulses_at_no_period_show_no_window() -> None:
    """Starts 2-6 s apart in turn, as a fast PID's averaged bursts leave them."""
    starts, at = [], 2.0
    for k in range(30):
        at += 2 + k % 5
        starts.append(at)
    assert not _once_per_window(_idle(starts, 160), 3.0, 10.0)


def test_pulses_every_other_reading_show_no_window() -> None:
    """A 2 s window read every second: the pump never read alone between pulses.

    Such a machine (seed 5000008, vibratory 47.4 W) calibrated at 244.3 W.
    """
    assert not _once_per_window(_idle([1.0 + 2 * k for k in range(50)]), 3.0, 10.0)


def test_too_few_pulses_show_no_window() -> None:
    """A thermostat's heater cycles minutes apart: too few starts to tell."""
    assert not _once_per_window(_idle([10.0, 40.0, 70.0, 100.0]), 3.0, 10.0)


def test_a_slow_pid_past_its_heat_up_calibrates() -> None:
    """pid_slow, rotary 154.5 W, every 1 s: the standby held 38 % of the idle.

    Its pulses came 5-6 s apart; it was refused (too_noisy, 45.7 W).
    """
    trace = TraceSpec("pid_slow", "rotary", "periodic_1", 20000001, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.05)


def test_a_fast_pid_holding_its_standby_a_fifth_stays_refused() -> None:
    """pid_fast, vibratory 43.7 W, every 1 s (bench seed 20250460).

    The standby held 22 % of the idle; with the share alone it calibrated
    at 185.9 W.
    """
    trace = TraceSpec("pid_fast", "vibratory", "periodic_1", 20250460, 0).generate()
    _, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error == "too_noisy"
