"""A heater's stretch read against its own lowest reading, every 5 s (pure).

A thermostat's heater band learned 20 W low (at another mains) read a
small vibratory pump's pauses above it as a third of the pump on and its
pulses past ``ABOVE``: the backflush's pulses over the heater merged into
a piece no rule read (``stretch_floor``; seed 20,250,444 at 18,832 s, the
bench seed's, replayed as the recognition bench does).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    FLOOR_MAX,
    stretch_floor,
)

from .sim_replay import backflush_days, read_over, recognized_backflush


def test_only_a_lowest_reading_a_part_of_the_pump_above_the_band_moves_it() -> None:
    assert stretch_floor(0.31) == 0.31
    # The stretch's first reading: nothing known yet.
    assert stretch_floor(None) == 0.0
    # At or below the band as learned: read as learned.
    assert stretch_floor(-0.1) == 0.0
    # The pump on all the stretch long (a shot): its lowest reading is no floor.
    assert stretch_floor(FLOOR_MAX + 0.1) == 0.0


def test_a_backflush_read_over_a_heater_band_learned_low() -> None:
    truth, trained = backflush_days("thermostat", "vibratory", "periodic_5", 20_250_444)
    (start, end) = next((s, e) for s, e in truth if 18_800 < s < 18_900)
    assert read_over(trained, start, end)


def test_a_heater_learned_twice_half_a_pump_apart_keeps_its_bands() -> None:
    # One heater learned as two bands half a pump's step apart: a stretch
    # begun with the pump on in the higher one took that for its floor.
    found = recognized_backflush("dual_boiler", "vibratory", "periodic_5", 20_100_019)
    assert found.pulses >= 8
