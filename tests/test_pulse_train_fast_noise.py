"""On a fast plug, a heater's switching edges among sure pulses do not refuse a backflush (pure).

A heat exchanger's pressurestat switches its heater every 30-90 s; a reading
that catches a moment of it is neither the pump nor the heater (unexplained).
On a plug reporting every 2 s or faster a slow PID's bursts read as such
readings too, never as pulses, so a backflush of pulses all read clean may
stand among a few more of them than on a slower plug. The readings here are
made as in ``test_pulse_train``; the backflush's pulses are 4 s (one of long
pulses, apart, stands among more: ``test_pulse_train_sturdy``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pulses.constants import (
    NOISE_BEFORE,
    ODD_SHARE_FAST,
    ODD_SHARE_MAX,
)

from .pulse_traces import quiet_then, recognize, runs_of

SHORT = [(4.0, 9.0)] * 4 + [(4.0, 120.0)] + [(4.0, 9.0)] * 4 + [(4.0, 60.0)]
RUNS = runs_of(SHORT, 600)


def edges(every: float, share: float) -> list[tuple[float, float]]:
    """Moments of a heater, each read alone as unexplained, ``share`` of the readings.

    Counted from ``NOISE_BEFORE`` before the first pulse to the last pulse's
    end; none falls within 3 s of a pulse.
    """
    first, last = RUNS[0][0], RUNS[-1][1]
    readings = (last - (first - NOISE_BEFORE)) / every
    step = (last - (first - NOISE_BEFORE)) / (share * readings)
    moments: list[tuple[float, float]] = []
    t = first - NOISE_BEFORE + 0.45 * every
    while t < last + 200:
        if all(t < s - 3 or t > e + 3 for s, e in RUNS):
            moments.append((t, t + 0.12 * every))
        t += step
    return moments


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_heaters_edges_among_sure_pulses_do_not_refuse_it(every: float) -> None:
    share = (ODD_SHARE_MAX + ODD_SHARE_FAST) / 2
    (found,) = recognize(quiet_then(RUNS, every=every, heaters=edges(every, share)))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)
    assert found.weak == 0


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_more_of_them_refuse_it(every: float) -> None:
    share = ODD_SHARE_FAST * 1.5
    assert recognize(quiet_then(RUNS, every=every, heaters=edges(every, share))) == []
