"""A rotary pump's run that rose as a heater fell, read every 5 s, just past 15 s: withheld.

A heater's fall and the pump's start in one edge: the start is dated by the
pump alone's share of the reading after the heater's last partial one,
early by its inrush, and a stop of the pump alone holds its run-down in its
last reading (``_read_long_from_fall``, as ``_read_long`` for a run from
the standby). Dev seed 25000037: a 14.98 s flush read 15.4 s.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .power_traces import scene_after_heater_cycles
from .sim_replay import retried_runs

B = 5.0  # the standby
H = 1000.0
P = 150.0


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,000 W heater learnt from four cycles, then ``scene`` every 5 s from 1,000 s."""
    return scene_after_heater_cycles(scene, B, P, (1000.0, 1010.0, 990.0, 1000.0))


def from_fall(stop: float) -> list[float]:
    """The heater on until 11.6 s (its partial reading at 15 s), the pump
    alone from 16.1 s to ``stop`` (30-40 s), read by its shares."""
    scene = [B + H] * 3 + [(1.6 * (B + H) + 3.4 * B) / 5.0]
    for end in (20.0, 25.0, 30.0, 35.0, 40.0):
        on = min(end, stop) - max(end - 5.0, 16.1)
        scene.append(B + min(max(on / 5.0, 0.0), 1.0) * P)
    return scene + [B] * 3


def test_a_run_just_past_15_s_from_a_heater_fall_is_withheld() -> None:
    """The pump alone 16.1-31.5 s, read just past 15 s: no run."""
    assert runs_of(from_fall(31.5)) == []


def test_a_run_well_past_15_s_from_a_heater_fall_stands() -> None:
    """The pump alone 16.1-34.1 s: an 18 s run."""
    ((start, end),) = runs_of(from_fall(34.1))
    assert 17.0 <= end - start <= 19.0


def test_a_simulated_flush_from_a_heater_fall() -> None:
    """Dev seed 25000037: a 14.98 s flush from 7131.5, the heater falling in
    the reading before (1,311 W, 422 W, 111 W, 141 W), read 15.4 s: no shot."""
    spec = TraceSpec("thermostat", "rotary", "periodic_5", 25000037, 0)
    runs = retried_runs(spec, 7300.0)
    assert [r for r in runs if 7125.0 < r[0] < 7140.0 and r[1] - r[0] >= 15.0] == []
