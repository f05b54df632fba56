"""On a fast plug a heater's edges count against a backflush with weak pulses (pure).

A heater switching inside a reading leaves one partial reading between the
level and its band: an edge, not noise, for a backflush of pulses read
clean. A pulse read only above a heater (weak) may be a piece of a shot the
heater's switching cut up, so around weak pulses its edges still count.
"""

from __future__ import annotations

from collections.abc import Sequence
import math

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import (
    HEATER_MIN,
    NOISE_BEFORE,
    ODD_SHARE_MAX,
)

from . import pulse_traces
from .pulse_traces import HEATER, PUMP, WEAK_RUNS, readings

EVERY = 1.0
PHASE = 0.3  # the readings end at PHASE + k * EVERY

RUNS = WEAK_RUNS
# Around the third pulse of the cleaner series and the second of the rinse
# series, on the readings' bounds: each pulse read only above the heater.
AROUND = [
    (PHASE + RUNS[2][0] - 6.3, PHASE + RUNS[2][1] + 5.7),
    (PHASE + RUNS[5][0] - 6.3, PHASE + RUNS[5][1] + 5.7),
]
PART = 2.0 * PUMP / HEATER * EVERY  # on in an edge's reading: two pump steps


def cycles(count: int) -> list[tuple[float, float]]:
    """The heater on for about 15 s, ``count`` times before: an edge at each switching."""
    spans = [
        (PHASE + 10 + 40 * k - PART, PHASE + 25 + 40 * k + PART) for k in range(count)
    ]
    assert spans[-1][1] < RUNS[0][0] - 30
    return spans


def recognize(heaters: Sequence[tuple[float, float]]) -> list[Recognized]:
    """The backflush read every second beside ``heaters``, recognized."""
    end = RUNS[-1][1] + 300
    reports = readings(RUNS, every=EVERY, end=end, heaters=heaters, phase=PHASE)
    return pulse_traces.recognize(reports)


# Edges enough for twice the noise a backflush with weak pulses may stand among.
WINDOW = (RUNS[-1][1] - (RUNS[0][0] - NOISE_BEFORE)) / EVERY
COUNT = math.ceil(2 * ODD_SHARE_MAX * WINDOW / 2)


def test_edges_do_not_count_against_clean_pulses() -> None:
    assert 1.25 < PART * HEATER / EVERY / PUMP < HEATER_MIN
    (found,) = recognize(cycles(COUNT))
    assert (found.weak, found.pulses) == (0, 8)


def test_they_count_around_weak_pulses() -> None:
    (found,) = recognize([*cycles(2), *AROUND])
    assert found.weak == 2
    assert recognize([*cycles(COUNT), *AROUND]) == []
