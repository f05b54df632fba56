"""Hand-made backflushes recognized among the pump runs: the async edge of ``backflush_pattern``.

Short runs wait here until they turn out not to be a backflush's pulses (then
they are counted as flushes), a shot counted at once is taken back when it was
a pulse, and a recognized backflush is recorded. The pattern is pure; this
unit holds its one timer and talks to the records.

A machine counting from power also reads the pulses from the plug's readings
themselves (``signals.power.pulses``): the pump detector needs steady levels
and misses most pulses of a plug reporting every few seconds. Both views feed
the same records; a backflush either found is recorded once, and the runs
inside it, held or already counted as flushes (or shots), are not counted.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .backflush_pattern import BackflushRecognizer, Outcome, Recognized
from .deadline import Deadline
from .maintenance import Task
from .records import MaintenanceRecords
from .shots import PumpRun, RunKind
from .signals.base import PowerMeter
from .signals.power.pulses import PowerBackflushes
from .signals.power.readings import Reading

# How long counted runs and recognized backflushes are remembered (s): a
# backflush read from power is decided up to a few minutes after its first
# pulse, which the run pattern may have counted as a flush by then.
REMEMBER_SECONDS = 1800.0
# Runs within this much (s) of a backflush read from power are its pulses:
# the two views date the same edges a reading or two apart.
SLACK_SECONDS = 10.0
# Readings this long (s) after a program of ours ended may still show its pulses.
PROGRAM_GRACE_SECONDS = 30.0


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
        # Runs counted lately, and backflushes recorded lately (start, end).
        self._counted: deque[PumpRun] = deque()
        # (start, end, read from power) of each.
        self._spans: deque[tuple[float, float, bool]] = deque()
        # The pulses read from power, while counting by power.
        self._power: PowerBackflushes | None = None
        self._power_deadline = Deadline(hass, self._async_power_deadline)
        self._pump_watts: Callable[[], float] = lambda: 0.0
        self._program = False
        self._quiet_until = 0.0

    @callback
    def feed(self, run: PumpRun) -> None:
        """A run no program made: counted now, or held while it may be a pulse."""
        if not self._enabled():
            self._count(run)
            return
        started, ended = run.started.timestamp(), run.ended.timestamp()
        if self._power is not None:
            # The detector's runs vouch against pulses read in a heater's band.
            self._power.note_run(started, ended)
        if self._recorded(started, ended, from_power=True):
            return  # a pulse of a backflush read from power, recorded already
        self._outcome(
            self._pattern.feed(
                run,
                started,
                ended,
                # Shots count at once; one that turns out to be a backflush's
                # pulse (a slow sensor lengthens pulses) is taken back.
                may_be_pulse=run.kind is RunKind.FLUSH,
            )
        )

    @callback
    def release_all(self) -> None:
        """Count every run held back (unload, or recognition switched off)."""
        self._deadline.cancel()
        self._power_deadline.cancel()
        if self._power is not None:
            self._power.reset()
        for run in self._pattern.release_all():
            self._count(run)

    # --- pulses read from power ------------------------------------------------

    @callback
    def follow_power(
        self, meter: PowerMeter, pump_watts: Callable[[], float]
    ) -> CALLBACK_TYPE:
        """Read pulses from the meter while ``pump_watts`` is above 0 (counting by power)."""
        self._pump_watts = pump_watts
        return meter.async_add_reading_listener(self._async_reading)

    @callback
    def note_program(self, active: bool) -> None:
        """A program of ours started or ended: its pulses are never a hand-made backflush."""
        self._program = active
        if self._power is not None:
            self._power.reset()
        if not active:
            self._quiet_until = dt_util.utcnow().timestamp() + PROGRAM_GRACE_SECONDS

    @callback
    def _async_reading(self, reading: Reading) -> None:
        """One reading of the meter (a hot path): read the pump's pulses in it."""
        power = self._power
        watts = reading.watts
        pump_watts = self._pump_watts()
        if (
            watts is None
            or pump_watts <= 0
            or self._program
            or reading.at < self._quiet_until
        ):
            # Unavailable, not counting by power, or a program's: start afresh.
            if power is not None:
                power.reset()
            return
        if power is None:
            power = self._power = PowerBackflushes(pump_watts)
        elif power.pump_watts != pump_watts:
            power.pump_watts = pump_watts
            power.reset()
        if (found := power.feed(reading.at, watts, reading.volts)) is not None:
            # Found at a reading (a series closed by the excursion after
            # it), not at a deadline: the entities are told as there.
            self._power_found(found)
            self._updated()
        self._power_deadline.want(power.next_deadline)

    @callback
    def _async_power_deadline(self, at: float) -> None:
        power = self._power
        if power is None:
            return
        if (found := power.advance(at)) is not None:
            self._power_found(found)
            self._updated()
        self._power_deadline.want(power.next_deadline)

    @callback
    def _power_found(self, found: Recognized) -> None:
        """A backflush read from power: recorded unless the run pattern recorded it."""
        if not self._enabled() or self._recorded(found.started, found.ended):
            return
        start, end = found.started - SLACK_SECONDS, found.ended + SLACK_SECONDS
        # Its pulses: neither held as runs nor counted as flushes or shots
        # (every run counted went through ``_count``, held or not).
        self._pattern.withdraw(start, end)
        for run in list(self._counted):
            if run.started.timestamp() <= end and start <= run.ended.timestamp():
                self._counted.remove(run)
                if run.kind is RunKind.SHOT:
                    self._records.take_back_shot()
                elif run.kind is RunKind.FLUSH:
                    self._records.take_back_flush()
        self._record(found, from_power=True)
        self._deadline.want(self._pattern.next_deadline)

    # --- both ------------------------------------------------------------------

    def _recorded(
        self, started: float, ended: float, *, from_power: bool = False
    ) -> bool:
        """Whether a backflush recorded lately (``from_power``: read from power) overlaps."""
        return any(
            s - SLACK_SECONDS <= ended
            and started <= e + SLACK_SECONDS
            and (power or not from_power)
            for s, e, power in self._spans
        )

    def _record(self, found: Recognized, *, from_power: bool = False) -> None:
        spans = self._spans
        spans.append((found.started, found.ended, from_power))
        while spans[0][1] < found.ended - REMEMBER_SECONDS:
            spans.popleft()
        self._records.mark_done(Task.BACKFLUSH, dt_util.utc_from_timestamp(found.ended))
        self._recognized(found)

    def _count(self, run: PumpRun) -> None:
        self._records.count_run(run)
        counted = self._counted
        counted.append(run)
        horizon = run.ended.timestamp() - REMEMBER_SECONDS
        while counted[0].ended.timestamp() < horizon:
            counted.popleft()

    @callback
    def _outcome(self, outcome: Outcome[PumpRun]) -> None:
        for run in outcome.released:
            self._count(run)
        # A backflush read from power already is recorded (and its counted
        # pulses taken back) once.
        if (found := outcome.recognized) is not None and not self._recorded(
            found.started, found.ended
        ):
            for run in outcome.taken_back:
                if run.kind is RunKind.SHOT:
                    self._records.take_back_shot()
            self._record(found)
        self._deadline.want(self._pattern.next_deadline)

    @callback
    def _async_deadline(self, at: float) -> None:
        self._outcome(self._pattern.advance(at))
        self._updated()
