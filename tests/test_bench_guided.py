"""The bench's guided phase: a person pressing brew as a guide asks, in a closed loop with the simulator."""

from __future__ import annotations

from typing import Any

from bench import guided, report

SEED = 20_250_404


def _rows() -> dict[tuple[str, str], dict[str, Any]]:
    result = guided.run(1, SEED, progress=lambda _message: None)
    return {(row["family"], row["plug"]): row for row in result["rows"]}


def test_the_level_sees_presses_and_releases_runs_alone_miss() -> None:
    """One machine per cell: where the runs alone lose a press or a release, the level sees it."""
    rows = _rows()
    assert ("pid_slow", "periodic_5") not in rows  # refused at calibration
    assert ("pid_fast", "periodic_1") not in rows
    for row in rows.values():
        for side in guided.SIDES:
            cell = row[side]
            assert cell["pulses"] == guided.PULSES
            seen = cell["seen_before_giving_up"]
            assert cell["seen_in_first_prompt"] <= seen <= cell["pulses"]
    # A thermostat's heater came on as the pump stopped: its run stayed open
    # until the heater fell, the level showed the heater alone at once.
    thermostat = rows["thermostat", "periodic_2"]
    assert thermostat["runs"]["stops_unseen"] == 1
    assert thermostat["level"]["stops_unseen"] == 0
    assert thermostat["level"]["seen_before_giving_up"] == guided.PULSES
    # A dual boiler's presses inside its heaters' switching, every 2 s.
    boiler = rows["dual_boiler", "periodic_2"]
    assert boiler["runs"]["seen_before_giving_up"] == 8
    assert boiler["level"]["seen_before_giving_up"] == guided.PULSES


def test_the_guided_table() -> None:
    """The report's table: one row per family and plug, both sides in each cell."""
    result = guided.run(1, SEED, progress=lambda _message: None)
    text = "\n".join(report._guided(result))
    assert (
        "### A guided backflush by power (simulated machines per family and plug: 1,"
        in text
    )
    assert "| dual_boiler | periodic_2 | 10 | 0 | 8 → 10 | 8 → 10 |" in text
    assert text.count("\n| ") == 2 + len(result["rows"]) - 1
