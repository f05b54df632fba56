"""On change, a lone partial reading that waited in vain teaches no heater's size.

A heat exchanger's heater fell from 1203 W; its first reading was partial
(134 W at 5791.0) and the whole one lost, and nothing came for 76 s: the
partial reading's edge (``_lone_partial``) was read at last as a heater of
1068 W that nothing else explained, a second heater. The two then explained
the pump's fall beside the real one as a hand-over of one to the other, and
the day's later shots beside the heater were missed. That edge's size is
nobody's: no heater is learnt from it.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


@pytest.mark.parametrize("started", [10676.5, 13236.3])
def test_shots_after_a_lone_partial_fall_are_counted(started: float) -> None:
    trace = TraceSpec("heat_exchanger", "rotary", "on_change", 24000023, 0).generate()
    assert_one_shot(trace, started, slack=1.5)
