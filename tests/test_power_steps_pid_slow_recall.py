"""Shots on a slow PID (a heater pulsed in a time-proportional window) recalled.

The plug reads a slow PID's heater pulses in part: each reading averages a
share of a pulse over its interval. The machine's states are few (the
standby, the pump, the heater, sums of them); readings between them are
partial, and two that agree by chance hold no level of their own.
"""

from __future__ import annotations

import random

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

BASE = 5.0
PUMP = 60.0
HEATER = 1200.0  # at the nominal volts
NOMINAL = 230.0
MAINS = 231.0

# Power above the standby: (start, end, watts).
type Segment = tuple[float, float, float]


def pid_pulses(
    start: float, end: float, on: float, period: float = 4.0
) -> list[Segment]:
    """The heater's pulses of ``on`` seconds, one every ``period``."""
    out: list[Segment] = []
    t = start
    while t < end:
        out.append((t, t + on, HEATER))
        t += period
    return out


def idle_pid() -> list[Segment]:
    """A heat-up, a few long pulses (the heater's edges learnt), then short ones."""
    segments: list[Segment] = [(10.0, 130.0, HEATER)]
    segments += pid_pulses(140.3, 200.0, 3.0, period=8.0)
    segments += pid_pulses(210.2, 700.0, 0.4)
    return segments


def heater_on(segments: list[Segment], at: float) -> bool:
    """Whether a heater's pulse covers the instant ``at``."""
    return any(s <= at < e for s, e, w in segments if w == HEATER)


def detect(
    segments: list[Segment],
    until: float,
    *,
    pump: float = PUMP,
    sag: float | None = None,
) -> list[DetectedRun]:
    """A plug averaging each second's power, read every second with a little noise.

    With ``sag``, it reports the socket's volts too, at the instant of each
    reading: that many volts under the mains while a heater is on (a heater
    draws its size at the sagged volts).
    """
    rng = random.Random(1)
    det = PumpDetector(pump)
    runs: list[DetectedRun] = []
    scale = 1.0 if sag is None else ((MAINS - sag) / NOMINAL) ** 2
    at = 0.5
    while at < until:
        watts = BASE + sum(
            w
            * (scale if w == HEATER else 1.0)
            * max(0.0, min(at, e) - max(at - 1.0, s))
            for s, e, w in segments
        )
        volts = None
        if sag is not None:
            volts = MAINS - (sag if heater_on(segments, at) else 0.0)
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            runs += det.advance(deadline)
        runs += det.feed(at, round(watts + rng.gauss(0.0, 0.5), 1), volts)
        at += 1.0
    return runs + det.advance(until)


def test_two_partial_readings_that_agree_hold_no_level() -> None:
    """A pulse split evenly across two readings' windows, four times in a shot.

    Each pair reads the pump and a tenth of the heater's pulse (185 W, a
    level 120 W above the pump's): no state of the machine, so no edge
    nothing explains, and the run is not dropped.
    """
    segments = idle_pid()
    segments.append((700.7, 725.7, PUMP))
    segments += [(r - 0.1, r + 0.1, HEATER) for r in (705.5, 709.5, 713.5, 717.5)]
    segments += pid_pulses(730.2, 900.0, 0.4)
    runs = detect(segments, 900.0)
    assert len(runs) == 1
    assert abs(runs[0].started - 700.7) <= 1.0
    assert abs(runs[0].ended - 725.7) <= 1.0


def test_a_heaters_pulse_read_at_volts_without_its_sag_is_the_heater() -> None:
    """A pulse in a rotary pump's run whose last reading holds 99 % of it.

    That reading's volts, taken at its instant, are the mains' without the
    heater's sag: the pulse's edge reads 2 % short of the heater. It is still
    the heater's (nothing with the pump fits), so the run stays sure, and its
    stop, in the same interval as the next pulse's fall, is read.
    """
    pump = 150.0
    segments = idle_pid()
    segments.append((700.7, 725.6, pump))
    segments.append((709.0, 711.49, HEATER))
    segments.append((721.7, 725.62, HEATER))
    segments += pid_pulses(730.2, 900.0, 0.4)
    runs = detect(segments, 900.0, pump=pump, sag=2.0)
    assert len(runs) == 1
    assert abs(runs[0].started - 700.7) <= 1.0
    assert abs(runs[0].ended - 725.6) <= 1.0


def test_one_reading_of_each_kind_calibrates_among_a_pids_pulses() -> None:
    """A 13 s run read every 2 s among pulses every 10 s (a slow PID).

    The pump alone is read twice at one value (a stale meter may repeat
    itself: one reading), and once with the heater whole; the heater's own
    level holds after the run. The idle readings pulse several times a
    minute: one reading of each kind, within 10 %, tells the step.
    """
    trace = TraceSpec("pid_slow", "vibratory", "periodic_2", 20250438, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.05)


def test_the_heaters_level_read_before_the_run_pairs_with_it() -> None:
    """The heater's level never holds after the run (its pulses read in part).

    The PID's longer pulses before the run read it whole, three times or
    more: the pump alone once (past its ramp) and once with the heater pair
    against it.
    """
    trace = TraceSpec("pid_slow", "vibratory", "periodic_2", 20250454, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.05)


def test_a_stop_among_a_pids_pulses_ends_the_run_there() -> None:
    """A flush of 7 s whose stop hides in a heater's pulse over its level.

    The pulse reads in part, then whole with the pump, then without it
    (first in part, 24 W over the heater: no level holds), and ends in a
    reading at the pump's level (a partial one). Two readings in a row of
    the heater without the pump show it stopped there, not at the standby
    that follows.
    """
    pump = 120.0
    segments = idle_pid()
    segments.append((700.7, 707.7, pump))
    segments.append((705.9, 709.6, HEATER))
    segments += pid_pulses(720.2, 900.0, 0.4)
    runs = detect(segments, 900.0, pump=pump)
    assert len(runs) == 1
    assert abs(runs[0].started - 700.7) <= 1.0
    assert abs(runs[0].ended - 707.7) <= 1.0


def test_a_stop_among_a_pids_pulses_read_twice_apart_ends_the_run() -> None:
    """The heater without the pump read whole twice, a pulse's gap between.

    The two readings agree (a level of its own) and none after the first
    shows the heater with the pump: the pump was off from the first.
    """
    pump = 120.0
    segments = idle_pid()
    segments.append((700.7, 707.5, pump))
    segments.append((705.9, 708.8, HEATER))
    segments.append((709.5, 710.6, HEATER))
    segments += pid_pulses(720.2, 900.0, 0.4)
    runs = detect(segments, 900.0, pump=pump)
    assert len(runs) == 1
    assert abs(runs[0].started - 700.7) <= 1.0
    assert abs(runs[0].ended - 707.5) <= 1.0


def test_partial_readings_that_agree_all_the_time_pause_counting() -> None:
    """Pulses split across two readings every 4 s for minutes, a run among them.

    Each pair agrees between the machine's states and holds no level; so
    many of them, in every stretch, are what a PID pulsing faster than the
    plug reports shows: counting pauses and the run is not counted.
    """
    segments = idle_pid()
    reading = 700.5
    while reading < 1100.0:
        segments.append((reading - 0.1, reading + 0.1, HEATER))
        reading += 4.0
    segments.append((900.7, 925.7, PUMP))
    assert detect(segments, 1100.0) == []
