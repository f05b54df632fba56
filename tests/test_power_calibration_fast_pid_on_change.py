"""Calibration beside a fast PID read by a plug reporting on change: refused.

An SSR switched faster than the plug measures leaves each reading an average
of its bursts; on change the readings are partial ones by nature, so the
count of partial readings (``_bursts_averaged``) does not apply, and three
such machines calibrated far off: 90000014 at 22.8 W for 62.2 W (its
standby, read between the bursts, taken for a slow PID's), 20000022 at
133.2 W for 53.3 W, 9000015 at 68.9 W for 151.9 W. Their standby does not
hold exactly (a burst or two averaged in: 37 % of its readings over 1 W
above it, a slow PID's 9 % at most), or holds under a fifth of the time with
the pulses' tops under 400 W (a slow PID so seldom at its standby reads its
heater whole). Bursts that move every reading leave an on-change plug no
silence to skip, but no two readings in a row within its threshold
(96000046: 199.9 W for 59.1 W). A slow PID on change still calibrates.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_with_retries, real_api

from .sim_replay import corpus_spec


def _spec(family: str, pump: str, seed: int) -> TraceSpec:
    """The corpus's machine on change (its backflushes as the bench has them)."""
    spec = corpus_spec(family, "on_change", seed)
    assert spec.pump == pump
    return spec


@pytest.mark.parametrize(
    ("pump", "seed"),
    [
        pytest.param("vibratory", 90000014, id="vibratory 62.2 W, fuzzy standby"),
        pytest.param("vibratory", 20000022, id="vibratory 53.3 W, tops 235 W"),
        pytest.param("rotary", 9000015, id="rotary 151.9 W, tops 89 W"),
        pytest.param("vibratory", 96000046, id="vibratory 59.1 W, every second"),
    ],
)
def test_a_fast_pid_on_change_refuses_calibration(pump: str, seed: int) -> None:
    """The flow, tried again as a user does: too_noisy, no step saved."""
    spec = _spec("pid_fast", pump, seed)
    cal = calibrate_with_retries(real_api(), spec)
    assert cal.error == "too_noisy"
    assert cal.result is not None
    assert cal.result.pump_watts is None


@pytest.mark.parametrize(
    ("pump", "seed", "watts"),
    [
        pytest.param("vibratory", 5000006, 47.2, id="vibratory, tops 232 W"),
        pytest.param("rotary", 24000055, 147.2, id="rotary, standby held 0.13"),
    ],
)
def test_a_slow_pid_on_change_still_calibrates(
    pump: str, seed: int, watts: float
) -> None:
    """Slow PIDs nearest the rule's figures: the step stands."""
    spec = _spec("pid_slow", pump, seed)
    cal = calibrate_with_retries(real_api(), spec)
    assert cal.error is None
    assert cal.result is not None
    assert cal.result.pump_watts == pytest.approx(watts, rel=0.05)
