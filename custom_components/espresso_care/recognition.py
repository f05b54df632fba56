"""Hand-made backflushes recognized among the pump runs: the async edge of ``backflush_pattern``.

Short runs wait here until they turn out not to be a backflush's pulses (then
they are counted as flushes), a shot counted at once is taken back when it was
a pulse, and a recognized backflush is recorded. The pattern is pure; this
unit holds its one timer and talks to the records.
"""

from __future__ import annotations

from collections.abc import Callable

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .backflush_pattern import BackflushRecognizer, Outcome, Recognized
from .deadline import Deadline
from .maintenance import Task
from .records import MaintenanceRecords
from .shots import PumpRun, RunKind


class HandBackflushes:
    """Holds the runs a backflush may be made of, and records the backflushes recognized."""

    def __init__(
        self,
        hass: HomeAssistant,
        records: MaintenanceRecords,
        *,
        enabled: Callable[[], bool],
        recognized: Callable[[Recognized], None],
        updated: Callable[[], None],
    ) -> None:
        self._records = records
        self._enabled = enabled
        self._recognized = recognized
        self._updated = updated
        self._pattern: BackflushRecognizer[PumpRun] = BackflushRecognizer()
        # When the pattern next wants ``advance``.
        self._deadline = Deadline(hass, self._async_deadline)

    @callback
    def feed(self, run: PumpRun) -> None:
        """A run no program made: counted now, or held while it may be a pulse."""
        if not self._enabled():
            self._records.count_run(run)
            return
        self._outcome(
            self._pattern.feed(
                run,
                run.started.timestamp(),
                run.ended.timestamp(),
                # Shots count at once; one that turns out to be a backflush's
                # pulse (a slow sensor lengthens pulses) is taken back.
                may_be_pulse=run.kind is RunKind.FLUSH,
            )
        )

    @callback
    def release_all(self) -> None:
        """Count every run held back (unload, or recognition switched off)."""
        self._deadline.cancel()
        for run in self._pattern.release_all():
            self._records.count_run(run)

    @callback
    def _outcome(self, outcome: Outcome[PumpRun]) -> None:
        for run in outcome.released:
            self._records.count_run(run)
        for run in outcome.taken_back:
            if run.kind is RunKind.SHOT:
                self._records.take_back_shot()
        if (found := outcome.recognized) is not None:
            self._records.mark_done(
                Task.BACKFLUSH, dt_util.utc_from_timestamp(found.ended)
            )
            self._recognized(found)
        self._deadline.want(self._pattern.next_deadline)

    @callback
    def _async_deadline(self, at: float) -> None:
        self._outcome(self._pattern.advance(at))
        self._updated()
