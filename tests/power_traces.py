"""Plug readings made from a true power, and a detector fed them, for the power tests.

Shared by the pure detector's and calibration's tests: a plug averaging
(or sampling) each interval, a Shelly reporting the mean of the last second
of a longer interval, a plug reporting on change, and the loop the machine
runs (deadlines first, then the reading).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
import random

from custom_components.espresso_care.signals.power.calibration import (
    Calibration,
    calibrate,
    calibration_run_seconds,
    calibration_wait_seconds,
)
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun, Reading

PUMP = 50.0
HEATER = 1000.0
BASE = 5.0

# A reading: (at, watts, volts).
type Row = tuple[float, float | None, float | None]


def run_all(
    det: PumpDetector, rows: Iterable[Row], until: float | None = None
) -> list[DetectedRun]:
    """Feed readings as the machine does: advance at each deadline first."""
    out: list[DetectedRun] = []
    last = 0.0
    for at, watts, volts in rows:
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            out += det.advance(deadline)
        out += det.feed(at, watts, volts)
        last = at
    if until is not None:
        while (deadline := det.next_deadline) is not None and deadline <= until:
            out += det.advance(deadline)
            if det.next_deadline == deadline:
                break
        out += det.advance(until)
    else:
        out += det.advance(last)
    return out


def readings(rows: Iterable[Row]) -> list[Reading]:
    """The rows as the detector's readings."""
    return [Reading(at, watts, volts) for at, watts, volts in rows]


def level(power: Sequence[tuple[float, float, float]], t: float) -> float:
    """The true power at ``t`` from (start, end, watts) pieces added to the base."""
    return BASE + sum(w for a, b, w in power if a <= t < b)


def periodic(
    power: Sequence[tuple[float, float, float]],
    end: float,
    *,
    every: float = 1.0,
    start: float = 0.0,
    noise: float = 0.0,
    seed: int = 0,
    averaging: bool = True,
    volts: float | None = None,
) -> list[Row]:
    """What a periodic plug reports: the average (or a sample) over each interval."""
    rng = random.Random(seed)
    rows: list[Row] = []
    t = start + every
    while t <= end:
        if averaging:
            steps = 20
            w = sum(
                level(power, t - every + every * (i + 0.5) / steps)
                for i in range(steps)
            )
            w /= steps
        else:
            w = level(power, t)
        w = max(0.0, round(w + rng.gauss(0, noise), 1))
        rows.append((t, w, volts))
        t += every
    return rows


def with_recorded(
    rows: Sequence[Row], at: float, watts: Sequence[float], volts: float | None
) -> list[Row]:
    """``rows`` with a trace's recorded readings in place of those from ``at`` on, at the rows' times."""
    i = next(i for i, row in enumerate(rows) if row[0] >= at)
    out = list(rows)
    out[i : i + len(watts)] = [(rows[i + n][0], w, volts) for n, w in enumerate(watts)]
    return out


def idle_heater_cycles(
    start: float, count: int, size: float = HEATER
) -> list[tuple[float, float, float]]:
    """Heater cycles (40 s on every 120 s) for the detector to learn the heater's size."""
    return [(start + 120.0 * i, start + 120.0 * i + 40.0, size) for i in range(count)]


def dual_boiler_heaters(steam: float, brew: float) -> list[tuple[float, float, float]]:
    """Each of a dual boiler's heaters alone from the standby, the steam heater first: both sizes learnt."""
    return [
        *idle_heater_cycles(52.5, 3, steam),
        *idle_heater_cycles(412.5, 3, brew),
    ]


def feed_all(
    det: PumpDetector, rows: list[tuple[float, float]], until: float
) -> list[DetectedRun]:
    """Feed the readings as the machine does (deadlines first); advance to ``until``."""
    runs: list[DetectedRun] = []
    for at, watts in rows:
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            runs += det.advance(deadline)
        runs += det.feed(at, watts)
    return runs + det.advance(until)


EVERY = 2.0  # the plug's interval, s
WINDOW = 1.0  # ... of which each reading averages the last second


type Pieces = list[tuple[float, float, float]]


def mean_power(pieces: Pieces, t: float, window: float) -> float:
    """The true power averaged over ``window`` s before ``t``, rounded as a plug does."""
    steps = 40
    total = sum(
        BASE + sum(w for a, b, w in pieces if a <= t - window * (i + 0.5) / steps < b)
        for i in range(steps)
    )
    return round(total / steps, 1)


def heater_and_pump_cycles(heater: float, pump: float) -> Pieces:
    """Ten heater cycles at phases spread over the interval (they teach its size and
    the plug's window), and a run of the pump alone between each and the next."""
    pieces: Pieces = []
    for i in range(10):
        start = 50.0 + 150.0 * i
        pieces.append((start + 0.2 * i, start + 40.0 + 0.13 * i, heater))
        pieces.append((start + 70.3 + 0.17 * i, start + 95.1 + 0.11 * i, pump))
    return pieces


def half_window_plug(pieces: Pieces, end: float) -> list[tuple[float, float]]:
    """(at, watts): the mean power over the last ``WINDOW`` s, every ``EVERY`` s."""
    return [
        (EVERY * n, mean_power(pieces, EVERY * n, WINDOW))
        for n in range(1, int(end / EVERY) + 1)
    ]


def on_change_plug(pieces: Pieces, end: float) -> list[tuple[float, float]]:
    """(at, watts): the mean power over the last second, sent when it moved 5 W."""
    rows: list[tuple[float, float]] = []
    for n in range(1, int(end) + 1):
        mean = mean_power(pieces, float(n), 1.0)
        if not rows or abs(mean - rows[-1][1]) > 5.0:
            rows.append((float(n), mean))
    return rows


CYCLES = 20


def half_window_readings(runs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Heater cycles at phases spread over the interval (they teach the plug's
    window: 40 % of their first readings partial), then ``runs``."""
    pieces: Pieces = []
    for i in range(CYCLES):
        cycle = 50.0 + 150.0 * i
        on = cycle + EVERY * ((7 * i) % CYCLES + 0.5) / CYCLES
        off = cycle + 40.0 + EVERY * ((13 * i) % CYCLES + 0.5) / CYCLES
        pieces.append((on, off, HEATER))
    pieces += [(a, b, PUMP) for a, b in runs]
    end = max(b for _, b, _ in pieces) + 60.0
    return [
        (EVERY * n, mean_power(pieces, EVERY * n, WINDOW))
        for n in range(1, int(end / EVERY))
    ]


def calibrate_as_the_flow_does(rows: Iterable[Row], click: float) -> Calibration:
    """The options flow's loop for one run on (at, watts, volts) rows: ``calibrate``
    on every reading after ``click`` until a step or too_noisy, or its wait passed
    (``SeveralRuns`` runs it for each of the runs asked of a slow plug)."""
    rows = list(rows)
    readings = [Reading(at, w, v) for at, w, v in rows if at < click]
    wait = calibration_wait_seconds(calibration_run_seconds(readings))
    result = Calibration(None, 0.0, "timeout")
    for at, w, v in rows:
        if at < click or at > click + wait:
            continue
        readings.append(Reading(at, w, v))
        result = calibrate(readings, pump_started_after=click)
        if result.error is None or result.error == "too_noisy":
            break
    return result


def calibrated_watts(rows: Iterable[Row], click: float) -> float:
    """``calibrate_as_the_flow_does``'s pump step, which must have been measured."""
    result = calibrate_as_the_flow_does(rows, click)
    assert result.error is None
    assert result.pump_watts is not None
    return result.pump_watts


def idle_every_5s(at: float, n: int, standby: float) -> list[tuple[float, float]]:
    """``n`` readings of the standby every 5 s from ``at``."""
    return [(at + 5.0 * i, standby) for i in range(n)]


def heater_cycles_every_5s(
    cycles: int, standby: float, heater: float
) -> tuple[list[tuple[float, float]], float]:
    """200 s of standby, then ``cycles`` heater cycles read every 5 s, 200 s apart.

    Each cycle: a partial rise, eight readings of the heater, a partial
    fall, the standby. Returns the readings and the moment the next cycle
    would start (the scene's own readings follow from there).
    """
    cycled, at = heater_cycles_from(200.0, cycles, standby, heater)
    return idle_every_5s(0.0, 40, standby) + cycled, at


def heater_cycles_from(
    at: float, cycles: int, standby: float, heater: float
) -> tuple[list[tuple[float, float]], float]:
    """``cycles`` heater cycles read every 5 s from ``at``, 200 s apart (no standby before).

    The cycles of ``heater_cycles_every_5s``; returns the readings and the
    moment the next cycle would start.
    """
    readings: list[tuple[float, float]] = []
    for _ in range(cycles):
        readings += [(at, standby + 0.4 * heater)]
        readings += [(at + 5.0 * i, standby + heater) for i in range(1, 9)]
        readings += [(at + 45.0, standby + 0.5 * heater)]
        readings += idle_every_5s(at + 50.0, 30, standby)
        at += 200.0
    return readings, at


def scene_after_heater_cycles(
    scene: Sequence[float], standby: float, pump: float, heaters: Sequence[float]
) -> list[tuple[float, float]]:
    """A detector's runs over ``scene`` read every 5 s, once a heater was learnt.

    200 s of standby, one heater cycle of each size in ``heaters`` (the
    cycles of ``heater_cycles_from``), then ``scene`` from the moment the
    next cycle would start, then the standby. Returns each run's start and
    end from the scene's first reading.
    """
    readings = idle_every_5s(0.0, 40, standby)
    at = 200.0
    for size in heaters:
        cycle, at = heater_cycles_from(at, 1, standby, size)
        readings += cycle
    readings += [(at + 5.0 * i, watts) for i, watts in enumerate(scene)]
    readings += idle_every_5s(at + 5.0 * len(scene), 30, standby)
    rows = [(t, watts, None) for t, watts in readings]
    runs = run_all(PumpDetector(pump), rows, until=readings[-1][0])
    return [(r.started - at, r.ended - at) for r in runs]


def steam_held_heat_up(
    standby: float, brew: float, steam: float, *, steam_held: bool = True
) -> list[tuple[float, float]]:
    """A dual boiler heating up, read every 5 s to 1,000 s.

    Both heaters come on; the brew heater goes off first, the steam heater
    holds its level alone 400 s, then hands over to the brew heater, which
    goes off: the steam heater is never read switching alone. Without
    ``steam_held`` the brew heater heats up alone (its own level held is a
    known heater's)."""
    both, alone = (steam + brew, steam) if steam_held else (brew, brew)
    readings = idle_every_5s(0.0, 20, standby)
    readings += idle_every_5s(100.0, 60, standby + both)
    readings += idle_every_5s(400.0, 80, standby + alone)
    readings += idle_every_5s(800.0, 12, standby + brew)
    readings += idle_every_5s(860.0, 28, standby)
    return readings


def brew_cycles_every_200s(
    at: float, standby: float, brew: float
) -> tuple[list[tuple[float, float]], float]:
    """The brew heater's three short cycles from ``at``, 200 s apart (its size
    known): a partial reading each way, three whole. Returns the readings
    and the moment after them."""
    readings: list[tuple[float, float]] = []
    for _ in range(3):
        readings += [(at, standby + 0.5 * brew)]
        readings += idle_every_5s(at + 5.0, 3, standby + brew)
        readings += [(at + 20.0, standby + 0.4 * brew)]
        readings += idle_every_5s(at + 25.0, 35, standby)
        at += 200.0
    return readings, at


def mid_floor_run(
    pump: float,
    *,
    period: float,
    base: float,
    opened: float,
    first: float,
    hits: Sequence[float],
    last_watts: float,
) -> PumpDetector:
    """A detector inside a slow PID's floor run: the pump read alone at ``hits``.

    Read every ``period`` s, the run opened at ``opened`` (a pulse's reading
    over the standby ``base``), the pump first shown at ``first``, the
    PID's pulses lately; the next reading (``last_watts``) comes an interval
    of 2 s after the last hit.
    """
    det = PumpDetector(pump)
    det._gap = det._period = period
    det._base = base
    last = hits[-1]
    det._pulses, det._pulse_at = 1.0, last  # a slow PID's pulses lately
    floor = det._floor
    floor.base, floor.at = base, last
    floor.low = floor.before = opened - 2.0
    floor.start, floor.first = opened, first
    for at in hits:
        floor.hits.append(at)
        floor.levels.append(pump + 0.5)
    floor.pulses = 8
    floor.last, floor.last_at = last_watts, last + 2.0
    return det
