"""A shot read every 5 s whose standby after it held two readings before a flush.

A run's fall is decided once the level after it holds (three readings, or
two and a half intervals); a new edge before then keeps the run only if
it makes sense. A flush 15 s after the shot's stop left the standby two
readings only, and the flush's partial rise (a step of no known load)
dropped the shot. The standby read twice (the level settled) is nothing
on: the run stands.
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import periodic, run_all
from .sim_replay import assert_one_shot

ROTARY = 130.0


def _shots(power: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(ROTARY), rows, 800.0)
    return [(r.started, r.ended) for r in runs if r.ended - r.started >= 15.0]


def test_a_flush_after_two_readings_of_the_standby_leaves_the_shot() -> None:
    """A 28 s run of a rotary pump alone, a partial reading of its stop, the
    standby twice, then a 5 s flush (two partial readings of it alike): the
    shot read as without the flush (which the edges decided)."""
    start = 600.2
    shot = (start, start + 28.0, ROTARY)
    alone = _shots([shot])
    assert len(alone) == 1
    assert _shots([shot, (start + 42.2, start + 47.6, ROTARY)]) == alone


def test_the_shot_before_a_flush_on_a_simulated_thermostat() -> None:
    """Thermostat, rotary pump (130 W), dev seed 23000021: a shot at 4875.7
    read 8, 8, 131, 139, 139, 138, 138, 39, 8, 8, then a flush's 85."""
    trace = TraceSpec(
        "thermostat", "rotary", "periodic_5", 23000021, 1, calibration_runs=1
    ).generate()
    assert_one_shot(trace, 4875.7)
