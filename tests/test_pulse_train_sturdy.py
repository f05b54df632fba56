"""On a fast plug a backflush of long pulses, apart, stands among a slow PID's noise (pure).

Read every 1-2 s, a slow PID's heater bursts are short pulses (2-4 s, a
burst or a few merged) and unexplained readings, before, between and after
anything: the quiet and noise rules refuse a backflush among them. Eight
pulses of 5 s or more, each 2.5 s or more from the next, are a person's, not
bursts: such a backflush stands, unless more than half as many shorter
pulses come among them (a PID whose bursts now and then read 5 s or more).
Six are enough (two of a backflush's eight read short under a burst) where
the pump detector timed no shot-long run among them: a shot a heater cut
into long pieces several seconds apart is one. A shot cut into long pieces
a second apart does not stand either, nor does a backflush read every 5 s,
where a burst averaged over a reading is a pump-sized pulse. The readings
are made as in ``test_pulse_train``.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pulses.constants import (
    BEFORE_MAX,
    NOISE_BEFORE,
    ODD_SHARE_FAST,
    QUIET_SECONDS,
    SHORT_PER_LONG,
    SHOT_RUN,
    STURDY_FEW,
    STURDY_MIN,
    STURDY_PAUSE,
    STURDY_SECONDS,
)

from .pulse_traces import BACKFLUSH, CLEANER, RINSE, quiet_then, recognize, runs_of

START = 600.0
RUNS = runs_of(BACKFLUSH, START)
# Pulses of 3 s every 26 s all through the five minutes before (none joins
# the cleaner series): a slow PID's bursts, more than the quiet rule allows.
CADENCE = [
    (START + 5.0 - QUIET_SECONDS + 26.0 * k, START + 8.0 - QUIET_SECONDS + 26.0 * k)
    for k in range(BEFORE_MAX + 1)
]
# A shot of 4 x 6 s cut a second and a half apart by a heater, in each series.
CUT = [(6.0, 1.5)] * 3 + [(6.0, 120.0)] + [(6.0, 1.5)] * 3 + [(6.0, 60.0)]
# Pulses of 4 s: a backflush's, shorter than ``STURDY_SECONDS``.
SHORT = [(4.0, 9.0)] * 4 + [(4.0, 120.0)] + [(4.0, 9.0)] * 4 + [(4.0, 60.0)]
# Four pulses with cleaner, four with water, two of them read 4 s (a slow
# PID's burst beside the pump's edge took their share): six long ones.
CLEANER_SHORTENED = [(8.0, 9.0), (4.0, 9.0), (8.0, 9.0), (8.0, 120.0)]
RINSE_SHORTENED = [(8.0, 9.0), (8.0, 9.0), (4.0, 9.0), (8.0, 60.0)]
SHORTENED = [*CLEANER_SHORTENED, *RINSE_SHORTENED]


def moments(every: float, share: float) -> list[tuple[float, float]]:
    """Moments of a heater, each read alone as unexplained, ``share`` of the readings.

    From ``NOISE_BEFORE`` before the first pulse on, none within 3 s of a pulse.
    """
    first, last = RUNS[0][0], RUNS[-1][1]
    step = every / share
    out: list[tuple[float, float]] = []
    t = first - NOISE_BEFORE + 0.45 * every
    while t < last + 200:
        if all(t < s - 3 or t > e + 3 for s, e in RUNS):
            out.append((t, t + 0.12 * every))
        t += step
    return out


def test_the_backflush_is_sturdy() -> None:
    assert len(BACKFLUSH) >= STURDY_MIN
    assert all(on >= STURDY_SECONDS and off >= STURDY_PAUSE for on, off in BACKFLUSH)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_it_stands_among_pulses_at_a_cadence(every: float) -> None:
    (found,) = recognize(quiet_then([*CADENCE, *RUNS], every=every))
    assert (found.cleaner_pulses, found.rinse_pulses, found.weak) == (5, 5, 0)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_it_stands_among_many_odd_readings(every: float) -> None:
    heaters = moments(every, 2 * ODD_SHARE_FAST)
    (found,) = recognize(quiet_then(RUNS, every=every, heaters=heaters))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_two_pulses_read_short_leave_it_sturdy(every: float) -> None:
    """A backflush's eight pulses at least, two read short: six long ones stand."""
    assert sum(on >= STURDY_SECONDS for on, _ in SHORTENED) == STURDY_FEW < STURDY_MIN
    runs = runs_of(SHORTENED, START)
    (found,) = recognize(quiet_then([*CADENCE, *runs], every=every))
    assert (found.cleaner_pulses, found.rinse_pulses, found.weak) == (4, 4, 0)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_a_shot_long_run_among_few_long_ones_is_refused(every: float) -> None:
    """The detector timed a run shot-long over two of them: a shot a heater cut up."""
    runs = runs_of(SHORTENED, START)
    shot = (runs[0][0], runs[1][1])
    assert shot[1] - shot[0] >= SHOT_RUN
    reports = quiet_then([*CADENCE, *runs], every=every)
    assert recognize(reports, long_runs=[shot]) == []


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_three_pulses_read_short_are_refused(every: float) -> None:
    """Five long ones among eight: too few (and too many short among them)."""
    fewer = [*SHORTENED[:4], (4.0, 9.0), *SHORTENED[5:]]
    assert sum(on >= STURDY_SECONDS for on, _ in fewer) == STURDY_FEW - 1
    assert recognize(quiet_then([*CADENCE, *runs_of(fewer, START)], every=every)) == []


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_short_pulses_among_them_are_refused(every: float) -> None:
    short = runs_of(SHORT, START)
    assert recognize(quiet_then([*CADENCE, *short], every=every)) == []


def test_long_pieces_a_second_apart_are_refused() -> None:
    """A shot cut up reads as pulses (the pattern takes them) but none apart enough."""
    cut = runs_of(CUT, START)
    assert recognize(quiet_then([*CADENCE, *cut], every=1.0)) == []


def test_a_slower_plug_keeps_the_rules() -> None:
    assert recognize(quiet_then([*CADENCE, *RUNS], every=5.0)) == []


def test_among_more_shorter_pulses_it_is_refused() -> None:
    """Bursts of 3 s every 26 s in its rinse pause too: more than half as many as its long pulses."""
    cleaner = runs_of([*CLEANER[:-1], (CLEANER[-1][0], 30.0)], START)
    count = int(SHORT_PER_LONG * len(BACKFLUSH)) + 1
    between = [
        (cleaner[-1][1] + 30.0 + 26.0 * k, cleaner[-1][1] + 33.0 + 26.0 * k)
        for k in range(count)
    ]
    runs = [*CADENCE, *cleaner, *between, *runs_of(RINSE, between[-1][1] + 30.0)]
    assert recognize(quiet_then(runs, every=1.0)) == []
    fewer = [*CADENCE, *cleaner, *between[:-1], *runs_of(RINSE, between[-1][1] + 30.0)]
    (found,) = recognize(quiet_then(fewer, every=1.0))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)
