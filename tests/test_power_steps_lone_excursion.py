"""On change, a heater's cycle read once each way (its whole readings lost) teaches no heater.

A heat exchanger's 1293 W heater came on at 10765 s, read 1056.1 W once (the
whole reading lost, the plug then silent) and went off 16 s later: its rise
and its fall were read as a heater of 1031 W. That heater with the real one
explained a later shot's stop (the pump's -193 W) as a hand-over between the
two: the stop was unsure and the shot was missed. A lone partial reading's
edge and the next that goes back to the level before are now read as
nothing.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_shot_after_a_heater_cycle_read_once_is_counted() -> None:
    started = 11010.84
    trace = TraceSpec("heat_exchanger", "rotary", "on_change", 22000047, 0).generate()
    assert_one_shot(trace, started, slack=1.5)
