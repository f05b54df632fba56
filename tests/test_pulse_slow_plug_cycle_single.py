"""Every 5 s, a heater's cycle read in one reading is no single-reading pulse.

A find may stand with at most half of its pulses read in a single reading
(``gentle_enough``: a slow PID's burst is one reading, a person's pulse of
5 s or more mostly two). A rotary heat exchanger's pressurestat cycles its
heater about every minute, and each cycle read in the heater's band is a
weak piece of one reading (``heater_cycle``); counted as single-reading
pulses, those between and beside a backflush's pulses refused it (bench
seed 20,250,407 at 24,898 s: six of its span's pulses single, four of them
its heater's cycles, against eight pulses; at 52,150 s six, five cycles,
against seven). Replayed as the recognition bench does.
"""

from __future__ import annotations

from .sim_replay import backflush_days, read_over


def test_a_rotary_heat_exchangers_backflushes_among_its_cycles() -> None:
    truth, trained = backflush_days(
        "heat_exchanger", "rotary", "periodic_5", 20_250_407
    )
    (among,) = [(s, e) for s, e in truth if 24_800 < s < 25_000]
    (later,) = [(s, e) for s, e in truth if 52_100 < s < 52_200]
    assert read_over(trained, *among)
    assert read_over(trained, *later)
