"""A level of a heater and the pump, and which of the two stopped first.

A dual boiler's brew heater comes on with a shot and goes off a reading
before or after the pump: the two partial readings of the fall show the
order, and so that the pump ran over the level.
"""

from __future__ import annotations

import math

from ...readings import DetectedRun
from ..constants import _SMALL_PUMP
from .cycle_read import _CycleRead


class _StopOrder(_CycleRead):
    """A level of a heater and the pump, and which of the two stopped first."""

    __slots__ = ()

    def _pump_then_heater(self) -> list[DetectedRun]:
        """A run read every few seconds: a heater and the pump, the pump's stop, then the heater's.

        A dual boiler's brew heater comes on with a shot (cold water reaching
        its boiler) and goes off a reading after the pump: read every 5 s,
        one level of the heater and the pump, no reading of the pump alone,
        no level of the heater alone (neither the edges nor the decoder see
        the pump's step whole). The fall shows it: the first reading after
        the level lost part of the pump's step at most (``_tol`` at least),
        the next one part of a heater's, over the standby still. One load
        switching leaves at most one reading between two states (each an
        interval's average), and a heater going off leaves nothing over the
        standby: two loads went off, the first no more than the pump's step
        (Hart's states, a sum). The level must be a known heater's and the
        pump's whole step (to ``_ptol``: not a part of it, a flush in each
        reading), and no known heater's alone (a mains' dip in a heater's
        last reading is then all that looks like the pump's stop). Read back
        from the second reading of the standby after the fall, three of the
        level at least, the rise before them from the standby
        (``_rise_before``); a stale repeat or a lost reading in them leaves
        nothing counted.

        Beside a rotary pump, a fall whose two partial readings show the
        pump's stop past the mains' move (``_stop_past_mains``) proves the
        pump over a level that is no known heater and the pump (the brew
        heater not learnt yet, or the mains moved it), where that level is
        no known heater alone: dev seed 23,000,013 at 2,410.9 s, a 178 W
        pump, only the steam heater learnt: 4, 603, 1,267 W four times,
        1,142, 843, 4 W, a 25.5 s shot. Every 5 s: dual boiler dev seeds
        20M-29M 1,222 -> 1,223 (23,000,013), regression 5M-9M 628 -> 629
        (5,000,045), seeds 150M-157M 999 as before; thermostat and heat
        exchanger as before; false shots as before, no shot lost.
        """
        fall = self._level_before_fall()
        if fall is None:
            return []
        rd, n, level = fall
        base = self._base
        p = self._pump_watts
        near = self._near
        heat, stop_w = rd[2][1], rd[3][1]
        ptol = self._ptol()
        if not (
            self._tol <= level - stop_w <= p + ptol
            and base + near < heat < stop_w - near
        ):
            return []
        rest = level - base - p
        two = self._stop_past_mains(level, stop_w, heat)
        alone = self._a_known_heater(rest + p, ptol)
        if alone and not two:
            return []  # a heater alone (its fall not two switchings)
        if not any(abs(rest - h) <= ptol for h in self._known_heaters) and (
            p < _SMALL_PUMP or not two or alone
        ):
            # No known heater and the pump, nor a rotary pump's stop shown
            # past the mains' move over a level no known heater's alone.
            return []
        rise = self._rise_before(rd, n, level, near)
        if rise is None:
            return []
        started, s_spread, last = rise
        return self._run_to_fall(rd, last, started, s_spread, level)

    def _heater_then_pump_off(self) -> list[DetectedRun]:
        """A run read every few seconds: a heater and the pump, the heater's stop, then the pump's.

        ``_pump_then_heater`` mirrored: a dual boiler's brew heater may go
        off a few seconds before the pump. Read every 5 s, a level of three
        readings at least a heater over the pump's step, a first partial
        reading short of it by more than the pump's step (a heater's share
        went) and over the standby by the pump's whole step at least (to
        ``_ptol``: the pump ran through it), a second over the standby by
        no more than the pump's step (its share), then the standby: two
        loads went off, the heater first (one switching leaves one partial
        reading at most; Hart's states, a sum). The rise before the level
        is one from the standby (``_rise_before``); the stop is dated by the
        second reading's share of the pump's step. Dev seed 20,000,053: 6,
        503, 1,268-1,273 (five readings), 334, 99, 6 W beside a 195 W
        rotary pump, a 34.0 s shot.

        A heater's cycle alone then a flush started in its fall reading
        reads the same (dev seeds every 5 s, any known heater's size: five
        false shots, thermostat 20,000,005, 20,000,044, 26,000,053, heat
        exchanger 23,000,013, 27,000,028). The level must stand the pump's
        step over a heater (``_level_over_heater``), or, beside a rotary
        pump with two heaters known, be one of them and the pump's step: a
        dual boiler's steam heater may be about its brew heater and the
        pump (20,000,053: 1,253 and 1,039 W learnt), a single heater's
        level is then its own. Dual boiler every 5 s: dev seeds 20M-29M
        shots 1,214 -> 1,216 (20,000,053, 23,000,045), regression 5M-9M
        625 -> 626 (9,000,053), seeds 150M-153M 485 as before; thermostat,
        heat exchanger and PIDs every 5 s as before; false shots as before,
        no shot lost. Without the level's check: dual boiler dev 4 more
        (20,000,052, 20,000,061, 25,000,045 and 26,000,028), and five false
        shots in the one-heater families.
        """
        fall = self._level_before_fall()
        if fall is None:
            return []
        rd, n, level = fall
        base = self._base
        p = self._pump_watts
        near = self._near
        ptol = self._ptol()
        stop_w, heat_w = rd[2][1], rd[3][1]
        if not (
            base + near < stop_w <= base + p + ptol  # the pump's share
            and heat_w - base >= p - ptol  # the pump whole, a heater's share
            and level - heat_w > p + ptol
            and stop_w + near < heat_w
            and level - base - p >= self._heater_min()
        ):
            return []
        rise = self._rise_before(rd, n, level, near)
        if rise is None:
            return []
        started, s_spread, last = rise
        known = self._known_heaters
        if not self._level_over_heater(level, rd[last][0]) and not (
            p >= _SMALL_PUMP
            and len(known) >= 2
            and any(abs(level - base - p - h) <= ptol for h in known)
        ):
            return []  # a heater alone (then a flush), as far as is known
        period = self._period
        share = min((stop_w - base) / p, 1.0)
        ended = rd[2][0] - period + share * period
        return self._run_read(
            rd, last, started, ended, math.hypot(s_spread, 0.2 * period)
        )
