"""A slow plug's series may hold three weak pulses (pure).

Every 5 s, a thermostat's heater, on for a minute while a series draws
water, leaves two of its pulses read only in the heater's band as often as
one, and three now and then; there the pattern takes ``SLOW_WEAK_MAX`` weak
pulses a series (``SLOW_WEAK_EVEN`` where no more than its sure ones), a
faster plug's keeps one. Simulated thermostats, replayed as the recognition
bench does: with one allowed the first one's hand-made backflush is not
recognized, with two a series the second one's two.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import POWER_RULES
from custom_components.espresso_care.signals.power.pulses.constants import SLOW_WEAK_MAX

from .pattern_runs import rules_read_every
from .sim_replay import backflush_days, read_over, recognized_backflush


def test_a_backflush_with_two_weak_pulses_every_5_s() -> None:
    found = recognized_backflush("thermostat", "vibratory", "periodic_5", 20_300_007)
    assert found.weak == 2


def test_backflushes_with_three_weak_pulses_in_a_series_every_5_s() -> None:
    truth, found = backflush_days("thermostat", "rotary", "periodic_5", 20_000_021)
    # Each with three weak pulses in its cleaner series (of six).
    assert read_over(found, *truth[0])  # at 3,102 s
    assert read_over(found, *truth[4])  # at 37,330 s


def test_only_a_slow_plug_takes_more_weak_pulses() -> None:
    assert rules_read_every(5.0).weak_max == SLOW_WEAK_MAX > POWER_RULES.weak_max
    assert rules_read_every(1.0).weak_max == POWER_RULES.weak_max
