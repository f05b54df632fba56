"""The recognition bench's share on machines that count by power."""

from __future__ import annotations

import pytest

from bench import recognition, report


def test_machines_refused_at_calibration_left_out_of_the_counting_share(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A fast PID is refused at calibration: its backflushes leave the counting share."""
    monkeypatch.setattr(recognition, "FAMILIES", ("thermostat", "pid_fast"))
    monkeypatch.setattr(recognition, "SPEEDS", {1.0: "periodic_1"})
    assert recognition.counts_by_power("thermostat", "vibratory", "periodic_1", 7)
    assert not recognition.counts_by_power("pid_fast", "vibratory", "periodic_1", 7)

    result = recognition.run(24, 250, 7, lambda _m: None)

    rows = {row["view"]: row for row in result["rows"]}
    assert rows["brew"]["counting_by_power"] is None
    assert rows["brew"]["recognized_where_power_counts"] is None
    for view in recognition.POWER_VIEWS:
        row = rows[view]
        by_family = row["recognized_by_family"]
        # Only the thermostat machines count by power here.
        assert 0 < row["counting_by_power"] < row["backflushes"]
        assert row["recognized_where_power_counts"] == by_family["thermostat"]
        assert by_family["pid_fast"] == 0.0
    text = "\n".join(report._recognition(result))
    counting = rows["power+train"]["counting_by_power"]
    assert f"({counting})" in text
    assert "| 1 | brew | 100.0 % ✓ | - (-) |" in text
