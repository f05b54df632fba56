"""Calibration beside a slow PID whose pulses, averaged, never leave the standby held.

Read every second, a slow PID's short window (2-3 s) leaves as many partial
readings as readings of the standby, and the standby seldom holds between
the pulses: the detector cannot step over them. Its noise at the step, a
quarter of it or more, then refuses the machine (``_unheld_pulses``): seed
29000000 (pid_slow, vibratory 62.7 W, every 1 s) calibrated at 60.5 W with
a noise of 24.2 W, and counted none of its 10 shots but a backflush's
pulse as one, at the true step too.
"""

from __future__ import annotations

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration.pid_pulses import (
    _unheld_pulses,
)
from custom_components.espresso_care.signals.power.readings import Reading


def _idle(length: int = 120) -> list[Reading]:
    """Readings every second at 5 W, a pulse's partial reading every other one."""
    return [
        Reading(float(t), 5.0 if t % 2 else 40.0 + 37.0 * (t % 7), None)
        for t in range(length)
    ]


def test_a_slow_pid_never_back_at_a_held_standby_is_refused() -> None:
    """Refused (too_noisy): calibrated at 60.5 W before, 0 of 10 shots read."""
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 29000000, 1).generate()
    _, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error == "too_noisy"


def test_averaged_pulses_refuse_from_a_quarter_of_the_step() -> None:
    """A noise of 15 W refuses a 60 W step beside such pulses."""
    assert _unheld_pulses(_idle(), 120.0, 15.0, 60.0)


def test_averaged_pulses_leave_a_quieter_step() -> None:
    """Under a quarter of the step, the noise check stands as before."""
    assert not _unheld_pulses(_idle(), 120.0, 14.0, 60.0)


def test_a_slow_pid_with_its_standby_held_still_calibrates() -> None:
    """pid_slow, rotary 154.5 W, every 1 s: its standby held, it calibrates."""
    trace = TraceSpec("pid_slow", "rotary", "periodic_1", 20000001, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
