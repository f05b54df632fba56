"""A thermostat's heater rise in a shot read every 5 s: the pump's own fall after it says it ran on.

The heater comes on a reading or two after the pump (the cold water it
draws), a few per cent under the size it is known by (the mains moved, no
volts read): its rise fits the heater coming on and the pump stopping
better than the heater alone, and a shot read as a flush (dev seed
20000012: a 24.0 s shot read 14.6 s). The run so ended waits for the next
edge (``_stop_in_rise_held``): the pump's fall alone from the level the rise
left says the pump ran on (``_ran_on_through_rise``); the heater's own fall
decides the run as before.
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


def test_the_pump_fall_after_a_heater_rise_ends_the_shot() -> None:
    """The pump alone (40, 46 W), the heater's rise of 1,100 W over it (a
    1,130 W heater less about the pump's step), two readings, then a fall of
    the pump's step alone to the heater: a 24.6 s shot, not 14.6 s."""
    scene = [6.0, 6.0, 40.0, 46.0, 346.0, 1145.0, 1140.0, 1103.0, 1106.0]
    scene += [1109.0, 1113.0, 874.0, 6.0]
    ((start, end),) = runs_of(scene)
    assert 5.0 <= start <= 6.0
    assert end - start >= 15.0


def test_the_heater_fall_keeps_the_stop_in_its_rise() -> None:
    """The same start, the heater's rise to its own level (1,136 W: the pump
    stopped in it), then the heater's fall: the run ends at the rise."""
    scene = [6.0, 6.0, 40.0, 46.0, 700.0, 1136.0, 1136.0, 1136.0, 1136.0]
    scene += [1136.0, 1136.0, 571.0, 6.0]
    ((start, end),) = runs_of(scene)
    assert 5.0 <= start <= 6.0
    assert end - start < 15.0


def test_a_simulated_thermostat_shot_reads_whole() -> None:
    """Dev seed 20000012: a 24.0 s shot from 1645.0, its heater on at 1658.6
    (read 1,100 W, known 1,130 W), the pump off at 1669.0 (a 38 W fall)."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 20000012, 0)
    runs = retried_runs(spec, 1750.0)
    (run,) = [r for r in runs if 1640.0 < r[0] < 1650.0]
    assert run[1] - run[0] >= 15.0
    assert abs(run[1] - 1669.0) <= 2.5


def test_the_decoder_waits_for_the_held_run() -> None:
    """Dev seed 20000044: a shot from 7776.3 held at its heater's rise
    (7796.4) until the heater's fall (7835.8) decides it. Counted only
    then: the decoder, reading in between, would read the readings before
    it again, a flush and a heater's cycle as a 41.1 s shot from 7705.0."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 20000044, 0)
    runs = retried_runs(spec, 7900.0)
    assert not [r for r in runs if 7700.0 < r[0] < 7750.0]
    (run,) = [r for r in runs if 7770.0 < r[0] < 7780.0]
    assert run[1] - run[0] >= 15.0
