"""Calibration beside a fast PID whose idle bursts leave the standby held: refused.

A fast PID's duty, held in coarse steps for each 1 s period, left the
standby read half of the idle time every 2 s, like a slow PID's pulses
(``_standby_between_pulses``). The fall paired with the run's rise came
24 s after the run, from 596 to 492 W of a 1,189 W heater: a duty's change.
Seed 119000042 saved 104.2 W for a 40.8 W pump and counted shots on no run.
A slow PID switches its heater whole: the level after the pump's fall is
the standby or the heater whole (0.84 of the run's top or more, dev and
regression seeds).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.calibration import calibrate
from custom_components.espresso_care.signals.power.calibration.pid_pulses import (
    _fall_in_bursts,
)
from custom_components.espresso_care.signals.power.readings import Reading

# The last idle readings of seed 119000042 (every 2 s): the standby (6-13 W)
# between averaged bursts of about 54 W steps.
_IDLE = (
    113, 12, 8, 6, 12, 9, 8, 9, 111, 114, 9, 112, 8, 164, 59, 13, 6, 58, 58, 58,
    58, 114, 6, 111, 164, 111, 111, 6, 61, 6, 216, 59, 111, 113, 7, 11, 164, 164,
    7, 115,
)  # fmt: skip
# Its readings from the click on: the heater answers the cold water at once,
# its duty's average of any size; the run ends after the fifth reading.
_RUN = (
    6.1, 10.8, 60.5, 80.7, 585.6, 595.0, 911.0, 963.2, 1220.3, 1029.0, 815.4,
    708.4, 870.0, 609.2, 556.9, 451.6, 657.6, 544.4, 596.3, 594.9, 493.4, 491.5,
    491.5, 390.3, 281.2, 329.2, 336.3, 275.2, 226.7, 68.3,
)  # fmt: skip
_CLICK = 600.0


def _readings() -> list[Reading]:
    idle = [
        Reading(_CLICK - 599.4 + 2.0 * k, float(_IDLE[k % len(_IDLE)]), 230.0)
        for k in range(300)
    ]
    run = [Reading(_CLICK + 0.6 + 2.0 * k, w, 230.0) for k, w in enumerate(_RUN)]
    return [*idle, *run]


def test_a_fall_to_a_heaters_part_refuses_the_calibration() -> None:
    """The run's rise paired with a duty's fall: too_noisy, no step saved."""
    result = calibrate(_readings(), pump_started_after=_CLICK)
    assert result.pump_watts is None
    assert result.error == "too_noisy"


def test_a_fall_to_the_heater_whole_or_the_standby_is_a_slow_pids() -> None:
    """The level after the fall, against the run's top above the standby."""
    readings = _readings()
    assert _fall_in_bursts(readings, _CLICK, 7.0, 492.0)
    assert not _fall_in_bursts(readings, _CLICK, 7.0, 1060.0)  # heater whole
    assert not _fall_in_bursts(readings, _CLICK, 7.0, 8.0)  # the standby
