"""What the options flow asks of the user: how many runs, how long, how long to wait.

A plug reporting every few seconds is asked for several longer runs: the
mains moves a heater's share between two of its readings, and the median
of separate runs needs two such steps to go wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..readings import Reading
from .constants import CAL_PAUSE_SLOW_S, CAL_RUN_S, CAL_RUN_SLOW_S, CAL_RUNS_SLOW
from .levels import _reports_slowly, _valid


def calibration_runs(readings: Sequence[Reading]) -> int:
    """How many separate runs to ask the user for, from the idle readings before.

    One; ``CAL_RUNS_SLOW`` from a plug that reports every few seconds: the
    mains moves a heater's share by 8-30 W between the last reading before
    the pump's stop and the first after (a 45 W pump's 18-60 %), and one
    unseen step of it decided a single run's value (dev 20M-29M at 5 s: 75 of
    480 machines saved a step more than 10 % off). The median of separate
    runs (``SeveralRuns``) needs two such steps.
    """
    return CAL_RUNS_SLOW if _reports_slowly(_valid(readings)) else 1


def calibration_run_seconds(readings: Sequence[Reading]) -> int:
    """How long to ask the user to run the pump (each run), from the idle readings.

    About 10 s; about ``CAL_RUN_SLOW_S`` s from a plug that reports every few
    seconds: each of its readings averages seconds of power, so a 10 s run
    is two or three readings, the pump's partial ones among the heater's
    (which cold water starts a few seconds in). A longer run gives levels
    that hold on both sides of the pump's stop (Hart's steady states).
    """
    return CAL_RUN_SLOW_S if _reports_slowly(_valid(readings)) else CAL_RUN_S


def calibration_wait_seconds(run_seconds: int, runs: int = 1) -> int:
    """How long the flow waits for ``runs`` runs of about ``run_seconds`` each.

    The user starts within seconds, may run half as long again as asked,
    and the level after the run must hold a few readings: 60 s for 10 s.
    Several runs add theirs and the pauses between (``CAL_PAUSE_SLOW_S``)
    as long as a user makes them (up to 1.4 times a run, 1.6 times a pause).
    """
    if runs == 1:
        return run_seconds + 50
    return round(1.4 * runs * run_seconds + 1.6 * (runs - 1) * CAL_PAUSE_SLOW_S) + 50
