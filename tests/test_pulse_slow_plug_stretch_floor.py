"""A heater's stretch read against its own lowest reading, every 5 s (pure).

A thermostat's heater band learned 20 W low (at another mains) read a
small vibratory pump's pauses above it as a third of the pump on and its
pulses past ``ABOVE``: the backflush's pulses over the heater merged into
a piece no rule read (``stretch_floor``; seed 20,250,444 at 18,832 s, the
bench seed's, replayed as the recognition bench does).
"""

from __future__ import annotations

from bench.recognition import power_runs, true_backflushes
from custom_components.espresso_care.signals.power.pulse_slow_plug import (
    FLOOR_MAX,
    stretch_floor,
)
from simulator.espresso import generate

from .sim_replay import recognized_backflush


def test_only_a_lowest_reading_a_part_of_the_pump_above_the_band_moves_it() -> None:
    assert stretch_floor(0.31) == 0.31
    # The stretch's first reading: nothing known yet.
    assert stretch_floor(None) == 0.0
    # At or below the band as learned: read as learned.
    assert stretch_floor(-0.1) == 0.0
    # The pump on all the stretch long (a shot): its lowest reading is no floor.
    assert stretch_floor(FLOOR_MAX + 0.1) == 0.0


def test_a_backflush_read_over_a_heater_band_learned_low() -> None:
    trace = generate(
        "thermostat",
        "vibratory",
        "periodic_5",
        seed=20_250_444,
        shots=32,
        days=8,
        hand_backflushes=6,
        calibration=False,
    )
    truth = true_backflushes(trace)
    trained = power_runs(trace)[1]
    (start, end) = next((s, e) for s, e in truth if 18_800 < s < 18_900)
    assert any(t.started <= end and start <= t.ended for t in trained)


def test_a_heater_learned_twice_half_a_pump_apart_keeps_its_bands() -> None:
    # One heater learned as two bands half a pump's step apart: a stretch
    # begun with the pump on in the higher one took that for its floor.
    found = recognized_backflush("dual_boiler", "vibratory", "periodic_5", 20_100_019)
    assert found.pulses >= 8
