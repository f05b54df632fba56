"""The simulated person calibrates as the options flow asks, and waits as long.

The simulator is the standard library alone (it stands for the machine and
the person, not the integration), so it keeps its own copy of what the
calibrate step asks of a plug reporting every few seconds and of how long
the flow waits before it says no pump was seen (a retry starts after that).
The two copies must agree, or the bench's calibration replays another flow.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.calibration import (
    CAL_PAUSE_SLOW_S,
    CAL_RUN_S,
    CAL_RUN_SLOW_S,
    CAL_RUNS_SLOW,
    calibration_wait_seconds,
)
from simulator import espresso


def test_a_slow_plug_is_asked_the_flows_runs() -> None:
    assert espresso.SLOW_RUNS == CAL_RUNS_SLOW
    assert espresso.SLOW_RUN_S == CAL_RUN_SLOW_S
    assert espresso.SLOW_PAUSE_S == CAL_PAUSE_SLOW_S


@pytest.mark.parametrize(
    ("plug", "runs", "run_seconds"),
    [
        ("periodic_1", 1, CAL_RUN_S),
        ("periodic_2", 1, CAL_RUN_S),
        ("on_change", 1, CAL_RUN_S),
        # A 5 s plug: three runs as the flow asks now, one as it asked before
        # (the days the 5 s detector's tests were found on).
        ("periodic_5", CAL_RUNS_SLOW, CAL_RUN_SLOW_S),
        ("periodic_5", 1, CAL_RUN_SLOW_S),
    ],
)
def test_the_person_waits_as_long_as_the_flow(
    plug: str, runs: int, run_seconds: int
) -> None:
    assert espresso._flow_wait(plug, runs) == calibration_wait_seconds(
        run_seconds, runs
    )
