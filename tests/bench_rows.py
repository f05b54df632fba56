"""The detection phase's rows of one small thermostat corpus, for the bench's own tests."""

from __future__ import annotations

from typing import Any

import pytest

from bench import detection


def thermostat_rows(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, Any]]:
    """The detection table's thermostat rows (16 machines, seed 1,000,000) by plug, one process."""
    monkeypatch.setenv("PROCS", "1")
    monkeypatch.setattr(detection, "FAMILIES", ("thermostat",))
    return {
        row["plug"]: row
        for row in detection.run(16, 1_000_000, lambda _m: None, side_by_side=False)[
            "rows"
        ]
    }
