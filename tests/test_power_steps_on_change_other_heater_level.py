"""A steam heater's cycle read on change, split as the brew heater and the pump, is no shot.

A dual boiler's steam heater may draw about its brew heater and a rotary
pump. Read on change with volts, its rise from the standby (a partial
reading, then silence while the level holds) may split as the brew
heater's and the pump's, and its fall then splits so too. The level
before the fall, nearer the steam heater alone than the brew heater and
the pump, says which (``_other_heater_level``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_a_steam_cycle_split_as_brew_heater_and_pump_is_no_shot() -> None:
    """Seed 91,000,015 on change (rotary pump 164 W, calibrated 165 W; brew
    heater 1,110 W and steam heater 1,306 W known): the steam heater on at
    3,357.5-3,400.0 s (3, 616, 1,298 ... 1,296, 1,288, 1,238, 3 W) read as
    the brew heater and the pump; the shot at 3,321.8-3,353.0 s (brew
    heater and pump, 1,261-1,277 W) still counts."""
    spec = TraceSpec("dual_boiler", "rotary", "on_change", 91000015, 1)
    runs = retried_runs(spec, 3500.0)
    near = [(s, e) for s, e in runs if 3300.0 < s < 3420.0]
    assert len(near) == 1
    s, e = near[0]
    assert abs(s - 3321.8) < 1.5
    assert abs(e - 3353.0) < 1.5


def test_a_steam_cycle_after_a_summed_heat_up_is_no_shot() -> None:
    """Seed 92,000,063 on change (rotary pump 177 W, calibrated 188 W): the
    heat-up's summed edges left one 2,361 W cluster seen once; the steam
    heater's cycles at 1,616-1,645 s and 1,953-1,982 s (1,256-1,266 W)
    read as the brew heater (1,082 W) and the pump (``_fits_one_heater``)."""
    spec = TraceSpec("dual_boiler", "rotary", "on_change", 92000063, 1)
    runs = retried_runs(spec, 2100.0)
    for a, b in ((1600.0, 1660.0), (1940.0, 1990.0)):
        assert [(s, e) for s, e in runs if a < s < b] == []
