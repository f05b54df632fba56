"""A dual boiler read every 5 s: the steam heater's cycle read as it and the pump.

The steam heater's size, learnt without volts, stands a vibratory pump's
step below what it draws now: its cycle from the standby and back reads
as that heater and the pump at both edges. The larger of two heaters each
learnt from many edges, from the standby to it alone and back by its size
to the mains' move, fits that heater alone: no run counts
(``_larger_heater_cycle``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_the_steam_heaters_own_cycle_is_no_shot() -> None:
    """Seed 24,000,020 read every 5 s (brew heater learnt 916 W, steam heater
    learnt 1299 W, vibratory pump 47 W, calibrated 39 W): the brew heater's
    cycle 791, 951, then 418, 1017 (the hand-over), the steam heater's level
    1330-1342 (eight readings), 1301, the standby. It read 7730.0-7765.4, a
    35 s shot, before; no true run there."""
    spec = TraceSpec(
        "dual_boiler", "vibratory", "periodic_5", 24000020, 0, calibration_runs=1
    )
    runs = retried_runs(spec, 7900.0)
    assert [(a, b) for a, b in runs if 7700.0 < a < 7800.0 and b - a >= 15.0] == []
