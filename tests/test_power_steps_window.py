"""Edges dated by the share of its interval a plug's reading averages over.

A Shelly polled every 2 s reports the average of the last second: half of
each interval is never seen. A step read whole happened in the unseen half
(or at the window's start); one read partial happened inside the window, by
its share of it.
"""

from __future__ import annotations

import random

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.steps import _pump_time
from custom_components.espresso_care.signals.power.readings import DetectedRun
from simulator.espresso import generate

from .power_traces import (
    EVERY,
    HEATER,
    PUMP,
    Pieces,
    feed_all,
    half_window_plug,
    mean_power,
    on_change_plug,
)
from .sim_replay import calibrated_runs, run_near


def detect(rows: list[tuple[float, float]], pump: float = PUMP) -> list[DetectedRun]:
    """The runs found in ``rows``, read to 100 s past the last."""
    return feed_all(PumpDetector(pump), rows, rows[-1][0] + 100.0)


def at_any_phase(
    seed: int, every: float, cycles: int, runs: int
) -> tuple[Pieces, list[tuple[float, float]]]:
    """Heater cycles, then pump runs, each at any phase of the plug's ``every``.

    The heater's steps teach the detector the plug's window. Returns the
    pieces and the runs' true (start, end).
    """
    rng = random.Random(seed)
    pieces: Pieces = []
    t = 50.0
    for _ in range(cycles):
        on = t + rng.uniform(0.0, every)
        pieces.append((on, on + 40.0 + rng.uniform(0.0, every), HEATER))
        t += 150.0
    truth = []
    for _ in range(runs):
        start = t + rng.uniform(0.0, every)
        stop = start + rng.uniform(20.0, 35.0)
        truth.append((start, stop))
        pieces.append((start, stop, PUMP))
        t += 120.0
    return pieces, truth


def edge_errors(
    runs: list[DetectedRun], truth: list[tuple[float, float]]
) -> list[float]:
    """Each run's start and end error, s (the runs one for one with the truth)."""
    assert len(runs) == len(truth)
    return [
        abs(e)
        for r, (a, b) in zip(runs, truth, strict=True)
        for e in (r.started - a, r.ended - b)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_half_window_plug_dates_the_pump_within_half_a_second(seed: int) -> None:
    """Runs starting and stopping at any moment of the interval.

    Each edge within 0.8 s of the truth: half the unseen half, and a share
    too small to tell from noise (0.15 of the window) read as none. Dating a
    partial reading by its share of the whole interval, or at the reading,
    is off by up to a second.
    """
    pieces, truth = at_any_phase(seed, EVERY, cycles=12, runs=10)
    errors = edge_errors(detect(half_window_plug(pieces, 3000.0)), truth)
    assert max(errors) <= 0.8
    assert sum(errors) / len(errors) <= 0.35


def test_a_plug_silent_between_changes_dates_by_its_measuring_second() -> None:
    """On change only: minutes of silence between heater cycles do not stretch
    the interval a partial reading is dated in (the plug still measures every
    second), so a run's start and end are within half a second."""
    pieces, truth = at_any_phase(7, 1.0, cycles=12, runs=8)
    errors = edge_errors(detect(on_change_plug(pieces, 3000.0)), truth)
    assert max(errors) <= 0.5


def test_a_flush_of_under_two_seconds_read_every_second_is_a_run() -> None:
    """A 1.7 s flush from the standby: two readings at the pump's level at
    most, no steady state of its own (a short pulse), dated to its length."""
    rng = random.Random(3)
    pieces: Pieces = []
    for i in range(8):  # at any phase: the plug's window is learnt
        on = 50.0 + 60.0 * i + rng.uniform(0.0, 1.0)
        pieces.append((on, on + 25.0, HEATER))
    pieces.append((600.4, 602.1, PUMP))
    rows = [(float(n), mean_power(pieces, float(n), 1.0)) for n in range(1, 701)]
    (run,) = detect(rows)
    assert run.started == pytest.approx(600.4, abs=0.3)
    assert run.ended == pytest.approx(602.1, abs=0.3)


def test_a_start_read_after_a_heater_pulse_is_dated_where_the_pump_shows() -> None:
    """A slow PID's pulse just before the pump starts, on a plug that reports
    on change (seed 20250467): the pulse's readings (1,175 W, 714 W) lie far
    past the pump's level, then one at it (186 W, its inrush). They are no
    sign of the start: a 14.5 s run dated from the pulse began 1.8 s early
    and was read 16.3 s long, a shot."""
    trace = generate(
        "pid_slow",
        "rotary",
        "on_change",
        seed=20250467,
        shots=10,
        days=2,
        hand_backflushes=1,
    )
    runs = calibrated_runs(trace, 10300.0)
    shot, run = run_near(trace, runs, 10173.2)
    assert run[0] == pytest.approx(shot.started, abs=0.6)
    assert run[1] - run[0] < 15.0


def test_a_stop_inside_a_reading_of_the_heater_whole_is_dated_by_its_share() -> None:
    """A heat exchanger at 2 s (seed 20250415): the heater came on and the
    pump stopped in one interval. The reading 85 W short of the heater and
    the pump together holds the pump for half the window: it stopped there
    (5129.5 s), not at the next reading (5132.0 s), which made a 14.7 s run
    an 18 s one."""
    pts = [5126.0, 184.03, 5128.02, 185.6, 5130.01, 1508.3, 5131.98, 1427.8]
    pts += [5134.0, 1416.6]
    ended = _pump_time(
        pts, 184.01, 1409.4, -171.21, averaging=False, window=0.5, gap=2.0
    )
    assert ended == pytest.approx(5129.5, abs=0.15)


def test_a_stop_read_in_a_reading_between_both_levels_is_dated_inside_it() -> None:
    """A heat exchanger at 1 s (seed 20250412): the pump and the heater went
    off within one reading (652 W between 1,395 W and 3 W). The pump stopped
    inside that reading's window, dated by its share of both (as one
    switching), not a whole interval later at the first reading of neither
    (which read the shot 0.9 s long)."""
    pts = [998.0, 1392.6, 998.9, 1389.4, 999.9, 1394.8, 1000.9, 651.7]
    pts += [1001.9, 3.0, 1002.9, 2.4]
    ended = _pump_time(pts, 1392.3, -1329.7, -60.0, averaging=True, window=1.0, gap=1.0)
    assert ended == pytest.approx(1000.37, abs=0.05)
