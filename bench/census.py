"""``python -m bench.census``: every false and missed shot of some corpora, trace by trace.

The detection phase prints a table per family and plug; tuning a rule needs
the traces behind a cell: which seed, which run, before and after a change.
This runs the same calibration and detector as ``bench.detection`` over the
corpora of the given seeds (each ``--detection-shots`` per family, 600 as in
``scripts/bench``), restricted to some families and plugs, writes every
trace's counts, noted runs (the first two of each cause) and calibration error (the
saved pump W against the true step) to JSON, and compares two such files::

    python -m bench.census --families dual_boiler --plugs periodic_5 \
        --seeds 20000000-29000000 --json /tmp/a.json
    python -m bench.census --compare /tmp/a.json /tmp/b.json

Each cell's shot duration error (median and p95, in seconds and in reporting
intervals, over recalled shots) is printed with its counts; ``--worst-dated N``
lists the worst dated shots with their start and stop offsets.

``--stalls`` detects on the readings with stalls, bursts in which every report
is lost (``simulator.espresso.Stalls``; calibrated without them, as
``bench.stalls`` does), the same traces otherwise.

A seed range ``A-B`` steps by a million (the corpora's own spacing), so
``20000000-29000000`` is ten corpora. ``PROCS`` sets the worker processes.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from functools import partial
import json
import os
from pathlib import Path
import statistics
import sys
from typing import Any

from simulator.espresso import FAMILIES, PLUG_MODELS, PLUGS, Stalls, stalled_reports

from .detection import (
    CALIBRATION_TARGET,
    Score,
    TraceSpec,
    _percentile,
    calibrate_with_retries,
    corpus,
    detect,
    real_api,
)

CORPUS_STEP = 1_000_000
"""The spacing of corpus seeds: a corpus's traces take ``seed + i``."""


def seeds(text: str) -> list[int]:
    """``A,B,C`` or ``A-B`` (a million apart) or a mix: the corpora's seeds."""
    out: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        start = int(first)
        stop = int(last) if last else start
        out.extend(range(start, stop + 1, CORPUS_STEP))
    return out


def _pick(text: str, known: tuple[str, ...]) -> list[str]:
    if text == "all":
        return list(known)
    names = text.split(",")
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"unknown {unknown}; known: {', '.join(known)}")
    return names


def score_trace(spec: TraceSpec, stalls: bool = False) -> dict[str, Any]:
    """Calibrate and detect one trace as the bench does: its counts and noted runs.

    ``stalls``: detect on the readings with stalls (``stalled_reports``).
    """
    api = real_api()
    calibrated = calibrate_with_retries(api, spec)
    trace, pump_watts = calibrated.trace, calibrated.pump_watts
    score = Score()
    examples: list[dict[str, Any]] = []
    if pump_watts is None:
        score.add([], trace)
    else:
        reports = stalled_reports(trace) if stalls else trace.reports
        runs, _, _ = detect(api.detector(pump_watts), reports, trace.end)
        score.add(runs, trace, examples)
    return {
        "family": spec.family,
        "plug": spec.plug,
        "pump": spec.pump,
        "seed": spec.seed,
        "refused": calibrated.error if pump_watts is None else None,
        "pump_watts_error": (
            None
            if pump_watts is None
            else (pump_watts - trace.pump_watts) / trace.pump_watts
        ),
        "true_shots": score.true_shots,
        "recalled_shots": score.recalled_shots,
        "false_shots": score.false_shots,
        "causes": score.why,
        "runs": [(e["what"], e["run"]) for e in examples],
        "interval": trace.interval,
        "shot_dates": score.shot_dates,
    }


def census(
    families: list[str],
    plugs: list[str],
    corpora: list[int],
    shots: int,
    stalls: bool = False,
) -> list[dict[str, Any]]:
    """Every trace of the corpora in the chosen cells, scored."""
    specs = [
        spec
        for base in corpora
        for spec in corpus(shots, base)
        if spec.family in families and spec.plug in plugs
    ]
    score = partial(score_trace, stalls=stalls)
    procs = int(os.environ.get("PROCS", "2"))
    if procs <= 1:
        return [score(spec) for spec in specs]
    with ProcessPoolExecutor(procs) as pool:
        return list(pool.map(score, specs, chunksize=4))


def cells(traces: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Totals by ``family plug``."""
    out: dict[str, dict[str, int]] = {}
    for t in traces:
        cell = out.setdefault(
            f"{t['family']} {t['plug']}",
            {"traces": 0, "true": 0, "recalled": 0, "false": 0, "refused": 0},
        )
        cell["traces"] += 1
        cell["true"] += t["true_shots"]
        cell["recalled"] += t["recalled_shots"]
        cell["false"] += t["false_shots"]
        cell["refused"] += t["refused"] is not None
    return out


def calibration_cells(traces: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """By ``family plug``: calibrations saved, how many off by over 10 %, the worst.

    A trace of a census written before the field (no ``pump_watts_error``)
    counts as refused here.
    """
    out: dict[str, dict[str, float]] = {}
    for t in traces:
        cell = out.setdefault(
            f"{t['family']} {t['plug']}", {"saved": 0, "over": 0, "max": 0.0}
        )
        error = t.get("pump_watts_error")
        if error is None:
            continue
        cell["saved"] += 1
        cell["over"] += abs(error) > CALIBRATION_TARGET
        cell["max"] = max(cell["max"], abs(error))
    return out


def duration_cells(traces: list[dict[str, Any]]) -> dict[str, list[float]]:
    """By ``family plug``: each recalled shot's duration error, s, sorted.

    The error is the detected run's length against the true one (as the
    detection table's "duration error"), over shots matched and read as
    shots; a census written before the field adds none.
    """
    out: dict[str, list[float]] = {}
    for t in traces:
        errors = out.setdefault(f"{t['family']} {t['plug']}", [])
        for true_start, true_end, start, end in t.get("shot_dates", ()):
            errors.append(abs((end - start) - (true_end - true_start)))
    for errors in out.values():
        errors.sort()
    return out


def _duration_line(name: str, errors: list[float]) -> str:
    interval = PLUG_MODELS[name.split()[1]].interval
    median = statistics.median(errors) if errors else None
    p95 = _percentile(errors, 0.95)
    if median is None or p95 is None:
        return f"{name:28} duration error: no shot"
    return (
        f"{name:28} duration error median {median:5.2f} s ({median / interval:4.2f} iv)"
        f"  p95 {p95:5.2f} s ({p95 / interval:4.2f} iv)  over {len(errors)} shots"
    )


def dating(trace: dict[str, Any]) -> list[tuple[float, float, float, float, float]]:
    """A trace's recalled shots as (duration error, start and stop offsets, true span).

    Offsets are detected minus true, s: a positive start is a late start,
    a positive stop a late stop; the error is the stop's offset less the start's.
    """
    return [
        (end - start - (true_end - true_start), start - true_start,
         end - true_end, true_start, true_end)
        for true_start, true_end, start, end in trace.get("shot_dates", ())
    ]  # fmt: skip


def _worst_dated(traces: list[dict[str, Any]], count: int) -> None:
    """Print the ``count`` shots of the largest duration error, worst first."""
    rows = [(abs(row[0]), row, t) for t in traces for row in dating(t)]
    rows.sort(key=lambda r: -r[0])
    for _, (error, start, stop, true_start, true_end), t in rows[:count]:
        print(
            f"dated {t['seed']} {t['family']} {t['plug']} {t['pump']}:"
            f" true {true_start:.1f}-{true_end:.1f} ({true_end - true_start:.1f} s)"
            f" error {error:+.2f} s, start {start:+.2f} s, stop {stop:+.2f} s"
        )


def _calibration_line(name: str, c: dict[str, float]) -> str:
    return (
        f"{name:28} pump W over 10 % {int(c['over']):3}/{int(c['saved']):<4}"
        f"  max {c['max']:6.1%}"
    )


def _line(name: str, c: dict[str, int]) -> str:
    recall = c["recalled"] / c["true"] if c["true"] else 0.0
    return (
        f"{name:28} shots {c['recalled']:5}/{c['true']:<5} ({recall:6.1%})"
        f"  false {c['false']:3}  refused {c['refused']}"
    )


def report(traces: list[dict[str, Any]], listing: bool, worst: int = 0) -> None:
    """Print the cells' totals, and with ``listing`` every noted run.

    ``worst``: also the shots of the largest duration error, that many.
    """
    totals = cells(traces)
    for name, c in sorted(totals.items()):
        print(_line(name, c))
    total = {"recalled": 0, "true": 0, "false": 0, "refused": 0}
    for c in totals.values():
        for k in total:
            total[k] += c[k]
    print(_line("all", total))
    for name, cal in sorted(calibration_cells(traces).items()):
        print(_calibration_line(name, cal))
    for name, errors in sorted(duration_cells(traces).items()):
        print(_duration_line(name, errors))
    if worst:
        _worst_dated(traces, worst)
    if listing:
        for t in traces:
            for what, run in t["runs"]:
                print(
                    f"  {t['seed']} {t['family']} {t['plug']} {t['pump']}: {what} {run}"
                )


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> None:
    """The cells that changed and the traces behind each change.

    A cell only one side ran (a census of fewer families or plugs) is named
    as such, not read as a change.
    """
    a, b = cells(before), cells(after)
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            side = "before" if name in a else "after"
            print(f"only {side}:", _line(name, a.get(name) or b[name]))
        elif a[name] != b[name]:
            print("before", _line(name, a[name]))
            print("after ", _line(name, b[name]))
    dur_a, dur_b = duration_cells(before), duration_cells(after)
    for name in sorted(set(dur_a) & set(dur_b)):
        if dur_a[name] != dur_b[name]:
            print("before", _duration_line(name, dur_a[name]))
            print("after ", _duration_line(name, dur_b[name]))
    cal_a, cal_b = calibration_cells(before), calibration_cells(after)
    for name in sorted(set(cal_a) & set(cal_b)):
        if cal_a[name] != cal_b[name]:
            print("before", _calibration_line(name, cal_a[name]))
            print("after ", _calibration_line(name, cal_b[name]))
    old = {(t["seed"], t["family"], t["plug"]): t for t in before}
    for t in after:
        o = old.get((t["seed"], t["family"], t["plug"]))
        if o is None:
            continue
        if (o["recalled_shots"], o["false_shots"]) != (
            t["recalled_shots"],
            t["false_shots"],
        ):
            print(
                f"  {t['seed']} {t['family']} {t['plug']} {t['pump']}:"
                f" recalled {o['recalled_shots']} -> {t['recalled_shots']},"
                f" false {o['false_shots']} -> {t['false_shots']}"
            )
        error_a, error_b = o.get("pump_watts_error"), t.get("pump_watts_error")
        if error_a != error_b:
            print(
                f"  {t['seed']} {t['family']} {t['plug']} {t['pump']}:"
                f" pump W error {_signed(error_a)} -> {_signed(error_b)}"
            )


def _signed(error: float | None) -> str:
    return "refused" if error is None else f"{error:+.1%}"


def main(argv: list[str] | None = None) -> None:
    """Run a census, or compare two."""
    parser = argparse.ArgumentParser(prog="python -m bench.census", description=__doc__)
    parser.add_argument("--families", default="all")
    parser.add_argument("--plugs", default="all")
    parser.add_argument("--seeds", default="20000000-29000000")
    parser.add_argument("--detection-shots", type=int, default=600)
    parser.add_argument("--list", action="store_true", help="print every noted run")
    parser.add_argument(
        "--worst-dated",
        type=int,
        default=0,
        metavar="N",
        help="print the N shots of the largest duration error",
    )
    stall = Stalls()
    parser.add_argument(
        "--stalls",
        action="store_true",
        help=f"lose every report in stalls of {stall.shortest:g}-{stall.longest:g} s,"
        f" one every {stall.every:g} s on average",
    )
    parser.add_argument("--json", type=Path, help="write the traces here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        compare(before, after)
        if args.worst_dated:
            _worst_dated(after, args.worst_dated)
        return
    traces = census(
        _pick(args.families, FAMILIES),
        _pick(args.plugs, PLUGS),
        seeds(args.seeds),
        args.detection_shots,
        args.stalls,
    )
    if args.json:
        args.json.write_text(json.dumps(traces))
    report(traces, args.list, args.worst_dated)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
