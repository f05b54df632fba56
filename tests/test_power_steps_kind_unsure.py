"""A run whose kind hangs on what the plug never saw is withheld, not guessed.

A Shelly polled every 2 s reports the average of the last second: a switch
in the unseen half of an interval shows only as a whole reading, dated in
the middle of that half, so it may be off by half a second either way. When
a bound where the run's kind changes (a shot from 15 s) lies within that,
counting it either way is a guess: the detector withholds it.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.constants import KIND_BOUNDS_S
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun
from simulator.espresso import Trace, generate

from .power_traces import (
    PUMP,
    feed_all,
    half_window_readings,
)
from .sim_replay import calibrated_runs

# The start in the unseen half (4000-4001) of the interval to 4002, read
# whole at 4002 and dated 4000.5; the end inside the window of 4022's
# reading (4021-4022), dated by its share.
STARTED, ENDED = 4000.6, 4021.7


def runs_with(bounds: tuple[float, ...]) -> list[DetectedRun]:
    rows = half_window_readings([(STARTED, ENDED)])
    return feed_all(PumpDetector(PUMP, kind_bounds=bounds), rows, rows[-1][0] + 100.0)


def test_a_run_whose_start_was_unseen_is_withheld_near_a_bound() -> None:
    """21.1 s long, read 21.2 s: a bound at 21 s lies within its start's half
    second, so the run is withheld; a bound at 20 s does not, and the run is
    reported, its start dated in the middle of the unseen half."""
    assert runs_with((21.0,)) == []
    (run,) = runs_with((20.0,))
    assert run.started == pytest.approx(4000.5, abs=0.1)
    assert run.ended == pytest.approx(ENDED, abs=0.1)


def test_the_default_bounds_are_the_shot_band() -> None:
    """A detector made without bounds withholds around the default shot band."""
    assert KIND_BOUNDS_S == (15.0, 120.0)
    assert PumpDetector(PUMP).kind_bounds == KIND_BOUNDS_S


def test_a_run_dated_inside_the_windows_is_not_withheld() -> None:
    """Both switches inside a reading's window: dated by their share, sure to a
    tenth, so a run 0.3 s past the bound is reported."""
    rows = half_window_readings([(4001.3, 4021.6)])
    (run,) = feed_all(
        PumpDetector(PUMP, kind_bounds=(20.0,)), rows, rows[-1][0] + 100.0
    )
    assert run.duration == pytest.approx(20.3, abs=0.15)


def flush_read(
    family: str, pump: str, plug: str, seed: int, until: float, started: float
) -> tuple[Trace, list[tuple[float, float]]]:
    """A simulated flush (true length under 15 s) from ``started``: no run read near it."""
    trace = generate(
        family, pump, plug, seed=seed, shots=10, days=2, hand_backflushes=0
    )
    runs = calibrated_runs(trace, until)
    (flush,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    assert flush.duration < 15.0
    assert not [r for r in runs if abs(r[0] - flush.started) < 5.0]
    return trace, runs


def test_a_flush_read_as_long_as_a_shot_is_not_counted() -> None:
    """A heat exchanger polled every 2 s (seed 20250415): a 14.7 s run whose
    start fell in the unseen half was read 15.0 s, a shot. Its start may be
    half a second off: it is withheld; the flush after it is still read."""
    trace, runs = flush_read(
        "heat_exchanger", "rotary", "periodic_2", 20250415, 5200.0, 5114.8
    )
    (flush,) = [t for t in trace.runs if abs(t.started - 5147.2) < 0.1]
    assert [r for r in runs if abs(r[0] - flush.started) < 2.0]


def test_a_flush_whose_stop_fell_with_a_heater_pulse_is_withheld() -> None:
    """A slow PID on a plug reporting on change (seed 24000038): the 14.8 s
    flush from 2895.6 stopped in the second a heater's pulse fell too (1386.6,
    then 1196, 4.3): the stop's date is a guess inside that second, and it
    was read 15.0 s, a shot. It is withheld."""
    flush_read("pid_slow", "vibratory", "on_change", 24000038, 3000.0, 2895.6)
