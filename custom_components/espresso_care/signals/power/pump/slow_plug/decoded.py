"""Shots the decoder reads where the edges read none (every few seconds).

The hand-off to ``decoder`` (a factorial HMM on Hart's additive loads) and
to ``heater_anchor`` (a shot over a heater against its cycles alone), with
the checks that keep their runs apart from the machine switched on and from
runs already withheld.
"""

from __future__ import annotations

import bisect
import math

from ... import decoder, heater_anchor
from ...readings import DetectedRun
from ..constants import (
    _DECODE_AGAIN_S,
    _DECODE_BEFORE,
    _DECODE_SETTLED,
    _LEFT_STEP,
    _LIKE_HEATERS,
    _LOST_GAP,
    _MAINS_STEPS,
    _OFF_BELOW_W,
    _ONE_MAINS,
)
from .once import _CountedOnce


class _Decoded(_CountedOnce):
    """Shots the decoder reads where the edges read none (every few seconds)."""

    __slots__ = ()

    def _decoded(self) -> list[DetectedRun]:
        """Shots the decoder reads where the edges read none (every few seconds).

        Once the readings settle (three of one level after a change), and
        again 30 s later, the last ones are explained as the standby, the
        known heaters and the pump switching inside the readings' intervals
        (``decoder``). A run is counted only when it explains them far
        better than any explanation without it, a fresh reading shows its
        step whole over heaters also read without it, no pause leaving two
        runs too short for a shot explains them nearly as well (for a run
        with no other near it, no pause leaving a part as short as a
        flush's: a heater switching in a shot makes a pause there cheap),
        it is not among a backflush's pulses, and it is surely a shot's
        length; no run counted before may overlap it (``_once``).
        """
        recent = self._recent
        if len(recent) < 8:
            return []
        at, w1 = recent[-1]
        w2 = recent[-2][1]
        w3 = recent[-3][1]
        tol = self._tol
        # (The change first: most readings hold the level, and it is cheaper.)
        settled = (
            abs(recent[-4][1] - w2) > tol and max(w1, w2, w3) - min(w1, w2, w3) <= tol
        )
        if not settled and not self._decode_at <= at:
            return []  # most readings: nothing to decode now
        if self._ambiguous or self._cycle_open(at) or self._on_unsized_heater(w1):
            return []
        self._decode_at = at + _DECODE_AGAIN_S if settled else math.inf
        counted = self._counted[-1][1] if self._counted else -math.inf
        times = [r[0] for r in recent]
        watts = [r[1] for r in recent]
        anchored = self._anchor_recent
        # Plateaus before the last run counted too, back to the runs
        # forgotten (``_remember``; dev seed 20,000,004, a shot counted
        # first hid the one before it): ``_undecided`` drops those a run
        # counted overlaps. Heat exchanger every 5 s dev 20M-29M +2.
        over = self._undecided(
            self._over_heater(
                [r[0] for r in anchored], [r[1] for r in anchored], self._forgotten
            )
        )
        if over:
            return over
        # The readings up to the last run counted (their times never go back).
        skip = bisect.bisect_right(times, counted)
        pump = self._pump_watts
        heaters = self._known_heaters[:2]
        # A size under half the other's is no boiler's heater (a junk cluster).
        heaters = [h for h in heaters if h >= _LIKE_HEATERS * max(heaters, default=0.0)]
        # Two sizes within 10 % are one heater at two mains (220-240 V moves
        # it up to 16 %; a fall 8 % off starts a second size): given both,
        # the heater at a mains between them reads as the smaller and the
        # pump. The larger alone is given (the heater nearer the smaller then
        # reads as no run: a miss, not a false shot). Nearer than a pump's
        # step and a half, the second is the heater with the pump, kept.
        # Dev seed 22,000,012 (a heat exchanger, 48 W pump): 1,300 and
        # 1,181 W learnt; two flushes read 16, 37, 30, then the heater alone
        # 1,212, 1,218, 1,220, 545: a 20.1 s shot. Every 5 s: heat exchanger
        # false shots dev 20M-29M 5 -> 4, 182M-185M 9 -> 8, regression 5M-9M
        # 5 as before; shots dev 1,402 as before (21,000,060 one more,
        # 27,000,044 one fewer: the heater at the smaller size's mains, a
        # shot over it read as the larger alone), regression as before; dual
        # boiler and thermostat as before.
        if (
            len(heaters) == 2
            and min(heaters) >= _ONE_MAINS * max(heaters)
            and abs(heaters[0] - heaters[1]) > _MAINS_STEPS * pump
        ):
            heaters = [max(heaters)]
        first = decoder.may_hold_run(
            watts[skip:], base=self._base, heaters=heaters, pump=pump
        )
        if first is None:
            return []
        # Readings before the first that may be the pump's, for context: the
        # 30 s in which other runs count near (``decoder._NEAR_S``), so that
        # a backflush's earlier pulses are decoded with a run (20 s left in
        # only the pulse before: a pulse and the heater's level after it read
        # as a 110 s shot, 24000012). Dev seeds 20M-29M at 5 s: false shots
        # 36 -> 34 (three among pulses gone, a flush then a heater one more,
        # 27000020), shots 3,967 as before (9 more, 9 fewer); regression
        # 5M-9M: false shots 23 as before (6000060 gone, 9000012 more),
        # shots 1,963 as before (4 more, 4 fewer).
        skip = max(skip + first - _DECODE_BEFORE, 0)
        watts = watts[skip:]
        times = times[skip:]
        found = decoder.decode(
            times,
            watts,
            base=self._base,
            heaters=heaters,
            pump=pump,
            period=self._period,
            wanted=self._wanted,
            settled=_DECODE_SETTLED,
        )
        return [
            DetectedRun(run.started, run.ended, pump)
            for run in found
            if not self._from_power_on(run.started)
            and not self._held_plateau(times, watts, run.started, run.ended)
            and not self._on_heat_up(run.started, run.ended)
            and not self._left_heater_before_fall(times, watts, run.started, run.ended)
        ]

    def _left_heater_before_fall(
        self, times: list[float], watts: list[float], started: float, ended: float
    ) -> bool:
        """Whether a decoded run's readings show the pump stopping before the heater's fall, a run of a shorter kind so dated.

        The decoder may date a pump's stop at the fall of a heater that
        stayed on after it. A reading of the heater alone a pump's step
        under the run's highest, and whole (the fall's partial reading
        right after it, then the standby), shows the pump off before that
        reading's interval at the latest; when a bound of ``kind_bounds``
        lies between that stop and the decoded one (a flush read as a
        shot), the run is not counted. Dev seed 22,000,021, a dual boiler
        with a 134 W rotary pump: 6, 44, 1,158, 1,266, 1,224, 1,117, 77,
        7 W, a 14.5 s shot read 19.3 s to the heater's fall; dev seed
        27,000,004, a heat exchanger with a 52 W pump: 47, 890, 1,362,
        1,309, 61, 8 W, a 14.3 s shot read 23.8 s. Dev seeds 20M-29M every
        5 s: false shots 22 -> 20, no shot lost; regression 5M-9M the same.
        """
        p = self._pump_watts
        base = self._base
        heat = 0.5 * self._heater_min()
        first = bisect.bisect_right(times, started)
        last = bisect.bisect_right(times, ended) - 1
        while last > first and watts[last] - base <= heat:
            last -= 1
        if last <= first or last + 2 >= len(times):
            return False
        tail = watts[last]
        if (
            tail - base <= heat
            or times[last + 1] - times[last] > _LOST_GAP * self._period
            or watts[last + 1] - base <= self._past_noise(base)
            or abs(watts[last + 2] - base) > self._past_noise(base)
        ):
            # No heater alone last, or not shown whole by the fall's partial
            # reading right after it (a reading lost, or the standby next:
            # the heater's fall may have begun in it), or no standby after
            # that (the pump's own fall: it ran on past the heater's).
            return False
        if abs(max(watts[first:last]) - tail - p) > _LEFT_STEP * p:
            return False
        low = last
        while low - 1 > first and abs(watts[low - 1] - tail) <= _LEFT_STEP * p:
            low -= 1
        if watts[low - 1] <= tail:
            return False  # the level rose to the heater alone: no pump's stop
        return self._kind_between(times[low] - self._period - started, ended - started)

    def _from_power_on(self, started: float) -> bool:
        """Whether a decoded run starts before a level of the machine on was read.

        A reading well below the standby (under a quarter of it, and more
        than the plug's resolution of a watt or so apart: a standby of 2 W
        read 1 W is still on) is the machine switched off: the plug reads
        about nothing. Switched on, every heater comes on from cold in one
        interval: a pump starting with them, or in the next interval, shows
        no step of its own, and the decoder, fitting a heater's size to the
        stretch, may place a run's start there (the mains moving the heater
        by the pump's step later reads as its stop). Two readings of the
        machine on (a level) must come before the run: its start then shows.
        """
        off = min(0.25 * self._base, self._base - _OFF_BELOW_W)
        on = 0
        for at, watts in reversed(self._recent):
            if at >= started:
                continue
            if watts < off:
                return True
            on += 1
            if on >= 2:
                return False
        return False

    def _over_heater(
        self, times: list[float], watts: list[float], counted: float
    ) -> list[DetectedRun]:
        """Shots read over a heater against its cycles read alone around them (``heater_anchor``).

        A heat exchanger's heater switched on with the shot and off with
        it: the pump's step hides in the drift the decoder allows a heater's
        learnt size, not in the heater's own readings a minute apart.
        ``times``, ``watts``: the last ``_ANCHOR_N`` readings'
        (``_anchor_recent``). The heater's cycles alone may come up to two
        minutes either side of the plateau (``heater_anchor._NEAR_S``): in
        the 40 readings the other rules keep (``_recent``), the cycle before
        was gone once the one after was read, and the plateau had no anchors
        at every look (dev seed 24,000,052: the heater alone 95 s before a
        25.8 s shot and 70 s after it). Dev seeds 20M-29M every 5 s: heat
        exchanger shots 1,351 -> 1,361 (11 more, one lost: 21,000,012, whose
        cycle before, 35 s away, now read, disagrees with the one after by
        a step), false shots 8 as before; regression 5M-9M 640 -> 642, false
        shots 5 as before.
        """
        found = heater_anchor.over_heater(
            times,
            watts,
            base=self._base,
            pump=self._pump_watts,
            period=self._period,
            after=counted,
            heaters=self._known_heaters,
        )
        return [
            DetectedRun(a, b, self._pump_watts)
            for a, b in found
            if not self._held_plateau(times, watts, a, b) and self._past_withheld(a, b)
        ]

    def _past_withheld(self, started: float, ended: float) -> bool:
        """Whether a shot over a heater may count where a run was withheld, forgetting that run.

        A run whose stop was taken as hidden in a heater's rise, its length
        near a kind's bound, is withheld and its readings are no run for
        the decoder (``_stop_in_rise_unsure``). A plateau of the heater and
        the pump read whole after that rise, standing the pump's step over
        the heater's own readings (``heater_anchor``), shows the pump ran
        on through it: the run withheld was never that run, and the shot
        counts (dev seed 25,000,020: 47, 52, then 1,479, 1,534, 1,528,
        1,508 W beside a 43 W pump, the heater alone 1,490 W before; a
        29.1 s shot withheld as 14.7 s to the rise, then lost). Only a shot
        ending a reading or more past the run withheld; one ending within
        it is that run read again, and not counted. Dev seeds 20M-29M every
        5 s: heat exchanger shots 1,362 -> 1,364 (25,000,020, 22,000,052),
        false shots as before; regression 5M-9M as before.
        """
        over = [w for w in self._withheld if started < w[1] and ended > w[0]]
        if any(ended < w[1] + self._period for w in over):
            return False
        for w in over:
            self._withheld.remove(w)
            self._counted.remove(w)
        return True
