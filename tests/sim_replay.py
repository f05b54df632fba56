"""Replaying a simulated machine for the detector's tests, as the bench does.

The machine is calibrated once as the options flow does (its error must be
none), then its readings up to a moment go through a fresh detector.
"""

from __future__ import annotations

import dataclasses
import math

from bench import detection
from bench.recognition import power_runs, true_backflushes
from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from simulator.espresso import Trace, TrueRun, generate


def calibrated_runs(trace: Trace, end: float) -> list[tuple[float, float]]:
    """The runs the detector reads from ``trace`` before ``end``."""
    calibration, error, _ = detection.calibrate_as_the_flow_does(
        detection.real_api(), trace
    )
    assert error is None
    assert calibration is not None
    assert calibration.pump_watts is not None
    reports = [r for r in trace.reports if r.at < end]
    runs, _, _ = detection.detect(PumpDetector(calibration.pump_watts), reports, end)
    return runs


def runs_across_two_flushes(
    trace: Trace, after: float, before: float, end: float
) -> list[tuple[float, float]]:
    """The runs read over the two flushes that start between ``after`` and ``before``.

    Asserts that the trace has exactly two runs starting there, both flushes.
    """
    flushes = [r for r in trace.runs if after < r.started < before]
    assert [r.kind for r in flushes] == ["flush", "flush"]
    first, second = flushes
    runs = calibrated_runs(trace, end)
    return [(a, b) for a, b in runs if a < second.ended and b > first.started]


def corpus_spec(family: str, plug: str, seed: int) -> detection.TraceSpec:
    """The bench corpus's machine of trace seed ``seed`` (its base the seed's million)."""
    base = seed // 1_000_000 * 1_000_000
    return next(
        s
        for s in detection.corpus(600, base)
        if (s.family, s.plug, s.seed) == (family, plug, seed)
    )


def retried_runs(spec: detection.TraceSpec, end: float) -> list[tuple[float, float]]:
    """``calibrated_runs`` of the trace the bench reads: calibrated again while no pump was seen."""
    calibrated = detection.calibrate_with_retries(detection.real_api(), spec)
    assert calibrated.result is not None
    assert calibrated.result.pump_watts is not None
    reports = [r for r in calibrated.trace.reports if r.at < end]
    detector = PumpDetector(calibrated.result.pump_watts)
    runs, _, _ = detection.detect(detector, reports, end)
    return runs


def retried_shots(
    spec: detection.TraceSpec, start: float, end: float
) -> list[tuple[float, float]]:
    """``retried_runs`` of a shot's length overlapping ``start``-``end``."""
    runs = retried_runs(spec, end + 30.0)
    return [
        (a, b) for a, b in runs if a < end and b > start and detection.is_shot(b - a)
    ]


def run_near(
    trace: Trace, runs: list[tuple[float, float]], started: float
) -> tuple[TrueRun, tuple[float, float]]:
    """The true run that started at ``started`` and the one run read near it."""
    (true,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    (run,) = [(a, b) for a, b in runs if abs(a - true.started) < 5.0]
    return true, run


def run_over(
    trace: Trace, runs: list[tuple[float, float]], started: float
) -> tuple[TrueRun, tuple[float, float]]:
    """The true run that started at ``started`` and the one run read overlapping it."""
    (true,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    (run,) = [(a, b) for a, b in runs if a < true.ended and b > true.started]
    return true, run


def true_step_runs(trace: Trace, end: float) -> list[tuple[float, float]]:
    """The runs the detector reads from ``trace`` before ``end``, given the true pump step.

    Calibration left out: what the detector alone makes of the readings.
    """
    reports = [r for r in trace.reports if r.at < end]
    runs, _, _ = detection.detect(PumpDetector(trace.pump_watts), reports, end)
    return runs


def true_step_counted(
    trace: Trace, end: float
) -> tuple[list[tuple[float, float, bool]], int]:
    """``true_step_runs`` with whether counting was paused as each run came.

    Each run with the detector's ``ambiguous`` as it was returned, and how
    many readings found the detector ambiguous.
    """
    detector = PumpDetector(trace.pump_watts)
    counted: list[tuple[float, float, bool]] = []
    paused = 0
    for report in (r for r in trace.reports if r.at < end):
        deadline = detector.next_deadline
        while deadline is not None and deadline < report.at:
            runs = detector.advance(deadline)
            counted += [(r.started, r.ended, detector.ambiguous) for r in runs]
            after = detector.next_deadline
            deadline = None if after is None or after <= deadline else after
        runs = detector.feed(report.at, report.watts, report.volts)
        counted += [(r.started, r.ended, detector.ambiguous) for r in runs]
        paused += detector.ambiguous
    return counted, paused


def false_shots(
    trace: Trace, runs: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Shot-long runs read where the pump never ran (the calibration's run aside)."""
    true = [*trace.runs, *([trace.calibration_run] if trace.calibration_run else [])]
    return [
        (a, b)
        for a, b in runs
        if b - a >= 15.0
        and not any(t.started - 3.0 < b and a < t.ended + 3.0 for t in true)
    ]


def shots_in(
    runs: list[tuple[float, float]], start: float, end: float
) -> list[tuple[float, float]]:
    """The shot-long runs of ``runs`` that started between ``start`` and ``end``."""
    return [r for r in runs if start < r[0] < end and r[1] - r[0] >= 15.0]


def shots_between(trace: Trace, start: float, end: float) -> list[tuple[float, float]]:
    """The shot-long runs read (calibrated) that started between ``start`` and ``end``."""
    return shots_in(calibrated_runs(trace, end + 200.0), start, end)


def assert_one_shot(trace: Trace, started: float, slack: float = 4.0) -> None:
    """The true run that started at ``started`` is read (calibrated) as one shot.

    Exactly one run read overlaps it, of a shot's length, each end within ``slack`` s.
    """
    (true,) = [t for t in trace.runs if abs(t.started - started) < 0.1]
    runs = calibrated_runs(trace, true.ended + 60.0)
    near = [(a, b) for a, b in runs if a < true.ended and b > true.started]
    assert [detection.is_shot(b - a) for a, b in near] == [True], near
    ((a, b),) = near
    assert abs(a - true.started) <= slack, (a, true.started)
    assert abs(b - true.ended) <= slack, (b, true.ended)


def recognized_backflush(family: str, pump: str, plug: str, seed: int) -> Recognized:
    """The one backflush read from a day of four shots and one by hand, overlapping it."""
    trace = generate(
        family,
        pump,
        plug,
        seed=seed,
        shots=4,
        days=1,
        hand_backflushes=1,
        calibration=False,
    )
    ((started, ended),) = true_backflushes(trace)
    _, trained = power_runs(trace)
    (found,) = trained
    assert found.started <= ended
    assert started <= found.ended
    return found


def backflush_days(
    family: str, pump: str, plug: str, seed: int
) -> tuple[list[tuple[float, float]], list[Recognized]]:
    """Eight days of 32 shots and six backflushes by hand, as the recognition bench draws them.

    The true backflushes, and those read from the readings (``power_runs``).
    """
    trace = generate(
        family,
        pump,
        plug,
        seed=seed,
        shots=32,
        days=8,
        hand_backflushes=6,
        calibration=False,
    )
    return true_backflushes(trace), power_runs(trace)[1]


def read_over(found: list[Recognized], start: float, end: float) -> bool:
    """Whether a backflush read overlaps ``start``-``end``."""
    return any(t.started <= end and start <= t.ended for t in found)


def invented_backflushes(
    family: str, pump: str, plug: str, seed: int, days: int
) -> list[Recognized]:
    """The backflushes read from ``days`` of ordinary use (five shots a day, none by hand)."""
    trace = generate(
        family, pump, plug, seed=seed, shots=5 * days, days=days, calibration=False
    )
    return power_runs(trace)[1]


def ordinary_window(
    family: str,
    pump: str,
    plug: str,
    seed: int,
    end: float,
    after: float = -math.inf,
) -> Trace:
    """The recognition bench's trace of ordinary use (250 shots in 50 days), its readings after ``after`` and before ``end``."""
    trace = generate(
        family, pump, plug, seed=seed, shots=250, days=50, calibration=False
    )
    return dataclasses.replace(
        trace, reports=[r for r in trace.reports if after < r.at < end], end=end
    )
