"""A series waits on past a hole where pulses may hide (``bridge``, ``holes_max``).

Every 5 s a heater switching during a series leaves readings the pump's
share cannot be read from: one or two pulses and their pauses read as one
piece, neither a pulse nor a shot (a hole). The series before it broke at
the long silence: a cleaner series of one pulse, a hole of two, two pulses
(seed 20,250,439, a dual boiler at 1,793 s). A series may wait on past one
hole a backflush: its next pulse's pause is measured from the hole's end.
"""

from __future__ import annotations

from dataclasses import replace
import math

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    PatternRules,
    Recognized,
)

from .pattern_runs import series

HOLES = replace(DEFAULT_RULES, holes_max=1, short_series=True, weak_max=2)


def _drive(
    runs: list[tuple[float, float]],
    holes: list[tuple[float, float]],
    rules: PatternRules,
    weak: set[int] | None = None,
) -> list[Recognized]:
    """Pulses and holes in order of their start; the backflushes recognized.

    ``weak``: the events (pulses and holes in order, from 0) fed weak.
    """
    rec: BackflushRecognizer[int] = BackflushRecognizer(rules)
    found: list[Recognized] = []
    weak = weak or set()
    events = sorted([(a, b, False) for a, b in runs] + [(a, b, True) for a, b in holes])
    for n, (started, ended, hole) in enumerate(events):
        while (deadline := rec.next_deadline) is not None and deadline <= started:
            if (b := rec.advance(deadline).recognized) is not None:
                found.append(b)
        if hole:
            rec.bridge(started, ended)
        elif (b := rec.feed(n, started, ended, weak=n in weak).recognized) is not None:
            found.append(b)
    if (b := rec.advance(math.inf).recognized) is not None:
        found.append(b)
    return found


# A pulse, a hole of 28 s (two pulses hid there), two pulses; a whole rinse.
CLEANER = [(0.0, 6.0), (40.0, 42.6), (54.0, 61.0)]
HOLE = (12.0, 34.0)
RINSE = series(360.0, 6)


def test_a_series_waits_on_past_a_hole() -> None:
    (found,) = _drive(CLEANER + RINSE, [HOLE], HOLES)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 6, 1)
    # Without the rule the pulse before the hole stood alone, a flush.
    assert _drive(CLEANER + RINSE, [HOLE], replace(HOLES, holes_max=0)) == []


def test_one_hole_a_backflush() -> None:
    rinse = [(360.0, 366.0), (400.0, 407.0), (412.0, 419.0), (424.0, 431.0)]
    holes = [HOLE, (372.0, 394.0)]
    assert _drive(CLEANER + rinse, holes, HOLES) == []
    (found,) = _drive(CLEANER + rinse, holes, replace(HOLES, holes_max=2))
    assert found.pulses == 7


def test_a_hole_makes_no_pulse() -> None:
    """Two pulses around a hole are no series of three."""
    cleaner = [(0.0, 6.0), (40.0, 47.0)]
    assert _drive(cleaner + RINSE, [HOLE], HOLES) == []


def test_a_hole_begins_no_series() -> None:
    found = _drive([(40.0, 46.0), (52.0, 58.0), *RINSE], [HOLE], HOLES)
    assert found == []


def test_after_a_hole_a_series_of_three_waits_no_longer_than_a_pause() -> None:
    """Three pulses and a hole: a pulse 30 s on is the rinse, not one more (seed 20,250,418).

    The hole counts as a pulse for the longer wait (``gap_max``) of a series
    still short: the series closes, three sure pulses, and the rinse begins.
    """
    cleaner = series(0.0, 3)
    hole = (52.0, 80.0)
    rinse = series(110.0, 4)
    (found,) = _drive(cleaner + rinse, [hole], HOLES)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (3, 4, 1)


def test_no_hole_after_a_weak_pulse() -> None:
    """A shot its heater switched in, between flushes read in the heater's band (5,010,005).

    A sure flush, a weak one, the shot read as a hole, a weak flush, a sure
    one: no series waits past the hole.
    """
    cleaner = [(0.0, 5.5), (20.0, 26.0), (73.0, 79.0), (90.0, 97.0)]
    hole = (40.0, 62.0)
    weak = {1, 3}  # events in order: 0, 1, the hole (2), 3, 4
    found = _drive(cleaner + RINSE, [hole], HOLES, weak={*weak})
    assert found == []
    # The same readings with the flush before the hole sure: a series of three.
    (found_sure,) = _drive(cleaner + RINSE, [hole], HOLES, weak={3})
    assert found_sure.cleaner_pulses == 4
