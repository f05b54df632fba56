"""A pump's stop after a heater's rise in one edge, read every 5 s: dated in the reading that shows it.

Regression seed 6,000,053 (a thermostat, 145 W rotary pump): a 19.3 s shot
from 1484.3 s, the pump alone read 151-152 W twice, then the heater came
on (1,198 W: its partial reading, the pump on) and the pump stopped at
1503.5 s (1,302 W: the heater whole and 70 % of the pump), then the heater
alone (1,201 W). One edge of the heater on and the pump off: dated at the
heater's rise (1495.1 s), the shot read 11.1 s, a flush. The reading over
the level after by more than the mains move a heater shows the pump on
past the rise (``_ran_on_past_rise``).
"""

from __future__ import annotations

from functools import partial

from custom_components.espresso_care.signals.power.pump.steps import _pump_time

_PTS = [
    1485.03, 151.5, 1495.03, 151.5, 1500.03, 1198.0, 1505.02, 1302.0, 1510.03, 1201.0,
]  # fmt: skip
_HEATER = 1219.2  # learnt (the heater drew 1,194 W then)
_PUMP = -171.2  # the edge's rest: 1,048 W less the heater
_PUMP_TIME = partial(_pump_time, averaging=True, window=1.0, gap=5.0, standby=7.0)


def test_the_stop_is_dated_in_the_reading_over_the_level_after() -> None:
    ended = _PUMP_TIME(_PTS, 151.5, _HEATER, _PUMP, slow=True)
    assert 1500.03 < ended <= 1505.02  # truly 1503.5 s
    assert ended - 1484.0 >= 15.0  # a shot


def test_a_reading_within_the_mains_move_leaves_the_stop_at_the_rise() -> None:
    """Over the level after by less than 5 % of the heater (a vibratory
    pump's share, or the mains): the stop stays at the heater's rise."""
    pts = [*_PTS[:6], 1505.02, 1250.0, 1510.03, 1201.0]
    ended = _PUMP_TIME(pts, 151.5, _HEATER, _PUMP, slow=True)
    assert ended <= 1500.03


def test_a_plug_read_every_second_or_two_keeps_the_rise() -> None:
    """The rule is for plugs read every few seconds only (``slow``)."""
    ended = _PUMP_TIME(_PTS, 151.5, _HEATER, _PUMP)
    assert ended <= 1500.03
