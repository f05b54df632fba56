"""A heater's cycle read every 5 s whose partial readings fall at the pump's level is no shot.

A heater switching leaves one partial reading between its two levels, of
any share of it: now and then the pump's. A steam heater's cycle from the
standby and back whose partial readings both land there read as a shot
whose pump was seen alone at its start and at its stop (``_seen_alone``).
The pump switching apart from a heater leaves two partial readings or more:
a run whose rise and fall each hold one partial reading only shows no pump
by them (``_single_partial``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs


def test_a_steam_cycle_with_partial_readings_at_the_pumps_level_is_no_shot() -> None:
    """Seed 23,000,060 read every 5 s (brew heater 953 W, steam heater 1395 W,
    vibratory pump 59 W, calibrated 50 W): the steam heater's cycle at
    10,725-10,770 s reads 8, 54, 1390 (eight readings), 62, 8 W; no pump ran."""
    trace = TraceSpec("dual_boiler", "vibratory", "periodic_5", 23000060, 1).generate()
    runs = calibrated_runs(trace, 10900.0)
    assert [(a, b) for a, b in runs if 10700.0 < a < 10800.0] == []
