"""Pump detection when the reports stall: bursts in which every report is lost.

The detection corpus's plugs lose single readings, each on its own (1 %, 0.3 %
on change). Wi-Fi and a busy Home Assistant lose several seconds at once: the
guided end-to-end run's 27 s pump run was missed after its plug went silent
~4 s right after the pump's first reading (commit 623da4e).
``simulator.espresso.Stalls`` puts such stalls into a trace (by default one
every two minutes, 2-6 s long) from a random stream of their own, so the
trace is otherwise the same.

Per trace of the bench seed's corpus, for the plugs read every second or two
and on change (a plug read every 5 s has its own gaps, and the same stall hides
one reading or two of it): calibrate as ``bench.detection`` does, once, on
the trace without stalls (a stall in the user's calibration run is the flow's
business, and one calibration for both keeps the difference the detector's
alone), then run the detector over the readings without and with the stalls.
Both are scored as the detection table is (shot recall, false shots), and
for the guide's sake: of the true pump runs of at least 5 s (shots, flushes,
backflush pulses), the share in which the live ``pump_on`` turned True before
the run ended. The guided backflush follows that live signal, not the run
counted afterwards.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
import time
from typing import Any

from simulator.espresso import FAMILIES, Stalls, TrueRun, stalled_reports

from .detection import Api, Score, calibrate_with_retries, corpus, detect, real_api

STALL_PLUGS = ("periodic_1", "periodic_2", "on_change")
"""The plugs measured: every second or two, and on change."""
LIVE_RUN_SECONDS = 5.0
"""The shortest true run the live signal is asked to show (a backflush pulse is 5-12 s)."""
SIDES = ("without", "with")
"""Without stalls, and with."""


@dataclass
class LiveSignal:
    """The moments the detector's live ``pump_on`` turned True (``detect``'s ``live``)."""

    turned_on: list[float] = field(default_factory=list)
    _on: bool = False

    def __call__(self, at: float, pump_on: bool | None) -> None:
        """``pump_on`` as it is at ``at``."""
        on = pump_on is True
        if on and not self._on:
            self.turned_on.append(at)
        self._on = on

    def seen(self, runs: Sequence[TrueRun]) -> dict[str, tuple[int, int]]:
        """By kind, of the true runs of ``LIVE_RUN_SECONDS`` or more: how many, seen live.

        Seen: ``pump_on`` turned True at the run's start or later, by its end.
        """
        out: dict[str, tuple[int, int]] = {}
        for run in runs:
            if run.duration < LIVE_RUN_SECONDS:
                continue
            i = bisect_left(self.turned_on, run.started)
            seen = i < len(self.turned_on) and self.turned_on[i] <= run.ended
            count, seen_before = out.get(run.kind, (0, 0))
            out[run.kind] = (count + 1, seen_before + seen)
        return out


@dataclass
class _Side:
    score: Score = field(default_factory=Score)
    live: dict[str, list[int]] = field(default_factory=dict)
    """By kind: true runs of at least ``LIVE_RUN_SECONDS``, and those seen live."""

    def add_live(self, seen: dict[str, tuple[int, int]]) -> None:
        for kind, (runs, seen_live) in seen.items():
            counts = self.live.setdefault(kind, [0, 0])
            counts[0] += runs
            counts[1] += seen_live


@dataclass
class _Cell:
    sides: dict[str, _Side] = field(default_factory=lambda: {s: _Side() for s in SIDES})
    refused: int = 0
    readings: int = 0
    lost: int = 0


def run(
    shots_per_family: int,
    seed: int,
    progress: Callable[[str], None] = print,
    api: Api | None = None,
    stalls: Stalls | None = None,
) -> dict[str, Any]:
    """The bench seed's corpus on ``STALL_PLUGS``, detected without and with stalls."""
    api = api if api is not None else real_api()
    stalls = stalls or Stalls()
    specs = [s for s in corpus(shots_per_family, seed) if s.plug in STALL_PLUGS]
    cells: dict[tuple[str, str], _Cell] = {}
    started = time.perf_counter()
    for n, spec in enumerate(specs):
        if n % max(1, len(specs) // 5) == 0:
            progress(f"stalls: trace {n + 1}/{len(specs)} ({spec.family})")
        calibrated = calibrate_with_retries(api, spec)
        trace, pump_watts = calibrated.trace, calibrated.pump_watts
        cell = cells.setdefault((spec.family, spec.plug), _Cell())
        stalled = stalled_reports(trace, stalls)
        cell.readings += len(trace.reports)
        cell.lost += len(trace.reports) - len(stalled)
        cell.refused += pump_watts is None
        for name, reports in zip(SIDES, (trace.reports, stalled), strict=True):
            side = cell.sides[name]
            live = LiveSignal()
            if pump_watts is None:
                side.score.add([], trace)  # refused: every shot missed
            else:
                runs, _, _ = detect(api.detector(pump_watts), reports, trace.end, live)
                side.score.add(runs, trace)
            side.add_live(live.seen(trace.runs))
    rows = [
        _row(family, plug, cells[family, plug])
        for family in FAMILIES
        for plug in STALL_PLUGS
        if (family, plug) in cells
    ]
    return {
        "stalls": {
            "every_s": stalls.every,
            "shortest_s": stalls.shortest,
            "longest_s": stalls.longest,
        },
        "seed": seed,
        "shots_per_family": shots_per_family,
        "traces": len(specs),
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _row(family: str, plug: str, cell: _Cell) -> dict[str, Any]:
    row: dict[str, Any] = {
        "family": family,
        "plug": plug,
        "traces": cell.sides["without"].score.traces,
        "refused_machines": cell.refused,
        "true_shots": cell.sides["without"].score.true_shots,
        "readings": cell.readings,
        "readings_lost_to_stalls": cell.lost,
    }
    for name, side in cell.sides.items():
        score = side.score
        runs = sum(counts[0] for counts in side.live.values())
        seen = sum(counts[1] for counts in side.live.values())
        row[name] = {
            "recalled_shots": score.recalled_shots,
            "shot_recall": score.recall,
            "false_shots": score.false_shots,
            "runs_of_5s": runs,
            "seen_live": seen,
            "seen_live_share": seen / runs if runs else None,
            "seen_live_by_kind": {
                kind: {"runs": n, "seen": k, "share": k / n}
                for kind, (n, k) in sorted(side.live.items())
            },
        }
    return row
