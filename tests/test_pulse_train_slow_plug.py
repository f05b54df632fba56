"""A backflush read from a plug averaging 5 s: heaters' edges and pulses two readings long (pure).

On a plug that averages its whole interval, a thermostat's heater switching
on or off leaves one partial reading between the level and the heater's
band: unexplained, but a heater's edge, not noise. A PID's burst (shorter
than a reading) leaves a bump between readings alike: noise, and its
pulse-like readings are single ones, where a pump pulse of 5 s or more spans
two readings. Readings here are a true power averaged over each interval,
as ``simulator.espresso`` makes a ``periodic_5`` plug's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
import math

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import (
    HEATER_MIN,
    LONG_RUN_FAST,
    LONG_RUN_SECONDS,
    NOISE_BEFORE,
    ODD_SHARE_FAST,
    ODD_SHARE_MAX,
)
from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    GENTLE_ODD_SHARE,
)

from . import pulse_traces
from .pulse_traces import CLEANER, HEATER, PUMP, RINSE

EVERY = 5.0
PHASE = 0.3  # the readings end at PHASE + k * EVERY
START = 600.0


def runs_of(pattern: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """(on, off) stretches from ``START`` as (started, ended) runs."""
    return pulse_traces.runs_of(pattern, START)


RUNS = runs_of([*CLEANER, *RINSE])
# Readings counted against the backflush: from NOISE_BEFORE before it to its end.
WINDOW_READINGS = (RUNS[-1][1] - (START - NOISE_BEFORE)) / EVERY


def readings(
    runs: Sequence[tuple[float, float]], heaters: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """What the plug reports: the average of each 5 s interval, to 5 min after."""
    return pulse_traces.readings(
        runs, every=EVERY, end=runs[-1][1] + 300, heaters=heaters, phase=PHASE
    )


def recognize(
    reports: Iterable[tuple[float, float]], run: tuple[float, float] | None = None
) -> list[Recognized]:
    """``pulse_traces.recognize``, with ``run`` (one the pump detector saw) told first."""
    return pulse_traces.recognize(reports, [run] if run is not None else [])


# A heater's part of a reading that is neither the pump nor the heater whole.
PART = 2.0 * PUMP / HEATER * EVERY  # seconds on: two pump steps, under HEATER_MIN


def cycles(count: int) -> list[tuple[float, float]]:
    """A thermostat's heater on for about 20 s, ``count`` times before the backflush.

    Each switching falls ``PART`` s inside a reading: one partial reading
    between the level and the heater's band at each edge.
    """
    spans: list[tuple[float, float]] = []
    for k in range(count):
        end_of_reading = PHASE + EVERY * (40 + 16 * k)
        spans.append((end_of_reading - PART, end_of_reading + 4 * EVERY + PART))
    assert spans[-1][1] < START - 30
    return spans


def bumps(count: int) -> list[tuple[float, float]]:
    """A PID's bursts, each ``PART`` s inside one reading between readings alike."""
    spans: list[tuple[float, float]] = []
    for k in range(count):
        started = PHASE + EVERY * (10 + 5 * k) + 1.0
        spans.append((started, started + PART))
    assert spans[-1][1] < START - 30
    return spans


def test_a_heaters_edges_are_not_noise() -> None:
    """More edges than any noise limit allows: still recognized."""
    count = math.ceil(ODD_SHARE_FAST * 1.5 * WINDOW_READINGS / 2)
    assert 1.25 < PART * HEATER / EVERY / PUMP < HEATER_MIN
    (found,) = recognize(readings(RUNS, cycles(count)))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)


def test_as_many_bursts_between_readings_alike_are_noise() -> None:
    count = math.ceil(ODD_SHARE_FAST * 1.5 * WINDOW_READINGS)
    assert recognize(readings(RUNS, bumps(count))) == []


# Noise above the slow plug's own limit, within the fast plugs'.
SOME = math.ceil((ODD_SHARE_MAX + ODD_SHARE_FAST) / 2 * WINDOW_READINGS)


def test_pulses_two_readings_long_may_stand_among_some_noise() -> None:
    assert SOME / WINDOW_READINGS > ODD_SHARE_MAX
    (found,) = recognize(readings(RUNS, bumps(SOME)))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)
    assert found.missed == 0


def within_one_reading(
    runs: list[tuple[float, float]], n: int
) -> list[tuple[float, float]]:
    """The first ``n`` pulses made 4.5 s, all inside one reading (a burst would be)."""
    out = list(runs)
    for i in range(n):
        started, _ = runs[i]
        reading_start = PHASE + EVERY * math.ceil((started - PHASE) / EVERY)
        out[i] = (reading_start + 0.25, reading_start + 4.75)
    return out


# Noise above ``slow_plug.GENTLE_ODD_SHARE``: no find stands among it.
MORE = math.ceil(GENTLE_ODD_SHARE * 1.2 * WINDOW_READINGS)


def test_one_pulse_read_in_a_single_reading_may_stand_two_only_gently() -> None:
    """Two single-reading pulses among some noise stand only where no find was refused before."""
    two = within_one_reading(RUNS, 2)
    assert recognize(readings(two, [])) != []  # a backflush without noise
    assert recognize(readings(two, bumps(SOME))) != []  # gentle_enough
    assert recognize(readings(two, bumps(MORE))) == []
    (found,) = recognize(readings(within_one_reading(RUNS, 1), bumps(SOME)))
    assert found.pulses == 10


def test_a_backflush_with_a_pulse_missed_does_only_gently() -> None:
    """A series of four with a pause of 30 s (a pulse hidden in it): missed.

    Among some noise it stands only where no find was refused before.
    """
    cleaner = [(8, 9), (10, 30), (7, 8), (9, 120)]
    runs = runs_of([*cleaner, *RINSE])
    (found,) = recognize(readings(runs, []))
    assert found.missed == 1
    assert recognize(readings(runs, bumps(SOME))) != []  # gentle_enough
    assert recognize(readings(runs, bumps(MORE))) == []


def around(run: tuple[float, float]) -> tuple[float, float]:
    """A heater on from 20 s before a pulse to just after it, on readings' bounds."""
    started, ended = run
    on = PHASE + EVERY * math.floor((started - 20 - PHASE) / EVERY)
    return (on, PHASE + EVERY * math.ceil((ended + 1 - PHASE) / EVERY))


def test_two_pulses_seen_only_above_a_heater_do_not() -> None:
    """Weak pulses (one a series) are not a slow plug's pulse shape to trust."""
    rinse = len(CLEANER)
    learn = cycles(2)
    one = [*learn, around(RUNS[0])]
    two = [*one, around(RUNS[rinse])]
    assert two[-1][1] < RUNS[rinse + 1][0]
    (found,) = recognize(readings(RUNS, two))
    assert found.weak == 2
    assert recognize(readings(RUNS, [*two, *bumps(SOME)])) == []
    (found,) = recognize(readings(RUNS, [*one, *bumps(SOME)]))
    assert found.weak == 1


def test_a_run_a_fast_plug_would_call_a_shot_does_not_refuse_weak_pulses() -> None:
    """A 5 s plug's run may be two pulses merged and a reading more at each end."""
    weak = [*cycles(2), around(RUNS[0])]
    run = (RUNS[0][0], RUNS[0][0] + (LONG_RUN_FAST + LONG_RUN_SECONDS) / 2)
    (found,) = recognize(readings(RUNS, weak), run)
    assert found.weak == 1
    longer = (RUNS[0][0], RUNS[0][0] + LONG_RUN_SECONDS + 5)
    assert recognize(readings(RUNS, weak), longer) == []
