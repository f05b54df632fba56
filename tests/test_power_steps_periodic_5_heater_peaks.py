"""A dual boiler's brew heater read whole in its short cycles, every 5 s.

At idle the brew heater cycles for about two of an energy meter's 5 s
readings: no steady state of its own, so its size was never learnt from its
edges, and a shot with the heater on and off with the pump (one rise and one
fall of their sum, no reading of the pump alone) was learnt as a heater of
that sum and never counted. Two short cycles whose peaks agree read the
heater whole (``_heater_peak``); a shot's rise and fall from the standby, each
that heater and a small pump's step, is then a run (``_read_heater_cycle``).
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import run_all
from .sim_replay import assert_one_shot, shots_between

STANDBY = 4.0
BREW = 952.0


def _idle(at: float, n: int) -> list[tuple[float, float]]:
    return [(at + 5.0 * i, STANDBY) for i in range(n)]


def _pulse(at: float, peak: float) -> list[tuple[float, float]]:
    """A short brew heater cycle: a partial reading, one whole, a partial."""
    return [(at, 0.35 * peak), (at + 5.0, peak), (at + 10.0, 0.32 * peak)]


def _feed(
    readings: list[tuple[float, float]], pump: float
) -> list[tuple[float, float]]:
    rows = [(at, watts, None) for at, watts in readings]
    return [(r.started, r.ended) for r in run_all(PumpDetector(pump), rows)]


def _cycle(at: float, level: float, n: int) -> list[tuple[float, float]]:
    """A partial reading, ``n`` of ``level``, a partial one, then the standby."""
    held = [(at + 5.0 * i, level) for i in range(1, n + 1)]
    fall = at + 5.0 * (n + 1)
    return [(at, 0.4 * level), *held, (fall, 0.5 * level), *_idle(fall + 5.0, 30)]


def _shot(at: float, level: float) -> list[tuple[float, float]]:
    """The heater comes on with the pump and goes off with it: ``level`` between."""
    return _cycle(at, level, 5)


def _day(
    pump: float,
    peaks: tuple[float, ...],
    brew: float = BREW,
    shots: int = 0,
    steam: int = 2,
) -> list[tuple[float, float]]:
    """Idle with brew pulses peaking at ``peaks``, then a shot of the brew heater and the pump.

    The steam heater (300 W larger) cycles ``steam`` times first, its size
    learnt; ``shots`` such shots come next, before any pulse.
    """
    readings = _idle(0.0, 40)
    at = 200.0
    for _ in range(steam):
        readings += _cycle(at, brew + 304.0, 8)
        at += 250.0
    for _ in range(shots):
        readings += _shot(at, STANDBY + brew + pump)
        at += 250.0
    for peak in peaks:
        readings += _pulse(at, peak)
        readings += _idle(at + 15.0, 25)
        at += 140.0
    return readings + _shot(at, STANDBY + brew + pump)


def test_a_shot_of_the_brew_heater_and_the_pump_is_counted() -> None:
    runs = _feed(_day(60.0, (BREW, BREW + 2.0, BREW - 1.0)), 60.0)
    assert len(runs) == 1
    ((started, ended),) = runs
    assert 20.0 <= ended - started <= 35.0


def test_a_heater_of_the_brew_heater_and_the_pump_is_unlearnt() -> None:
    """Two such shots first taught a heater of their sum (not counted); the
    brew heater read whole takes its cluster, and the next shot counts."""
    runs = _feed(_day(60.0, (BREW, BREW + 2.0, BREW - 1.0), shots=2), 60.0)
    assert len(runs) == 1
    assert runs[0][0] > 1000.0


def test_no_run_without_the_heater_read_whole() -> None:
    """Partial peaks only (no two agree): the cycle may be a heater of that sum."""
    assert _feed(_day(60.0, (700.0, 820.0, 610.0)), 60.0) == []


def test_only_beside_a_larger_heater() -> None:
    """One heater only (a heat exchanger's, a thermostat's): its short cycles
    teach nothing, its size is learnt from its edges."""
    assert _feed(_day(60.0, (BREW, BREW + 2.0, BREW - 1.0), steam=0), 60.0) == []


def test_only_beside_a_small_pump() -> None:
    """A steam heater may draw a brew heater and a rotary pump's step: a
    heater read whole tells a shot only beside a pump under 100 W (here a
    1500 W heater, so that the pump's step never stands out of it alone)."""
    peaks = (1500.0, 1502.0, 1499.0)
    assert len(_feed(_day(95.0, peaks, brew=1500.0), 95.0)) == 1
    assert _feed(_day(110.0, peaks, brew=1500.0), 110.0) == []


def test_a_heater_cycle_alone_is_no_run() -> None:
    """The brew heater read whole, then a long cycle of its own size: no run."""
    readings = _day(0.0, (BREW, BREW + 2.0, BREW - 1.0))
    assert _feed(readings, 60.0) == []


def test_a_size_read_long_ago_splits_no_pump_off() -> None:
    """Dual boiler, vibratory pump (66 W), seed 20,000,060: the brew heater
    read whole at 1074 W at 6575 s; at 12,365 s it draws 1101 W (the mains
    moved it) through a 5 s flush, read 679, 1101, 1133 (three times), 1099,
    473. Its stale size split the pump off both edges: a false shot. (The
    user calibrated three times.)"""
    trace = TraceSpec(
        "dual_boiler", "vibratory", "periodic_5", 20000060, 1, calibration_runs=1
    )
    assert shots_between(trace.generate(3), 12340.0, 12400.0) == []


def test_a_simulated_shot_is_counted() -> None:
    """Dual boiler, vibratory pump (62 W), seed 20,000,012: the shot 8762.8-8796.9
    reads 4, 24 (the pump's start), 994, 1000 ... 1001 (the brew heater and the
    pump), 456, 4; the brew heater's idle cycles read 933-941 whole."""
    trace = TraceSpec(
        "dual_boiler", "vibratory", "periodic_5", 20000012, 1, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 8762.8, slack=5.0)
