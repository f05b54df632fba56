"""A rotary pump's run read every 5 s comes out long: just past 15 s, withheld.

The pump's inrush fills its first partial reading past its share, and its
run-down its last: the run is read 0.3-0.8 s longer than it ran, and a
flush of 14.4 s reads as a shot of 15.0 s.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def shots_near(seed: int, start: float, end: float) -> list[tuple[float, float]]:
    spec = TraceSpec("thermostat", "rotary", "periodic_5", seed, 0)
    runs = retried_runs(spec, end + 200.0)
    return [r for r in runs if start < r[0] < end and r[1] - r[0] >= 15.0]


def test_a_flush_read_just_past_15_s_is_no_shot() -> None:
    """A 14.4 s flush from 5230.2 read from 5230.0 to 5245.1: no shot."""
    assert shots_near(24000013, 5220.0, 5240.0) == []


def test_a_flush_inside_a_heater_rise_read_just_past_15_s_is_no_shot() -> None:
    """A 14.4 s flush from 9259.2 inside a heater's rise, read from 9258.8 to
    9274.0 (``_run_inside_rise``): no shot."""
    assert shots_near(24000061, 9250.0, 9265.0) == []


def test_a_shot_well_past_15_s_stands() -> None:
    """The trace's other shots, read every 5 s, stand."""
    assert len(shots_near(24000013, 0.0, 5200.0)) >= 5
