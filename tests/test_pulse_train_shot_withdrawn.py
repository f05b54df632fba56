"""On a fast plug a shot the train read cut up leaves no series behind (pure).

A slow PID's heater switching during a shot cuts the train's reading of it
into pulse-sized pieces a few seconds apart: a series of pulses. Held as a
cleaner series, it would take a backflush's cleaner series minutes later
for its rinse (and the backflush's own rinse series would wait alone). The
pump detector tells the shot as one run: over ``LONG_RUN_FAST`` s on a plug
reporting every 2 s or faster, with every pulse held in it, the pulses are
withdrawn. A slower plug's runs are less sure: there they stay. The
readings are made as in ``test_pulse_train``.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import LONG_RUN_FAST

from .pulse_traces import BACKFLUSH, quiet_then, recognize, runs_of

START = 600.0
# A 39 s shot read as four pieces 3-5 s apart, then, 400 s on, a backflush.
PIECES = [(5.0, 3.0), (6.0, 5.0), (5.0, 4.0), (11.0, 400.0)]
RUNS = runs_of([*PIECES, *BACKFLUSH], START)
SHOT = (START, RUNS[len(PIECES) - 1][1])
BACKFLUSH_START = RUNS[len(PIECES)][0]


def found_at(every: float, *, told: bool) -> list[Recognized]:
    """The backflushes read, the shot told (as one run) 4 s after it ended, or not."""
    runs = [(SHOT[1] + 4.0, *SHOT)] if told else []
    return recognize(quiet_then(RUNS, every=every), told=runs)


def test_the_shot_is_one_long_run() -> None:
    assert SHOT[1] - SHOT[0] > LONG_RUN_FAST


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_its_pieces_are_withdrawn_and_the_backflush_found(every: float) -> None:
    (found,) = found_at(every, told=True)
    assert found.started == pytest.approx(BACKFLUSH_START, abs=every + 1)
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_untold_its_pieces_take_the_backflush_cleaner_for_a_rinse(every: float) -> None:
    """What the rule is for: without the run, the shot's pieces start the find."""
    assert all(f.started < BACKFLUSH_START - 100 for f in found_at(every, told=False))


def test_a_run_holding_a_pulse_after_it_withdraws_nothing() -> None:
    """A run told over only some of the pulses held is no shot of them all."""
    partial = (RUNS[1][0] + 1.0, SHOT[1] + 1.0)  # the first piece not in it
    assert partial[1] - partial[0] > LONG_RUN_FAST
    finds = recognize(quiet_then(RUNS, every=2.0), told=[(SHOT[1] + 4.0, *partial)])
    assert all(f.started < BACKFLUSH_START - 100 for f in finds)
