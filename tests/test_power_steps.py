"""The pump detector on a plug's power readings (pure: no Home Assistant)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
import importlib
import math
from pathlib import Path
import pkgutil
import random
from types import ModuleType
from typing import Any

import pytest

from custom_components.espresso_care.signals import power
from custom_components.espresso_care.signals.power.calibration import (
    Calibration,
    calibrate,
    learn_pump_watts,
)
from custom_components.espresso_care.signals.power.pump import (
    constants as power_constants,
)
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun, Reading

# --- the module ------------------------------------------------------------------
from .power_traces import (
    BASE,
    HEATER,
    PUMP,
    Row,
    idle_heater_cycles,
    level,
    periodic,
    readings,
    run_all,
)

_POWER_MODULES = [
    importlib.import_module(found.name)
    for found in pkgutil.walk_packages(power.__path__, f"{power.__name__}.")
    if not found.ispkg
]


@pytest.mark.parametrize("module", _POWER_MODULES, ids=lambda m: m.__name__)
def test_module_is_pure(module: ModuleType) -> None:
    """No Home Assistant import anywhere in the power signal's modules, subpackages included."""
    tree = ast.parse(Path(str(module.__file__)).read_text())
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    assert names
    assert not [n for n in names if n.split(".")[0] == "homeassistant"]


def test_api_shapes() -> None:
    run = DetectedRun(10.0, 35.5, 50.0)
    assert run.duration == 25.5
    assert Reading(1.0, None).volts is None
    det = PumpDetector(50)
    assert det.pump_watts == 50.0
    det.pump_watts = 60.0
    assert det.pump_watts == 60.0
    with pytest.raises(ValueError):
        PumpDetector(0)
    with pytest.raises(ValueError):
        det.pump_watts = -1.0
    assert det.pump_on is None  # nothing seen yet
    assert det.ambiguous is False
    assert det.next_deadline is None
    assert det.feed(0.0, 5.0) == []
    assert det.pump_on is False


# --- runs ---------------------------------------------------------------------------


def test_clean_run() -> None:
    det = PumpDetector(PUMP)
    rows = periodic([(100.0, 125.0, PUMP)], 200.0, noise=1.0)
    runs = run_all(det, rows)
    assert len(runs) == 1
    run = runs[0]
    assert run.started == pytest.approx(100.0, abs=1.0)
    assert run.duration == pytest.approx(25.0, abs=1.0)
    assert run.watts == pytest.approx(PUMP, rel=0.1)
    assert det.pump_on is False


def test_pump_on_while_running() -> None:
    det = PumpDetector(PUMP)
    rows = periodic([(100.0, 125.0, PUMP)], 200.0)
    seen: list[bool | None] = []
    for at, watts, _ in rows:
        det.feed(at, watts)
        seen.append(det.pump_on)
    assert seen[110] is True  # mid-run
    assert seen[-1] is False


def test_heater_alone_is_no_run() -> None:
    det = PumpDetector(PUMP)
    rows = periodic(idle_heater_cycles(50.0, 6), 900.0, noise=2.0)
    assert run_all(det, rows) == []
    assert det.ambiguous is False


def test_heater_switches_on_during_a_shot() -> None:
    det = PumpDetector(PUMP)
    power = [*idle_heater_cycles(50.0, 3), (600.0, 628.0, PUMP), (606.0, 660.0, HEATER)]
    runs = run_all(det, periodic(power, 800.0, noise=1.5))
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(28.0, abs=1.0)


@pytest.mark.parametrize(
    ("pump", "heater", "started"),
    [
        # +1,050 W in one reading: heater +1,000 (known) and pump +50.
        pytest.param((600.2, 630.0), (600.4, 680.0), 600.2, id="rise"),
        pytest.param((600.0, 630.2), (610.0, 630.4), 600.0, id="fall"),
    ],
)
def test_heater_in_the_same_interval_as_the_pumps_edge(
    pump: tuple[float, float], heater: tuple[float, float], started: float
) -> None:
    """A heater's edge in the same reading as the pump's rise, or its fall."""
    det = PumpDetector(PUMP)
    power = [*idle_heater_cycles(50.0, 3), (*pump, PUMP), (*heater, HEATER)]
    rows = periodic(power, 800.0, every=2.0, averaging=False)
    runs = run_all(det, rows)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(started, abs=2.0)
    assert runs[0].duration == pytest.approx(pump[1] - pump[0], abs=2.0)


def test_start_hidden_in_an_unknown_heater_is_dated_afterwards() -> None:
    """No heater size known yet: the run is decided when the heater falls."""
    det = PumpDetector(PUMP)
    power = [(100.2, 125.0, PUMP), (100.4, 160.0, HEATER)]
    rows = periodic(power, 300.0, every=2.0, averaging=False)
    runs: list[DetectedRun] = []
    decided_at: list[float] = []
    for at, watts, _ in rows:
        new = det.feed(at, watts)
        runs += new
        decided_at += [at] * len(new)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(100.2, abs=2.0)
    assert runs[0].ended == pytest.approx(125.0, abs=2.0)
    assert decided_at[0] >= 160.0  # once the heater's own fall told its size


def test_voltage_drift_with_volts() -> None:
    """Heaters scale with V²; with the plug's volts the split stays right."""
    det = PumpDetector(PUMP)
    rows: list[Row] = []
    power = [*idle_heater_cycles(50.0, 4), (800.3, 830.0, PUMP), (800.6, 870.0, HEATER)]
    for t in range(1, 1000):
        volts = 230.0 + 10.0 * math.sin(t / 150.0)
        scale = (volts / 230.0) ** 2
        w = BASE + sum(
            (ww * scale if ww == HEATER else ww) for a, b, ww in power if a <= t < b
        )
        rows.append((float(t), round(w, 1), round(volts, 1)))
    runs = run_all(det, rows)
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(29.7, abs=1.5)


def test_slow_drift_without_volts() -> None:
    det = PumpDetector(PUMP)
    rows: list[Row] = []
    power = [*idle_heater_cycles(50.0, 4), (600.0, 628.0, PUMP), (610.0, 700.0, HEATER)]
    for t in range(1, 900):
        scale = 1.0 + 0.03 * math.sin(t / 300.0)
        w = BASE + sum(
            (ww * scale if ww == HEATER else ww) for a, b, ww in power if a <= t < b
        )
        rows.append((float(t), round(w, 1), None))
    runs = run_all(det, rows)
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(28.0, abs=1.5)


def test_irregular_reporting() -> None:
    rng = random.Random(3)
    rows: list[Row] = []
    t = 0.0
    while t < 300.0:
        t += rng.uniform(1.0, 10.0)
        w = round(level([(100.0, 160.0, PUMP)], t) + rng.gauss(0, 1.0), 1)
        rows.append((t, w, None))
    runs = run_all(PumpDetector(PUMP), rows)
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(60.0, abs=12.0)


def on_change(
    power: Sequence[tuple[float, float, float]], end: float, *, seed: int = 0
) -> list[Row]:
    """A plug measuring each second, reporting only moves of more than 5 W."""
    rng = random.Random(seed)
    rows: list[Row] = []
    sent: float | None = None
    t = 0.0
    while t < end:
        t += 1.0
        w = round(level(power, t - 0.5) + rng.gauss(0, 2.5), 1)
        if sent is None or abs(w - sent) > 5.0:
            rows.append((t, w, None))
            sent = w
    return rows


def test_on_change_reporting_with_silence() -> None:
    """Reports only when the value moves: silence is "unchanged"."""
    det = PumpDetector(PUMP)
    rows = on_change([(1000.0, 1030.0, PUMP)], 1100.0)
    assert len(rows) < 300  # mostly silence
    out: list[DetectedRun] = []
    for at, watts, _ in rows:
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            out += det.advance(deadline)
        out += det.feed(at, watts)
        if at >= 1031.0:
            break
    # The fall's new level has one reading: silence will tell.
    assert out == []
    decided = 0.0
    while not out and (deadline := det.next_deadline) is not None:
        assert deadline <= 1031.0 + 10.0
        out += det.advance(deadline)
        decided = deadline
    assert len(out) == 1
    assert decided <= 1031.0 + 10.0  # a few seconds of silence decide it
    assert out[0].started == pytest.approx(1000.0, abs=1.5)
    assert out[0].duration == pytest.approx(30.0, abs=1.5)


def test_state_changes_only_from_the_start() -> None:
    """Home Assistant writes no unchanged state: three readings tell a run."""
    det = PumpDetector(52.0)
    runs = run_all(
        det, [(80.0, 3.0, None), (100.0, 55.0, None), (108.0, 3.0, None)], 140.0
    )
    assert runs == [DetectedRun(100.0, 108.0, 52.0)]


def test_late_and_out_of_order_readings_are_ignored() -> None:
    det = PumpDetector(PUMP)
    rows = periodic([(100.0, 125.0, PUMP)], 200.0)
    out: list[DetectedRun] = []
    for at, watts, _ in rows:
        out += det.feed(at, watts)
        if at == 110.0:
            out += det.feed(50.0, 900.0)  # older than the last: ignored
            out += det.feed(109.5, 0.0)
    assert len(out) == 1
    assert out[0].duration == pytest.approx(25.0, abs=1.0)


def test_repeated_identical_values() -> None:
    det = PumpDetector(PUMP)
    rows: list[Row] = [(float(t), BASE, None) for t in range(100)]
    rows += [(float(t), 55.0, None) for t in range(100, 130)]
    rows += [(float(t), BASE, None) for t in range(130, 200)]
    runs = run_all(det, rows)
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(30.0, abs=1.0)


def test_dropped_readings() -> None:
    rng = random.Random(5)
    rows = [
        r
        for r in periodic([(100.0, 130.0, PUMP)], 250.0, noise=1.0)
        if rng.random() > 0.15
    ]
    runs = run_all(PumpDetector(PUMP), rows)
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(30.0, abs=2.5)


def test_noise_of_a_few_watts_makes_no_run() -> None:
    det = PumpDetector(PUMP)
    rows = periodic([], 3600.0, noise=3.0, seed=9)
    assert run_all(det, rows) == []
    assert det.ambiguous is False
    assert 0.0 < det.noise_watts < 0.5 * PUMP


def test_unavailable_mid_run_drops_it() -> None:
    det = PumpDetector(PUMP)
    rows = periodic([(100.0, 130.0, PUMP), (200.0, 230.0, PUMP)], 300.0)
    rows = [(at, None if at == 115.0 else w, v) for at, w, v in rows]
    runs = run_all(det, rows)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(200.0, abs=1.0)


@pytest.mark.parametrize("bad", [-3.0, math.nan, math.inf, 6000.0])
def test_absurd_values_are_unavailable(bad: float) -> None:
    det = PumpDetector(PUMP)
    rows = periodic([(100.0, 130.0, PUMP)], 200.0)
    rows = [(at, bad if at == 115.0 else w, v) for at, w, v in rows]
    assert run_all(det, rows) == []
    assert det.pump_on is False


def test_reset_forgets_the_run_in_progress() -> None:
    det = PumpDetector(PUMP)
    rows = periodic([(100.0, 130.0, PUMP)], 200.0)
    out: list[DetectedRun] = []
    for at, watts, _ in rows:
        out += det.feed(at, watts)
        if at == 115.0:
            assert det.pump_on is True
            det.reset()
            assert det.pump_on is None
    assert out == []


# --- ambiguity ----------------------------------------------------------------------


def paused(det: PumpDetector) -> bool:
    """Whether the detector counts nothing now (read afresh each time)."""
    return det.ambiguous


def fast_pid(start: float, end: float, seed: int) -> list[Row]:
    """A PID driving an SSR faster than the plug: readings wander 0..heater."""
    rng = random.Random(seed)
    duty = 0.1
    rows: list[Row] = []
    t = start
    while t < end:
        t += 1.0
        duty = min(0.4, max(0.0, duty + rng.gauss(0, 0.03)))
        w = round(BASE + HEATER * max(0.0, duty + rng.gauss(0, 0.05)), 1)
        rows.append((t, w, None))
    return rows


def test_fast_pid_is_ambiguous_then_clears_with_hysteresis() -> None:
    det = PumpDetector(PUMP)
    clean = periodic([], 300.0, noise=1.0)
    run_all(det, clean)
    assert paused(det) is False
    noisy = fast_pid(300.0, 900.0, seed=1)
    noisy_runs = run_all(det, noisy)
    assert paused(det) is True
    assert det.pump_on is None
    assert noisy_runs == []
    # Clean again: not at once, but after a while.
    quiet = periodic([], 1000.0, start=900.0, noise=1.0)
    run_all(det, quiet)
    assert paused(det) is True
    later = periodic([(1500.0, 1525.0, PUMP)], 1800.0, start=1000.0, noise=1.0)
    runs = run_all(det, later)
    assert paused(det) is False
    assert len(runs) == 1


@pytest.mark.parametrize(
    ("pulse", "pauses"),
    [(1.4 * PUMP, True), (2.2 * PUMP, False)],
    ids=["near the pump's size", "twice the pump's"],
)
def test_pulses_pause_counting_by_how_like_the_pump_they_are(
    pulse: float, pauses: bool
) -> None:
    """Unexplained pulses at one rate: near the pump's size they pause counting.

    A pulse twice the pump's step or more (a heater's, read in part) passes
    for the pump less often, and counts half as much toward the pause.
    """
    det = PumpDetector(PUMP)
    power = [(60.0 + 120.0 * i, 64.0 + 120.0 * i, pulse) for i in range(6)]
    run_all(det, periodic(power, 660.0, noise=0.5))
    assert paused(det) is pauses


def test_no_run_is_counted_while_ambiguous() -> None:
    det = PumpDetector(PUMP)
    rows = fast_pid(0.0, 600.0, seed=2)
    rows += [
        (at + 600.0, (w or 0.0) + 50.0, v) for at, w, v in fast_pid(0.0, 25.0, seed=3)
    ]
    rows += fast_pid(625.0, 900.0, seed=4)
    assert run_all(det, rows) == []
    assert det.ambiguous is True


def assert_deadlines_move(det: PumpDetector, rows: Iterable[Row]) -> int:
    """Feed ``rows``; before each, advance to every deadline due: each must move on."""
    advanced = 0
    for at, watts, volts in rows:
        while (deadline := det.next_deadline) is not None and deadline < at:
            det.advance(deadline)
            advanced += 1
            after = det.next_deadline
            assert after is None or after > deadline, (deadline, after)
        det.feed(at, watts, volts)
    return advanced


def test_next_deadline_never_sticks() -> None:
    """``advance(next_deadline)`` moves the deadline on or clears it, in any state."""
    det = PumpDetector(PUMP)
    # Ambiguous (a fast PID), then a run long past MAX_RUN_S, then silence
    # on change, then a pump left on at a level: every deadline moves.
    rows = fast_pid(0.0, 400.0, seed=5)
    rows += periodic(
        [(500.0, 500.0 + power_constants.MAX_RUN_S + 40.0, PUMP)],
        800.0,
        start=400.0,
        noise=1.0,
    )
    rows += [(810.0, BASE + PUMP, None), (812.0, BASE + PUMP, None)]
    rows += [(1100.0, BASE, None), (1500.0, BASE + HEATER, None)]
    advanced = assert_deadlines_move(det, rows)
    assert advanced > 10
    # To the end: the deadlines run out (or keep moving) and never repeat.
    last = -math.inf
    for _ in range(200):
        deadline = det.next_deadline
        if deadline is None:
            break
        assert deadline > last
        det.advance(deadline)
        last = deadline
    assert det.pump_on is not None


def test_pump_running_longer_than_max_run_is_no_run() -> None:
    det = PumpDetector(PUMP)
    rows = periodic(
        [(100.0, 100.0 + power_constants.MAX_RUN_S + 10.0, PUMP)], 400.0, noise=1.0
    )
    assert_deadlines_move(det, rows)
    assert run_all(det, [], until=500.0) == []


def test_a_pause_between_two_readings_splits_no_run_into_one() -> None:
    """Backflush pulses 6 s apart on a 2 s plug: the pause is read once, at standby.

    The heater comes on in the pause, so the levels either side look alike;
    the reading at standby shows the pump stopped: never one long run.
    """
    power = [
        *idle_heater_cycles(20.0, 2),
        (300.0, 308.1, 185.0),
        (308.9, 312.0, HEATER),
        (312.3, 324.0, 185.0),
    ]
    # Sampled: 308 pump, 310 heater, 312 standby, 314 pump again.
    rows = periodic(power, 360.0, every=2.0, noise=1.0, averaging=False)
    assert [w for at, w, _ in rows if at == 312.0] == [pytest.approx(BASE, abs=4)]
    runs = run_all(PumpDetector(185.0), rows, until=400.0)
    assert all(run.duration < 15.0 for run in runs)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_two_pulses_around_one_reading_at_standby_are_two_runs(every: float) -> None:
    """Backflush pulses with a pause that one reading shows, at the standby level.

    Nothing ran during that reading: the first pulse ended before it and the
    second began after it, each a run of its own with its own times.
    """
    power = [(300.0, 307.3, 60.0), (309.6 + every - 1.0, 318.0, 60.0)]
    rows = periodic(power, 360.0, every=every, noise=0.5)
    low = [at for at, w, _ in rows if 307.0 < at < 312.0 and w is not None and w < 8]
    assert len(low) == 1  # the pause, read once
    runs = run_all(PumpDetector(60.0), rows, until=400.0)
    assert len(runs) == 2
    first, second = runs
    assert first.started == pytest.approx(300.0, abs=every)
    assert first.ended == pytest.approx(307.3, abs=every)
    assert second.started == pytest.approx(power[1][0], abs=every)
    assert second.ended == pytest.approx(318.0, abs=every)
    assert first.watts == pytest.approx(60.0, rel=0.1)


def test_a_heater_edge_two_ways_in_a_run_is_settled_by_the_pumps_fall() -> None:
    """A dual boiler: one heater on with the pump on, or the other without it?

    The second heater is the first and the pump's step: its edge fits both.
    The pump's fall later, to the first heater's level, says the pump stayed
    on: one run, of the pump's step, not a run dropped as unexplained.
    """
    pump, small, big = 150.0, 1000.0, 1150.0
    power = [
        *idle_heater_cycles(20.0, 2, small),
        *idle_heater_cycles(80.0, 2, big),
        (300.0, 330.0, pump),
        (312.0, 400.0, small),
    ]
    rows = periodic(power, 460.0, noise=1.0)
    runs = run_all(PumpDetector(pump), rows, until=500.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(300.0, abs=1.0)
    assert runs[0].ended == pytest.approx(330.0, abs=1.0)
    assert runs[0].watts == pytest.approx(pump, rel=0.1)


def test_reading_at_standby_between_the_run_and_a_heater_ends_the_run() -> None:
    """A slow PID's heater goes off and on again as the pump stops.

    One reading at standby lies between the pump and heater's level and the
    heater's alone: the run ended there (no pause: the level after has no
    pump in it), and it is counted.
    """
    power = [
        *idle_heater_cycles(20.0, 3),
        (400.0, 429.8, PUMP),
        (410.0, 429.5, HEATER),
        (430.5, 470.0, HEATER),
    ]
    # Sampled: 429 pump and heater, 430 standby, 431 the heater alone.
    rows = periodic(power, 520.0, noise=1.0, averaging=False)
    assert [w for at, w, _ in rows if at == 430.0] == [pytest.approx(BASE, abs=4)]
    runs = run_all(PumpDetector(PUMP), rows, until=560.0)
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(29.8, abs=1.5)


def test_stop_hidden_in_a_heaters_rise_is_decided_at_its_fall() -> None:
    """The pump stops in the reading a heater comes on, the heater a few % off.

    Neither the heater alone nor the heater less the pump explains that
    edge; the run waits for the heater's fall, which must be the rise and
    the pump's step (Hart: the sum of a heater's cycle is zero).
    """
    power = [
        *idle_heater_cycles(20.0, 3),
        (600.0, 625.0, PUMP),
        (624.9, 680.0, HEATER * 1.025),
    ]
    rows = periodic(power, 760.0, every=2.0, averaging=False)
    det = PumpDetector(PUMP)
    runs: list[DetectedRun] = []
    decided_at: list[float] = []
    during: list[bool | None] = []
    for at, watts, _ in rows:
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            runs += det.advance(deadline)
        new = det.feed(at, watts)
        runs += new
        decided_at += [at] * len(new)
        if 640.0 <= at <= 670.0:
            during.append(det.pump_on)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(600.0, abs=2.0)
    assert runs[0].ended == pytest.approx(625.0, abs=2.0)
    assert decided_at[0] >= 680.0  # once the heater's fall proved it
    assert set(during) == {False}  # followed as stopped meanwhile
    assert det.run_ended == pytest.approx(625.0, abs=2.0)


def test_stop_hidden_in_a_rise_that_no_fall_proves_is_no_run() -> None:
    """The same rise, but the heater's fall is its rise alone: the pump ran on.

    Its own fall then comes alone, with no start: nothing is counted.
    """
    power = [
        *idle_heater_cycles(20.0, 3),
        (600.0, 650.0, PUMP),
        (624.9, 680.0, HEATER * 1.025 - PUMP),
    ]
    rows = periodic(power, 760.0, every=2.0, averaging=False)
    runs = run_all(PumpDetector(PUMP), rows, until=800.0)
    assert all(not 15.0 <= run.duration <= 120.0 for run in runs)


@pytest.mark.parametrize(
    ("volts", "seen_at_the_end", "counted"),
    [
        (230.0, True, True),
        (230.0, False, True),  # with volts, the pump seen alone at one edge
        (None, True, True),
        (None, False, False),  # without volts it must be seen at both
    ],
)
def test_run_split_from_heater_edges_at_both_ends(
    volts: float | None, seen_at_the_end: bool, counted: bool
) -> None:
    """A heater switches within a second of the pump's start and of its stop."""
    stop = 630.5 if seen_at_the_end else 629.8
    power = [*idle_heater_cycles(20.0, 3), (600.5, stop, PUMP), (601.5, 629.6, HEATER)]
    rows = [
        (at, w, volts)
        for at, w, _ in periodic(power, 760.0, noise=0.5, averaging=False)
    ]
    runs = run_all(PumpDetector(PUMP), rows, until=800.0)
    assert (len(runs) == 1) is counted
    if counted:
        assert runs[0].duration == pytest.approx(stop - 600.5, abs=1.5)


def test_ramp_reported_in_two_parts_on_change() -> None:
    """A plug reporting on change shows a vibratory pump's ramp as two levels."""
    rows: list[Row] = [(float(t), 5.0, 230.0) for t in range(0, 100, 10)]
    rows += [
        (100.0, 33.0, 229.9),
        (101.0, 35.0, 229.9),
        (103.0, 55.0, 229.9),
        (104.0, 56.0, 229.9),
        (130.0, 5.0, 230.0),
    ]
    det = PumpDetector(PUMP)
    runs = run_all(det, rows, until=160.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(100.0, abs=1.5)
    assert runs[0].ended == pytest.approx(130.0, abs=1.5)


def test_run_started_and_run_ended_by_the_readings_clock() -> None:
    det = PumpDetector(PUMP)
    rows = periodic([(100.0, 125.0, PUMP)], 200.0, noise=1.0)
    assert det.run_started is None
    assert det.run_ended is None
    run_all(det, [r for r in rows if r[0] <= 110.0])
    assert det.run_started == pytest.approx(100.0, abs=1.0)
    run_all(det, [r for r in rows if r[0] > 110.0])
    assert det.run_started is None
    assert det.run_ended == pytest.approx(125.0, abs=1.0)


def test_a_dropped_run_ends_at_the_edge_that_broke_it() -> None:
    """A run dropped by an edge nothing explains ends there, not at an older fall."""
    det = PumpDetector(PUMP)
    power = [(100.0, 125.0, PUMP), (200.0, 260.0, PUMP), (230.0, 260.0, 25.0)]
    rows = [(at, w, 230.0) for at, w, _ in periodic(power, 300.0, noise=0.5)]
    run_all(det, [r for r in rows if r[0] <= 240.0])
    assert det.pump_on is False  # the +25 W step broke the run
    assert det.run_ended == pytest.approx(230.0, abs=1.5)


# --- simulated machines -----------------------------------------------------------------


def simulated(family: str, pump: str, plug: str, seed: int) -> Any:
    espresso = pytest.importorskip("simulator.espresso")
    return espresso.generate(family, pump, plug, seed=seed, shots=10)


def detect(trace: Any) -> tuple[PumpDetector, list[DetectedRun], bool]:
    det = PumpDetector(trace.pump_watts)
    out: list[DetectedRun] = []
    ever_ambiguous = False
    for r in trace.reports:
        deadline = det.next_deadline
        if deadline is not None and deadline < r.at:
            out += det.advance(deadline)
        out += det.feed(r.at, r.watts, r.volts)
        ever_ambiguous = ever_ambiguous or det.ambiguous
    out += det.advance(trace.reports[-1].at + 60.0)
    return det, out, ever_ambiguous


def matches(truth: Sequence[Any], runs: list[DetectedRun]) -> tuple[int, int]:
    """(true runs found, detected runs that match none)."""
    found = 0
    used: set[int] = set()
    for true in truth:
        for i, run in enumerate(runs):
            if (
                i not in used
                and min(true.ended, run.ended) - max(true.started, run.started) > 0
            ):
                used.add(i)
                found += 1
                break
    return found, len(runs) - len(used)


@pytest.mark.parametrize(
    ("family", "pump", "plug"),
    [
        ("thermostat", "vibratory", "periodic_1"),
        ("thermostat", "rotary", "periodic_2"),
        ("dual_boiler", "vibratory", "on_change"),
    ],
)
def test_simulated_machine(family: str, pump: str, plug: str) -> None:
    trace = simulated(family, pump, plug, seed=0)
    _det, runs, ever_ambiguous = detect(trace)
    truth = list(trace.runs)
    if trace.calibration_run is not None:
        truth.append(trace.calibration_run)
    shots = [r for r in truth if r.kind == "shot"]
    found_shots, _ = matches(shots, runs)
    _, false_runs = matches(truth, runs)
    assert not ever_ambiguous  # never on a thermostat or a dual boiler
    assert false_runs == 0
    assert found_shots >= len(shots) - 1
    errors = sorted(
        abs(
            run.duration
            - min(truth, key=lambda t: abs(t.started - run.started)).duration
        )
        for run in runs
    )
    assert errors[len(errors) // 2] <= trace.interval
    assert errors[-1] <= 3.0 * trace.interval


def test_simulated_fast_pid_counts_nothing_false() -> None:
    trace = simulated("pid_fast", "vibratory", "periodic_1", seed=0)
    _det, runs, ever_ambiguous = detect(trace)
    truth = list(trace.runs)
    if trace.calibration_run is not None:
        truth.append(trace.calibration_run)
    _, false_runs = matches(truth, runs)
    assert ever_ambiguous
    assert false_runs == 0


# --- calibration ------------------------------------------------------------------------


def test_calibrate_measures_the_step() -> None:
    idle = periodic([], 300.0, noise=1.0)
    run = periodic([(305.0, 310.0, 55.0)], 330.0, start=300.0, noise=1.0)
    result = calibrate(readings(idle + run), pump_started_after=300.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(55.0, rel=0.1)
    assert result.noise_watts < 10.0


def test_calibrate_beside_a_heater() -> None:
    """The heater kicks in during the run: its edge is taken out."""
    power = [
        *idle_heater_cycles(20.0, 2),
        (305.0, 312.0, 150.0),
        (307.0, 360.0, HEATER),
    ]
    rows = periodic(power, 380.0, noise=1.0)
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(150.0, rel=0.1)


@pytest.mark.parametrize("pump", [45.0, 180.0])
def test_calibrate_a_ten_second_run_on_a_five_second_plug(pump: float) -> None:
    """A plug averaging over 5 s: the run's one full reading gives the step."""
    rows = periodic([(303.0, 314.0, pump)], 360.0, every=5.0, noise=1.0)
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(pump, rel=0.1)


def test_calibrate_a_vibratory_ramp_reads_the_plateau() -> None:
    """The first readings of a vibratory pump's ramp read low: the plateau counts."""
    power = [(303.0, 314.0, 30.0), (304.0, 314.0, 12.0), (305.0, 314.0, 10.0)]
    rows = periodic(power, 340.0, noise=0.5)
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(52.0, rel=0.05)


def test_calibrate_heater_on_with_the_pump_on_a_five_second_plug() -> None:
    """The heater comes on in the run's first interval: refused, not guessed."""
    power = [(303.0, 314.0, 150.0), (304.0, 400.0, HEATER)]
    rows = periodic(power, 360.0, every=5.0, noise=1.0)
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.pump_watts is None or result.pump_watts == pytest.approx(
        150.0, rel=0.1
    )


def test_calibrate_pump_alone_then_a_heater() -> None:
    """Cold water starts the heater before the pump stops: the level alone counts."""
    power = [(303.0, 314.0, 60.0), (308.0, 400.0, HEATER)]
    rows = periodic(power, 360.0, noise=1.0)
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(60.0, rel=0.05)


def test_calibrate_pump_alone_between_heater_pulses() -> None:
    """A slow PID's pulses around the run: the pump's level that held counts."""
    power = [
        (303.0, 316.0, 50.0),
        (305.0, 306.0, HEATER),
        (309.5, 311.0, HEATER),
        (312.0, 315.0, HEATER),
    ]
    rows = periodic(power, 360.0, every=2.0, noise=0.5, averaging=False)
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(50.0, rel=0.05)


def test_calibrate_a_heaters_level_after_the_fall_is_read_over_readings() -> None:
    """Beside a heater the fall is read from several readings each side, at volts.

    One noisy reading each side would be off by more than 10 %.
    """
    rng = random.Random(3)
    rows: list[Row] = []
    for t in range(400):
        w = BASE + (1200.0 if t >= 305 else 0.0) + (55.0 if 303 <= t < 315 else 0.0)
        noisy = w + (rng.gauss(0, 3.0) if t >= 305 else 0.0)
        rows.append((float(t), round(noisy, 1), 229.0 + rng.gauss(0, 0.1)))
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.error is None
    assert result.pump_watts == pytest.approx(55.0, rel=0.1)


def test_calibrate_waits_for_the_run_to_end() -> None:
    """Called on every new reading: no verdict before the pump's fall held."""
    rows = periodic([(303.0, 313.0, 120.0)], 340.0, noise=1.0)
    verdicts = [
        calibrate(readings(rows[:n]), pump_started_after=300.0)
        for n in range(300, len(rows) + 1)
    ]
    first = next(i for i, v in enumerate(verdicts) if v.pump_watts is not None)
    assert rows[300 + first - 1][0] > 313.0
    assert verdicts[first].pump_watts == pytest.approx(120.0, rel=0.05)


def test_calibrate_without_a_run() -> None:
    rows = periodic([], 330.0, noise=1.0)
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result == Calibration(None, result.noise_watts, "no_pump_seen")
    assert calibrate([], pump_started_after=0.0).error == "no_pump_seen"


def test_calibrate_refuses_a_fast_pid() -> None:
    rows = fast_pid(0.0, 300.0, seed=7)
    rows += [
        (at, (w or 0.0) + (55.0 if 305.0 <= at < 310.0 else 0.0), v)
        for at, w, v in fast_pid(300.0, 330.0, seed=8)
    ]
    result = calibrate(readings(rows), pump_started_after=300.0)
    assert result.error == "too_noisy"
    assert result.pump_watts is None
    assert result.noise_watts >= 20.0


# --- learning from another signal ----------------------------------------------------------


def test_learn_pump_watts() -> None:
    rows = periodic([(100.0, 128.0, 62.0)], 160.0, noise=1.0)
    assert learn_pump_watts(readings(rows), 100.3, 128.4) == pytest.approx(
        62.0, rel=0.05
    )


def test_learn_pump_watts_masked_by_a_heater() -> None:
    rows = periodic([(100.0, 128.0, 62.0), (100.5, 150.0, HEATER)], 170.0, noise=1.0)
    assert learn_pump_watts(readings(rows), 100.3, 128.4) is None
    assert learn_pump_watts([], 1.0, 2.0) is None
