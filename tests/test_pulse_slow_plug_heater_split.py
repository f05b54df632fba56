"""A heater's stretch inside a 5 s plug's excursion, a pump's edge beside it, is a hole (pure).

Every 5 s, with the mains unknown, a heater's band is learned off by up to
the pump's size: a pause in a backflush read above the heater reads as the
pump on, and two pulses merge into one piece longer than a pulse, which broke
the series as a shot does. Where a reading beside the heater's stretch is a
part of the pump's step (the pump rose or fell there), the stretch is left
out and the readings on each side are read apart (``heater_split``). One
simulated heat exchanger, replayed as the recognition bench does: without
the rule its hand-made backflush is not recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.constants import PART_MAX
from custom_components.espresso_care.signals.power.pulses.slow_plug import heater_split

from .sim_replay import recognized_backflush

# (start, end, the pump's fraction or None, read with no heater on)
FELL = [(0.0, 5.0, 1.0, True), (5.0, 10.0, 0.5, True)]
HEATER = [(10.0, 15.0, None, False), (15.0, 20.0, 0.6, False)]
ROSE = [(20.0, 25.0, 0.4, True), (25.0, 30.0, 1.0, True)]
FULL = (0.0, 5.0, 1.0, True)


def test_a_backflush_read_apart_around_a_heaters_stretch() -> None:
    found = recognized_backflush(
        "heat_exchanger", "vibratory", "periodic_5", 20_100_009
    )
    assert found.pulses >= 8


def test_the_stretch_is_left_out_where_the_pump_rose_or_fell_beside_it() -> None:
    assert heater_split([*FELL, *HEATER, *ROSE], PART_MAX) == [FELL, ROSE]
    # The pump fell before the heater and was full on after: still a pause.
    full_after = [FULL, FULL]
    assert heater_split([*FELL, *HEATER, *full_after], PART_MAX) == [FELL, full_after]


def test_a_shot_the_heater_switched_in_is_kept_whole() -> None:
    # The pump full on both sides of the heater's stretch.
    shot = [FULL, FULL, *HEATER, FULL, FULL]
    assert heater_split(shot, PART_MAX) == [shot]


def test_a_stretch_at_either_end_is_kept() -> None:
    # No reading with no heater on beyond it: nothing on that side to read apart.
    assert heater_split([*FELL, *HEATER], PART_MAX) == [[*FELL, *HEATER]]
    assert heater_split([*HEATER, *ROSE], PART_MAX) == [[*HEATER, *ROSE]]
