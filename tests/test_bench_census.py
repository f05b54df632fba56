"""The bench's census: trace by trace, the same counts as the detection table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import census, detection

from .bench_rows import thermostat_rows


def test_census_adds_up_to_the_detection_rows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each cell's traces sum to the bench's own row; a comparison names what changed."""
    rows = thermostat_rows(monkeypatch)
    out = tmp_path / "a.json"
    census.main(
        [
            "--families=thermostat",
            "--plugs=periodic_5,on_change",
            "--seeds=1000000",
            "--detection-shots=16",
            f"--json={out}",
            "--list",
        ]
    )
    traces = json.loads(out.read_text())
    totals = census.cells(traces)
    assert set(totals) == {"thermostat periodic_5", "thermostat on_change"}
    for plug in ("periodic_5", "on_change"):
        cell, row = totals[f"thermostat {plug}"], rows[plug]
        assert cell["true"] == row["true_shots"] > 0
        assert cell["recalled"] == row["recalled_shots"]
        assert cell["false"] == row["detected_shots"] - row["correct_shots"]
    printed = capsys.readouterr().out
    assert "thermostat periodic_5" in printed
    assert printed.count("\n  ") == sum(len(t["runs"]) for t in traces)
    durations = census.duration_cells(traces)
    for plug in ("periodic_5", "on_change"):
        errors, row = durations[f"thermostat {plug}"], rows[plug]
        assert len(errors) == row["recalled_shots"]
        assert detection._percentile(errors, 0.95) == pytest.approx(
            row["duration_error_p95_s"]
        )
        assert f"thermostat {plug:17} duration error median" in printed

    changed = [dict(t) for t in traces]
    changed[0] = changed[0] | {"false_shots": changed[0]["false_shots"] + 1}
    other = tmp_path / "b.json"
    other.write_text(json.dumps(changed))
    census.main(["--compare", str(out), str(other)])
    printed = capsys.readouterr().out
    first = traces[0]
    assert f"{first['seed']} thermostat {first['plug']}" in printed
    assert f"false {first['false_shots']} -> {first['false_shots'] + 1}" in printed

    # A census of one plug against one of two: the other plug's cell is
    # only in one, not a change.
    fewer = tmp_path / "c.json"
    fewer.write_text(json.dumps([t for t in traces if t["plug"] == "periodic_5"]))
    census.main(["--compare", str(out), str(fewer)])
    printed = capsys.readouterr().out
    assert "only before: thermostat on_change" in printed
    assert "before thermostat" not in printed


def test_worst_dated_shots_are_listed_by_their_error() -> None:
    """A shot's offsets are detected less true; the listing puts the worst first."""
    trace = {
        "seed": 7,
        "family": "pid_slow",
        "plug": "periodic_5",
        "pump": "rotary",
        "shot_dates": [(100.0, 130.0, 101.0, 128.0), (200.0, 240.0, 199.0, 251.0)],
    }
    assert census.dating(trace) == [
        (-3.0, 1.0, -2.0, 100.0, 130.0),
        (12.0, -1.0, 11.0, 200.0, 240.0),
    ]
    assert census.duration_cells([trace]) == {"pid_slow periodic_5": [3.0, 12.0]}
    assert "p95 12.00 s (2.40 iv)" in census._duration_line(
        "pid_slow periodic_5", [3.0, 12.0]
    )


def test_seed_ranges_step_by_a_corpus() -> None:
    """``A-B`` is every corpus a million apart; commas mix ranges and seeds."""
    assert census.seeds("20000000-22000000,5000000") == [
        20_000_000,
        21_000_000,
        22_000_000,
        5_000_000,
    ]
    with pytest.raises(SystemExit, match="unknown"):
        census.main(["--families=espresso"])
