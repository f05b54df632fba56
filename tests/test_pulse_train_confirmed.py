"""On a fast plug a backflush the pump detector saw pulse by pulse stands among a slow PID's noise (pure).

Read every 1-2 s under a slow PID's heater bursts, a person's pulses read a
little short (4 s, not sturdy) and among bursts the quiet rule refuses. Where
the detector saw ``CONFIRMED_MIN`` or more of its pulses, and half of them,
each as a run of its own, it stands: a PID's bursts seldom read as a pump
step the detector pairs. Runs over two pulses (merged), too few runs, or a
plug reading every 5 s keep the rules. The readings are made as in
``test_pulse_train``.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pulses.constants import (
    BEFORE_MAX,
    CONFIRMED_MIN,
    QUIET_SECONDS,
)

from .pulse_traces import quiet_then, recognize, runs_of

START = 600.0
# Pulses of 4 s: a backflush's read short, not sturdy.
SHORT = [(4.0, 9.0)] * 4 + [(4.0, 120.0)] + [(4.0, 9.0)] * 4 + [(4.0, 60.0)]
RUNS = runs_of(SHORT, START)
# Pulses of 3 s every 26 s all through the five minutes before: a slow PID's
# bursts, more than the quiet rule allows.
CADENCE = [
    (START + 5.0 - QUIET_SECONDS + 26.0 * k, START + 8.0 - QUIET_SECONDS + 26.0 * k)
    for k in range(BEFORE_MAX + 1)
]
READINGS = {every: quiet_then([*CADENCE, *RUNS], every=every) for every in (1.0, 2.0)}


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_unconfirmed_it_is_refused(every: float) -> None:
    assert recognize(READINGS[every]) == []


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_seen_by_the_detector_it_stands(every: float) -> None:
    # The detector's runs, each a reading late at both edges.
    runs = [(s - every, e + every) for s, e in RUNS]
    (found,) = recognize(READINGS[every], runs)
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)


def test_too_few_runs_do_not_confirm() -> None:
    # One short of the minimum, in both series (half of them would do else).
    runs = (
        RUNS[: CONFIRMED_MIN // 2]
        + RUNS[5 : 5 + CONFIRMED_MIN - CONFIRMED_MIN // 2 - 1]
    )
    assert len(runs) == CONFIRMED_MIN - 1
    assert recognize(READINGS[1.0], runs) == []


def test_runs_over_two_pulses_do_not_confirm() -> None:
    # Pulses two by two in each series (the last of each alone).
    merged = [(RUNS[i][0], RUNS[i + 1][1]) for i in (0, 2, 5, 7)]
    assert recognize(READINGS[1.0], merged) == []


def test_a_slower_plug_keeps_the_rules() -> None:
    readings = quiet_then([*CADENCE, *RUNS], every=5.0)
    assert recognize(readings, RUNS) == []
