"""Maintenance rules: which task is due, why, and when the next one falls due.

Pure Python with no Home Assistant import. Every task is one row of
``TASKS``: a shot interval and/or a day interval, each read from an option
(0 turns it off). Adding a task means adding a row, its options and its
translations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .const import (
    OPT_BACKFLUSH_INTERVAL_DAYS,
    OPT_BACKFLUSH_INTERVAL_SHOTS,
    OPT_DESCALE_INTERVAL_DAYS,
    OPT_DESCALE_INTERVAL_SHOTS,
)
from .program import Program

# A task shows on the to-do list from this long before it falls due.
TODO_HORIZON = timedelta(days=7)


class Task(StrEnum):
    """The maintenance tasks."""

    BACKFLUSH = "backflush"
    DESCALE = "descale"


class DueReason(StrEnum):
    """Why a task is due."""

    SHOTS = "shots"
    DAYS = "days"


@dataclass(frozen=True, slots=True)
class MaintenanceTask:
    """One row of the task table."""

    task: Task
    shots_option: str
    days_option: str
    # Oils only build up when coffee goes through: a backflush is not due by
    # the calendar on a machine that made no shot since the last one.
    days_need_a_shot: bool
    # A completed run of this program counts as doing the task.
    done_by_program: Program | None


TASKS: tuple[MaintenanceTask, ...] = (
    MaintenanceTask(
        Task.BACKFLUSH,
        OPT_BACKFLUSH_INTERVAL_SHOTS,
        OPT_BACKFLUSH_INTERVAL_DAYS,
        days_need_a_shot=True,
        done_by_program=Program.CLEANER,
    ),
    MaintenanceTask(
        Task.DESCALE,
        OPT_DESCALE_INTERVAL_SHOTS,
        OPT_DESCALE_INTERVAL_DAYS,
        days_need_a_shot=False,
        done_by_program=None,
    ),
)


@dataclass(slots=True)
class TaskRecord:
    """What is stored per task: when it was last done and shots made since."""

    last_done: datetime | None = None
    shots_since: int = 0


@dataclass(frozen=True, slots=True)
class TaskStatus:
    """A task's evaluation at one moment."""

    task: Task
    due: bool
    reasons: tuple[DueReason, ...]
    shots_since: int
    shots_interval: int
    shots_over: int | None
    days_since: float
    days_interval: int
    days_over: float | None
    last_done: datetime | None
    # When the day rule makes (or made) the task due; None when the rule is
    # off, or waits for a first shot before the calendar counts.
    due_at: datetime | None

    @property
    def shots_until_due(self) -> int | None:
        """Shots left before the shot rule makes the task due."""
        if not self.shots_interval:
            return None
        return max(0, self.shots_interval - self.shots_since)

    def shows_on_todo(self, now: datetime) -> bool:
        """Whether the task belongs on the to-do list: due, or due within a week."""
        return self.due or (
            self.due_at is not None and self.due_at - now <= TODO_HORIZON
        )


def evaluate(
    task: MaintenanceTask,
    record: TaskRecord,
    options: Mapping[str, int],
    added_at: datetime,
    now: datetime,
) -> TaskStatus:
    """Evaluate one task; a task never done counts from when the machine was added."""
    shots_interval = options[task.shots_option]
    days_interval = options[task.days_option]
    since = record.last_done or added_at
    days_since = max(0.0, (now - since).total_seconds() / 86400)
    reasons: list[DueReason] = []
    shots_over: int | None = None
    days_over: float | None = None
    if shots_interval and record.shots_since >= shots_interval:
        reasons.append(DueReason.SHOTS)
        shots_over = record.shots_since - shots_interval
    due_at: datetime | None = None
    if days_interval and (record.shots_since > 0 or not task.days_need_a_shot):
        due_at = since + timedelta(days=days_interval)
        if now >= due_at:
            reasons.append(DueReason.DAYS)
            days_over = (now - due_at).total_seconds() / 86400
    return TaskStatus(
        task=task.task,
        due=bool(reasons),
        reasons=tuple(reasons),
        shots_since=record.shots_since,
        shots_interval=shots_interval,
        shots_over=shots_over,
        days_since=days_since,
        days_interval=days_interval,
        days_over=days_over,
        last_done=record.last_done,
        due_at=due_at,
    )


def next_change(statuses: list[TaskStatus], now: datetime) -> datetime | None:
    """The next moment a due state or the to-do list changes with no event.

    That is when a day rule falls due, or when a task enters the to-do
    horizon; a timer at that moment replaces polling.
    """
    moments: list[datetime] = []
    for status in statuses:
        if status.due_at is None:
            continue
        moments.extend(
            moment
            for moment in (status.due_at - TODO_HORIZON, status.due_at)
            if moment > now
        )
    return min(moments, default=None)
