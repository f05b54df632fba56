"""A pulse hidden in a heater's readings while the pump read off (``darken``).

Every 5 s a heat exchanger's heater switching on and off within a pause
leaves readings no band explains; a pulse run wholly inside them reads as
no pulse at all, and the pause around it is too long for the series: a
cleaner series of one pulse, then three (20,000,022 at 22,548 s). The train
tells the pattern of such a stretch (``darken``); it is bridged as a hole
(``bridge``) only when the next pulse comes too late without it.
"""

from __future__ import annotations

from dataclasses import replace
import math

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    Recognized,
)

from .pattern_runs import series

# A slow plug's rules as the train sets them (``latency`` 0: the train
# decides at the reading that ends a pulse).
SLOW = replace(DEFAULT_RULES, holes_max=1, short_series=True, weak_max=2, latency=0.0)


def _drive(
    runs: list[tuple[float, float]],
    dark: list[tuple[float, float]],
    holes: tuple[tuple[float, float], ...] = (),
) -> list[Recognized]:
    """Pulses, unsure stretches and holes in order of their start; the backflushes recognized."""
    rec: BackflushRecognizer[int] = BackflushRecognizer(SLOW)
    found: list[Recognized] = []
    events = sorted(
        [(a, b, "pulse") for a, b in runs]
        + [(a, b, "dark") for a, b in dark]
        + [(a, b, "hole") for a, b in holes]
    )
    for n, (started, ended, kind) in enumerate(events):
        while (deadline := rec.next_deadline) is not None and deadline <= started:
            if (b := rec.advance(deadline).recognized) is not None:
                found.append(b)
        if kind == "dark":
            rec.darken(started, ended)
        elif kind == "hole":
            rec.bridge(started, ended)
        elif (b := rec.feed(n, started, ended).recognized) is not None:
            found.append(b)
    if (b := rec.advance(math.inf).recognized) is not None:
        found.append(b)
    return found


# 20,000,022 at 22,548 s, from the first pulse: a pulse, the heater's
# readings (880, 1,275, 281 W) over the second, then two pulses; a rinse.
CLEANER = [(0.0, 3.7), (33.2, 38.2), (44.8, 49.3)]
DARK = (9.6, 24.5)
RINSE = series(640.0, 4)


def test_a_pulse_hidden_in_a_heaters_readings() -> None:
    (found,) = _drive(CLEANER + RINSE, [DARK])
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 4, 1)
    # Without it the first pulse stood alone, a flush, and so did the series.
    assert _drive(CLEANER + RINSE, []) == []


def test_the_series_waits_for_its_pulse_past_the_stretch() -> None:
    """Fed as a machine does (at deadlines): the stretch holds the series open.

    Its pause to the next pulse, 29.5 s, is over ``pause_max``: without the
    stretch the series closed at its deadline before that pulse came.
    """
    rec: BackflushRecognizer[int] = BackflushRecognizer(SLOW)
    rec.feed(0, *CLEANER[0])
    before = rec.next_deadline
    rec.darken(*DARK)
    assert rec.next_deadline == DARK[1] + SLOW.pause_max + SLOW.latency
    assert before is not None
    assert before < CLEANER[1][0]


def test_a_stretch_not_needed_leaves_the_hole_free() -> None:
    """A stretch inside a pause short enough is no hole: a hole later may be bridged."""
    cleaner = [(0.0, 6.0), (12.0, 18.0), (40.0, 42.6), (54.0, 61.0)]
    dark = (7.0, 10.0)
    hole = (24.0, 34.0)  # over a pulse: 18 -> 40 is too long a pause
    (found,) = _drive(cleaner + RINSE, [dark], (hole,))
    assert (found.cleaner_pulses, found.missed) == (4, 0)


def test_no_stretch_bridged_after_a_weak_pulse() -> None:
    rec: BackflushRecognizer[int] = BackflushRecognizer(SLOW)
    rec.feed(0, *CLEANER[0], weak=True)
    before = rec.next_deadline
    rec.darken(*DARK)
    assert rec.next_deadline == before


def test_a_stretch_makes_no_pulse() -> None:
    """A pulse, a stretch, a pulse: no series of three."""
    assert _drive(CLEANER[:2] + RINSE, [DARK]) == []


def test_no_stretch_kept_from_a_series_second_pulse() -> None:
    """From the second pulse a long pause is a missed pulse already (``gap_max``).

    A stretch kept there held the series open past its deadline: flushes
    and a shot's first piece, fed after it, made a rinse series of five on
    an ordinary day (21,010,003 at 17,812 s).
    """
    rec: BackflushRecognizer[int] = BackflushRecognizer(SLOW)
    rec.feed(0, 0.0, 4.5)
    rec.feed(1, 12.5, 17.0)
    before = rec.next_deadline
    assert before == 17.0 + SLOW.gap_max
    rec.darken(40.0, 45.0)
    assert rec.next_deadline == before


def test_a_series_past_a_stretch_misses_no_more() -> None:
    """The stretch stood for the pulse it hid: the series waits no longer after it.

    Flushes 33 s and 46 s apart, a heater's readings in the first pause: a
    pulse, the stretch, a pulse, a long pause taken as a missed pulse, a
    pulse made a cleaner series of three that took the backflush after it
    as its rinse (20,000,012 at 18,457 s).
    """
    rec: BackflushRecognizer[int] = BackflushRecognizer(SLOW)
    rec.feed(0, 0.0, 4.5)
    rec.darken(10.0, 20.0)
    rec.feed(1, 33.0, 38.0)
    assert rec.next_deadline == 38.0 + SLOW.pause_max
    flushes = [(0.0, 4.5), (33.0, 38.0), (79.0, 84.0), *series(600.0, 4)]
    assert _drive(flushes, [(10.0, 20.0)]) == []
