"""Pulses read only above a heater steadily on (weak) fill a series read from power."""

from __future__ import annotations

from collections.abc import Sequence
import math

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.pulse_train import (
    LONG_RUN_SECONDS,
    PowerBackflushes,
)

from .test_pulse_train import PUMP, quiet_then, runs_of

# Four pulses with cleaner, a rinse of two minutes, four with water.
PATTERN = [(8, 10)] * 3 + [(8, 120)] + [(8, 10)] * 3 + [(8, 60)]
RUNS = runs_of(PATTERN, 600)
# The heater seen twice before (learned), then on around the third pulse of
# the cleaner series and the second of the rinse series: each read only above it.
HEATERS = [
    (100, 160),
    (300, 360),
    (RUNS[2][0] - 6, RUNS[2][1] + 6),
    (RUNS[5][0] - 6, RUNS[5][1] + 6),
]


def recognize(
    reports: list[tuple[float, float]], long_runs: Sequence[tuple[float, float]] = ()
) -> list[Recognized]:
    recognizer = PowerBackflushes(PUMP)
    for started, ended in long_runs:
        recognizer.note_run(started, ended)
    found = [recognizer.feed(at, watts) for at, watts in reports]
    found.append(recognizer.advance(math.inf))
    return [f for f in found if f is not None]


def test_a_pulse_seen_only_above_the_heater_fills_each_series() -> None:
    (found,) = recognize(quiet_then(RUNS, every=1.0, heaters=HEATERS))
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 4)
    assert found.weak == 2


def test_a_long_run_the_detector_saw_inside_refuses_weak_pulses() -> None:
    """The detector saw the pump run on through (a shot): the pieces are no pulses."""
    shot = (RUNS[1][0], RUNS[1][0] + LONG_RUN_SECONDS + 5)
    assert recognize(quiet_then(RUNS, every=1.0, heaters=HEATERS), [shot]) == []


def test_a_long_run_does_not_refuse_a_backflush_of_clean_pulses() -> None:
    """Only pulses seen above a heater need the detector's word."""
    shot = (RUNS[1][0], RUNS[1][0] + LONG_RUN_SECONDS + 5)
    (found,) = recognize(quiet_then(RUNS, every=1.0), [shot])
    assert found.weak == 0
    assert found.pulses == 8


def test_a_run_no_longer_than_two_pulses_is_no_shot() -> None:
    """Two pulses the detector merged (with the pause between) do not refuse."""
    merged = (RUNS[1][0], RUNS[2][1])
    (found,) = recognize(quiet_then(RUNS, every=1.0, heaters=HEATERS), [merged])
    assert found.weak == 2
