"""A shot's start split from its heater's rise, read every 5 s: the pump's own fall after it says it ran on.

The pump starts a few seconds before the heater: one partial reading of
the pump alone, then the heater's rise, and no whole reading of the pump
alone (the run is split from the heater's edge, ``_split_or_edge``). That
rise, a few per cent under the heater's learnt size (the mains moved it),
fits the heater coming on and the pump stopping, and a shot read as a
flush (dev seed 22,000,020: a 29.8 s shot read 6.3 s; 23,000,004, regression
5,000,060). The run waits for the next edge as a pure run's does
(``_split_from_standby``, ``_stop_in_rise_held``): the pump's fall alone
from the level the rise left says it ran on; the heater's own fall decides
the run as before.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .power_traces import scene_after_heater_cycles
from .sim_replay import retried_runs

STANDBY = 6.0
PUMP = 39.4


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,130 W heater learnt from four cycles (1,120-1,140 W), then ``scene`` from 1,000 s."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1120.0, 1140.0, 1125.0, 1135.0)
    )


def test_the_pump_fall_after_a_split_rise_ends_the_shot() -> None:
    """The pump's partial reading (16 W), the heater's rise over it in the
    next (300 W), four readings of the heater and the pump (a 1,100 W heater:
    the rise fits 1,130 W less the pump's step), then a fall of the pump's
    step alone to the heater: a shot, not a flush ended at the rise."""
    scene = [6.0, 6.0, 16.0, 300.0, 1146.0, 1145.0, 1147.0, 1146.0]
    scene += [1107.0, 1106.0, 1109.0, 1108.0, 874.0, 6.0]
    ((start, end),) = runs_of(scene)
    assert 7.0 <= start <= 10.0
    assert end - start >= 15.0


def test_the_heater_fall_keeps_the_stop_in_its_rise() -> None:
    """The same start, the heater's rise to a level that never steps down by
    the pump's (the pump stopped in the rise), then the heater's fall: the
    run ends at the rise, a flush."""
    scene = [6.0, 6.0, 16.0, 300.0, 1107.0, 1106.0, 1108.0, 1107.0]
    scene += [1106.0, 1107.0, 1109.0, 1108.0, 874.0, 6.0]
    runs = runs_of(scene)
    assert all(end - start < 15.0 for start, end in runs)


def test_a_simulated_thermostat_shot_reads_whole() -> None:
    """Dev seed 23,000,004: a 16.6 s shot from 2203.1 (a 40 W pump, 17 W,
    then 874 W as its heater came on), the pump off at 2219.7."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 23000004, 0)
    runs = retried_runs(spec, 2300.0)
    (run,) = [r for r in runs if 2200.0 < r[0] < 2210.0]
    assert run[1] - run[0] >= 15.0
