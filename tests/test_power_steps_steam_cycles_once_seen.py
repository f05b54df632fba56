"""A size seen once leaves the free cluster to a steam heater's cycles.

``_cycle_heater`` learns a steam heater the size of the brew heater and the
pump from its recurring cycles, into the cluster no heater holds. A size
seen once (a summed edge, a heater read at other volts) is no heater: it
must not keep that cluster, or every later cycle counts as a shot.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, false_shots


def test_a_size_seen_once_keeps_no_cluster_from_the_steam_heater() -> None:
    """Fresh seed 27,000,031 on change with volts: steam heater 1267 W, brew
    heater 1076 W and pump 198 W; a size of 2340 W seen once held the free
    cluster, and the steam heater's cycles at 3234 s and 4159 s read as
    shots (4 before 5000 s without the rule, 2 with it)."""
    trace = TraceSpec("dual_boiler", "rotary", "on_change", 27000031, 1).generate()
    runs = calibrated_runs(trace, 5000.0)
    assert len(false_shots(trace, runs)) <= 2
