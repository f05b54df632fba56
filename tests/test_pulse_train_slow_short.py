"""A slow plug's backflush may hold a series one pulse short (pure).

Every 5 s a series' pulse now and then merges with its neighbour into one
piece of a pulse's length, or hides under a heater's edge, with no pause
long enough to show where it was: the series reads one pulse short. There
the pattern takes a series of ``pulses_min`` - 1 sure pulses, the pulse it
lacks counted as missed (``short_series``), so the other series must be
whole; a faster plug's does not. A simulated thermostat, replayed as the
recognition bench does: its cleaner series (four pulses) reads as three
sure ones, two of them merged, before a whole rinse of six.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import POWER_RULES

from .pattern_runs import rules_read_every
from .sim_replay import backflush_days, read_over


def test_a_backflush_with_a_series_one_pulse_short_every_5_s() -> None:
    truth, found = backflush_days("thermostat", "vibratory", "periodic_5", 20_000_000)
    (short,) = [(s, e) for s, e in truth if 15_000 < s < 15_100]
    assert read_over(found, *short)
    (recognized,) = [t for t in found if read_over([t], *short)]
    assert (recognized.cleaner_pulses, recognized.missed) == (3, 1)


def test_only_a_slow_plug_takes_a_series_one_pulse_short() -> None:
    assert rules_read_every(5.0).short_series
    assert not rules_read_every(1.0).short_series
    assert not POWER_RULES.short_series
