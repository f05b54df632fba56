"""Calibration beside a fast PID's bursts read every second or two: refused.

An SSR switched faster than the plug measures leaves each reading an average
of its bursts, of any size. Single readings of that noise paired like a slow
PID's pulses: dev seed 29000058 (vibratory pump, 54.1 W, read every 2 s)
calibrated at 81.8 W, then counted a shot where the pump never ran. Its idle
minutes hold 1.9 partial readings for one at the standby; a slow PID's pulses
at most 1.4 on the dev seeds.
"""

from __future__ import annotations

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration import calibrate

from .power_traces import periodic, readings


def test_a_fast_pids_bursts_at_2_s_refuse_calibration() -> None:
    """The flow on the simulated fast PID: too_noisy, no step saved."""
    trace = TraceSpec("pid_fast", "vibratory", "periodic_2", 29000058, 1).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert result is not None
    assert result.pump_watts is None
    assert error == "too_noisy"


def _bursts(start: float, end: float) -> list[tuple[float, float, float]]:
    """A fast PID's averaged bursts: a partial level that moves every reading."""
    sizes = (30.0, 85.0, 15.0, 60.0, 120.0, 45.0, 0.0, 95.0, 25.0, 70.0)
    return [
        (start + 2.0 * k, start + 2.0 * k + 2.0, sizes[k % len(sizes)])
        for k in range(int((end - start) / 2.0))
    ]


def test_a_held_standby_between_single_pulses_still_calibrates() -> None:
    """The same pump beside pulses a reading long, the standby read between
    them each time (a slow PID's): the step stands."""
    pulses = [(10.0 + 8.0 * k, 12.0 + 8.0 * k, 600.0) for k in range(70)]
    pump = (600.0, 612.0, 60.0)
    rows = periodic([*pulses, pump], 700.0, every=2.0, noise=0.3)
    result = calibrate(
        readings(rows),
        pump_started_after=598.0,
    )
    assert result.error is None
    assert result.pump_watts is not None
    assert abs(result.pump_watts - 60.0) <= 6.0


def test_averaged_bursts_with_a_clean_run_are_refused() -> None:
    """Bursts averaged into every reading, then a clean 12 s run of 60 W over
    the standby: the run stands out, but nothing idle can be told from the
    pump later: too_noisy."""
    rows = periodic(
        [*_bursts(0.0, 590.0), (600.0, 612.0, 60.0)], 700.0, every=2.0, noise=0.3
    )
    result = calibrate(
        readings(rows),
        pump_started_after=598.0,
    )
    assert result.pump_watts is None
    assert result.error == "too_noisy"
