"""Hand-made backflushes recognized (``backflush_pattern``) against the simulator.

Two corpora from ``simulator.espresso.generate``, every family and pump:

* **backflushes**: days with a hand-made backflush each (two series of 4-6
  pulses of 5-12 s, pauses of 4-15 s, a rinse pause of 30 s-10 min, group
  flushes after), among ordinary shots and flushes;
* **ordinary use**: shots and flushes only, no backflush.

Each is seen from two viewpoints at each report speed (1, 2 and 5 s):

* ``brew``: the true runs as an on/off sensor polled every N s sees them (an
  edge shows at the first poll after it; pauses shorter than a poll vanish);
* ``power``: the runs ``PumpDetector`` finds in the plug's readings (the
  nominal pump step given), each delivered when the detector decides it;
* ``train``: the pulses ``power.pulses.PowerBackflushes`` reads in the
  readings themselves (fed only while the detector counts, as the machine
  does: paused while it finds the readings ambiguous);
* ``power+train``: what a machine counting from power records, both (a
  backflush either finds, recorded once).

Reported: the fraction of true backflushes recognized (a recognition
overlapping one), and backflushes invented (overlapping none) per simulated
day, over the ordinary-use corpus and over the backflush corpus. To tell the
view's losses from the recognizer's: the share of true pulses the view
delivers at all (a run overlapping it), the fraction recognized among the
backflushes whose every pulse was seen as a run of its own, and (power) the
fraction recognized per machine family.

A machine whose calibration refuses (a fast PID, a slow PID read every 5 s)
never counts by power: the flow says so and its repair asks for a brew
sensor, so its backflushes are the brew view's to find. The power views
therefore also give the fraction recognized on the machines that do count by
power: each backflush day's machine calibrated as its user would
(``detection.calibrate_with_retries``, the detection bench's flow), its
backflushes kept when calibration found a step. The full fraction stays the
headline; this one says how far the recognizer is from the target where it
can be asked to reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
import math
import os
import random
import time
from typing import Any

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    PatternRules,
    Recognized,
)
from custom_components.espresso_care.recognition import SLACK_SECONDS
from custom_components.espresso_care.signals.power.pulses import PowerBackflushes
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from simulator.espresso import FAMILIES, PUMPS, Trace, TrueRun, generate

from .detection import TraceSpec, calibrate_with_retries, detect, real_api

SHOT_MIN_SECONDS = 15.0
"""The default ``shot_min_seconds``: longer runs are counted as shots at once."""
SPEEDS = {1.0: "periodic_1", 2.0: "periodic_2", 5.0: "periodic_5"}
TARGETS = {1.0: 0.97, 2.0: 0.97, 5.0: 0.90}
INVENTED_PER_DAY = 1 / 1000


def _combos() -> Iterator[tuple[str, str]]:
    while True:
        for family in FAMILIES:
            for pump in PUMPS:
                yield family, pump


def polled(
    runs: Sequence[TrueRun], every: float, rng: random.Random
) -> list[tuple[float, float, float]]:
    """What a sensor polled every ``every`` s sees: (started, ended, delivered)."""
    if every <= 0:
        return [(r.started, r.ended, r.ended) for r in runs]
    phase = rng.uniform(0, every)

    def poll(at: float) -> float:
        return phase + math.ceil((at - phase) / every) * every

    seen: list[tuple[float, float, float]] = []
    for run in runs:
        on, off = poll(run.started), poll(run.ended)
        if off <= on:
            continue  # never seen on
        if seen and on <= seen[-1][1]:
            seen[-1] = (seen[-1][0], off, off)  # the pause fell between polls
        else:
            seen.append((on, off, off))
    return seen


def power_runs(
    trace: Trace,
) -> tuple[list[tuple[float, float, float]], list[Recognized]]:
    """The runs the detector finds (each with the moment it was decided), and the train's backflushes."""
    detector = PumpDetector(trace.pump_watts)
    train = PowerBackflushes(trace.pump_watts)
    found: list[tuple[float, float, float]] = []
    trained: list[Recognized] = []
    # Drive it reading by reading so each run carries its delivery time.
    reports = trace.reports
    for report in reports:
        deadline = detector.next_deadline
        while deadline is not None and deadline < report.at:
            for r in detector.advance(deadline):
                found.append((r.started, r.ended, deadline))
                train.note_run(r.started, r.ended)  # every run, as the machine tells it
            after = detector.next_deadline
            if after is not None and after <= deadline:
                break
            deadline = after
        late = train.next_deadline
        if late is not None and late < report.at and (b := train.advance(late)):
            trained.append(b)
        for r in detector.feed(report.at, report.watts, report.volts):
            found.append((r.started, r.ended, report.at))
            train.note_run(r.started, r.ended)  # as the machine tells it
        if detector.ambiguous:
            train.reset()  # counting by power paused: so is the train
        elif b := train.feed(report.at, report.watts, report.volts):
            trained.append(b)
    rest, _, _ = detect(detector, [], trace.end)
    found += [(s, e, trace.end) for s, e in rest]
    if b := train.advance(math.inf):
        trained.append(b)
    return found, trained


def merged(runs: list[Recognized], trained: list[Recognized]) -> list[Recognized]:
    """Both views, each backflush once (the machine records the first, drops the other)."""
    return runs + [
        t
        for t in trained
        if not any(
            r.started - SLACK_SECONDS <= t.ended
            and t.started <= r.ended + SLACK_SECONDS
            for r in runs
        )
    ]


def train_throughput(trace: Trace) -> float:
    """Readings per second ``PowerBackflushes.feed`` takes, on one core."""
    train = PowerBackflushes(trace.pump_watts)
    feed = train.feed
    readings = [(r.at, r.watts, r.volts) for r in trace.reports]
    started = time.perf_counter()
    for at, watts, volts in readings:
        feed(at, watts, volts)
    return len(readings) / (time.perf_counter() - started)


def recognize(
    runs: Sequence[tuple[float, float, float]], rules: PatternRules = DEFAULT_RULES
) -> list[Recognized]:
    """Run the recognizer as the machine does: runs as delivered, advance at deadlines."""
    recognizer: BackflushRecognizer[int] = BackflushRecognizer(rules)
    found: list[Recognized] = []
    for n, (started, ended, delivered) in enumerate(sorted(runs, key=lambda r: r[2])):
        deadline = recognizer.next_deadline
        while deadline is not None and deadline <= delivered:
            outcome = recognizer.advance(deadline)
            if outcome.recognized:
                found.append(outcome.recognized)
            deadline = recognizer.next_deadline
        # As the machine: a run long enough for a shot is never a pulse.
        outcome = recognizer.feed(
            n, started, ended, may_be_pulse=ended - started < SHOT_MIN_SECONDS
        )
        if outcome.recognized:
            found.append(outcome.recognized)
    outcome = recognizer.advance(math.inf)
    if outcome.recognized:
        found.append(outcome.recognized)
    return found


def true_backflushes(trace: Trace) -> list[tuple[float, float]]:
    """Each hand-made backflush's span: consecutive backflush pulses."""
    spans: list[tuple[float, float]] = []
    previous = ""
    for run in trace.runs:
        if run.kind == "backflush_pulse":
            if previous == "backflush_pulse":
                spans[-1] = (spans[-1][0], run.ended)
            else:
                spans.append((run.started, run.ended))
        previous = run.kind
    return spans


def _score(
    trace: Trace,
    runs: Sequence[tuple[float, float, float]],
    found: list[Recognized] | None = None,
) -> dict[str, int]:
    """True backflushes, recognized, invented; pulses seen; all seen (and recognized).

    ``found``: the backflushes recognized, if not the pattern's over ``runs``.
    """
    truth = true_backflushes(trace)
    if found is None:
        found = recognize(runs)
    score = dict.fromkeys(
        ("true", "hit", "invented", "pulses", "seen", "clean", "clean_hit"), 0
    )
    score["true"] = len(truth)
    for start, end in truth:
        hit = any(r.started <= end and start <= r.ended for r in found)
        pulses = [
            p
            for p in trace.runs
            if p.kind == "backflush_pulse" and start <= p.started <= end
        ]
        # Each true pulse overlapped by a run that overlaps no other pulse.
        seen = [
            [r for r in runs if r[0] <= p.ended and p.started <= r[1]] for p in pulses
        ]
        alone = [
            len(s) == 1
            and sum(s[0][0] <= q.ended and q.started <= s[0][1] for q in pulses) == 1
            for s in seen
        ]
        score["hit"] += hit
        score["pulses"] += len(pulses)
        score["seen"] += sum(bool(s) for s in seen)
        if all(alone):
            score["clean"] += 1
            score["clean_hit"] += hit
    score["invented"] = sum(
        not any(r.started <= end and start <= r.ended for start, end in truth)
        for r in found
    )
    return score


VIEWS = ("brew", "power", "train", "power+train")
POWER_VIEWS = frozenset(VIEWS[1:])


def counts_by_power(family: str, pump: str, plug: str, seed: int) -> bool:
    """Whether this machine's user ends up counting by power: calibration found a step."""
    spec = TraceSpec(family, pump, plug, seed, backflushes=0)
    return calibrate_with_retries(real_api(), spec).pump_watts is not None


def _views(
    trace: Trace, every: float, rng: random.Random
) -> Iterator[tuple[str, dict[str, int]]]:
    """Each view's score of one trace."""
    yield "brew", _score(trace, polled(trace.runs, every, rng))
    runs, trained = power_runs(trace)
    by_runs = recognize(runs)
    yield "power", _score(trace, runs, by_runs)
    yield "train", _score(trace, runs, trained)
    yield "power+train", _score(trace, runs, merged(by_runs, trained))


def run(
    backflushes: int, shots: int, seed: int, progress: Callable[[str], None]
) -> dict[str, Any]:
    """Both corpora through both viewpoints at each speed."""
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    per_trace, days_bf = 6, 8
    n_bf_traces = math.ceil(backflushes / per_trace)
    shots_per_trace = 250
    n_ord_traces = math.ceil(shots / shots_per_trace)
    # RECOGNITION_SPEEDS=5 (comma list of seconds) runs only those speeds: a
    # developer's shortcut; unset, every speed as the bench reports.
    only = os.environ.get("RECOGNITION_SPEEDS")
    wanted = {float(s) for s in only.split(",")} if only else set(SPEEDS)
    for every, plug in SPEEDS.items():
        if every not in wanted:
            continue
        rng = random.Random(f"{seed}-{every}")
        tally = {
            view: dict.fromkeys(
                (
                    "true",
                    "hit",
                    "invented_bf",
                    "invented",
                    "days",
                    "pulses",
                    "seen",
                    "clean",
                    "clean_hit",
                    "counting",
                    "counting_hit",
                ),
                0,
            )
            for view in VIEWS
        }
        by_family: dict[str, dict[str, list[int]]] = {
            view: {family: [0, 0] for family in FAMILIES} for view in VIEWS
        }
        shots_seen = flushes_seen = 0
        combos = _combos()
        for i in range(n_bf_traces):
            family, pump = next(combos)
            trace = generate(
                family,
                pump,
                plug,
                seed=seed + i,
                shots=days_bf * 4,
                days=days_bf,
                hand_backflushes=per_trace,
                calibration=False,
            )
            counting = counts_by_power(family, pump, plug, seed + i)
            for view, score in _views(trace, every, rng):
                for key in ("true", "hit", "pulses", "seen", "clean", "clean_hit"):
                    tally[view][key] += score[key]
                if counting:
                    tally[view]["counting"] += score["true"]
                    tally[view]["counting_hit"] += score["hit"]
                tally[view]["invented_bf"] += score["invented"]
                by_family[view][family][0] += score["true"]
                by_family[view][family][1] += score["hit"]
        combos = _combos()
        for i in range(n_ord_traces):
            family, pump = next(combos)
            days = shots_per_trace // 5
            trace = generate(
                family,
                pump,
                plug,
                seed=seed + 10_000 + i,
                shots=shots_per_trace,
                days=days,
                calibration=False,
            )
            shots_seen += sum(r.kind == "shot" for r in trace.runs)
            flushes_seen += sum(r.kind == "flush" for r in trace.runs)
            for view, score in _views(trace, every, rng):
                tally[view]["invented"] += score["invented"]
                tally[view]["days"] += days
        for view, t in tally.items():
            recognized = t["hit"] / t["true"] if t["true"] else None
            per_day = t["invented"] / t["days"] if t["days"] else None
            rows.append(
                {
                    "report_seconds": every,
                    "plug": plug,
                    "view": view,
                    "backflushes": t["true"],
                    "recognized": recognized,
                    "recognized_target": TARGETS[every],
                    "recognized_met": recognized is not None
                    and recognized >= TARGETS[every],
                    "pulses_seen": t["seen"] / t["pulses"]
                    if t["pulses"] and view in ("brew", "power")
                    else None,
                    "all_pulses_seen": t["clean"],
                    "recognized_where_all_seen": t["clean_hit"] / t["clean"]
                    if t["clean"] and view in ("brew", "power")
                    else None,
                    "counting_by_power": t["counting"] if view in POWER_VIEWS else None,
                    "recognized_where_power_counts": t["counting_hit"] / t["counting"]
                    if t["counting"] and view in POWER_VIEWS
                    else None,
                    "recognized_by_family": {
                        family: hit / n if n else None
                        for family, (n, hit) in by_family[view].items()
                    },
                    "invented_in_backflush_corpus": t["invented_bf"],
                    "ordinary_days": t["days"],
                    "ordinary_shots": shots_seen,
                    "ordinary_flushes": flushes_seen,
                    "invented": t["invented"],
                    "invented_per_day": per_day,
                    "invented_met": per_day is not None and per_day < INVENTED_PER_DAY,
                }
            )
        progress(f"recognition: {plug} done")
    # The train's own cost per reading: a day of a thermostat machine at 1 s.
    sample = generate(
        "thermostat", "vibratory", "periodic_1", seed=seed, shots=8, calibration=False
    )
    return {
        "rows": rows,
        "train_readings_per_second": round(train_throughput(sample)),
        "seconds": round(time.perf_counter() - started, 1),
    }
