"""Every 5 s, a dip deep on one side and shallower on the other parts two pulses (pure).

A pause of 4-5 s falls mostly in one reading, which reads well below the
pulse before it; the reading after, partly the next pulse, stands less
above it. Both sides had to be ``DIP`` deep: two pulses read as one piece
too long for a pulse, a shot breaking the series. ``slow_dip`` cuts a dip
``DIP_SIDE`` deep on each side and twice ``DIP`` over both. A simulated
thermostat, replayed as the recognition bench does: without the rule its
hand-made backflush is not recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.constants import DIP
from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    DIP_SIDE,
    slow_dip,
)

from .sim_replay import invented_backflushes, recognized_backflush

SEED = 20_300_003  # a thermostat whose backflush has such pauses


def test_a_dip_deep_on_one_side_cuts() -> None:
    # Seed 20,250,415's pause read 1.0, 0.40, 0.68: 0.60 and 0.28 deep.
    assert slow_dip(DIP, 0.60, 0.28)
    assert slow_dip(DIP, DIP, DIP)
    # Too shallow on one side, or over both: a shot's wobble.
    assert not slow_dip(DIP, 0.9, DIP_SIDE - 0.01)
    assert not slow_dip(DIP, 0.35, 0.2)


def test_a_backflush_whose_pauses_fall_in_one_reading() -> None:
    found = recognized_backflush("thermostat", "rotary", "periodic_5", SEED)
    assert found.pulses >= 8


def test_ordinary_use_makes_no_backflush() -> None:
    assert not invented_backflushes("thermostat", "rotary", "periodic_5", SEED, 30)
