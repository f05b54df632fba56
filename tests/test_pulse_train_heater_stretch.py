"""A heater's stretch read as the pump, too long for a pulse, neither makes a pulse nor breaks a series (pure).

At 2 s a heater's band learned about a pump step off reads the heater on
alone as the pump on above it: a dual boiler's 45 s stretch in the rinse
pause, never read with no heater on, looked like a shot between the series
and cancelled the cleaner series waiting (bench seed 20,250,439). A shot read
so is a run the detector times: a backflush over such a stretch that a run
of ``SHOT_RUN`` s or more overlaps is refused. A stretch with a reading no
band explains (a heater switching inside a reading, a slow PID's burst)
stays a shot: left out, a PID's idle bursts regrouped into a backflush.
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import SHOT_RUN

from . import pulse_traces
from .pulse_traces import BACKFLUSH, CLEANER, quiet_then, runs_of

RUNS = runs_of(BACKFLUSH, 600)
# In the rinse pause, 30 s after the cleaner series: 46 s read in the heater's
# band, its edges on the readings' bounds (every reading explained).
CLEANED = RUNS[len(CLEANER) - 1][1]
STRETCH = (CLEANED + 30.3, CLEANED + 76.3)
# The same, its edges inside readings: those readings no band explains.
UNEXPLAINED = (CLEANED + 31, CLEANED + 77)


def recognize(
    every: float,
    run: tuple[float, float] | None = None,
    stretch: tuple[float, float] = STRETCH,
) -> list[Recognized]:
    """The backflush's readings with the stretch, ``run`` told as the detector saw it.

    The heater is seen twice before (its band learned), then on through the
    stretch with a pump's worth more than learned.
    """
    reports = quiet_then(
        [*RUNS, stretch], every=every, heaters=[(100, 160), (300, 360), stretch]
    )
    return pulse_traces.recognize(reports, [run] if run is not None else [])


def test_a_heaters_stretch_in_the_rinse_pause_cancels_nothing() -> None:
    for every in (1.0, 2.0):
        (found,) = recognize(every)
        assert found.cleaner_pulses == len(CLEANER)
        assert found.started < STRETCH[0] < STRETCH[1] < found.ended


def test_a_shot_the_detector_timed_there_refuses_it() -> None:
    assert STRETCH[1] - STRETCH[0] >= SHOT_RUN
    for every in (1.0, 2.0):
        assert recognize(every, STRETCH) == []


def test_a_stretch_with_a_reading_unexplained_stays_a_shot() -> None:
    for every in (1.0, 2.0):
        assert recognize(every, stretch=UNEXPLAINED) == []
