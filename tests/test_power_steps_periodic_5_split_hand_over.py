"""A dual boiler read every 5 s: a hand-over read apart as a heater's edge and the pump's.

The brew heater's fall and the steam heater's rise, read as two partial
readings between their levels, split as a heater's edge and the pump's
rise from the brew heater's level. The steam heater's fall to the standby
is its known size: it fits that heater alone as well as the brew heater
and the pump, and no run counts (``_handed_over_known``, for a run whose
rise split from a heater's edge as for one that rose alone).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_a_split_hand_over_to_the_steam_heater_is_no_shot() -> None:
    """Seed 25,000,004 read every 5 s (brew heater 1027 W, steam heater 1250 W,
    vibratory pump 63 W, calibrated 59 W): the brew heater's level 1046, then
    433, 1144 (the hand-over), the steam heater's level 1277 (five readings),
    its fall 812, then a 2.5 s flush's tail (27) and the standby. It read
    9560.1-9590.2 before; no shot from 9550 to 9600."""
    spec = TraceSpec("dual_boiler", "vibratory", "periodic_5", 25000004, 0)
    runs = retried_runs(spec, 9700.0)
    assert [(a, b) for a, b in runs if 9550.0 < a < 9600.0 and b - a >= 15.0] == []
