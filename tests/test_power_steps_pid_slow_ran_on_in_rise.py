"""A heater's rise taken as hiding the pump's stop, that came and went alone, is no stop.

Read every second among a slow PID's pulses, a pulse's partial reading may
make a heater's rise over a run a pump's step short of the heater's size:
the run is taken as stopped inside the rise (``_stopped_in``), waiting for
the heater's fall to prove it. When that fall is the rise alone, back to
the run's level within a pause no user leaves, the heater cycled over the
running pump: the run goes on (``_ran_on_in``), not a run and a second one.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import retried_runs


def test_shot_split_by_a_short_heater_rise_is_one_shot() -> None:
    # A 50 s shot (2292.7-2342.5 s) of a 48 W vibratory pump, read every
    # second: the pulse at 2318-2320 s read 1243, 1285, 1276 W, its rise
    # 30 W short of the heater (a partial reading in its level), the stop
    # taken as hidden in it; its fall was the rise to 0.2 W, back to the
    # pump's level 3 s later. Read as a 28 s run and a 22 s one before.
    spec = TraceSpec("pid_slow", "vibratory", "periodic_1", 25000016, 0)
    runs = retried_runs(spec, 2400.0)
    near = [(a, b) for a, b in runs if a < 2342.5 and b > 2292.7]
    assert [is_shot(b - a) for a, b in near] == [True], near
    ((a, b),) = near
    assert abs(a - 2292.7) <= 4.0
    assert abs(b - 2342.5) <= 4.0
