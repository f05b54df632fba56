"""A run read in readings that held no level between (every few seconds).

The pump's start, a heater's rise and the pump's stop may each fall in one
5 s reading, leaving no level the edges can pair: the run is read from the
sequence of states itself, each the one before plus or less one load.
"""

from __future__ import annotations

import itertools

from ...readings import DetectedRun
from ..constants import (
    _SHARE_SPREAD,
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
        if abs(heat - base) <= near:
            return self._cycle_down_to_standby(rd)
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
        if self._pump:
            if (
                not MIN_RUN_S <= end - start <= MAX_RUN_S
                or abs(self._run_at - self._run_lead - start) > period
            ):
                return []  # (the run held started elsewhere)
            self._stop(end)
            return [DetectedRun(start, end, step)]
        return self._read_once(start, end, step)

    def _read_once(self, start: float, end: float, step: float) -> list[DetectedRun]:
        """The run read in readings, where no run is held: none when its length is no run's or a run was read there.

        ``_new_run``'s checks (a run read there, counted or dropped, is not
        read twice), and the run then noted as read.
        """
        run = self._new_run(start, end, step)
        if run is None:
            return []
        self._fell_at = end
        return [run]

    def _cycle_down_to_standby(
        self, rd: list[tuple[float, float]]
    ) -> list[DetectedRun]:
        """A run read every few seconds in readings that held no level between, the heater off after the pump.

        As ``_cycle_in_readings``, but the brew heater that came on with the
        shot goes off a few seconds after the pump: the standby, at most one
        partial reading, one to three of the pump alone, at most one
        partial one, the heater and the pump, then one partial reading of
        the pump's stop (under that level by more than its noise, over the
        heater alone), one of the heater's fall (over the pump alone: the
        heater was still on, so the pump stopped first) and the standby
        (this reading). Two partial readings after the level are two
        switchings, and a heater does not come back within a reading: the
        pump stopped in the first, dated by its share (a run whose length
        a kind's bound lies near, by ``_SHARE_SPREAD``, is withheld; a
        reading lost leaves nothing counted). One reading of the
        level may itself hold the pump's stop: then the heater alone is a
        known heater, and the first partial reading none. Only where no run
        is held (ending the edges' run there, as ``_cycle_in_readings``
        does, lost 19 of a heat exchanger's shots on dev seeds). Dev seed 21,000,037, a 126 W rotary pump: 7, 18, 139,
        1,032, 1,204, 1,149, 784, 7 W, an 18.0 s shot read 18.2 s. Every
        5 s, dev seeds 20M-29M: dual boiler 1,223 -> 1,227 shots, heat
        exchanger 1,399 -> 1,402, thermostat 1,523 as before, false shots
        and duration p95 as before.
        """
        if self._pump or len(rd) < 8:
            return []
        base = self._base
        near = self._near
        ptol = self._ptol()
        heater_fall = rd[1][1]
        stop = rd[2][1]
        both = rd[3][1]
        i = 3
        while i < len(rd) and abs(rd[i][1] - both) <= near:
            i += 1
        j = i
        while j < len(rd) and j - i < 1 and base + near < rd[j][1] < both - near:
            j += 1  # the heater's rise: at most one partial reading
        if j >= len(rd):
            return []
        step = rd[j][1] - base  # the pump alone
        if abs(step - self._pump_watts) > ptol:
            return []
        heat = both - step  # the heater alone (with the standby)
        if (
            heat - base < self._heater_min()
            or not heat + near < stop < both - self._past_noise(both)
            or not base + step + ptol < heater_fall < heat - near
        ):
            return []
        if i - 3 < 2:
            # One reading of the level: the heater alone a known heater's
            # size, the pump's partial reading none.
            known = self._known_heaters
            if not any(abs(heat - base - h) <= ptol for h in known) or any(
                abs(stop - base - h) <= ptol for h in known
            ):
                return []
        # One reading of the pump alone, none partial, will do before a
        # partial reading under the heater alone: had it been the heater's
        # start, that reading would hold the heater whole.
        single = j > i and rd[i][1] < heat - near
        start = self._from_standby(rd, j, step, near, single=single)
        if start is None:
            return []
        period = self._period
        if self._reading_lost(rd, 0, j + 1):
            return []  # the pump may have paused in it
        end = rd[2][0] - period + (stop - heat) / step * period
        if self._near_kind_bound(end - start, _SHARE_SPREAD * period):
            return []
        return self._read_once(start, end, step)
