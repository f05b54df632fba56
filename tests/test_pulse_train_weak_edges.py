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
from custom_components.espresso_care.signals.pulse_train import (
    HEATER_MIN,
    NOISE_BEFORE,
    ODD_SHARE_MAX,
    PowerBackflushes,
)

STANDBY = 4.0
PUMP = 60.0
HEATER = 1100.0
EVERY = 1.0
PHASE = 0.3  # the readings end at PHASE + k * EVERY

# Four pulses with cleaner, a rinse of two minutes, four with water (from 600 s).
PATTERN = [(8, 10)] * 3 + [(8, 120)] + [(8, 10)] * 3 + [(8, 60)]
RUNS: list[tuple[float, float]] = []
_t = 600.0
for _on, _off in PATTERN:
    RUNS.append((_t, _t + _on))
    _t += _on + _off
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


def readings(heaters: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    def on_during(spans: Sequence[tuple[float, float]], a: float, b: float) -> float:
        return sum(max(0.0, min(b, e) - max(a, s)) for s, e in spans)

    out: list[tuple[float, float]] = []
    t = PHASE + EVERY
    while t <= RUNS[-1][1] + 300:
        a = t - EVERY
        power = PUMP * on_during(RUNS, a, t) + HEATER * on_during(heaters, a, t)
        out.append((t, round(STANDBY + power / EVERY, 1)))
        t += EVERY
    return out


def recognize(heaters: Sequence[tuple[float, float]]) -> list[Recognized]:
    recognizer = PowerBackflushes(PUMP)
    found: list[Recognized] = []
    for at, watts in readings(heaters):
        deadline = recognizer.next_deadline
        if deadline is not None and deadline < at:
            found += filter(None, [recognizer.advance(deadline)])
        found += filter(None, [recognizer.feed(at, watts)])
    found += filter(None, [recognizer.advance(math.inf)])
    return found


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
