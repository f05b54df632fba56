"""A slow plug's series sheds its trailing weak pulses (pure).

Every 5 s the group flushes after a rinse series read as partial pulses
(weak: no reading half the pump's) and ran into it: the series held one
weak pulse more than it may, and its sure pulses alone were too far apart.
There the pattern sheds the weak pulses after the last sure one first
(``trailing_weak``); a faster plug's does not. A simulated thermostat,
replayed as the recognition bench does (bench seed 20,250,414 at 27,590 s).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import POWER_RULES

from .pattern_runs import rules_read_every
from .sim_replay import backflush_days, read_over


def test_a_rinse_series_with_flushes_after_it_every_5_s() -> None:
    truth, found = backflush_days("thermostat", "vibratory", "periodic_5", 20_250_414)
    (backflush,) = [(s, e) for s, e in truth if 27_500 < s < 27_700]
    (recognized,) = [t for t in found if read_over([t], *backflush)]
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (5, 8)


def test_only_a_slow_plug_sheds_trailing_weak_pulses() -> None:
    assert rules_read_every(5.0).trailing_weak
    assert not rules_read_every(1.0).trailing_weak
    assert not rules_read_every(2.0).trailing_weak
    assert not POWER_RULES.trailing_weak
