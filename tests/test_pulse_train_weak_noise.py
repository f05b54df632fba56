"""A backflush's own weak pulses are not noise against it, on a fast plug (pure).

A pulse read only in a heater's band (weak) is noted as noise when read, in
case it fills no series; once it fills one, it is the backflush's own pulse.
On a plug reporting every 2 s or faster a PID's burst reads heater-sized, so
such a pulse is no PID's; the other unexplained readings still count.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.constants import NOISE_BEFORE

from .pulse_traces import WEAK_HEATERS, WEAK_RUNS, quiet_then, recognize


def edges(count: int) -> list[tuple[float, float]]:
    """``count`` moments of a heater, each read alone as unexplained, away from the rest."""
    first, last = WEAK_RUNS[0][0], WEAK_RUNS[-1][1]
    start = first - NOISE_BEFORE
    step = 0.93 * (last - start) / count
    moments: list[tuple[float, float]] = []
    t = start + 0.45
    while len(moments) < count:
        if all(t < s - 4 or t > e + 4 for s, e in [*WEAK_RUNS, *WEAK_HEATERS]):
            moments.append((t, t + 0.12))
        t += step
    return moments


def test_its_weak_pulses_do_not_count_against_it() -> None:
    """With its two weak pulses the odd readings are 1.66 % of them, without 1.42 %."""
    heaters = [*WEAK_HEATERS, *edges(16)]
    (found,) = recognize(quiet_then(WEAK_RUNS, every=1.0, heaters=heaters))
    assert (found.pulses, found.weak) == (8, 2)


def test_the_other_odd_readings_still_count() -> None:
    heaters = [*WEAK_HEATERS, *edges(22)]
    assert recognize(quiet_then(WEAK_RUNS, every=1.0, heaters=heaters)) == []
