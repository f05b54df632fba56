"""A rotary pump's start dated past its inrush.

A rotary pump draws up to twice its step for a fraction of a second as it
starts. On a plug averaging each second, the reading that holds its start
shows more than its share of the second at the step: dated by that share,
the start comes a quarter of a second early, and a 14.8 s flush reads as a
15.1 s shot.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import HEATER, Pieces, feed_all, on_change_plug

ROTARY = 150.0


def with_inrush(started: float, ended: float) -> Pieces:
    """A rotary run: 1.8 times its step for 0.3 s, 1.4 times for the next 0.3 s."""
    return [
        (started, ended, ROTARY),
        (started, started + 0.3, 0.8 * ROTARY),
        (started + 0.3, started + 0.6, 0.4 * ROTARY),
    ]


def runs_of(flush: tuple[float, float]) -> list[DetectedRun]:
    # Heater cycles at phases spread over the second teach the plug's window,
    # then flushes.
    pieces: Pieces = [
        (on, on + 40.0 + 0.37 * i % 1.0, HEATER)
        for i in range(12)
        for on in [50.0 + 150.0 * i + 0.13 * i % 1.0]
    ]
    for i in range(4):
        start = 1900.0 + 60.0 * i + 0.3 * i
        pieces += with_inrush(start, start + 5.0)
    pieces += with_inrush(*flush)
    rows = on_change_plug(pieces, flush[1] + 60.0)
    return feed_all(PumpDetector(ROTARY), rows, rows[-1][0] + 100.0)


def test_a_flush_just_short_of_a_shot_stays_a_flush() -> None:
    """Started 0.2 s into a second, 14.8 s long: its first reading reads the
    step whole (the inrush fills the 0.2 s it missed), yet it is read short
    of 15 s, not 15.0."""
    run = runs_of((2200.2, 2215.0))[-1]
    assert run.ended == pytest.approx(2215.0, abs=0.15)
    assert run.duration < 15.0
    assert run.duration == pytest.approx(14.8, abs=0.15)


def test_a_start_late_in_the_second_is_not_moved_past_it() -> None:
    """Started 0.8 s into a second: its first reading holds little of it, the
    inrush most; the start is moved by no more than that reading allows."""
    run = runs_of((2200.8, 2220.8))[-1]
    assert run.started == pytest.approx(2200.8, abs=0.1)
    assert run.duration == pytest.approx(20.0, abs=0.2)
