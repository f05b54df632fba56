"""Calibration beside a slow PID reads each prefix's edges from one detector fed along.

Once a slow PID's run floor is settled, ``_checked_by_floor`` calibrates
every prefix of the readings since the click (the verdict the flow would
have had at the first reading that gave a step). Each ``_calibrate`` ran a
detector over all the readings, twice (the idle minutes' spread): up to
130 ms in the options flow's last call (slow PID read every second, dev
seed 20,000,000; 41 ms now). ``_PrefixEdges`` feeds one detector along and
finishes a copy of it for each prefix: the same detector, the same edges,
and so the same verdict, on the two traces of ``_run_floor``'s tests and
on random readings.
"""

from __future__ import annotations

from collections.abc import Sequence
import random

import pytest

from custom_components.espresso_care.signals.power.calibration import (
    constants,
    edges,
    levels,
    measure,
    pid_pulses,
    pulsed_run,
)
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import Reading

from .test_power_calibration_pid_run_floor import (
    CLICK_EVERY_1S,
    CLICK_ON_CHANGE,
    ROWS_EVERY_1S,
    ROWS_ON_CHANGE,
)

TRACES = [(ROWS_ON_CHANGE, CLICK_ON_CHANGE), (ROWS_EVERY_1S, CLICK_EVERY_1S)]


def _seen(det: PumpDetector) -> tuple[object, ...]:
    """What ``_calibrate`` reads of a detector."""
    return (det._sd, det._known_heaters, det.noise_watts, det.ambiguous)


def _random_rows(seed: int) -> list[tuple[float, float, float]]:
    """A standby, a PID's pulses and a pump's run, at random."""
    rng = random.Random(seed)
    rows = []
    at = 0.0
    for _ in range(240):
        at += rng.choice((1.0, 1.0, 2.0))
        w = 4.0 + rng.gauss(0.0, 0.3)
        if 180.0 <= at <= 200.0:
            w += 60.0 + rng.gauss(0.0, 1.0)
        if rng.random() < 0.3:
            w += rng.uniform(30.0, 900.0)
        rows.append((at, round(w, 1), 230.0))
    return rows


def _readings(rows: Sequence[tuple[float, float, float]]) -> list[Reading]:
    return levels._valid([Reading(at, w, v) for at, w, v in rows])


@pytest.mark.parametrize(
    ("rows", "click"),
    [*TRACES, (_random_rows(1), 178.0), (_random_rows(2), 178.0)],
)
def test_each_prefix_as_edges_reads_it(
    rows: Sequence[tuple[float, float, float]], click: float
) -> None:
    """In the order ``_checked_by_floor`` asks: a prefix, the idle one, the next."""
    valid = _readings(rows)
    start = next(k for k, r in enumerate(valid) if r.at >= click)
    prefixes = edges._PrefixEdges(valid)
    for k in [start + 1, start, *range(start + 2, len(valid) + 1), start, 0]:
        det, seen_edges = prefixes(k)
        want, want_edges = edges._edges(valid[:k], constants.CAL_MIN_W)
        assert seen_edges == want_edges
        assert _seen(det) == _seen(want)


def _checked_by_floor_as_before(
    valid: Sequence[Reading], after: float, base: float
) -> measure.Calibration:
    """``_checked_by_floor`` calibrating each prefix from scratch (before ``_PrefixEdges``)."""
    run = pulsed_run._run_floor(valid, after, base)
    if run is None or not run[0]:
        return measure.Calibration(None, 0.0, "no_pump_seen")
    floor = run[1]
    start = next((k for k, r in enumerate(valid) if r.at >= after), len(valid))
    for k in range(start + 1, len(valid) + 1):
        early = measure._calibrate(valid[:k], after)
        if early.error == "too_noisy":
            return early
        if (
            early.pump_watts is None
            or pulsed_run._run_floor(valid[:k], after, base) is None
        ):
            continue
        if floor is not None and abs(floor - early.pump_watts) > 0.1 * floor:
            return measure._calibrate(valid, after, floor)
        return early
    return measure._calibrate(valid, after)


@pytest.mark.parametrize(("rows", "click"), TRACES)
def test_the_verdict_at_every_reading_is_the_one_before(
    rows: Sequence[tuple[float, float, float]], click: float
) -> None:
    """Every call the flow makes, to the end of the rows (past its first step)."""
    valid = _readings(rows)
    base = pid_pulses._pulsing_standby(valid, click)
    assert base is not None
    checked = 0
    for k in range(len(valid)):
        if valid[k].at < click:
            continue
        got = measure._checked_by_floor(valid[: k + 1], click, base)
        assert got == _checked_by_floor_as_before(valid[: k + 1], click, base)
        checked += got.pump_watts is not None
    assert checked  # (a step was read at last)
