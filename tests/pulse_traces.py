"""A metering plug's readings of hand-made backflushes, and a recognizer fed them.

Shared by the tests of ``signals.power.pulses``: readings made from a true
power (standby, a pump of ``PUMP`` W, heaters) averaged over each report's
interval, as a metering plug reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
import math

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses import PowerBackflushes

STANDBY = 4.0
PUMP = 60.0
HEATER = 1100.0

# (on, off) seconds: five pulses with cleaner, a rinse of two minutes, five with water.
CLEANER = [(8, 9), (10, 12), (7, 8), (9, 11), (10, 120)]
RINSE = [(9, 10), (8, 12), (11, 9), (10, 10), (6, 60)]
BACKFLUSH = [*CLEANER, *RINSE]


def runs_of(
    pattern: Iterable[tuple[float, float]], start: float
) -> list[tuple[float, float]]:
    """(on, off) stretches from ``start`` as (started, ended) runs."""
    runs: list[tuple[float, float]] = []
    t = start
    for on, off in pattern:
        runs.append((t, t + on))
        t += on + off
    return runs


def readings(
    runs: Sequence[tuple[float, float]],
    *,
    every: float,
    end: float,
    heaters: Sequence[tuple[float, float]] = (),
    heater_watts: float = HEATER,
    phase: float = 0.3,
) -> list[tuple[float, float]]:
    """What a plug reporting every ``every`` s (averaging its interval) reports."""

    def on_during(spans: Sequence[tuple[float, float]], a: float, b: float) -> float:
        return sum(max(0.0, min(b, e) - max(a, s)) for s, e in spans)

    out: list[tuple[float, float]] = []
    t = phase + every
    while t <= end:
        a = t - every
        watts = (
            STANDBY
            + (PUMP * on_during(runs, a, t) + heater_watts * on_during(heaters, a, t))
            / every
        )
        out.append((t, round(watts, 1)))
        t += every
    return out


def recognize(
    reports: Iterable[tuple[float, float]],
    long_runs: Sequence[tuple[float, float]] = (),
    pump: float = PUMP,
    volts: float | None = None,
    told: Sequence[tuple[float, float, float]] = (),
) -> list[Recognized]:
    """Feed every reading, advance at the deadlines in between, then let time pass.

    ``long_runs``: runs the pump detector saw, noted first (``note_run``);
    ``volts``: the mains the plug reports with each reading, if it does;
    ``told``: (when, started, ended) runs the detector told at ``when``,
    noted before the first reading from then on.
    """
    recognizer = PowerBackflushes(pump)
    for started, ended in long_runs:
        recognizer.note_run(started, ended)
    pending = sorted(told)
    found: list[Recognized] = []
    for at, watts in reports:
        while pending and pending[0][0] <= at:
            _, started, ended = pending.pop(0)
            recognizer.note_run(started, ended)
        deadline = recognizer.next_deadline
        if (
            deadline is not None
            and deadline < at
            and (late := recognizer.advance(deadline)) is not None
        ):
            found.append(late)
        if (now := recognizer.feed(at, watts, volts)) is not None:
            found.append(now)
    if (last := recognizer.advance(math.inf)) is not None:
        found.append(last)
    return found


def quiet_then(
    runs: list[tuple[float, float]], *, every: float, **kwargs: object
) -> list[tuple[float, float]]:
    """Ten minutes of standby, the runs, five more minutes."""
    end = max(e for _, e in runs) + 300 if runs else 900
    return readings(runs, every=every, end=end, **kwargs)  # type: ignore[arg-type]


# Weak pulses: four pulses with cleaner, a rinse of two minutes, four with water.
WEAK_PATTERN = [(8, 10)] * 3 + [(8, 120)] + [(8, 10)] * 3 + [(8, 60)]
WEAK_RUNS = runs_of(WEAK_PATTERN, 600)
# The heater seen twice before (learned), then on around the third pulse of
# the cleaner series and the second of the rinse series: each read only above it.
WEAK_HEATERS = [
    (100, 160),
    (300, 360),
    (WEAK_RUNS[2][0] - 6, WEAK_RUNS[2][1] + 6),
    (WEAK_RUNS[5][0] - 6, WEAK_RUNS[5][1] + 6),
]
