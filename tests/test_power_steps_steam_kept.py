"""A steam heater learnt from its cycles is kept against a third size.

A dual boiler has two heaters: once the steam heater is learnt from its
cycles (``_learn_cycle``), an edge of summed sizes (the brew heater's fall
with a backflush's pulse in it) clustered as a new heater must not push it
out, or its cycles read as shots again.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs


def test_the_steam_heaters_cycles_after_a_backflush_are_no_shots() -> None:
    """Fresh seed 21,000,027 read every 2 s (brew heater 1096 W, steam heater
    1287 W, pump 193 W): after a backflush at 13,969 s whose pulse hid in the
    brew heater's edges, the steam heater's cycle at 14,678-14,720 s is no
    shot."""
    trace = TraceSpec("dual_boiler", "rotary", "periodic_2", 21000027, 1).generate()
    runs = calibrated_runs(trace, 14800.0)
    assert [(a, b) for a, b in runs if 14670.0 < a < 14725.0] == []
