"""The pump on first around a heater's level, off first or with the heater.

A dual boiler's brew heater comes on a few seconds into a shot and goes off
after it or with it: the rise's partial readings show the pump first, so
the level is the heater and the pump even where the mains moved the heater
off its learnt size.
"""

from __future__ import annotations

import math

from ...readings import DetectedRun
from .stop_order import _StopOrder


class _PumpFirst(_StopOrder):
    """The pump on first around a heater's level, off first or with the heater."""

    __slots__ = ()

    def _pump_first_at_both_ends(self) -> list[DetectedRun]:
        """A run read every few seconds: the pump on first and off first around a heater's level.

        A dual boiler's brew heater comes on a few seconds into a shot (cold
        water reaching its boiler) and goes off a few seconds after it. Read
        every 5 s, the level of both sits no known heater's and the pump's
        step over the standby when the mains moved the heater since it was
        learnt (dev seed 21,000,012: brew heater learnt 959 W, read 1,041 W
        beside a 59 W pump), so ``_pump_then_heater`` refuses it. Each end
        shows two switchings, a pump-sized one first: the rise reads the
        standby, the pump alone (one reading of its step whole, or one in
        part, or both, ``_ALONE_BEFORE_N`` at most whole), one partial reading
        of the heater's rise over the pump's whole step, then the level;
        the fall reads a first partial reading short of the level by
        ``_tol`` to the pump's step, a second a heater's share over the
        standby, then the standby (one switching leaves one partial reading
        at most: Hart's states, a sum). The rise's first switching is no
        heater's (under the level less a heater), so the pump ran from the
        rise; the level held three fresh readings or more and shows no step,
        so it ran on to the fall's first switching. Dev seed 21,000,012:
        5, 19, 64, 337, 1,117, 1,105, 1,105, 1,061, 827, 5 W, a 27.8 s shot.
        Read back from the standby's second reading after the fall; a lost
        reading anywhere leaves nothing counted. Dev seeds 20M-29M every
        5 s: dual boiler shots 1,175 -> 1,190, thermostat 1,517 -> 1,518,
        heat exchanger 1,365 -> 1,365 (28,000,052 up; 20,000,004 down: its
        next shot, counted here at 7,915 s, set the end the plateaus over
        a heater were read after, and the look at 7,955 s that read both
        shots skipped the earlier one; read again since that look goes back
        past the last run counted, ``_remember``); false shots as before.
        Regression 5M-9M: the same.

        A level of two readings will do where it stands the pump's step
        over a heater (``_level_over_heater``): the heater's rise reading
        held the pump whole, so the pump ran whole through three readings,
        15 s (dev seed 29,000,004: 6, 47, 348, 1,104, 1,104, 1,063, 742,
        6 W beside a 49 W pump, a 21.0 s shot). Unanchored, two readings
        read a flush then the heater alone (dev 24,000,028: 2, 21, 230,
        1,015, 1,015, 1,001, 520, 2 W, flushes of 3.1 and 2.7 s, the
        second in the heater's rise: 1,015 W is the 1,004 W heater's
        alone) or a steam heater's wobble (25,000,013), two false shots.
        Anchored: dev dual boiler 29,000,004, heat exchanger 26,000,044,
        regression dual boiler 7,000,020 more, no false shot.
        """
        rd = self._after_fall(10)
        if rd is None:
            return []  # most readings: not the standby's second after a fall
        base = self._base
        near = self._near
        p = self._pump_watts
        ptol = self._ptol()
        heat, stop_w = rd[2][1], rd[3][1]
        tol = self._tol
        held = self._level_from(rd, 4)
        if held is None:
            return []  # the level held two readings at least (three, unanchored)
        n, level = held
        alone = base + p
        if not (
            tol <= level - stop_w <= p + ptol
            and base + near < heat < stop_w - near
            and level - alone >= self._heater_min()
            and alone + ptol < rd[n][1] < level - near
        ):
            return []
        started = self._pump_alone_before(rd, n + 1)
        if started is None:
            return []
        first, s_spread, last = started
        if n < 7 and not self._level_over_heater(level, rd[last][0]):
            return []
        return self._run_to_fall(rd, last, first, s_spread, level)

    def _pump_first_one_fall(self) -> list[DetectedRun]:
        """A run read every few seconds: the pump on first, a heater's rise, both off in one reading.

        A dual boiler's brew heater comes on a few seconds into a shot and
        may go off with the pump, both in one 5 s interval: the rise shows
        two switchings, the pump's first (``_pump_first_at_both_ends``), the
        fall one partial reading. Read back from the standby's second
        reading after the fall: that partial reading, a level of two fresh
        readings or more with no step in it (to ``_tol``), one partial
        reading of the heater's rise over the pump's whole step, the pump
        alone before it (``_pump_alone_before``), the standby. A flush that
        stopped in the heater's rise reads so too, the level then the
        heater's alone: the level must stand the pump's step over a heater
        (``_level_over_heater``). The stop is dated by the fall's reading's
        share of the level, give or take half a reading. Dev seed
        20,000,012: 4, 30, 152, 1,013, 1,013, 1,016, 1,015, 651, 3 W beside
        a 57 W pump (the brew heater read whole lately), a 28.7 s shot.
        Dev seeds 20M-29M every 5 s: dual boiler 4 shots more (20,000,012,
        26,000,013, 27,000,052, 28,000,029), heat exchanger 4 (20,000,012,
        21,000,028, 21,000,044, 25,000,052: its heater too comes on with
        the brew water's draw). With the level of two readings
        (``_pump_first_at_both_ends``): dual boiler 1,198 -> 1,203, heat
        exchanger 1,378 -> 1,383, thermostat 1,522 as before; regression
        5M-9M 620 -> 622, 653 -> 656, 756 as before; false shots as before,
        no shot lost.
        """
        rd = self._after_fall(9)
        if rd is None:
            return []  # most readings: not the standby's second after a fall
        base = self._base
        near = self._near
        p = self._pump_watts
        ptol = self._ptol()
        tol = self._tol
        stop_w = rd[2][1]
        held = self._level_from(rd, 3)
        if held is None:
            return []  # the level held two readings at least
        n, level = held
        alone = base + p
        if not (
            base + near < stop_w < level - tol
            and level - alone >= self._heater_min()
            and alone + ptol < rd[n][1] < level - tol
        ):
            return []
        started = self._pump_alone_before(rd, n + 1)
        if started is None:
            return []
        first, s_spread, last = started
        if not self._level_over_heater(level, rd[last][0]):
            return []
        period = self._period
        share = (stop_w - base) / (level - base)
        ended = rd[2][0] - period + share * period
        spread = math.hypot(s_spread, 0.5 * period)
        return self._run_read(rd, last, first, ended, spread)
