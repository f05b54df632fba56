"""A shot the detector saw refuses weak pulses around it: on a fast plug, one over 30 s (pure).

A pulse read only above a heater steadily on (weak) may be a piece of a shot
cut up by the heater's switching; the pump detector, seeing the pump run on
through, tells the run. On a plug reporting every 2 s or faster it times a
run within a reading or two, and two pulses it merged (with the pause
between) last at most 12 + 4 + 12 s: a longer run is a shot. A 5 s plug's
runs are less sure, there only one longer than ``LONG_RUN_SECONDS`` is.
"""

from __future__ import annotations

from collections.abc import Sequence
import math

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.pulse_train import (
    LONG_RUN_FAST,
    LONG_RUN_SECONDS,
    PowerBackflushes,
)

STANDBY = 4.0
PUMP = 60.0
HEATER = 1100.0

# Four pulses with cleaner, a rinse of two minutes, four with water (from 600 s).
PATTERN = [(8, 10)] * 3 + [(8, 120)] + [(8, 10)] * 3 + [(8, 60)]


def runs_of(start: float) -> list[tuple[float, float]]:
    runs: list[tuple[float, float]] = []
    t = start
    for on, off in PATTERN:
        runs.append((t, t + on))
        t += on + off
    return runs


RUNS = runs_of(600.0)
# The heater seen twice before (learned), then on around the third pulse of
# the cleaner series and the second of the rinse series: each read only above it.
HEATERS = [
    (100.0, 160.0),
    (300.0, 360.0),
    (RUNS[2][0] - 6, RUNS[2][1] + 6),
    (RUNS[5][0] - 6, RUNS[5][1] + 6),
]


def readings(every: float) -> list[tuple[float, float]]:
    """A plug averaging each interval of ``every`` s, to 5 min after the last pulse."""

    def on_during(spans: Sequence[tuple[float, float]], a: float, b: float) -> float:
        return sum(max(0.0, min(b, e) - max(a, s)) for s, e in spans)

    out: list[tuple[float, float]] = []
    t = 0.3 + every
    while t <= RUNS[-1][1] + 300:
        a = t - every
        power = PUMP * on_during(RUNS, a, t) + HEATER * on_during(HEATERS, a, t)
        out.append((t, round(STANDBY + power / every, 1)))
        t += every
    return out


def recognize(every: float, run: tuple[float, float] | None) -> list[Recognized]:
    """The readings, with ``run`` told as the detector saw it."""
    recognizer = PowerBackflushes(PUMP)
    if run is not None:
        recognizer.note_run(*run)
    found: list[Recognized] = []
    for at, watts in readings(every):
        deadline = recognizer.next_deadline
        if deadline is not None and deadline < at:
            found += filter(None, [recognizer.advance(deadline)])
        found += filter(None, [recognizer.feed(at, watts)])
    found += filter(None, [recognizer.advance(math.inf)])
    return found


def shot(seconds: float) -> tuple[float, float]:
    return (RUNS[1][0], RUNS[1][0] + seconds)


def test_on_a_fast_plug_a_run_over_thirty_seconds_refuses_weak_pulses() -> None:
    assert LONG_RUN_FAST < 35 < LONG_RUN_SECONDS
    for every in (1.0, 2.0):
        (found,) = recognize(every, None)
        assert found.weak == 2
        assert recognize(every, shot(35)) == []


def test_two_pulses_merged_do_not() -> None:
    merged = (RUNS[1][0], RUNS[2][1] + 2)  # 28 s: a pulse, its pause, a pulse
    (found,) = recognize(1.0, merged)
    assert found.weak == 2
