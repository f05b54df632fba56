"""A shot-long run the pulses read cover less than half of refuses a backflush around it (pure).

A heater's band learned about a pump step off reads the pump as off in it:
a 25 s shot reads there as pulses with a pause between, each sure, while the
pump detector saw one run through. Two backflush pulses the detector merged
across their pause are mostly covered by the pulses read, and a run shorter
than ``SHOT_RUN`` is no shot. Only on a plug reporting every 2 s or faster:
a 5 s plug's run may take a reading more at each end.
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import (
    SHOT_COVERED,
    SHOT_RUN,
)

from . import pulse_traces
from .pulse_traces import BACKFLUSH, quiet_then, runs_of

RUNS = runs_of(BACKFLUSH, 600)


def recognize(every: float, run: tuple[float, float] | None) -> list[Recognized]:
    """A plain backflush's readings, with ``run`` told as the detector saw it."""
    reports = quiet_then(RUNS, every=every)
    return pulse_traces.recognize(reports, [run] if run is not None else [])


def test_a_shot_long_run_mostly_unread_refuses_it() -> None:
    start, end = RUNS[0]
    shot = (start - 15, end)  # 23 s, the train read its last 8 s as a pulse
    assert shot[1] - shot[0] >= SHOT_RUN
    assert (end - start) < SHOT_COVERED * (shot[1] - shot[0])
    for every in (1.0, 2.0):
        assert len(recognize(every, None)) == 1
        assert recognize(every, shot) == []
    assert len(recognize(5.0, shot)) == 1


def test_two_pulses_merged_do_not() -> None:
    merged = (RUNS[0][0], RUNS[1][1])  # 27 s: a pulse, its pause, a pulse
    for every in (1.0, 2.0, 5.0):
        assert len(recognize(every, merged)) == 1


def test_a_run_shorter_than_a_shot_does_not() -> None:
    start, end = RUNS[0]
    run = (start - SHOT_RUN + 8.5, end)  # 14.5 s, mostly unread
    assert len(recognize(1.0, run)) == 1
