"""A steam heater's cycles read every 5 s: five in an hour make it a heater.

An energy meter's 5 s average reads a dual boiler's steam heater (about the
brew heater and a rotary pump) as those two switching in one edge, a
shot-long run each time it cycles. ``_cycle_heater`` now looks at such a
plug too, but wants five cycles of one size within the hour, not three: a
heat exchanger's shots whose heater came and went with the pump come three
in an hour, read every 5 s, and must stay shots.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, false_shots


def test_a_steam_heaters_cycles_read_every_5_s_are_no_shots() -> None:
    """Fresh seed 26,000,045, no volts: steam heater 1293 W, brew heater
    1094 W, pump 187 W; its cycles every ~350 s read as 12 shots before
    15,000 s without the rule, 3 with it (those before it is learnt)."""
    trace = TraceSpec(
        "dual_boiler", "rotary", "periodic_5", 26000045, 1, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 15000.0)
    assert len(false_shots(trace, runs)) <= 3


def test_a_heat_exchangers_shots_with_the_heater_read_every_5_s_still_count() -> None:
    """Fresh seed 24,000,061: its heater came and went with the pump in
    shots at 4533 s and 4746 s and later; three cycles would make it a
    heater and lose six shots, the last ones at 7252 s and 9541 s."""
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 24000061, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 9700.0)
    for started, ended in ((7252.3, 7287.2), (9540.6, 9569.4)):
        assert any(abs(a - started) < 6.0 and abs(b - ended) < 6.0 for a, b in runs)
