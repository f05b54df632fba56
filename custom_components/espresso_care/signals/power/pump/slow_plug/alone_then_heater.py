"""The pump alone, then a heater's level alone (every few seconds).

Cold water drawn in starts the heater late in a shot, and the pump may stop
inside the heater's rise: no edge shows the stop, so the pump's readings
alone and the heater's level after them date the run.
"""

from __future__ import annotations

import itertools
import math

from ...readings import DetectedRun
from ..constants import (
    _PEAK_DRIFT,
    MAX_RUN_S,
)
from .heater_stays import _HeaterStays


class _AloneThenHeater(_HeaterStays):
    """The pump alone, then a heater's level alone (every few seconds)."""

    __slots__ = ()

    def _alone_then_heater(self) -> list[DetectedRun]:
        """A run read every few seconds: the pump alone, then a heater's level alone.

        Cold water drawn in starts the heater late in a shot: read every
        5 s, the pump alone holds two readings or more, and it may stop in
        the heater's rise (one or two partial readings), after which the
        level is the heater's alone. No edge shows the stop (it hid in the
        rise) and the level after never read the heater and the pump, so
        neither the edges nor ``_pump_then_heater`` count it. The level is
        a known heater's alone, and not that heater's and the pump's, only
        where the pump's step is more than twice what the mains move a
        heater (``_PEAK_DRIFT``, a rotary pump beside a 1-1.5 kW heater;
        no vibratory pump's): the pump stopped between its last whole
        reading and the level's first. Read at the level's third reading,
        back through at most two partial readings, two of the pump alone
        at least, at most one partial reading, and the standby. A reading
        lost between two of the pump alone leaves nothing counted (a pause);
        one lost at either end only widens that end's window. The run must
        surely be a shot's length (its ends off by their spread).
        """
        recent = self._recent
        if self._ambiguous or len(recent) < 9:
            return []
        near = self._near
        level = recent[-1][1]
        if (
            abs(recent[-4][1] - level) <= near
            or abs(recent[-2][1] - level) > near
            or abs(recent[-3][1] - level) > near
        ):
            return []  # most readings: not a level's third (a level held, first)
        base = self._base
        p = self._pump_watts
        rest = level - base
        known = self._known_heaters
        if not any(
            abs(rest - h) <= _PEAK_DRIFT * h + near and p > 2.0 * _PEAK_DRIFT * h
            for h in known
        ) or any(abs(rest - p - h) <= _PEAK_DRIFT * h + near for h in known):
            return []  # no known heater alone, to the mains' move, or one with the pump
        rd = list(itertools.islice(reversed(recent), 12))
        period = self._period
        ptol = self._ptol()
        alone = base + p
        i = 3
        while i < 5 and alone + ptol < rd[i][1] < level + p + ptol:
            i += 1  # partial readings of the heater's rise (the pump's stop)
        last = i
        while i < len(rd) and abs(rd[i][1] - alone) <= ptol:
            i += 1
        if i - last < 2 or i >= len(rd):
            return []  # the pump alone, read whole twice at least
        first = i - 1
        if self._reading_lost(rd, last, first):
            return []  # the pump may have paused in it
        if base + near < rd[i][1] < alone - ptol:
            i += 1  # a partial reading of its start
        if i >= len(rd) or abs(rd[i][1] - base) > near:
            return []
        s_low, s_high = rd[i][0], rd[first][0] - period
        e_low, e_high = rd[last][0], rd[2][0] - period
        started = 0.5 * (s_low + s_high)
        ended = 0.5 * (e_low + e_high)
        spread = math.hypot(0.5 * (s_high - s_low), 0.5 * (e_high - e_low))
        duration = ended - started
        if (
            not self.kind_bounds
            or duration - spread < self.kind_bounds[0]
            or not duration + spread <= MAX_RUN_S
            or self._near_kind_bound(duration, spread)
        ):
            return []
        return [DetectedRun(started, ended, p)]
