"""The benchmark's figures as Markdown tables."""

from __future__ import annotations

from typing import Any


def _spread(figure: dict[str, float], digits: int = 1) -> str:
    """``median (min-max)``."""
    return (
        f"{figure['median']:.{digits}f} "
        f"({figure['min']:.{digits}f} to {figure['max']:.{digits}f})"
    )


def _ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}x" if value >= 10 else f"{value:.1f}x"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _timing(timing: dict[str, Any]) -> list[str]:
    repeats = len({r["repeat"] for r in timing["runs"]})
    out = [
        f"### Timing: 10 cycles of 1 s on / 1 s off (nominal {timing['nominal_seconds']:.0f} s)",
        "",
        f"Median (min to max) of {repeats} runs, in ms; "
        f"{timing['concurrent_sequences']} sequences ran at once on separate relays. "
        "Pulse error: |on period seen by the relay - 1 s|. Overrun: first on "
        "(relay) to the end of the final pause, minus 20 s. Drift / cycle: how much later "
        "each cycle starts than the one before (median). Ratio: script / contender "
        "(medians).",
        "",
    ]
    lag = timing.get("loop_lag_ms")
    if lag:
        out[-1:] = [
            f"For scale, `asyncio.sleep` on this loop woke up {lag['median']:.2f} ms "
            f"late (median; p95 {lag['p95']:.2f} ms, worst {lag['max']:.2f} ms, "
            f"{lag['samples']} samples taken during the runs).",
            "",
        ]
        if pauses := timing.get("gc_pauses_ms"):
            out[-1:] = [
                f"Garbage collections stopped the process {len(pauses)} time(s) for "
                f"more than 5 ms during the runs, the longest {pauses[-1]:.0f} ms.",
                "",
            ]
    rows = []
    for row in timing["summary"]:
        ratio = row.get("script_ratio")
        rows.append(
            [
                row["relay_label"],
                row["label"],
                _spread(row["worst_pulse_error_ms"]),
                _spread(row["mean_pulse_error_ms"]),
                _spread(row["overrun_ms"]),
                f"{row['drift_per_cycle_ms']['median']:.1f}",
                "" if ratio is None else _ratio(ratio["worst_pulse_error_ms"]),
                "" if ratio is None else _ratio(ratio["overrun_ms"]),
            ]
        )
    out += _table(
        [
            "relay latency",
            "contender",
            "worst pulse error",
            "mean pulse error",
            "total overrun",
            "drift / cycle",
            "script / this, pulse",
            "script / this, overrun",
        ],
        rows,
    )
    return out


def _abort(abort: dict[str, Any]) -> list[str]:
    out = [
        f"### Abort latency (relay latency {abort['relay_latency_ms']:.0f} ms, "
        f"{abort['integration']['to_off_command']['count']} aborts each, random moments "
        "while the pump runs)",
        "",
    ]
    rows = []
    for key, label in (
        ("integration", "`espresso_care.abort_backflush`"),
        ("script", "`script.turn_off` + `switch.turn_off`"),
    ):
        off, ret = abort[key]["to_off_command"], abort[key]["to_action_returned"]
        rows.append(
            [
                label,
                f"{off['median_ms']:.2f}",
                f"{off['worst_ms']:.2f}",
                f"{ret['median_ms']:.1f}",
                f"{ret['worst_ms']:.1f}",
            ]
        )
    hits = [
        f"{label}: {abort[key].get('aborts_with_a_gc_pause', 0)}"
        for key, label in (("integration", "abort_backflush"), ("script", "script"))
    ]
    out += [
        "Aborts during which a garbage collection stopped the process "
        f"(more than 5 ms): {', '.join(hits)}.",
        "",
    ]
    out += _table(
        [
            "how",
            "to off command, median ms",
            "worst ms",
            "to action(s) returned, median ms",
            "worst ms",
        ],
        rows,
    )
    return out


def _throughput(throughput: dict[str, Any]) -> list[str]:
    tracker, machine = throughput["tracker"], throughput["machine"]
    out = ["### Shot tracking throughput", ""]
    out += _table(
        ["path", "changes", "changes / s", "CPU µs / change"],
        [
            [
                "`PumpRunTracker.update` alone",
                f"{tracker['changes']:,}",
                f"{tracker['changes_per_second']:,.0f}",
                f"{tracker['cpu_us_per_change']:.2f}",
            ],
            [
                "state writes of the wrapped pump entity, through the machine",
                f"{machine['changes']:,}",
                f"{machine['changes_per_second']:,.0f}",
                f"{machine['cpu_us_per_change']:.0f}",
            ],
        ],
    )
    return out


def _setup(setup: dict[str, Any], memory: dict[str, Any]) -> list[str]:
    out = ["### Set-up time and memory", ""]
    cold = "first entry (cold: loads the integration and its platforms)"
    if setup["cold_integration_already_imported"]:
        cold = "first entry (integration already imported)"
    out += _table(
        ["what", "figure"],
        [
            [cold, f"{setup['cold_ms']:.0f} ms"],
            ["one more entry (warm, median)", f"{setup['warm_ms']:.1f} ms"],
            [
                f"{setup['machines']} entries at once",
                f"{setup['at_once_ms']:.0f} ms "
                f"({setup['at_once_per_machine_ms']:.1f} ms per machine)",
            ],
            [
                f"memory of {memory['machines']} machines (tracemalloc)",
                f"{memory['tracemalloc_kib']:.0f} KiB "
                f"({memory['per_machine_kib']:.0f} KiB per machine)",
            ],
        ],
    )
    return out


def render(results: dict[str, Any]) -> str:
    """Every table the results hold."""
    meta = results["meta"]
    out = [
        f"Espresso Care benchmark: Home Assistant {meta['home_assistant']}, "
        f"Python {meta['python']}, {meta['machine']}; "
        f"{meta['bench_seconds']} s{' (quick: not figures to quote)' if meta['quick'] else ''}; "
        "1-minute load average {:.2f} at the start, {:.2f} at the end".format(
            *meta.get("load_average_1min", (float("nan"), float("nan")))
        ),
        "",
    ]
    if "timing" in results:
        out += [*_timing(results["timing"]), ""]
    if "abort" in results:
        out += [*_abort(results["abort"]), ""]
    if "throughput" in results:
        out += [*_throughput(results["throughput"]), ""]
    if "setup" in results:
        out += [*_setup(results["setup"], results["memory"]), ""]
    if meta["errors_logged"]:
        out += ["Errors logged during the run:", *meta["errors_logged"]]
    return "\n".join(out).rstrip()
