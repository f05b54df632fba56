"""Calibration beside a slow PID's pulses that follow its heat-up in the idle window.

At its heat-up a PID holds its heater whole for minutes; only then does it
pulse. Counted in the standby's share of the idle time, those minutes
refused a slow PID whose pulses after them held the standby about half the
time (``_after_full_output``): seed 25000011 (pid_slow, rotary 142.7 W,
every 2 s) read its heater at 990-1,012 W until 218 s before the click,
then pulses back at 3-4 W, 0.17 of the whole window; it was refused too
noisy, and reads 8 of its 10 shots at the step it finds (143.5 W).
A window of two readings leaves no two of the pump alone between its
pulses, and stays judged over the whole window (29000000, every 1 s,
refused: ``test_power_calibration_pid_unheld``); so does a fast PID's duty
falling away after its full output, never back at the heater whole once
at the standby (regression 7000042, every 2 s, its bursts averaged at 104
and 203 W: judged after it, it calibrated at 106.1 W for 48.1 W).
"""

from __future__ import annotations

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration.pid_pulses import (
    _standby_between_pulses,
)
from custom_components.espresso_care.signals.power.readings import Reading

_HEATER_W = 1000.0
_STANDBY_W = 3.5


def _idle(period: int, whole: bool = True) -> list[Reading]:
    """Every 2 s: the heater whole for 400 s, then 120 s of pulses every ``period`` readings.

    Each pulse is one partial reading of about a pump's size, every fourth
    the heater whole when ``whole`` (a slow PID switches it whole); the
    standby holds the readings between.
    """
    out = [Reading(2.0 * k, _HEATER_W + (k % 3), None) for k in range(200)]
    for k in range(200, 260):
        pulse = (k - 200) % period == 0
        watts = 120.0 + 10.0 * (k % 4) if pulse else _STANDBY_W + 0.1 * (k % 2)
        if pulse and whole and (k - 200) % (4 * period) == 0:
            watts = _HEATER_W
        out.append(Reading(2.0 * k, watts, None))
    return out


def test_pulses_after_a_heat_up_leave_their_standby_held() -> None:
    """The standby holds two readings in three after the heat-up: its noise is the standby's."""
    idle = _idle(3)
    noise = _standby_between_pulses(idle, idle[-1].at + 2.0)
    assert noise is not None
    assert noise < 1.0


def test_pulses_every_other_reading_are_judged_over_the_whole_window() -> None:
    """A window of two readings: the heat-up still counts, and no standby is read."""
    idle = _idle(2)
    assert _standby_between_pulses(idle, idle[-1].at + 2.0) is None


def test_pulses_never_at_the_heater_whole_are_judged_over_the_whole_window() -> None:
    """A duty falling away from the heater's level (a fast PID's): no standby is read."""
    idle = _idle(3, whole=False)
    assert _standby_between_pulses(idle, idle[-1].at + 2.0) is None


def test_a_fast_pid_after_its_full_output_stays_refused() -> None:
    """pid_fast, vibratory 48.1 W, every 2 s: too noisy (was 106.1 W judged after its full output)."""
    trace = TraceSpec("pid_fast", "vibratory", "periodic_2", 7000042, 1).generate()
    _, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error == "too_noisy"


def test_a_slow_pid_calibrated_after_its_heat_up() -> None:
    """pid_slow, rotary 142.7 W, every 2 s: calibrated (was too_noisy, 71.8 W)."""
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 25000011, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts is not None
    assert abs(result.pump_watts - trace.pump_watts) < 0.05 * trace.pump_watts
