"""Calibration: a step over 250 W is no pump's; the user is asked to run it again.

An espresso machine's pump draws 40-200 W (vibratory 40-70 W, rotary
120-200 W). Beside a slow PID's heater the readings may pair into a
heater's share: 350.7 W for a 59.5 W pump (bench seed 20250444, 1 s) and
356.7 W for 143.5 W (fresh seed 20000011, 2 s), which would count nothing.
Such a step is no_pump_seen, so that the flow asks for another run.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.calibration import (
    PUMP_MAX_W,
    calibrate,
)
from custom_components.espresso_care.signals.power.readings import Reading


def _run(step: float) -> list[Reading]:
    """Ten idle minutes at 5 W read every second, a 12 s run of ``step``, 40 s after."""
    readings = [Reading(float(t), 5.0 + 0.2 * (t % 3), 230.0) for t in range(600)]
    readings += [
        Reading(600.0 + t, 5.0 + step + 0.4 * (t % 4), 230.0) for t in range(1, 13)
    ]
    readings += [Reading(613.0 + t, 5.0 + 0.2 * (t % 3), 230.0) for t in range(40)]
    return readings


def test_a_step_over_a_pumps_is_refused() -> None:
    result = calibrate(_run(300.0), pump_started_after=600.0)
    assert result.pump_watts is None
    assert result.error == "no_pump_seen"


@pytest.mark.parametrize("step", [45.0, 190.0, PUMP_MAX_W - 10.0])
def test_a_pumps_step_is_kept(step: float) -> None:
    result = calibrate(_run(step), pump_started_after=600.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(step, abs=1.0)
