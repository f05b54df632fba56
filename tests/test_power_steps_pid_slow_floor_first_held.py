"""The pump's level read at the run's first reading and the next proves the run from the first.

Read every 2 s, a run the floor proves nearly as long as a kind bound
passed it (``_past_bound``), proven from its second reading of the pump
when the first came straight from the standby: a heater's sliver may read
the pump's level by chance. The pump's own level read twice in a row from
that first reading, agreeing, is the pump's step read whole.
"""

from __future__ import annotations

from .sim_replay import corpus_spec, retried_shots


def test_a_shot_read_alone_twice_from_the_standby_passes_the_bound() -> None:
    # A 19.3 s shot (7368.0-7387.3 s) of a rotary pump read every 2 s: the
    # standby at 7367.59 s, the pump alone at 7369.61 and 7371.62 s (175.6 W,
    # 179.3 W over the standby), last read alone at 7381.60 s; proven 11.2 s
    # from the second reading, 12.2 s from the first (dev seed 21000003).
    spec = corpus_spec("pid_slow", "periodic_2", 21000003)
    assert len(retried_shots(spec, 7368.0, 7387.3)) == 1
