"""A slow plug's piece read clean a little longer than a pulse fills a series (``weak_pulse_max``).

Every 5 s two pulses a pause shorter than a reading apart read as one clean
piece a little longer than a pulse: a dual boiler's rinse series read 8.9,
8.4, 16.5, 4.9 and 14.0 s (bench seed 20,250,438 at 19,591 s), and a
cleaner series began with a piece of 17.1 s over pulses of 6.7 and 6.0 s
4 s apart (20,250,419 at 59,613 s, a rotary dual boiler), and a cleaner
series' last two pulses, 11.7 and 7.2 s with 5 s between, read as 20.2 s
(20,250,405 at 38,689 s, a rotary thermostat). Each was a shot that broke
its series. Fed weak, up to ``SLOW_LONG_PULSE`` s, they fill
it; a faster plug keeps its bounds. Simulated machines replayed as the
recognition bench does.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import POWER_RULES
from custom_components.espresso_care.signals.power.pulses.constants import (
    SLOW_LONG_PULSE,
)

from .pattern_runs import rules_read_every
from .sim_replay import backflush_days, read_over


def test_a_rinse_series_with_two_pulses_read_as_one_piece_every_5_s() -> None:
    truth, found = backflush_days("dual_boiler", "vibratory", "periodic_5", 20_250_438)
    (backflush,) = [(s, e) for s, e in truth if 18_900 < s < 19_000]
    (recognized,) = [t for t in found if read_over([t], *backflush)]
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (5, 5)
    assert recognized.weak == 1


def test_a_cleaner_series_ending_in_two_pulses_read_as_one_piece_every_5_s() -> None:
    truth, found = backflush_days("thermostat", "rotary", "periodic_5", 20_250_405)
    (backflush,) = [(s, e) for s, e in truth if 38_600 < s < 38_700]
    (recognized,) = [t for t in found if read_over([t], *backflush)]
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (5, 6)


def test_only_a_slow_plug_takes_a_piece_a_little_long() -> None:
    assert rules_read_every(5.0).weak_pulse_max == SLOW_LONG_PULSE
    assert rules_read_every(1.0).weak_pulse_max == POWER_RULES.weak_pulse_max == 0.0
    assert rules_read_every(2.0).weak_pulse_max == 0.0
