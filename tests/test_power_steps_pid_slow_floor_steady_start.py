"""The floor reads a run the pump's level alone shows from its first reading.

The floor reads a run only among a slow PID's pulses: without them a fast
PID's level may sit at the pump's. A run whose first reading, straight
from the standby, is the pump's level alone, with readings of it that agree
after, is the pump's step read whole, though the heater's pulses under it
came too late for two edges.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_shots


def test_a_shot_read_alone_from_the_standby_before_the_pulses_is_counted() -> None:
    # A 21.0 s shot (3681.8-3702.7 s) of a rotary pump read every 2 s: the
    # standby alone at 3681.42 s, then the pump alone seven times, a heater's
    # partial readings (287.7 W, 425.2 W) among them, no edge a pulse's
    # (dev seed 28000011).
    spec = corpus_spec("pid_slow", "periodic_2", 28000011)
    assert len(retried_shots(spec, 3681.8, 3702.7)) == 1
