"""The bench's stalls: bursts in which every report is lost, and what the detector makes of them."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
import json
from pathlib import Path

import pytest

from bench import census, report, stalls
from simulator import espresso
from simulator.espresso import Report, Stalls, TrueRun, stall_spans, stalled_reports

from .bench_rows import thermostat_rows
from .sim_replay import corpus_spec


def _inside(at: float, spans: list[tuple[float, float]]) -> bool:
    return any(start <= at <= end for start, end in spans)


def test_stalls_lose_every_report_within_them_and_nothing_else() -> None:
    """A periodic plug's reports in a stall are gone, the others kept as they were;
    the trace itself is untouched, and the stalls are the same every time."""
    trace = corpus_spec("thermostat", "periodic_1", 20_000_000).generate()
    before = list(trace.reports)
    spans = stall_spans(trace, Stalls())
    kept = stalled_reports(trace)

    assert trace.reports == before
    assert spans == stall_spans(trace, Stalls())
    assert all(2.0 <= end - start <= 6.0 for start, end in spans)
    assert all(a[1] < b[0] for a, b in pairwise(spans))
    assert spans[-1][0] < trace.end
    # One every two minutes or so (from one's end to the next's start).
    assert 0.7 < trace.end / len(spans) / 124.0 < 1.3
    assert kept == [r for r in before if not _inside(r.at, spans)]
    assert len(before) - len(kept) > 2 * len(spans)


def test_on_change_plug_sends_its_state_when_a_stall_ends() -> None:
    """On change, the last report a stall swallowed arrives at its end, unless
    Home Assistant already holds that value."""
    trace = corpus_spec("thermostat", "on_change", 20_000_006).generate()
    spans = stall_spans(trace, Stalls())
    kept = stalled_reports(trace)
    ends = {end for _, end in spans}
    resent = [r for r in kept if r.at in ends]
    assert resent
    for r in kept:
        assert r.at in ends or not _inside(r.at, spans)
    for i, r in enumerate(kept):
        if r in resent:
            start = next(s for s, e in spans if e == r.at)
            swallowed = [x for x in trace.reports if start <= x.at <= r.at]
            assert (r.watts, r.volts) == (swallowed[-1].watts, swallowed[-1].volts)
            assert kept[i - 1].watts != r.watts


def test_resend_only_what_home_assistant_does_not_hold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stall whose last report is the value already held sends nothing, nor
    one ending after the trace; a periodic plug never sends at a stall's end."""
    spans = [(2.0, 6.0), (20.0, 24.0), (30.0, 40.0)]
    monkeypatch.setattr(espresso, "stall_spans", lambda _trace, _stalls: spans)
    watts = ((1.0, 5.0), (3.0, 60.0), (4.0, 5.0), (7.0, 5.0), (21.0, 60.0), (31.0, 5.0))
    reports = [Report(at, w, 230.0) for at, w in watts]
    trace = corpus_spec("thermostat", "on_change", 20_000_006).generate()
    on_change = replace(trace, reports=reports, end=35.0)
    assert stalled_reports(on_change) == [
        Report(1.0, 5.0, 230.0),
        Report(7.0, 5.0, 230.0),
        Report(24.0, 60.0, 230.0),
    ]
    periodic = replace(on_change, plug="periodic_1")
    assert stalled_reports(periodic) == [
        Report(1.0, 5.0, 230.0),
        Report(7.0, 5.0, 230.0),
    ]


def test_live_signal_sees_runs_it_turned_on_in() -> None:
    """A run of 5 s or more is seen when ``pump_on`` turned True within it."""
    live = stalls.LiveSignal()
    for at, on in ((9.0, False), (12.0, True), (13.0, True), (30.0, None)):
        live(at, on)
    live(40.0, True)  # turned on after the second run's end
    live(41.0, False)
    runs = [
        TrueRun(10.0, 28.0, "shot"),  # seen at 12
        TrueRun(31.0, 39.0, "flush"),  # not seen
        TrueRun(50.0, 53.0, "flush"),  # under 5 s: not asked
    ]
    assert live.turned_on == [12.0, 40.0]
    assert live.seen(runs) == {"shot": (1, 1), "flush": (1, 0)}


def test_stalls_phase_without_them_is_the_detection_table(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without stalls, each cell is the detection phase's own row; with them,
    the census's ``--stalls`` finds the same shots; the table renders."""
    rows = thermostat_rows(monkeypatch)
    result = stalls.run(16, 1_000_000, lambda _m: None)
    assert [row["plug"] for row in result["rows"]] == list(stalls.STALL_PLUGS)
    for row in result["rows"]:
        plain = rows[row["plug"]]
        assert row["true_shots"] == plain["true_shots"] > 0
        assert row["without"]["recalled_shots"] == plain["recalled_shots"]
        assert row["without"]["false_shots"] == (
            plain["detected_shots"] - plain["correct_shots"]
        )
        assert row["with"]["runs_of_5s"] == row["without"]["runs_of_5s"] > 0
        by_kind = row["without"]["seen_live_by_kind"]
        assert sum(k["seen"] for k in by_kind.values()) == row["without"]["seen_live"]
        assert 0 < row["readings_lost_to_stalls"] < row["readings"]

    out = tmp_path / "stalled.json"
    census.main(
        [
            "--families=thermostat",
            f"--plugs={','.join(stalls.STALL_PLUGS)}",
            "--seeds=1000000",
            "--detection-shots=16",
            "--stalls",
            f"--json={out}",
        ]
    )
    cells = census.cells(json.loads(out.read_text()))
    for row in result["rows"]:
        cell = cells[f"thermostat {row['plug']}"]
        assert cell["recalled"] == row["with"]["recalled_shots"]
        assert cell["false"] == row["with"]["false_shots"]

    text = "\n".join(report._stalls(result))
    assert "a stall every 120 s on average, 2-6 s long" in text
    assert text.count("| thermostat |") == len(stalls.STALL_PLUGS)

    # Stalls that never come: both sides alike.
    never = stalls.run(16, 1_000_000, lambda _m: None, stalls=Stalls(every=1e12))
    for row in never["rows"]:
        assert row["with"] == row["without"]
        assert row["readings_lost_to_stalls"] == 0


def test_simulator_prints_a_trace_with_its_stalls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``python -m simulator.espresso --stalls`` prints the readings a stall left."""
    args = ["--plug=periodic_1", "--seed=3", "--shots=2", "--days=1"]
    espresso._cli(args)
    plain = capsys.readouterr().out.count("\n")
    espresso._cli([*args, "--stalls"])
    assert 0 < plain - capsys.readouterr().out.count("\n") < plain / 10
