"""A shared fall read every 5 s whose level took the pump's partial reading.

The level's tolerance holds a quarter of the pump's step: a rotary pump
stopping late in a reading leaves it that much short, and the reading is
taken into the level. The edge then starts at the next reading (the
standby between the pump's stop and a heater's rise), and the stop dated
from its readings comes up to an interval late. When the level's last
reading strays past its noise the pump's way, the stop's date is a guess
across that interval (``_stop_in_level``): near a kind bound, no run.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_a_shot_near_the_bound_whose_stop_the_level_took_is_withheld() -> None:
    """Seed 26,000,005 read every 5 s (brew heater 944 W, steam heater 1321 W,
    rotary pump 122 W, calibrated 113 W): a 14.9 s run from 4648.9 reads 33,
    125, 124, then 98 (its stop, 1 s before the reading's end, taken into
    the level), 3 (the standby), 581, 980 (the brew heater's rise). It read
    4648.8-4665.0 (16.3 s, a shot) before; no shot from 4640 to 4660."""
    spec = TraceSpec("dual_boiler", "rotary", "periodic_5", 26000005, 0)
    runs = retried_runs(spec, 4800.0)
    assert [(a, b) for a, b in runs if 4640.0 < a < 4660.0 and b - a >= 15.0] == []
