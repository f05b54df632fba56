"""A run read in readings that held no level between (every few seconds).

The pump's start, a heater's rise and the pump's stop may each fall in one
5 s reading, leaving no level the edges can pair: the run is read from the
sequence of states itself, each the one before plus or less one load.
"""

from __future__ import annotations

import itertools

from ...readings import DetectedRun
from ..constants import (
    MAX_RUN_S,
    MIN_RUN_S,
)
from .decoded import _Decoded


class _CycleRead(_Decoded):
    """A run read in readings that held no level between (every few seconds)."""

    __slots__ = ()

    def _cycle_in_readings(self) -> list[DetectedRun]:
        """A run read every few seconds in readings that held no level between.

        An energy meter's 5 s averages of the pump starting, a heater coming
        on a few seconds later, the pump stopping with the heater on, may
        each show in one reading: the standby, at most one partial reading,
        one to three of the pump alone, at most one partial one, the heater
        and the pump, one partial one, the heater alone (this reading): each
        a state of the machine (Hart's, a sum), the last the one before less
        the pump alone's step, each partial reading one switching. The run
        the detector holds from the same start ends there; else it is a new
        one where no run was read. A pump that stopped at a reading's end
        leaves no partial reading of its stop: the heater and the pump, then
        the heater alone, a pump's step apart (an 18.7 s shot of a heat
        exchanger's rotary pump read 102, 133, 1210, 1352, 1229, 1040, the
        standby: 22000005). Only where no run is held: one the edges hold
        ends by their own fall (closed here, that fall of the heater and
        the pump learnt a heater of their sum, and three shots were lost
        after it: 8000045). Dev seeds 20M-29M at 5 s: 13 shots recalled,
        no false shot; regression 5M-9M: 1.
        """
        if not self._seconds_apart or self._ambiguous:
            return []
        recent = self._recent
        if len(recent) < 6:
            return []
        rd = list(itertools.islice(reversed(recent), 16))
        base = self._base
        near = self._near
        heat = rd[0][1]  # the heater alone
        if heat - base < self._heater_min():
            return []
        fall = rd[1][1]
        first = 2
        if not heat + near < fall < rd[first][1] - near:
            if self._pump or abs(fall - heat - self._pump_watts) > self._ptol():
                return []
            first = 1  # no partial reading of the stop: at a reading's end
        i = first
        both = rd[i][1]
        while i < len(rd) and abs(rd[i][1] - both) <= near:
            i += 1
        j = i
        step = both - heat
        alone = base + step
        while j < len(rd) and alone + near < rd[j][1] < both - near:
            j += 1
        if i == first or j - i > 2 or (j - i == 2 and rd[i][1] != rd[i + 1][1]):
            return []  # the heater's rise: one partial reading (or a stale repeat)
        if abs(step - self._pump_watts) > self._ptol():
            return []
        # One reading of the pump, none partial, may be a pulse's.
        start = self._from_standby(rd, j, step, near, single=False)
        if start is None:
            return []
        period = self._period
        end = rd[1][0] - period + (fall - heat) / step * period
        if not MIN_RUN_S <= end - start <= MAX_RUN_S:
            return []
        if self._pump:
            if abs(self._run_at - self._run_lead - start) > period:
                return []  # the run held started elsewhere
            self._stop(end)
            return [DetectedRun(start, end, step)]
        fell = self._fell_at
        if fell is not None and fell > start:
            return []  # a run was read there (counted or dropped): not twice
        self._fell_at = end
        return [DetectedRun(start, end, step)]
