"""A flush's tail in a heater's reading is no later run's start, read every 5 s.

A thermostat read every 5 s (seed 7000029, rotary pump, 150 W calibrated):
a flush ran 3507.6-3511.3 s as the heater came on, the next one 3521.4-3528.9
s. The heater and the pump rose as one edge from the standby: 464 W (both
partial), 1,427 W (the heater whole and the first flush's last 1.3 s), 1,388
W (the heater alone: the pump off), then 1,513 W and 1,508 W (the second
flush over the heater). Dated by the 1,427 W reading as the pump's start,
the second flush read as a 16.7 s shot from 3513.5 s; the heater alone at
3520 s shows the pump off until then.
"""

from __future__ import annotations

from functools import partial

from custom_components.espresso_care.signals.power.pump.steps import _pump_time

_PTS = [
    3500.02, 3.14, 3505.04, 4.0, 3510.02, 464.0, 3515.03, 1427.0,
    3520.0, 1388.0, 3525.03, 1513.0, 3530.02, 1508.0,
]  # fmt: skip
_PUMP_TIME = partial(_pump_time, averaging=True, window=1.0, gap=4.98, standby=3.15)


def test_the_heater_alone_after_a_flush_tail_dates_the_start_after_it() -> None:
    started = _PUMP_TIME(_PTS, 3.14, 1388.38, 118.98, slow=True)
    assert 3515.03 <= started <= 3521.4  # truly 3521.4 s
    assert 3530.2 - started < 15.0  # a flush, as it was


def test_a_plug_read_every_second_or_two_keeps_the_share() -> None:
    """The rule is for plugs read every few seconds only (``slow``)."""
    started = _PUMP_TIME(_PTS, 3.14, 1388.38, 118.98)
    assert started < 3515.03


def test_a_heater_and_pump_reading_with_no_heater_alone_after_is_the_start() -> None:
    """No reading of the heater alone after it: the share dates the start."""
    pts = [*_PTS[:8], 3520.0, 1507.0, 3525.03, 1510.0]
    started = _PUMP_TIME(pts, 3.14, 1388.38, 118.98, slow=True)
    assert 3510.02 < started < 3515.03
