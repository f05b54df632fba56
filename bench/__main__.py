"""``python -m bench``: run the benchmark, print the tables, write bench/results.json."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
import json
import logging
import os
from pathlib import Path
import platform
import random
import sys
import time
from typing import Any

from homeassistant import runner
from homeassistant.const import __version__ as ha_version

from . import (
    abort,
    detection,
    guided,
    heat_up,
    power_cost,
    recognition,
    setup_memory,
    stalls,
    throughput,
    timing,
)
from .harness import ErrorCounter, bench_hass
from .report import render

PHASES = (
    "setup",
    "throughput",
    "timing",
    "abort",
    "detection",
    "stalls",
    "guided",
    "heat_up",
    "recognition",
)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="timing runs (3)")
    parser.add_argument(
        "--aborts", type=int, default=50, help="aborts per contender (50)"
    )
    parser.add_argument("--tracker-changes", type=int, default=100_000)
    parser.add_argument("--machine-changes", type=int, default=5_000)
    parser.add_argument("--machines", type=int, default=20)
    parser.add_argument(
        "--detection-shots",
        type=int,
        default=600,
        help="shots per machine family in the pump detection corpus (600)",
    )
    parser.add_argument(
        "--held-out-seeds",
        default=",".join(str(seed) for seed in detection.HELD_OUT_SEEDS),
        help="seeds of the detection corpora never used for tuning, comma-separated"
        " ('' for none)",
    )
    parser.add_argument(
        "--guided-machines",
        type=int,
        default=40,
        help="simulated machines per family and plug guided through ten pulses (40)",
    )
    parser.add_argument(
        "--heat-up-machines",
        type=int,
        default=4,
        help="simulated machines per family for the ready_at estimate (4)",
    )
    parser.add_argument(
        "--heat-up-days", type=int, default=14, help="days each machine lives (14)"
    )
    parser.add_argument(
        "--recognition-backflushes",
        type=int,
        default=300,
        help="hand-made backflushes per report speed (300)",
    )
    parser.add_argument(
        "--recognition-shots",
        type=int,
        default=5000,
        help="shots of ordinary use (with their flushes) per report speed (5000)",
    )
    parser.add_argument("--seed", type=int, default=20250404)
    parser.add_argument(
        "--phases", default=",".join(PHASES), help=f"comma-separated subset of {PHASES}"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one timing run, 10 aborts, smaller counts, 80 detection shots per "
        "family (a smoke test, not figures)",
    )
    parser.add_argument(
        "--legacy",
        action="store_true",
        help="also time the runner's pulse loop of before 7f71e6e (bench/legacy.py)",
    )
    parser.add_argument(
        "--json", type=Path, default=Path(__file__).parent / "results.json"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.aborts = 1, 10
        args.tracker_changes, args.machine_changes = 20_000, 1_000
        args.detection_shots = min(args.detection_shots, 80)
        args.heat_up_machines, args.heat_up_days = 2, 8
        args.guided_machines = 2
        args.recognition_backflushes, args.recognition_shots = 48, 500
        args.held_out_seeds = args.held_out_seeds.split(",")[0]
    args.held_out_seeds = [int(s) for s in args.held_out_seeds.split(",") if s]
    args.phases = [p for p in args.phases.split(",") if p]
    unknown = set(args.phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {sorted(unknown)}")
    return args


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


async def _main(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    load_before = os.getloadavg()[0]
    errors = ErrorCounter()
    results: dict[str, Any] = {}
    started = time.perf_counter()
    if "setup" in args.phases:
        async with bench_hass(errors) as hass:
            results.update(await setup_memory.run(hass, args.machines, _progress))
    if "throughput" in args.phases:
        async with bench_hass(errors) as hass:
            results["throughput"] = await throughput.run(
                hass, args.tracker_changes, args.machine_changes, rng, _progress
            )
        async with bench_hass(errors) as hass:
            results["power_cost"] = await power_cost.run(hass, args.seed, _progress)
        async with bench_hass(errors) as hass:
            results["power_cost_recorded"] = await power_cost.run(
                hass, args.seed, _progress, recorded=True
            )
    if "timing" in args.phases:
        variants: dict[str, timing.RunnerVariant] = {}
        labels: dict[str, str] = {}
        if args.legacy:
            from .legacy import (  # noqa: PLC0415 (imports the integration)
                LABELS,
                VARIANTS,
            )

            variants, labels = dict(VARIANTS), dict(LABELS)
        async with bench_hass(errors) as hass:
            results["timing"] = await timing.run(
                hass, args.repeats, variants, labels, _progress
            )
    if "abort" in args.phases:
        async with bench_hass(errors) as hass:
            results["abort"] = await abort.run(hass, args.aborts, rng, _progress)
    if "detection" in args.phases:
        # Pure computation on simulated traces: no Home Assistant needed.
        results["detection"] = detection.run(args.detection_shots, args.seed, _progress)
        if args.held_out_seeds:
            results["detection_held_out"] = detection.held_out(
                args.detection_shots, args.held_out_seeds, _progress
            )
    if "stalls" in args.phases:
        # Pure computation: the detection corpus with bursts of lost reports.
        results["detection_stalls"] = stalls.run(
            args.detection_shots, args.seed, _progress
        )
    if "guided" in args.phases:
        # Pure computation: a person in a closed loop with the simulator.
        results["guided"] = guided.run(args.guided_machines, args.seed, _progress)
    if "heat_up" in args.phases:
        # Pure computation too: the heat-up detector and estimate on the simulator.
        results["heat_up"] = heat_up.run(
            args.heat_up_machines, args.heat_up_days, _progress
        )
    if "recognition" in args.phases:
        # Pure computation: the backflush pattern on simulated runs.
        results["recognition"] = recognition.run(
            args.recognition_backflushes, args.recognition_shots, args.seed, _progress
        )
    results["meta"] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "home_assistant": ha_version,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}",
        "seed": args.seed,
        "quick": args.quick,
        "phases": args.phases,
        "bench_seconds": round(time.perf_counter() - started, 1),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "errors_logged": [f"{r.name}: {r.getMessage()}" for r in errors.records],
    }
    return results


def main(argv: list[str] | None = None) -> int:
    """Run, print, write."""
    args = _parse(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    for noisy in ("homeassistant.loader", "aiohttp_fast_zlib"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    # Home Assistant's own event loop: a policy up to 2025.x, a factory later.
    create_loop = getattr(runner, "create_event_loop", None)
    if create_loop is not None:
        results = asyncio.run(_main(args), loop_factory=lambda: create_loop(False))
    else:
        asyncio.set_event_loop_policy(getattr(runner, "HassEventLoopPolicy")(False))  # noqa: B009
        results = asyncio.run(_main(args))
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(render(results))
    print(f"\nFigures written to {args.json}")
    return 1 if results["meta"]["errors_logged"] else 0


if __name__ == "__main__":
    sys.exit(main())
