"""A steam heater the size of the brew heater and the pump, learnt from its cycles.

A dual boiler's steam heater may draw about its brew heater and a rotary
pump together: each time it cycles (every few minutes, for about as long
as a shot) its rise and fall read as the brew heater and the pump switching
in one edge, and it is never learnt alone. Unseen cycles of one size,
recurring, are a heater: learnt into the free cluster, its later cycles
are unsure, never shots. A heat exchanger's shots whose heater came and
went with the pump twice stay shots.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, false_shots


def test_a_steam_heaters_cycles_are_no_shots() -> None:
    """Fresh seed 20,000,003 read every 2 s with volts: the steam heater
    (1202 W) cycles every ~400 s for ~42 s, brew heater 998 W and pump 197 W;
    13 of its cycles read as shots before 8000 s without the rule."""
    trace = TraceSpec("dual_boiler", "rotary", "periodic_2", 20000003, 1).generate()
    runs = calibrated_runs(trace, 8000.0)
    assert len(false_shots(trace, runs)) <= 2


def test_a_heat_exchangers_shots_with_the_heater_in_both_edges_still_count() -> None:
    """Fresh seed 23,000,027 read every 2 s: two shots whose heater rose and
    fell with the pump (10,208 s and 10,435 s) teach no heater: the shot at
    12,220 s, its heater in both edges too, is still read."""
    trace = TraceSpec("heat_exchanger", "rotary", "periodic_2", 23000027, 1).generate()
    runs = calibrated_runs(trace, 12400.0)
    assert any(abs(a - 12220.8) < 3.0 and abs(b - 12244.5) < 3.0 for a, b in runs)


def test_a_falls_partial_readings_are_no_sign_of_the_pump() -> None:
    """Fresh seed 21,000,027 read every 2 s: the steam heater's falls read
    two partial readings apart at times (one heater's fall between two
    readings of a 1 s average); its cycle at 2853-2893 s, the third, is no
    shot."""
    trace = TraceSpec("dual_boiler", "rotary", "periodic_2", 21000027, 1).generate()
    runs = calibrated_runs(trace, 3000.0)
    assert [(a, b) for a, b in runs if 2845.0 < a < 2900.0] == []
