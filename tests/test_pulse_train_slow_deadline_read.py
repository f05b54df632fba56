"""Every 5 s a series still short closes at the first reading past its deadline.

A pulse's start shows only at the reading after it: a deadline falling
between a reading and the next closed a series whose next pulse began
before it (bench seed 20,250,446 at 22,513 s: a heat exchanger's rinse
series of two pulses, the next two hidden under its heater's cycle, the
fifth begun 44.6 s after the second's end, within ``gap_max``, its first
reading 3.9 s past the deadline). Where a series is still short of
``pulses_min`` and the last reading read the pump off with no heater on,
silence decides one reading later; the pulse that shows then is measured
from its start, as any pulse is. After a reading no band explained (a
heater switching), no such wait: the pump may have run through it
(regression seed 8,010,013 at 170,540 s, a rotary heat exchanger's 75 s
shot its heater cut into pulses, would have made a cleaner series); such
readings risen from the level are waited out (``_dark_holds``).
"""

from __future__ import annotations

from bench.recognition import power_runs
from custom_components.espresso_care.signals.power.pulses import PowerBackflushes

from .pulse_traces import PUMP, STANDBY
from .sim_replay import backflush_days, ordinary_window, read_over


def one_pulse_then(last: float) -> PowerBackflushes:
    """A 5 s plug's train: ten quiet minutes, one 8 s pulse, then ``last`` W."""
    train = PowerBackflushes(PUMP)
    at = 0.0
    for _ in range(120):
        at += 5.0
        train.feed(at, STANDBY)
    for watts in (STANDBY + PUMP * 0.6, STANDBY + PUMP, STANDBY + PUMP * 0.2):
        at += 5.0
        train.feed(at, watts)
    for watts in (STANDBY, STANDBY, last):
        at += 5.0
        train.feed(at, watts)
    return train


def test_a_short_series_waits_a_reading_past_its_deadline() -> None:
    train = one_pulse_then(STANDBY)
    assert train._pattern.short
    deadline = train._pattern.next_deadline
    assert deadline is not None
    assert train.next_deadline == deadline + train._interval


def test_no_wait_after_a_reading_no_band_explains() -> None:
    train = one_pulse_then(STANDBY + 9 * PUMP)  # a heater switching
    assert train._pattern.short
    assert train._reading_late() == 0.0
    # Risen from the level, it is waited out instead, until a reading a
    # band explains (``_dark_holds``; test_pulse_train_slow_dark_wait).
    assert train.next_deadline is None


def test_a_heat_exchangers_rinse_series_begun_before_its_deadline() -> None:
    truth, found = backflush_days(
        "heat_exchanger", "vibratory", "periodic_5", 20_250_446
    )
    (backflush,) = [(s, e) for s, e in truth if 22_500 < s < 22_600]
    assert read_over(found, *backflush)


def test_a_cleaner_series_past_a_heaters_hole_every_5_s() -> None:
    """20,250,427 at 43,836 s: three pulses and a hole, the fourth read 3.4 s past the deadline."""
    truth, found = backflush_days("heat_exchanger", "rotary", "periodic_5", 20_250_427)
    (backflush,) = [(s, e) for s, e in truth if 43_800 < s < 43_900]
    assert read_over(found, *backflush)


def test_a_shot_its_heater_cut_up_makes_no_backflush_every_5_s() -> None:
    day = ordinary_window(
        "heat_exchanger", "rotary", "periodic_5", 8_010_013, 171_500.0
    )
    _, trained = power_runs(day)
    assert not [t for t in trained if 170_400 < t.started < 170_900]
