"""A run read every 5 s is counted once, whichever rule decides it first.

The rules that read a run from the last readings (``_cycle_in_readings``)
may decide it before the edges that read the same run later (a rise
nothing explained, proved by the heater's fall): the pump runs once at a
time, and a run over one decided before is not counted again.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs


def runs_near(
    family: str, pump: str, seed: int, at: float
) -> list[tuple[float, float]]:
    trace = TraceSpec(
        family, pump, "periodic_5", seed, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, at + 200.0)
    return [r for r in runs if at - 10.0 < r[0] < at + 10.0]


def test_a_shot_read_from_readings_and_edges_is_one_run() -> None:
    """Thermostat, vibratory pump: the shot 4190.4-4211.8 reads 3, 54, 1127,
    1133, 1095, 1076; the readings decide it, then the heater's rise and the
    pump's fall. One run."""
    assert len(runs_near("thermostat", "vibratory", 20250456, 4190.0)) == 1


def test_a_rotary_shot_read_twice_is_one_run() -> None:
    """Thermostat, rotary pump: the shot 5186.3-5211.4 reads 154, 197, 413,
    413 (a stale repeat), 1206, 1075, 1022. One run."""
    assert len(runs_near("thermostat", "rotary", 20250457, 5186.0)) == 1
