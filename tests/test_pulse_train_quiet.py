"""A backflush read from power needs the pump still before it and in its rinse pause (pure).

A slow PID idling switches its heater on for a moment every window (2-10 s);
averaged over a plug's interval, each burst reads as a pulse of about the
pump's size, and they go on at the window's cadence before, between and
after any series they happen to form. A person's backflush begins after the
machine stood still for a while (a shot, a flush or two at most) and its
rinse pause is still. The readings here are made as in ``test_pulse_train``. The
backflushes judged here have pulses of 4 s: one of long pulses, apart, on a
fast plug stands among such pulses (``test_pulse_train_sturdy``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.constants import (
    BEFORE_MAX,
    BETWEEN_MAX,
    QUIET_SECONDS,
)

from .pulse_traces import BACKFLUSH, quiet_then, recognize, runs_of

CLEANER = [(4.0, 10.0)] * 4 + [(4.0, 30.0)]
RINSE = [(4.0, 10.0)] * 4 + [(4.0, 60.0)]


def cadence(start: float, count: int) -> list[tuple[float, float]]:
    """``count`` pulses of 3 s every 26 s: each alone, too far apart to make a series."""
    return [(start + 26.0 * k, start + 26.0 * k + 3.0) for k in range(count)]


def with_pulses_in_the_rinse_pause(count: int) -> list[tuple[float, float]]:
    """Five pulses with cleaner, ``count`` lone pulses, five with water."""
    cleaner = runs_of(CLEANER, 600)
    between = cadence(cleaner[-1][1] + 30.0, count)
    rinse_from = (between[-1][1] if between else cleaner[-1][1]) + 30.0
    return [*cleaner, *between, *runs_of(RINSE, rinse_from)]


def test_pulses_at_a_cadence_before_the_backflush_refuse_it() -> None:
    """Pump-sized pulses all through the five minutes before: a heater's cadence."""
    before = cadence(605.0 - QUIET_SECONDS, BEFORE_MAX + 1)
    assert before[-1][1] < 600 - 22  # none of them joins the cleaner series
    runs = [*before, *runs_of([*CLEANER, *RINSE], 600)]
    assert recognize(quiet_then(runs, every=1.0)) == []


def test_a_few_flushes_before_the_backflush_do_not_refuse_it() -> None:
    runs = [*cadence(480.0, 4), *runs_of(BACKFLUSH, 600)]
    (found,) = recognize(quiet_then(runs, every=1.0))
    assert found.pulses == 10


def test_pulses_at_a_cadence_in_the_rinse_pause_refuse_it() -> None:
    runs = with_pulses_in_the_rinse_pause(BETWEEN_MAX + 1)
    assert recognize(quiet_then(runs, every=1.0)) == []


def test_a_rinse_of_the_group_in_the_rinse_pause_does_not_refuse_it() -> None:
    (found,) = recognize(quiet_then(with_pulses_in_the_rinse_pause(3), every=1.0))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)


def test_a_backflush_soon_after_the_readings_began_is_not_recognized() -> None:
    """What the pump did before is unknown: the readings began 200 s before it."""
    assert recognize(quiet_then(runs_of(BACKFLUSH, 200), every=1.0)) == []
    (found,) = recognize(quiet_then(runs_of(BACKFLUSH, QUIET_SECONDS + 20), every=1.0))
    assert found.pulses == 10
