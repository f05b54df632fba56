"""The benchmark's figures as Markdown tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .stalls import SIDES


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


def _power_cost(cost: dict[str, Any]) -> list[str]:
    share = cost["integration_share"]
    verdict = "met" if cost["met"] else "NOT met"
    rows = [
        [
            "a plug's power sensor entity writing its state (Home Assistant's own cost)",
            f"{cost['entity_write_us_per_reading']:.1f} µs",
        ],
        [
            "the bare state write (`async_set`), nothing listening",
            f"{cost['bare_set_us_per_reading']:.1f} µs",
        ],
        [
            "… with a listener that does nothing (Home Assistant's dispatch alone)",
            f"+{cost['listener_floor_us_per_reading']:.1f} µs",
        ],
        [
            "… with a plug-only machine counting from it",
            f"{cost['with_machine_us_per_reading']:.1f} µs",
        ],
        [
            "the integration's share (goal ≤ 20 % of Home Assistant's own)",
            f"{cost['integration_us_per_reading']:.1f} µs = {share * 100:.0f} % "
            f"{verdict}",
        ],
    ]
    return [
        "### Counting by power: cost per reading through Home Assistant",
        "",
        *_table(["", "CPU per reading"], rows),
        "",
        f"{cost['readings']} readings of a simulated day (plug reporting every "
        f"second), {cost['true_shots']} true shots; shots counted per round: "
        f"{cost['shots_counted_per_round']}.",
    ]


def _power_cost_recorded(bare: dict[str, Any], recorded: dict[str, Any]) -> list[str]:
    """Beside the bare figure, never instead of it: a default install's cost."""
    default = recorded["entity_write_us_per_reading"]
    rows = [
        [
            "a plug's power sensor entity writing its state, recorder on "
            "(a default install's cost: state machine + recorder, committed)",
            f"{default:.1f} µs",
        ],
        [
            "the integration, measured without the recorder (table above)",
            f"{bare['integration_us_per_reading']:.1f} µs = "
            f"{bare['integration_us_per_reading'] / default * 100:.1f} %",
        ],
        [
            "the integration, recorder on (its own entities' states recorded "
            "too; a difference of two figures of the size of the recorder's)",
            f"{recorded['integration_us_per_reading']:.1f} µs = "
            f"{recorded['integration_share'] * 100:.1f} %",
        ],
    ]
    return [
        "### Counting by power: the same, against a default install's cost",
        "",
        *_table(["", "CPU per reading"], rows),
        "",
        "The recorder (in `default_config`) records a power sensor's every "
        "state: real recorder, SQLite in a temporary file, committing every 5 s "
        "of the readings' clock (its default interval); process CPU of all "
        "threads until it has committed.",
    ]


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


def _pct(value: float | None, met: bool | None = None) -> str:
    """``98.7 %``, marked ✓ or ✗ against its target when it has one."""
    if value is None:
        return "-"
    mark = "" if met is None else (" ✓" if met else " ✗")
    return f"{value * 100:.1f} %{mark}"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _held_out(held: dict[str, Any]) -> list[str]:
    seeds = ", ".join(f"{seed:,}" for seed in held["seeds"])
    out = [
        f"### Pump detection on held-out seeds ({len(held['seeds'])} more corpora of "
        f"{held['shots_per_family']} shots per family: seeds {seeds})",
        "",
        "The detector's rules were found on the bench seed's machines; these corpora "
        "were never looked at while tuning. Pooled over the seeds; precision also "
        "seed by seed.",
        "",
    ]
    rows = [
        [
            row["family"],
            row["plug"],
            str(row["true_shots"]),
            _pct(row["shot_recall"], row["met"]["shot_recall"]),
            _pct(row["shot_precision"], row["met"]["shot_precision"]),
            " / ".join(_pct(p) for p in row["precision_by_seed"]),
            str(row["detected_shots"] - row["correct_shots"]),
            f"{row['refused_machines']} ({row['refused_first_try_machines']}) "
            f"of {row['traces']}",
        ]
        for row in held["rows"]
    ]
    out += _table(
        [
            "family",
            "plug",
            "shots",
            "shot recall",
            "shot precision",
            "precision by seed",
            "false shots",
            "calibration refused (at the first try)",
        ],
        rows,
    )
    missed = [
        f"{row['family']}/{row['plug']}"
        for row in held["rows"]
        if any(v is False for v in row["met"].values())
    ]
    out += [
        "",
        "Targets missed: " + ", ".join(missed) + "." if missed else "Every target met.",
    ]
    return out


def _detection(detection: dict[str, Any]) -> list[str]:
    corpus, cpu, template = detection["corpus"], detection["cpu"], detection["template"]
    shots = min(corpus["shots_per_family"].values())
    flushes = min(corpus["flushes_per_family"].values())
    out = [
        f"### Pump detection from plug power ({detection['detector']}, "
        f"{corpus['traces']} simulated machines, {corpus['readings']:,} readings, "
        f"{corpus['simulated_hours']:,.0f} h; at least {shots} shots and {flushes} "
        "flushes per family)",
        "",
        "Each machine calibrated as the options flow does (an 8-14 s pump run, the flow asking for about ten seconds; "
        "on a 5 s plug three runs of 24-42 s, 21-48 s apart, the flow asking for three of "
        "about thirty, thirty apart, and saving their median; "
        "after its heat-up), and again while the flow says it saw no pump run, as its "
        "error asks, up to three tries (`too_noisy` refuses at once); "
        'a refused calibration leaves its shots missed ("where '
        'calibrated" leaves those machines out). Runs matched one to one by overlap; shot '
        "= 15-120 s, flush < 15 s. Recall targets: 98 % (thermostat, heat exchanger, "
        "dual boiler; every 1-2 s or on change), 95 % (same, every 5 s), 90 % "
        "(pid_slow), none (pid_fast); precision 99.5 % everywhere (pid_fast: or refused); "
        "duration error p95 within one reporting interval; pump W within 10 %. "
        f"Template: the best threshold per family of `{template['rule']}`.",
        "",
    ]
    rows = []
    for row in detection["rows"]:
        met = row["targets"]["met"]
        p95 = row["duration_error_p95_intervals"]
        cal_max = row["pump_watts_error_max"]
        tpl = row["template"]
        rows.append(
            [
                row["family"],
                row["plug"],
                str(row["true_shots"]),
                _pct(row["shot_recall"], met["shot_recall"]),
                _pct(row["shot_recall_where_calibrated"]),
                _pct(row["shot_precision"], met["shot_precision"]),
                f"{_seconds(row['duration_error_median_s'])} / "
                f"{_seconds(row['duration_error_p95_s'])}",
                "-"
                if p95 is None
                else f"{p95:.2f}{' ✓' if met['duration_p95_within_interval'] else ' ✗'}",
                _pct(row["flush_recall"]),
                f"{_pct(row['calibration_refused'])} "
                f"({_pct(row['calibration_refused_first_try'])})",
                "-"
                if cal_max is None
                else f"{_pct(row['pump_watts_error_median'])} / "
                f"{_pct(cal_max, met['calibration_within_10_percent'])}",
                f"{_pct(tpl['shot_recall'])} / {_pct(tpl['shot_precision'])} "
                f"({tpl['threshold_w']} W)",
            ]
        )
    out += _table(
        [
            "family",
            "plug",
            "shots",
            "shot recall",
            "where calibrated",
            "shot precision",
            "duration error median / p95, s",
            "p95 / interval",
            "flush recall",
            "calibration refused (at the first try)",
            "pump W error median / max",
            "template: recall / precision (threshold)",
        ],
        rows,
    )
    causes = [
        [
            row["family"],
            row["plug"],
            ", ".join(f"{cause} {count}" for cause, count in row["causes"].items()),
        ]
        for row in detection["rows"]
        if row["causes"]
    ]
    if causes:
        out += ["", "Missed shots and false shots by cause:", ""]
        out += _table(["family", "plug", "causes"], causes)
    mark = "✓" if cpu["met"] else "✗"
    out += [
        "",
        f"Detector alone: {cpu['readings_per_second']:,.0f} readings/s on one core "
        f"(target ≥ {cpu['target_readings_per_second']:,}/s) {mark}.",
    ]
    stuck = sum(row["stuck_deadlines"] for row in detection["rows"])
    if stuck:
        out.append(
            f"`next_deadline` did not move after `advance(next_deadline)` {stuck:,} "
            "times (an event loop would call again at once; the bench fed the next "
            "reading instead)."
        )
    missed = [
        f"{row['family']}/{row['plug']}"
        for row in detection["rows"]
        if any(v is False for v in row["targets"]["met"].values())
    ]
    out.append(
        "Targets missed: " + ", ".join(missed) + "." if missed else "Every target met."
    )
    return out


def _stalls(stalls: dict[str, Any]) -> list[str]:
    """Shot recall, false shots and the live ``pump_on``, without and with stalls."""
    stall = stalls["stalls"]
    out = [
        f"### Pump detection when reports stall ({stalls['traces']} simulated "
        f"machines of the bench seed, {stalls['shots_per_family']} shots per family; "
        f"a stall every {stall['every_s']:g} s on average, "
        f"{stall['shortest_s']:g}-{stall['longest_s']:g} s long)",
        "",
        "Every report in a stall lost (on change: the plug's state arrives when it "
        "ends); calibrated once, without stalls. Without → with stalls. Live: of the "
        "true pump runs of at least 5 s, the share in which `pump_on` turned on "
        "before the run ended.",
        "",
    ]

    def both(row: dict[str, Any], name: str, show: Callable[[Any], str]) -> str:
        return _before_after(row, ("without", "with"), name, show)

    rows = [
        [
            row["family"],
            row["plug"],
            str(row["true_shots"]),
            f"{row['refused_machines']} of {row['traces']}",
            both(row, "shot_recall", _pct),
            both(row, "false_shots", str),
            str(row["with"]["runs_of_5s"]),
            both(row, "seen_live_share", _pct),
            _pulses(row),
            _pct(
                row["readings_lost_to_stalls"] / row["readings"]
                if row["readings"]
                else None
            ),
        ]
        for row in stalls["rows"]
    ]
    out += _table(
        [
            "family",
            "plug",
            "shots",
            "calibration refused",
            "shot recall",
            "false shots",
            "runs ≥ 5 s",
            "live pump_on in the run",
            "of backflush pulses (their number)",
            "readings lost",
        ],
        rows,
    )
    out.append(f"({stalls['seconds']} s)")
    return out


def _before_after(
    row: dict[str, Any],
    sides: tuple[str, str],
    name: str,
    show: Callable[[Any], str],
) -> str:
    """A row's ``name`` on its two sides, "before → after"."""
    before, after = sides
    return f"{show(row[before][name])} → {show(row[after][name])}"


def _guided(guided: dict[str, Any]) -> list[str]:
    """How soon a guided program sees a person's press by power: by runs alone → with the level."""
    out = [
        "### A guided backflush by power (simulated machines per family and plug: "
        f"{guided['machines']}, {guided['pulses_per_machine']} pulses each, a person "
        "pressing as asked)",
        "",
        "Switched on cold, heated up, then each press held until the pump is seen "
        "(or three prompts pass: the guide aborts) and 10 s more. A prompt waits "
        "6 s and the signal's delay: at least 3 s and three of the plug's "
        "intervals. By runs alone (`pump_on`) → with the level's own word "
        "(`pump_seen`, what a program follows). Seen: from the press to the "
        "signal's turning on.",
        "",
    ]

    def both(row: dict[str, Any], name: str, show: Callable[[Any], str]) -> str:
        return _before_after(row, ("runs", "level"), name, show)

    def seconds(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f} s"

    rows = [
        [
            row["family"],
            row["plug"],
            str(row["level"]["pulses"]),
            str(row["level"]["on_the_clock"]),
            seconds(row["level"]["prompt_wait_median_s"]),
            both(row, "seen_in_first_prompt", str),
            both(row, "seen_before_giving_up", str),
            both(row, "on_delay_median_s", seconds),
            both(row, "on_delay_p95_s", seconds),
            both(row, "stops_unseen", str),
            both(row, "false_turn_ons", str),
            both(row, "false_turn_offs", str),
        ]
        for row in guided["rows"]
    ]
    out += _table(
        [
            "family",
            "plug",
            "pulses",
            "on the clock",
            "a prompt waits",
            "seen within it",
            "seen within three",
            "seen after (median)",
            "(p95)",
            "stops unseen",
            "false turn-ons",
            "false turn-offs",
        ],
        rows,
    )
    out.append(f"({guided['seconds']} s)")
    return out


def _pulses(row: dict[str, Any]) -> str:
    """The live share of the backflush pulses without → with stalls, and their number."""
    without, with_stalls = (
        row[side]["seen_live_by_kind"].get("backflush_pulse") for side in SIDES
    )
    if without is None or with_stalls is None:
        return "-"
    return (
        f"{_pct(without['share'])} → {_pct(with_stalls['share'])} ({without['runs']})"
    )


def _heat_up(heat_up: dict[str, Any]) -> list[str]:
    """The ready_at estimate's error, per family and plug."""

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.1f} %"

    def sec(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f} s"

    overall = heat_up["overall"]
    met = (overall["error_share_median"] or 1.0) < 0.10
    out = [
        "### Heat-up: `ready_at` against the simulator's true heat-up ends",
        "",
        f"{heat_up['seeds']} simulated machines per family (vibratory and rotary "
        f"pumps), {heat_up['days']} days each: a morning power-on after a night off, "
        "some warm restarts 3-45 min after switching off, some afternoon sessions; "
        "every plug model. Scored: power-ons with at least "
        f"{heat_up['learned_before_scoring']} heat-ups learned. Error: |ready_at - "
        "true end| as a share of that heat-up's true length (median, p95), and in "
        "seconds; warm restarts alone in seconds (their heat-ups are short, so a "
        "few seconds are a large share: they make the p95). Naive: "
        "the median of the last 10 heat-ups, ignoring how long the machine was off. "
        "Found: the detector's end against the true end.",
        "",
        f"Overall: median error **{pct(overall['error_share_median'])}** of the "
        f"heat-up time over {overall['scored']} power-ons (goal: under 10 %: "
        f"{'met' if met else 'NOT met'}); naive estimate "
        f"{pct(overall['naive_error_share_median'])}; on warm restarts "
        f"{sec(overall['warm_error_seconds_median'])} against the naive "
        f"{sec(overall['naive_warm_error_seconds_median'])} (median).",
        "",
    ]
    rows = [
        [
            row["family"],
            row["plug"],
            f"{row['true_minutes_median']:.1f}" if row["true_minutes_median"] else "-",
            str(row["scored"]),
            pct(row["error_share_median"]),
            pct(row["error_share_p95"]),
            pct(row["naive_error_share_median"]),
            sec(row["error_seconds_median"]),
            sec(row["warm_error_seconds_median"]),
            sec(row["naive_warm_error_seconds_median"]),
            sec(row["found_error_seconds_median"]),
            sec(row["found_error_seconds_p95"]),
            str(row["not_found"]),
        ]
        for row in heat_up["table"]
    ]
    out += _table(
        [
            "family",
            "plug",
            "cold heat-up, min",
            "scored",
            "error, median",
            "p95",
            "naive, median",
            "error, s",
            "warm restarts, s",
            "naive, warm, s",
            "found vs true, median",
            "p95",
            "not found",
        ],
        rows,
    )
    return out


def _recognition(recognition: dict[str, Any]) -> list[str]:
    rows = recognition["rows"]
    first = rows[0] if rows else {}
    out = [
        "### Hand-made backflushes recognized (backflush_pattern)",
        "",
        f"{first.get('backflushes', 0)} simulated hand-made backflushes and "
        f"{first.get('ordinary_shots', 0)} shots with {first.get('ordinary_flushes', 0)} "
        f"flushes ({first.get('ordinary_days', 0)} days, no backflush) per report "
        "speed. brew: the true runs as a sensor polled at that speed sees them; "
        "power: the runs the pump detector finds in the plug's readings; "
        "train: the pulses power.pulses reads in the readings themselves; "
        "power+train: both, as a machine counting from power records them. Targets: "
        "recognized >= 97 % at 2 s or faster, >= 90 % at 5 s; invented < 1 in 1,000 days. "
        "Pulses seen: true pulses the view delivers a run for; where all seen: "
        "recognized among the backflushes whose every pulse came as a run of its own "
        "(the recognizer's own share); where power counts: recognized on the machines "
        "whose calibration found the pump's step (a refused machine, a fast PID or a "
        "slow PID read every 5 s, is asked for a brew sensor instead).",
        "",
    ]
    out += _table(
        [
            "report s",
            "view",
            "recognized",
            "where power counts (n)",
            "pulses seen",
            "where all seen (n)",
            "invented (ordinary)",
            "per day",
            "invented (backflush days)",
        ],
        [
            [
                f"{row['report_seconds']:g}",
                row["view"],
                _pct(row["recognized"], row["recognized_met"]),
                f"{_pct(row.get('recognized_where_power_counts'))} "
                f"({'-' if (n := row.get('counting_by_power')) is None else n})",
                _pct(row.get("pulses_seen")),
                f"{_pct(row.get('recognized_where_all_seen'))} "
                f"({row.get('all_pulses_seen', '-')})",
                str(row["invented"]),
                f"{row['invented_per_day']:.4f}"
                + (" ✓" if row["invented_met"] else " ✗"),
                str(row["invented_in_backflush_corpus"]),
            ]
            for row in rows
        ],
    )
    for view in ("power", "train", "power+train"):
        families = [
            f"{row['report_seconds']:g} s: "
            + ", ".join(
                f"{family} {_pct(share)}"
                for family, share in row["recognized_by_family"].items()
            )
            for row in rows
            if row["view"] == view and row.get("recognized_by_family")
        ]
        if families:
            label = view[0].upper() + view[1:]
            out += ["", f"{label}, recognized by family: " + "; ".join(families) + "."]
    if (speed := recognition.get("train_readings_per_second")) is not None:
        out.append(f"power.pulses alone: {speed:,} readings/s on one core.")
    out.append(f"({recognition['seconds']} s)")
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
    if "power_cost" in results:
        out += [*_power_cost(results["power_cost"]), ""]
    if "power_cost" in results and "power_cost_recorded" in results:
        out += [
            *_power_cost_recorded(
                results["power_cost"], results["power_cost_recorded"]
            ),
            "",
        ]
    if "setup" in results:
        out += [*_setup(results["setup"], results["memory"]), ""]
    if "detection" in results:
        out += [*_detection(results["detection"]), ""]
    if "detection_held_out" in results:
        out += [*_held_out(results["detection_held_out"]), ""]
    if "detection_stalls" in results:
        out += [*_stalls(results["detection_stalls"]), ""]
    if "guided" in results:
        out += [*_guided(results["guided"]), ""]
    if "heat_up" in results:
        out += [*_heat_up(results["heat_up"]), ""]
    if "recognition" in results:
        out += [*_recognition(results["recognition"]), ""]
    if meta["errors_logged"]:
        out += ["Errors logged during the run:", *meta["errors_logged"]]
    return "\n".join(out).rstrip()
