"""A heater's band learned with the pump on is moved a pump's step down, every 5 s (pure).

A dual boiler's brew heater comes on as the pump draws: two readings alike
during a shot made a band of the heater and the pump (1,114 W beside the
993 W heater and a 121 W pump, seed 20,000,005). With the mains unknown the
highest band a reading fits is taken, so the heater with a backflush's
pulse on read as that band with the pump off, and the backflush at 25,838 s
was lost (``heater_pumped``; replayed as the recognition bench does).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    heater_pumped,
    heater_unpumped,
)

from .sim_replay import backflush_days, read_over


def test_a_band_learned_inside_a_run_is_the_heater_and_the_pump() -> None:
    assert heater_pumped((1735.0, 1745.0), (1717.0, 1750.0))
    # The run ended before the last reading: the heater alone, maybe.
    assert not heater_pumped((1735.0, 1745.0), (1717.0, 1742.0))
    # The run began inside the first reading's interval.
    assert not heater_pumped((1735.0, 1745.0), (1737.0, 1770.0))


def test_the_band_goes_a_pumps_step_down_or_away() -> None:
    # It followed the mains since it was learned (1,114 -> 1,125 W).
    assert heater_unpumped([1125.0, 1188.0, 2184.0], 1114.0, 121.0, 36.0, 182.0) == [
        1004.0,
        1188.0,
        2184.0,
    ]
    # The heater alone is known already: the band is dropped.
    assert heater_unpumped([1125.0, 993.0, 2184.0], 1114.0, 121.0, 36.0, 182.0) == [
        993.0,
        2184.0,
    ]
    # One heater learned at several mains, a part of a pump's step apart:
    # which band is it alone is unsure, nothing moves.
    assert heater_unpumped([1707.0, 1448.0], 1707.0, 194.0, 58.0, 291.0) == [
        1707.0,
        1448.0,
    ]
    # Gone already (forgotten among four): nothing moves.
    assert heater_unpumped([993.0, 2184.0], 1114.0, 121.0, 36.0, 182.0) == [
        993.0,
        2184.0,
    ]


def test_a_backflush_read_over_the_heater_with_the_pump_on() -> None:
    truth, trained = backflush_days("dual_boiler", "rotary", "periodic_5", 20_000_005)
    (start, end) = next((s, e) for s, e in truth if 25_800 < s < 25_900)
    assert read_over(trained, start, end)
