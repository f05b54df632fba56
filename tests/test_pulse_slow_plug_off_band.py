"""Readings alike in a heater's band learned off are the pump off, every 5 s (pure).

With the mains unknown, a heater's band is learned off by up to the pump's
size: as long as the heater stays on, every reading reads the pump a part
on, and the piece grows into the pulses after it, longer than a pulse. Three
readings alike in one heater's band, each a part of the pump's step, are
read as the pump off (``heater_off_band``), as readings alike with no heater
on move the level. One simulated thermostat, replayed as the recognition
bench does: without the rule its hand-made backflush is not recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    heater_off_band,
)

from .sim_replay import invented_backflushes, recognized_backflush

HEATER = 1000.0  # a heater's step above the level (W)
TOLERANCE = 20.0  # how far one heater's step may wander between readings (W)


def test_a_backflush_read_after_a_heaters_band_learned_off() -> None:
    found = recognized_backflush("thermostat", "vibratory", "periodic_5", 20_100_044)
    assert found.pulses >= 8


def test_only_two_readings_in_one_heaters_band() -> None:
    assert heater_off_band(HEATER, HEATER + 5.0, TOLERANCE)
    # The level (0) is the other rule's, which moves the level itself.
    assert not heater_off_band(0.0, 0.0, TOLERANCE)
    # A heater switching (unexplained) or another heater's band.
    assert not heater_off_band(None, HEATER, TOLERANCE)
    assert not heater_off_band(HEATER, None, TOLERANCE)
    assert not heater_off_band(HEATER, 2 * HEATER, TOLERANCE)
    # Rising from the level into the heater's band: not alike.
    assert not heater_off_band(0.0, HEATER, TOLERANCE)


def test_ordinary_use_of_a_thermostat_makes_no_backflush() -> None:
    assert not invented_backflushes(
        "thermostat", "vibratory", "periodic_5", 20_100_044, 30
    )
