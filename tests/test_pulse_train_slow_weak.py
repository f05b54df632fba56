"""A slow plug's series may hold two weak pulses (pure).

Every 5 s, a thermostat's heater, on for a minute while a series draws
water, leaves two of its pulses read only in the heater's band as often as
one; there the pattern takes ``SLOW_WEAK_MAX`` weak pulses a series, a
faster plug's keeps one. One simulated thermostat, replayed as the
recognition bench does: with one allowed its hand-made backflush is not
recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulse_train import (
    POWER_RULES,
    SLOW_WEAK_MAX,
    PowerBackflushes,
)

from .sim_replay import recognized_backflush


def test_a_backflush_with_two_weak_pulses_every_5_s() -> None:
    found = recognized_backflush("thermostat", "vibratory", "periodic_5", 20_300_007)
    assert found.weak == 2


def _weak_max(every: float) -> int:
    train = PowerBackflushes(60.0)
    for i in range(20):
        train.feed(1000.0 + i * every, 5.0)
    return train._rules.weak_max


def test_only_a_slow_plug_takes_more_weak_pulses() -> None:
    assert _weak_max(5.0) == SLOW_WEAK_MAX > POWER_RULES.weak_max
    assert _weak_max(1.0) == POWER_RULES.weak_max
