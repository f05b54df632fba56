"""A heater's stretch read as the pump every 5 s, longer than two pulses: neither a pulse nor a shot (pure).

A heater's band learned about a pump's step low reads the heater's stretch
alone as the pump on: every reading in the band, none clean, none
unexplained. Up to two pulses long ``merged_hole`` leaves such a piece
out; a longer one read as a shot and cancelled the cleaner series waiting
for its rinse (a thermostat's stretch of 39 s in the rinse pause, seed
20,000,020 at 48,493 s). It is left out as on a fast plug (remembered as
a stretch: a find during which a shot the detector timed lay in one is
refused, by the gentle checks too). One simulated thermostat, replayed as
the recognition bench does: without the rule its hand-made backflush at
48,232 s is not recognized; and a heater's stretch of 46 s in a rinse
pause (``pulse_traces``), as the fast plug's test has it, every 5 s.
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized

from . import pulse_traces
from .pulse_traces import BACKFLUSH, CLEANER, quiet_then, runs_of
from .sim_replay import backflush_days, read_over


def test_a_backflush_across_a_heaters_stretch_in_its_rinse_pause() -> None:
    _, found = backflush_days("thermostat", "vibratory", "periodic_5", 20_000_020)
    assert read_over(found, 48_232.0, 48_975.0)


RUNS = runs_of(BACKFLUSH, 600)
# In the rinse pause, 30 s after the cleaner series: 46 s read in the heater's
# band a pump's step on, its edges on the readings' bounds (every reading
# explained).
CLEANED = RUNS[len(CLEANER) - 1][1]
STRETCH = (CLEANED + 30.3, CLEANED + 76.3)


def recognize(run: tuple[float, float] | None = None) -> list[Recognized]:
    """The backflush's readings every 5 s with the stretch, ``run`` told as the detector saw it."""
    reports = quiet_then(
        [*RUNS, STRETCH], every=5.0, heaters=[(100, 160), (300, 360), STRETCH]
    )
    return pulse_traces.recognize(reports, [run] if run is not None else [])


def test_a_stretch_in_the_rinse_pause_cancels_nothing() -> None:
    (found,) = recognize()
    assert found.cleaner_pulses == len(CLEANER)
    assert found.started < STRETCH[0] < STRETCH[1] < found.ended


def test_a_shot_the_detector_timed_there_refuses_it() -> None:
    assert recognize(STRETCH) == []
