"""Shot tracking: turn the pump's on/off history into shots and flushes.

Pure Python with no Home Assistant import. The machine feeds ``PumpRunTracker``
every change of the pump relay with the relay's own timestamp; it returns a
finished run, already classified, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class RunKind(StrEnum):
    """What a pump run was."""

    SHOT = "shot"
    FLUSH = "flush"
    LONG = "long"  # hot water, a test: not counted


def classify(duration: float, shot_min: float, shot_max: float) -> RunKind:
    """Classify a pump run by its duration in seconds."""
    if duration < shot_min:
        return RunKind.FLUSH
    if duration <= shot_max:
        return RunKind.SHOT
    return RunKind.LONG


@dataclass(frozen=True, slots=True)
class PumpRun:
    """A finished pump run that was not made by a program."""

    kind: RunKind
    duration: float
    started: datetime
    ended: datetime


class PumpRunTracker:
    """Follows the pump from on to off.

    A run starts only at a seen change from off to on, so a pump already on
    when tracking begins (a restart) or when the relay comes back is not a
    run. A run during which the relay went unavailable, or that a program
    made, is dropped.
    """

    __slots__ = ("_by_program", "_last", "_started")

    def __init__(self, is_on: bool | None = None) -> None:
        self._last = is_on
        self._started: datetime | None = None
        self._by_program = False

    @property
    def is_on(self) -> bool | None:
        """The last state seen."""
        return self._last

    @property
    def started(self) -> datetime | None:
        """When the run in progress started, if one is."""
        return self._started

    def update(
        self,
        is_on: bool | None,
        at: datetime,
        *,
        program_active: bool,
        shot_min: float,
        shot_max: float,
    ) -> PumpRun | None:
        """Feed one relay change; return the run it finished, if any."""
        last, self._last = self._last, is_on
        if is_on is None:
            self._started = None
            return None
        if is_on:
            if last is False:
                self._started = at
                self._by_program = program_active
            return None
        started, self._started = self._started, None
        if started is None or self._by_program or program_active:
            return None
        duration = (at - started).total_seconds()
        return PumpRun(classify(duration, shot_min, shot_max), duration, started, at)
