"""The times the reader keeps for a while: pulses' starts and runs, in a window."""

from __future__ import annotations

from collections import deque

from ....backflush_pattern import Recognized
from .constants import ODD_SECONDS, PULSES_SECONDS


def _remember(starts: deque[float], at: float, keep: float = PULSES_SECONDS) -> None:
    """Add a pulse's start; forget those more than ``keep`` seconds before it."""
    starts.append(at)
    while starts[0] < at - keep:
        starts.popleft()


def _starts_in(starts: deque[float], found: Recognized) -> int:
    """How many of the pulses ``starts`` remembers began during a find."""
    return sum(found.started <= at <= found.ended for at in starts)


def _remember_run(
    runs: deque[tuple[float, float]],
    started: float,
    ended: float,
    keep: float = ODD_SECONDS,
) -> None:
    """Add a run; forget those that ended more than ``keep`` seconds before it."""
    runs.append((started, ended))
    while runs[0][1] < ended - keep:
        runs.popleft()
