"""The machine's counters and maintenance records: shots, flushes, tasks done, and what is due.

The machine owns one. It counts the runs the shot signal (and the backflush
pattern) decided, takes a shot back when it turns out to be a backflush's
pulse, records the tasks done, and keeps one timer armed for the next moment
a due state changes by the calendar, so the entities follow without polling.
The rules themselves are pure, in ``maintenance.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .const import LOGGER
from .errors import validation_error
from .maintenance import TASKS, Task, TaskStatus, evaluate, next_change
from .shots import PumpRun, RunKind
from .storage import MachineStore


class MaintenanceRecords:
    """Counts shots and flushes, records maintenance, and says what is due when."""

    def __init__(
        self,
        hass: HomeAssistant,
        store: MachineStore,
        *,
        name: str,
        options: Callable[[], Mapping[str, int]],
        added_at: datetime,
        updated: Callable[[], None],
    ) -> None:
        self._hass = hass
        self._store = store
        self._name = name
        self._options = options
        # Day intervals of tasks never done count from here.
        self._added_at = added_at
        self._updated = updated
        self._cancel_timer: CALLBACK_TYPE | None = None

    # --- counting -------------------------------------------------------------

    @callback
    def count_run(self, run: PumpRun) -> None:
        """A run no program made, decided: a shot, a flush, or neither."""
        if run.kind is RunKind.SHOT:
            self.count_shots(1)
        elif run.kind is RunKind.FLUSH:
            self._store.data.flushes += 1
            self._store.save_soon()
        else:
            LOGGER.debug(
                "%s: pump ran %.1f s: neither shot nor flush", self._name, run.duration
            )

    @callback
    def count_shots(self, count: int) -> None:
        """Shots made: each task's count since it was last done grows too."""
        data = self._store.data
        data.shots += count
        for record in data.tasks.values():
            record.shots_since += count
        self._store.save_soon()
        self.schedule()

    @callback
    def take_back_shot(self) -> None:
        """A shot counted at once was a pulse of a backflush recognized since."""
        data = self._store.data
        data.shots = max(0, data.shots - 1)
        for record in data.tasks.values():
            record.shots_since = max(0, record.shots_since - 1)
        self._store.save_soon()

    @callback
    def take_back_flush(self) -> None:
        """A flush counted was a pulse of a backflush recognized since (from power)."""
        data = self._store.data
        data.flushes = max(0, data.flushes - 1)
        self._store.save_soon()

    async def async_log_shots(self, count: int) -> None:
        """Count shots made on a pump that is not on a relay."""
        self.count_shots(count)
        await self._store.async_save()
        self._updated()

    # --- maintenance ------------------------------------------------------------

    async def async_record(self, task: Task, when: datetime | None = None) -> None:
        """The user did a maintenance task (now, or at ``when`` in the past)."""
        now = dt_util.utcnow()
        if when is not None and dt_util.as_utc(when) > now:
            raise validation_error("when_in_future")
        self._mark(task, dt_util.as_utc(when) if when else now)
        await self._store.async_save()
        self.schedule()
        self._updated()

    @callback
    def mark_done(self, task: Task, when: datetime) -> None:
        """A program or the backflush pattern did a task at ``when``."""
        self._mark(task, when)
        self._store.save_soon()
        self.schedule()

    def _mark(self, task: Task, when: datetime) -> None:
        record = self._store.data.tasks[task]
        record.last_done = when
        record.shots_since = 0

    def task_status(self, task: Task, now: datetime | None = None) -> TaskStatus:
        """Evaluate one maintenance task now."""
        definition = next(t for t in TASKS if t.task == task)
        return evaluate(
            definition,
            self._store.data.tasks[task],
            self._options(),
            self._added_at,
            now or dt_util.utcnow(),
        )

    # --- the calendar -------------------------------------------------------------

    @callback
    def schedule(self) -> None:
        """Arm one timer for the next moment a due state changes by the calendar."""
        self.stop()
        now = dt_util.utcnow()
        moment = next_change([self.task_status(t.task, now) for t in TASKS], now)
        if moment is not None:
            self._cancel_timer = async_track_point_in_utc_time(
                self._hass, self._timer, moment
            )

    @callback
    def stop(self) -> None:
        """Stop the calendar's timer (unload)."""
        if self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None

    @callback
    def _timer(self, _now: datetime) -> None:
        self._cancel_timer = None
        self.schedule()
        self._updated()
