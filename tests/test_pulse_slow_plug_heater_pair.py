"""Every 5 s, a stale repeat or a heater's short stretch split in two makes no heater band (pure).

A heater's band is learned from two unexplained readings alike in a row,
seen twice. Every 5 s such a pair is often not the heater full on: a stale
meter repeating a reading to the watt, or a heat exchanger's 5-10 s heater
stretch split about evenly across two readings risen from the level. Their
junk bands (a part of the heater's step) pushed the heater's own band out of
the four remembered (``heater_pair``). Simulated heat exchangers, replayed
as the recognition bench does: without the rule their hand-made backflushes
are not recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    heater_pair,
)

from .sim_replay import invented_backflushes, recognized_backflush

TOLERANCE = 56.0  # how far apart one level's readings may be (W)


def test_a_backflush_read_past_a_stale_repeat() -> None:
    found = recognized_backflush("heat_exchanger", "rotary", "periodic_5", 20_100_020)
    assert found.pulses >= 8


def test_a_backflush_read_past_a_heaters_stretch_split_in_two() -> None:
    found = recognized_backflush("heat_exchanger", "rotary", "periodic_5", 20_100_029)
    assert found.pulses >= 8


def test_only_a_pair_alike_not_repeated_nor_risen_from_the_level() -> None:
    assert heater_pair(1343.0, 1338.0, None, rose=False, tolerance=TOLERANCE)
    # A stale meter's repeat, to the watt; after a third reading alike, the
    # level held (a plug reading a steady heater to the watt).
    assert not heater_pair(972.0, 972.0, None, rose=False, tolerance=TOLERANCE)
    assert heater_pair(972.0, 972.0, 975.0, rose=False, tolerance=TOLERANCE)
    # Two halves of a heater's stretch risen from the level.
    assert not heater_pair(856.0, 809.0, None, rose=True, tolerance=TOLERANCE)
    # Not alike.
    assert not heater_pair(1338.0, 394.0, None, rose=False, tolerance=TOLERANCE)


def test_ordinary_use_of_a_heat_exchanger_makes_no_backflush() -> None:
    assert not invented_backflushes(
        "heat_exchanger", "rotary", "periodic_5", 20_100_020, 30
    )
