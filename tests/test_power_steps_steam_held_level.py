"""A dual boiler's heat-up shows its steam heater's level before any of its cycles.

Heating up with brew priority, the brew heater and the steam heater hand
over by their difference for minutes at a time: when that difference is
about a rotary pump's step, a run opened by it outlasts any pump run, and
the level it held is the steam heater alone. That level counts as the
cycles the detector waits for (``_cycle_heater``) but one, so the steam
heater's first unseen cycle after the heat-up is learnt, not counted.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs


def test_the_first_steam_cycle_after_the_heat_up_is_no_shot() -> None:
    """Fresh seed 20,000,003 read every 2 s: heaters handing over by 200 W
    every ~200 s until 1949 s; the steam heater's cycle at 2690-2733 s
    (1204 W, the brew heater's 1002 W and the pump's 194 W in appearance)
    is no shot."""
    trace = TraceSpec("dual_boiler", "rotary", "periodic_2", 20000003, 1).generate()
    runs = calibrated_runs(trace, 2800.0)
    assert [(a, b) for a, b in runs if 2680.0 < a < 2740.0] == []
