"""A long run with the heater read alone inside it is pulses, not a shot over a find (slow plug).

Every 5 s the detector reads pulses with a heater's stretch between them as
one run of 45-50 s, longer than ``LONG_RUN_SECONDS``: a shot to the checks,
which refuse a find with a weak pulse under it (a shot cut up by a heater
reads as weak pieces). But two readings inside it read the heater alone,
the pump off, in one band (bench seed 20,250,404 at 21,350 s: a
thermostat's cleaner series, 1,199 W twice in its 1,194 W band between
pulses of a 42 W pump, inside a run of 50 s); a shot runs the pump from
its start to its end, so the run is no shot (``slow_plug.parted``).
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import (
    LONG_RUN_SECONDS,
)

from . import pulse_traces
from .pulse_traces import WEAK_HEATERS, WEAK_RUNS, quiet_then
from .sim_replay import backflush_days, read_over

# The heater learned twice, then on from the second pulse's end to past the
# third's (8 s pulses, 10 s pauses): the pause before the third pulse reads
# the heater alone twice, the pulses under it only above it (weak).
HEATERS = [*WEAK_HEATERS[:2], (WEAK_RUNS[1][1] - 2, WEAK_RUNS[2][1] + 8)]
# The detector's run from the second pulse to the fourth: over 40 s.
MERGED = (WEAK_RUNS[1][0], WEAK_RUNS[3][1])


def recognize(heaters: list[tuple[float, float]]) -> list[Recognized]:
    """Every 5 s, with the merged run told as the detector saw it."""
    readings = quiet_then(WEAK_RUNS, every=5.0, heaters=heaters)
    return pulse_traces.recognize(readings, [MERGED])


def test_a_run_with_the_heater_read_alone_inside_is_no_shot() -> None:
    assert MERGED[1] - MERGED[0] > LONG_RUN_SECONDS
    (found,) = recognize(HEATERS)
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 4)
    assert found.weak


def test_a_run_with_no_such_readings_still_refuses_a_weak_find() -> None:
    # The heater on only around the third pulse: read alone once, no more.
    assert recognize(WEAK_HEATERS) == []


def test_a_thermostats_cleaner_series_under_its_heater_every_5_s() -> None:
    truth, found = backflush_days("thermostat", "vibratory", "periodic_5", 20_250_404)
    (backflush,) = [(s, e) for s, e in truth if 21_300 < s < 21_400]
    assert read_over(found, *backflush)
