"""A slow plug's pulse hidden in a heater's readings, the pump read off around it (``darken``).

A heat exchanger's 1.3 kW heater switched on and off as the second pulse of
a cleaner series ran (a 50 W vibratory pump): 880, 1,275 and 281 W, no
band explaining the first and last, the middle one the heater alone. No
excursion opened, no pulse was read, and the pause from the first pulse to
the third (29.6 s) broke the series: a flush, then a series of two. The
train tells the pattern of such a stretch; the series waits past it for its
next pulse. A simulated machine replayed as the recognition bench does
(dev seed 20,000,022 at 22,548 s).
"""

from __future__ import annotations

from .sim_replay import backflush_days, read_over


def test_a_pulse_hidden_in_a_heaters_readings_every_5_s() -> None:
    truth, found = backflush_days(
        "heat_exchanger", "vibratory", "periodic_5", 20_000_022
    )
    (backflush,) = [(s, e) for s, e in truth if 22_500 < s < 22_600]
    (recognized,) = [t for t in found if read_over([t], *backflush)]
    assert (recognized.cleaner_pulses, recognized.missed) == (3, 1)
