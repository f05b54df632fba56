"""A slow plug's excursion with a shot-long piece feeds no pulse besides it.

Every 5 s a fast PID's heater, read as the pump, made excursions of 100 s
and more cut at their dips into pieces: a piece of 41 s, then three of a
pulse's length, one excursion; later four more and a 47 s piece, another.
Fed as pulses, they made a cleaner series and a rinse series that the long
piece closed: a backflush invented on an ordinary day (dev seed 20,010,008
at 231,909 s). A piece read clean longer than two pulses (``shot_piece``,
past ``merged_hole``) is a shot's run: the pieces of a pulse's length in
the same excursion are its dips.
"""

from __future__ import annotations

from bench.recognition import power_runs
from custom_components.espresso_care.signals.power.pulses.constants import (
    POWER_RULES,
)
from custom_components.espresso_care.signals.power.pulses.slow_plug import shot_piece

from .sim_replay import ordinary_window


def test_a_piece_longer_than_two_pulses_is_a_shots() -> None:
    assert shot_piece(41.0, POWER_RULES.pulse_max)
    assert not shot_piece(2 * POWER_RULES.pulse_max, POWER_RULES.pulse_max)
    assert not shot_piece(12.0, POWER_RULES.pulse_max)


def test_a_fast_pids_heater_cut_up_makes_no_backflush_every_5_s() -> None:
    day = ordinary_window(
        "pid_fast", "vibratory", "periodic_5", 20_010_008, 233_000.0, after=225_000.0
    )
    assert not [r for r in day.runs if 231_800 < r.started < 232_100]
    _, trained = power_runs(day)
    assert trained == []
