"""The ``ready_at`` estimate against the simulator's true heat-ups.

Each simulated machine (``simulator.espresso.MachineModel``, every family,
vibratory and rotary pumps) lives ``days`` days of a routine: switched on in
the morning after a real night off, used, switched off; some days switched on
again a few minutes later (still warm) or in the afternoon (half cooled).
Each plug model reports the sessions. For every power-on, ``heat_up.py`` does
what the integration does: it estimates the heat-up from the heat-ups it has
learned so far (``ready_at`` = power-on + estimate), then finds the end in
the readings and learns it.

Reported per family and plug, over the power-ons with at least ``LEARNED``
heat-ups learned: the error of ``ready_at`` against the true end (the
simulator's), as a share of that heat-up's true length; the same in seconds;
the detector's own error (found end against true end); and, for scale, the
error of a naive estimate that ignores how long the machine was off (the
median of the last 10 heat-ups).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
import random
from statistics import median
import time
from typing import Any

from custom_components.espresso_care.heat_up import (
    EndedBy,
    HeatUp,
    HeatUpDetector,
    HeatUpEnd,
    learn,
)
from simulator.espresso import (
    FAMILIES,
    PLUG_MODELS,
    PLUGS,
    MachineModel,
    Report,
    sample,
)

LEARNED = 3
DAY = 86_400.0


def _sessions(rng: random.Random, days: int) -> list[tuple[float, str]]:
    """Power-on moments and their kind: morning, warm (restart), afternoon."""
    plan: list[tuple[float, str]] = []
    for day in range(days):
        plan.append((day * DAY + 7 * 3600 + rng.uniform(-1800, 1800), "morning"))
        if rng.random() < 0.35:
            plan.append((-1.0, "warm"))  # placed after the morning session
        if rng.random() < 0.25:
            plan.append((day * DAY + rng.uniform(14, 17) * 3600, "afternoon"))
    return plan


def _detect(reports: list[Report], on: float, off: float) -> HeatUpEnd | None:
    """Feed one session's readings, with the timed checks the routine arms."""
    detector = HeatUpDetector(on)
    for report in reports:
        if report.at < on or report.at > off:
            continue
        while (moment := detector.next_check) is not None and moment <= report.at:
            if end := detector.check(moment):
                return end
        if end := detector.feed(report.at, report.watts, report.volts):
            return end
    while (moment := detector.next_check) is not None and moment <= off:
        if end := detector.check(moment):
            return end
    return None


def _machine(
    family: str, pump: str, seed: int, days: int, plugs: tuple[str, ...]
) -> list[dict[str, Any]]:
    """One machine's routine through each plug: a row per power-on and plug."""
    rng = random.Random(f"heat_up|{family}|{pump}|{seed}")
    model = MachineModel(family, pump, seed=seed, record=True)
    model.advance(0.0)
    sessions: list[tuple[float, float, str]] = []
    last_off = 0.0
    for at, kind in _sessions(rng, days):
        on = last_off + rng.uniform(180, 2700) if kind == "warm" else at
        if on <= last_off:
            continue
        model.set_power(True, on)
        while model.heat_up_end is None and model.now < on + 3600:
            model.advance(model.now + 15)
        ready = model.heat_up_end if model.heat_up_end is not None else model.now
        shot = ready + rng.uniform(60, 600)
        model.set_pump(True, shot, "shot")
        model.set_pump(False, shot + rng.uniform(22, 35))
        off = shot + rng.uniform(300, 1800)
        model.set_power(False, off)
        sessions.append((on, off, kind))
        last_off = off
    truth = dict(model.heat_up_ends)
    rows: list[dict[str, Any]] = []
    for plug in plugs:
        history: list[HeatUp] = []
        previous_off: float | None = None
        for on, off, kind in sessions:
            first = bisect_right(model.seg_at, on - 10) - 1
            last = bisect_left(model.seg_at, off + 1)
            reports = sample(
                PLUG_MODELS[plug],
                model.seg_at[first:last],
                model.seg_watts[first:last],
                model.seg_volts[first:last],
                end=off,
                rng=random.Random(f"plug|{plug}|{family}|{seed}|{on}"),
            )
            off_seconds = None if previous_off is None else on - previous_off
            learned = learn(history)
            estimate = learned.estimate(off_seconds)
            recent = [h.seconds for h in history[-10:]]
            end = _detect(reports, on, off)
            true_end = truth.get(on)
            if true_end is not None:
                rows.append(
                    {
                        "plug": plug,
                        "kind": kind,
                        "learned": len(history),
                        "true": true_end - on,
                        "estimate": estimate,
                        "naive": median(recent) if recent else None,
                        "found": None if end is None else end.at - on,
                    }
                )
            if end is not None and end.ended_by is not EndedBy.TIMEOUT:
                history = [*history, HeatUp(on, end.at - on, off_seconds)][-20:]
            previous_off = off
    return rows


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r for r in rows if r["learned"] >= LEARNED and r["estimate"] is not None]
    share = sorted(abs(r["estimate"] - r["true"]) / max(r["true"], 1.0) for r in scored)
    cold = [r for r in scored if r["kind"] != "warm"]
    cold_share = sorted(abs(r["estimate"] - r["true"]) / r["true"] for r in cold)
    seconds = sorted(abs(r["estimate"] - r["true"]) for r in scored)
    warm_seconds = sorted(
        abs(r["estimate"] - r["true"]) for r in scored if r["kind"] == "warm"
    )
    naive = sorted(
        abs(r["naive"] - r["true"]) / max(r["true"], 1.0)
        for r in scored
        if r["naive"] is not None
    )
    naive_warm = sorted(
        abs(r["naive"] - r["true"])
        for r in scored
        if r["kind"] == "warm" and r["naive"] is not None
    )
    found = sorted(abs(r["found"] - r["true"]) for r in rows if r["found"] is not None)

    def p95(values: list[float]) -> float | None:
        return values[max(0, round(0.95 * len(values)) - 1)] if values else None

    return {
        "power_ons": len(rows),
        "scored": len(scored),
        "true_minutes_median": median(r["true"] for r in cold) / 60 if cold else None,
        "error_share_median": median(share) if share else None,
        "error_share_p95": p95(share),
        "naive_error_share_median": median(naive) if naive else None,
        "cold_error_share_median": median(cold_share) if cold_share else None,
        "error_seconds_median": median(seconds) if seconds else None,
        "warm_error_seconds_median": median(warm_seconds) if warm_seconds else None,
        "naive_warm_error_seconds_median": median(naive_warm) if naive_warm else None,
        "found_error_seconds_median": median(found) if found else None,
        "found_error_seconds_p95": p95(found),
        "not_found": sum(r["found"] is None for r in rows),
    }


def run(seeds: int, days: int, progress: Callable[[str], None]) -> dict[str, Any]:
    """Every family, through every plug; a summary per family and plug, and overall."""
    started = time.perf_counter()
    by_family: dict[str, list[dict[str, Any]]] = {}
    for family in FAMILIES:
        progress(f"heat-up: {family}")
        rows = by_family.setdefault(family, [])
        for seed in range(seeds):
            pump = "vibratory" if seed % 2 == 0 else "rotary"
            rows += _machine(family, pump, seed, days, PLUGS)
    table = [
        {
            "family": family,
            "plug": plug,
            **_summary([r for r in rows if r["plug"] == plug]),
        }
        for family, rows in by_family.items()
        for plug in PLUGS
    ]
    every = [r for rows in by_family.values() for r in rows]
    return {
        "seeds": seeds,
        "days": days,
        "learned_before_scoring": LEARNED,
        "table": table,
        "families": {f: _summary(rows) for f, rows in by_family.items()},
        "overall": _summary(every),
        "seconds": round(time.perf_counter() - started, 1),
    }
