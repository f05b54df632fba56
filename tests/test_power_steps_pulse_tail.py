"""A backflush pulse's tail before the next pulse's rise, read every 5 s.

A dual boiler read every 5 s (seed 5000012, a 46 W vibratory pump): one
pulse stopped 1.6 s into a reading (18 W over a 3 W standby), the next
began 2.1 s before the end of the one after (19 W), then 51 W and 48 W.
A rise reads as one partial reading, the next whole: dated from the 18 W
reading, the 11.8 s pulse read as a 16.7 s shot (11528.4-11545.0 s).
"""

from __future__ import annotations

from functools import partial

from custom_components.espresso_care.signals.power.pump.steps import _step_time

_PTS = [11525.0, 43.0, 11530.0, 18.0, 11535.04, 19.0, 11540.0, 51.0, 11545.04, 48.0]
_STEP_TIME = partial(_step_time, window=1.0, gap=4.97)


def test_a_partial_reading_before_another_short_of_half_is_a_tail() -> None:
    started = _STEP_TIME(_PTS, 3.03, 46.47, slow=True)
    assert 11530.0 <= started <= 11532.9 + 0.5  # truly 11532.9 s
    assert 11545.0 - started < 15.0  # a pulse, no shot


def test_a_plug_read_every_second_or_two_keeps_the_first_reading() -> None:
    """The rule is for plugs read every few seconds only (``slow``)."""
    assert _STEP_TIME(_PTS, 3.03, 46.47) < 11530.0


def test_a_ramp_after_a_partial_reading_keeps_its_date() -> None:
    """A vibratory pump's ramp starts at half its step: the next reading is
    over half of it, and the rise is dated by the first partial reading."""
    pts = [11525.0, 3.0, 11530.0, 18.0, 11535.04, 40.0, 11540.0, 49.0]
    started = _STEP_TIME(pts, 3.03, 46.47, slow=True)
    assert 11525.0 < started < 11530.0


def test_a_fall_is_dated_as_before() -> None:
    """Only a rise: a fall's partial readings are its own."""
    pts = [11525.0, 49.0, 11530.0, 30.0, 11535.04, 18.0, 11540.0, 3.0]
    started = _STEP_TIME(pts, 49.0, -46.0, slow=True)
    assert started == _STEP_TIME(pts, 49.0, -46.0)
