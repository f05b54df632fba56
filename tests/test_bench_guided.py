"""The bench's guided phase: a person pressing brew as a guide asks, in a closed loop with the simulator."""

from __future__ import annotations

from typing import Any

from bench import guided, report
from simulator.espresso import PLUGS

SEED = 20_250_404


def _rows(seed: int = SEED) -> dict[tuple[str, str], dict[str, Any]]:
    result = guided.run(1, seed, progress=lambda _message: None)
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
    # A dual boiler's press inside its heaters' switching, every 2 s.
    boiler = rows["dual_boiler", "periodic_2"]
    assert boiler["runs"]["seen_before_giving_up"] == 9
    assert boiler["level"]["seen_before_giving_up"] == guided.PULSES
    # A slow PID's pulses pause the edges, every second: between them the
    # level still shows the pump alone (60 W for 6 s of each 8 s window).
    pid = rows["pid_slow", "periodic_1"]
    assert pid["runs"]["seen_before_giving_up"] == 5
    assert pid["level"]["seen_before_giving_up"] == guided.PULSES
    assert pid["level"]["false_turn_ons"] == pid["level"]["false_turn_offs"] == 0
    # Another's releases, every second: a heater switching as the pump
    # stopped kept the run open, the level showed the heaters alone at once.
    boiler = _rows(20_250_407)["dual_boiler", "periodic_1"]
    assert boiler["runs"]["stops_unseen"] == 3
    assert boiler["level"]["stops_unseen"] == 0


def test_a_prompt_waits_three_of_the_plugs_intervals() -> None:
    """6 s for the person and the signal's delay: 3 s, or three intervals of a slower plug."""
    rows = _rows()
    waits = {
        plug: rows["thermostat", plug]["level"]["prompt_wait_median_s"]
        for plug in PLUGS
    }
    assert waits["periodic_1"] == 9.0
    assert waits["periodic_2"] == 12.0
    assert waits["periodic_5"] == 21.0
    assert 9.0 < waits["on_change"] < 12.0
    # Every 5 s, 8 of 10 presses are seen within the first prompt (with 9 s: none).
    assert rows["thermostat", "periodic_5"]["level"]["seen_in_first_prompt"] == 8


def test_the_guided_table() -> None:
    """The report's table: one row per family and plug, both sides in each cell."""
    result = guided.run(1, SEED, progress=lambda _message: None)
    text = "\n".join(report._guided(result))
    assert (
        "### A guided backflush by power (simulated machines per family and plug: 1,"
        in text
    )
    assert "| dual_boiler | periodic_2 | 10 | 0 | 12.0 s | 9 → 10 | 9 → 10 |" in text
    assert text.count("\n| ") == 2 + len(result["rows"]) - 1
