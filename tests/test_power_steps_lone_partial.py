"""On change, a lone partial reading that silence held waits for the next one.

A plug reporting on change sends the first reading of a step (partial: the
step came inside its second) and then the whole one; when the whole one is
lost it sends nothing more until the level moves again, so the partial
reading looks like a level that held. A heater's rise beside the running
pump read so (150 W to 434 W, silence, then 1561 W) made an edge nothing
explained: it dropped the run, and the shot was missed. The edge now waits
for the next reading and the two parts are one edge (the heater's).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_shot_whose_heater_rise_was_read_once_is_counted() -> None:
    # Pump at 2631.0; the heater's rise read 433.6 W at 2636.0, then silence
    # until 1560.5 W at 2644.0.
    started = 2631.03
    trace = TraceSpec("heat_exchanger", "rotary", "on_change", 20000039, 1).generate()
    assert_one_shot(trace, started, slack=1.5)
