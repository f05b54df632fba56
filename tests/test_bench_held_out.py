"""The bench's held-out seeds: the detection corpus drawn again, pooled cell by cell."""

from __future__ import annotations

import pytest

from bench import detection, report
from simulator.espresso import PLUGS


def test_held_out_pools_each_seeds_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each cell adds up the seeds' own runs; precision is also kept seed by seed."""
    monkeypatch.setattr(detection, "FAMILIES", ("thermostat",))
    seeds = (1_000_000, 2_000_000)
    alone = [
        {
            (row["family"], row["plug"]): row
            for row in detection.run(16, seed, lambda _m: None, side_by_side=False)[
                "rows"
            ]
        }
        for seed in seeds
    ]
    held = detection.held_out(16, seeds, lambda _m: None)

    assert held["seeds"] == list(seeds)
    assert len(held["rows"]) == len(PLUGS)
    for row in held["rows"]:
        key = (row["family"], row["plug"])
        for name in ("true_shots", "recalled_shots", "detected_shots", "correct_shots"):
            assert row[name] == sum(seed_rows[key][name] for seed_rows in alone)
        assert row["precision_by_seed"] == [r[key]["shot_precision"] for r in alone]
        assert row["true_shots"] > 0
        assert row["shot_recall"] == row["recalled_shots"] / row["true_shots"]
        refused = sum(sum(r[key]["calibration_refusals"].values()) for r in alone)
        assert row["refused_machines"] == refused
    text = "\n".join(report._held_out(held))
    assert "seeds 1,000,000, 2,000,000" in text
    assert text.count("| thermostat |") == len(PLUGS)


def test_side_by_side_off_skips_template_and_cpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The held-out runs score the detector only: no template rule, no CPU figure."""
    monkeypatch.setattr(detection, "FAMILIES", ("thermostat",))
    result = detection.run(16, 1_000_000, lambda _m: None, side_by_side=False)
    assert result["cpu"]["readings_per_second"] == 0.0
    assert result["corpus"]["seconds"]["template"] == 0.0
    assert all(row["template"]["true_shots"] == 0 for row in result["rows"])
