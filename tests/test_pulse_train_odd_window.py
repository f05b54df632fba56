"""Unexplained readings are remembered for ``ODD_SECONDS`` only, however they come (pure).

Each new one forgot at most one older one: after a burst of noise (a slow
PID's heater, a dozen readings a minute) followed by a quiet machine, the
burst stayed remembered for as many readings as it had, hours later. The
checks count only the recent ones, so what the train recognizes is the
same; what it keeps is bounded by the window.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import PowerBackflushes
from custom_components.espresso_care.signals.power.pulses.constants import ODD_SECONDS

PUMP = 40.0  # W
LEVEL = 5.0  # W, the machine idle
NOISE = LEVEL + 2.5 * PUMP  # neither the pump nor a heater: a PID's burst
EVERY = 5.0  # s


def test_a_burst_of_noise_is_forgotten_after_the_window() -> None:
    train = PowerBackflushes(PUMP)
    at = 0.0
    # A burst: every other reading unexplained, for the whole window.
    while at < ODD_SECONDS:
        train.feed(at, NOISE if int(at / EVERY) % 2 else LEVEL)
        at += EVERY
    burst = len(train._odd)
    assert burst > 50
    # Quiet, then one unexplained reading an hour for three hours.
    for hour in range(1, 4):
        while at < ODD_SECONDS + hour * 3600.0:
            train.feed(at, LEVEL)
            at += EVERY
        train.feed(at, NOISE)
        at += EVERY
        train.feed(at, LEVEL)
        at += EVERY
    assert len(train._odd) == 1
    assert all(noted >= at - ODD_SECONDS for noted, _ in train._odd)
