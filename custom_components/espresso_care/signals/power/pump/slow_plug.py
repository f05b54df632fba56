"""Runs read from the last readings of a plug reporting every few seconds.

An energy meter's 5 s averages blur a shot whose heater switched in its
first or last readings into no level the edges can pair. These rules read
such runs from the readings themselves, once they settle: the decoder
hand-off (``_decoded``: ``decoder``'s factorial HMM on Hart's additive
loads), a shot over a heater against its cycles alone (``heater_anchor``),
the pump then a heater, the pump alone then a heater, and a heater's cycle
read in a few readings. ``_once`` keeps a run from being counted twice.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
import itertools
import math

from .. import decoder, heater_anchor
from ..readings import DetectedRun
from .constants import (
    _ALONE_BEFORE_N,
    _ALONE_HELD_N,
    _DECODE_AGAIN_S,
    _DECODE_BEFORE,
    _DECODE_SETTLED,
    _FAST_GAP_S,
    _FIRST_SHARE_SLACK,
    _HEATER_AFTER_N,
    _HELD_PLATEAU,
    _LEFT_STEP,
    _LIKE_HEATERS,
    _LOST_GAP,
    _MAINS_MOVE,
    _OFF_BELOW_W,
    _PEAK_DRIFT,
    _SMALL_PUMP,
    MAX_RUN_S,
    MIN_RUN_S,
)
from .heater_sizes import _HeaterSizes
from .records import _Heater, _Rise
from .steps import _Edge


class _SlowPlug(_HeaterSizes):
    """Runs read from the last readings of a plug reporting every few seconds."""

    __slots__ = ()

    def _held_level(self) -> bool:
        """Whether the last four readings hold one level, and the decoder is not due again.

        Read every few seconds, most readings are one more of a level (the
        standby, mostly). The rules that read runs from the last readings
        find none in four readings within ``_near`` and ``_tol`` of each
        other, and change nothing: ``_decoded`` needs the fourth reading
        back off the second by ``_tol`` (or its look again at
        ``_decode_at``), ``_alone_then_heater`` the fourth off the last by
        ``_near``, ``_pump_then_heater`` the third over the standby by
        ``_near`` and the last within it (four readings all on one side of
        that bound never are). Skipping them is exact: each bound is tested
        as the rules test it (a difference of the readings), and a float
        difference grows with its readings' (to the last bit).
        """
        recent = self._recent
        if len(recent) < 4 or self._decode_at <= recent[-1][0]:
            return False
        w1, w2, w3, w4 = recent[-1][1], recent[-2][1], recent[-3][1], recent[-4][1]
        high = max(w1, w2, w3, w4)
        low = min(w1, w2, w3, w4)
        near = self._near
        base = self._base
        return high - low <= min(near, self._tol) and (
            high - base <= near or low - base > near
        )

    def _once(self, runs: list[DetectedRun]) -> list[DetectedRun]:
        """The runs decided, less any over a run decided before.

        A pump runs once at a time: the rules that read a run from the last
        readings (``_cycle_in_readings``) may decide it before the edges
        that read it later, which must not count it again. The decoder
        (``_decoded``) reads a run later still, after other runs were
        decided: read every few seconds, it is checked against the last
        few. Read every second or two, only against the last one: a run
        over it is a second reading of the same readings (a heater's rise
        held pending since a run's start, proven by a fall after the next
        one: dev 25000003 every 2 s, a 2.7 s flush read 4.0 s, then again
        from its start to the next flush's end, 26 s, a false shot; slow
        PID dev 20M-29M every 2 s: false shots 5 -> 4, no shot lost).
        Read every few seconds, a shot decided with a shorter run at the
        same reading, over it, replaces it (``_read_whole``).
        """
        fast = self._gap <= _FAST_GAP_S
        out: list[DetectedRun] = []
        last = self._last_run
        for run in runs:
            if out and self._seconds_apart and self._read_whole(out[-1], run):
                out[-1] = last = run
                self._counted[-1] = (run.started, run.ended)
                continue
            if (
                last is not None
                and run.started < last.ended
                and run.ended > last.started
            ) or (not fast and self._seconds_apart and self._over_counted(run)):
                continue  # the decoder reads runs late: any of the last few
            out.append(run)
            last = run
            if not fast:
                self._remember(run.started, run.ended)
        self._last_run = last
        return out

    def _read_whole(self, first: DetectedRun, later: DetectedRun) -> bool:
        """Whether ``later``, decided with ``first`` at one reading, is that run read whole.

        Read every few seconds, the edges may date a shot's stop in its
        heater's rise, or its start a reading late, and decide a run too
        short for a shot at the reading where a rule reading the last
        readings decides the shot over it (``_pump_first_at_both_ends``,
        ``_heater_on_after_stop``): ``_once`` kept the first decided, and
        the shot was lost. A shot's length over a run of a shorter kind, from
        its start (to a period) and on to its end (to a period), replaces
        it. Beside a rotary pump, whose step stands out of the mains' move,
        not where the shot's level (the median of its readings) is a known
        heater's alone: the pump was off through it, a flush then the
        heater (a 40 W dip in its last reading is no stop,
        ``test_power_steps_periodic_5_pump_off_first``). Dev seed
        20,000,052 (a 45 W vibratory pump): 38, 445, 1,112, 1,116, 1,110,
        1,079, 782 W, read 8.9 s to the rise by the edges and 26.3 s by
        ``_pump_first_at_both_ends``, a 26.3 s shot. Every 5 s, dev seeds
        20M-29M: dual boiler shots 1,208 -> 1,213 (20,000,052, 22,000,036,
        23,000,013, 25,000,005, 29,000,060), thermostat 1,522 -> 1,523
        (29,000,029), heat exchanger 1,393 as before; regression 5M-9M:
        heat exchanger 658 -> 659 (9,000,020), dual boiler and thermostat
        as before; false shots as before, no shot lost.
        """
        bounds = self.kind_bounds
        if not bounds:
            return False
        shortest = bounds[0]
        period = self._period
        if not (
            first.duration < shortest <= later.duration
            and later.started <= first.started + period
            and later.ended >= first.ended - period
        ):
            return False
        if self._pump_watts < _SMALL_PUMP:
            return True
        level = self._median_inside(self._recent, later.started, later.ended)
        return level is None or not self._a_known_heater(
            level - self._base, self._ptol()
        )

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

    def _undecided(self, runs: list[DetectedRun]) -> list[DetectedRun]:
        """The shots over a heater that no run counted before overlaps.

        ``_over_heater`` gives the plateaus past the runs forgotten, those
        of runs counted among them (a run counted late, after later ones: a
        run whose start hid in a heater's rise, proven when that heater
        falls minutes on, ``_prove``). ``_once`` would drop them, but the
        decoder's look was skipped for them, and a shot only it read was
        lost (dev seed 26,000,013, a thermostat with a 179 W rotary pump: a
        calibration run over the heater proven at 1,200 s, the two after it
        read again there, and the shot of 1,025, 1,057, 1,194-1,201, 677,
        181, 6 W never decoded; lost when the 64 readings of
        ``_anchor_recent`` came to reach the calibration's plateaus).
        Thermostat every 5 s: dev 20M-29M +1, regression 5M-9M the same,
        false shots the same.
        """
        return [run for run in runs if not self._over_counted(run)]

    def _over_counted(self, run: DetectedRun) -> bool:
        """Whether ``run`` overlaps a run decided lately (``_counted``)."""
        return any(run.started < e and run.ended > s for s, e in self._counted)

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

    def _held_plateau(
        self, times: list[float], watts: list[float], started: float, ended: float
    ) -> bool:
        """Whether the readings over a run read here are a level held alone lately (a heater's).

        A dual boiler's steam heater of about the brew heater and a rotary
        pump, never learnt (its edges fit theirs), cycles from the standby
        and back as a plateau a pump's step over the brew heater's whole
        readings beside it: the edges refuse it, its size that of a level
        held past any run (``_held_level_size``), but ``_over_heater`` and
        the decoder read it as a shot over the brew heater (26000021,
        8000021). A run whose readings (their median, the partial ends left
        out) are such a level and a known heater's and the pump's (to
        ``_HELD_PLATEAU``: the two explanations the readings cannot tell
        apart) is not counted here either. Only within half the pump's step
        of the held level (nearer it than it and the pump): a single
        heater's level held at its heat-up, the mains moved since, stood
        28-42 W, half to two thirds of a vibratory pump's step, under a
        shot (thermostat 28000004, heat exchanger 26000044, 8000012).
        Dev seeds 20M-29M at 5 s: dual boiler false shots 14 -> 12, one shot
        lost (a brew heater's shot whose plateau is the steam heater's held
        level to 6 W, 26000021); regression 5M-9M: 16 -> 15, none lost.
        """
        level = self._median_inside(
            zip(times, watts, strict=True), started, ended, heated=True
        )
        if level is None:
            return False
        level -= self._base
        p = self._pump_watts
        return any(
            abs(level - h - p) <= _HELD_PLATEAU * p for h in self._known_heaters
        ) and self._held_level_size(level, within=0.5 * p)

    def _median_inside(
        self,
        readings: Iterable[tuple[float, float]],
        started: float,
        ended: float,
        *,
        heated: bool = False,
    ) -> float | None:
        """The median of the readings over a run, its first partial one left out (None: none).

        ``heated``: of those with a heater's share only (half the smallest
        heater over the standby), the level over a heater: a run read from
        the pump alone before the heater's rise (``heater_anchor``'s
        ``_alone_edge``) holds readings of the pump alone too, which
        moved the median off the level (extra dev seed 154,000,013 every 5 s:
        195, 196, 1,020, 1,214, 1,214 W, its median the brew heater's
        partial reading, the run taken as that heater's held level and
        the shot lost).
        """
        floor = self._base + 0.5 * self._heater_min() if heated else -math.inf
        inner = sorted(
            w for t, w in readings if started + self._period <= t <= ended and w > floor
        )
        return inner[len(inner) // 2] if inner else None

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
        rd = self._after_fall(9)
        if rd is None:
            return []  # most readings: not the standby's second after a fall
        base = self._base
        p = self._pump_watts
        near = self._near
        heat, stop_w = rd[2][1], rd[3][1]
        held = self._level_before_fall(rd)
        if held is None:
            return []  # the level held three readings at least
        n, level = held
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
        rd = self._after_fall(9)
        if rd is None:
            return []  # most readings: not the standby's second after a fall
        base = self._base
        p = self._pump_watts
        near = self._near
        ptol = self._ptol()
        stop_w, heat_w = rd[2][1], rd[3][1]
        held = self._level_before_fall(rd)
        if held is None:
            return []  # the level held three readings at least
        n, level = held
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

    def _level_before_fall(
        self, rd: Sequence[tuple[float, float]]
    ) -> tuple[int, float] | None:
        """The level before a fall's two partial readings, read back from ``rd[4]`` (newest first).

        Its readings within ``_near`` of ``rd[4]``: the index past it, and
        its mean; None unless it held three readings at least.
        """
        near = self._near
        level = rd[4][1]
        n = 5
        while n < len(rd) and abs(rd[n][1] - level) <= near:
            n += 1
        if n < 7:
            return None
        return n, sum(w for _, w in rd[4:n]) / (n - 4)

    def _after_fall(self, least: int) -> list[tuple[float, float]] | None:
        """The last 16 readings, newest first, when the newest two are the standby's after a fall.

        None while counting is paused, with fewer than ``least`` readings,
        or at any other reading (most: the reading before the standby's
        first is read first, since most readings are the standby, which it
        then is too).
        """
        recent = self._recent
        if self._ambiguous or len(recent) < least:
            return None
        base = self._base
        near = self._near
        if (
            recent[-3][1] - base <= near
            or abs(recent[-1][1] - base) > near
            or abs(recent[-2][1] - base) > near
        ):
            return None
        return list(itertools.islice(reversed(recent), 16))

    def _run_to_fall(
        self,
        rd: Sequence[tuple[float, float]],
        last: int,
        started: float,
        s_spread: float,
        level: float,
        *,
        stop: int = 3,
    ) -> list[DetectedRun]:
        """The run from ``started`` to the pump's stop in the fall's first partial reading.

        ``rd`` newest first: the standby's two readings, the fall's two
        partial ones, the ``level`` before, down to the standby before the
        run at ``last``; the stop dated by the fall's first reading's
        (``rd[stop]``, the reading after the level) share of the pump's
        step under the level. Nothing where a reading was lost, or where
        the run is surely no run's length or kind (its ends off by their
        spread).
        """
        period = self._period
        at, stop_w = rd[stop]
        share = min(max(1.0 - (level - stop_w) / self._pump_watts, 0.0), 1.0)
        ended = at - period + share * period
        return self._run_read(
            rd, last, started, ended, math.hypot(s_spread, 0.2 * period)
        )

    def _run_read(
        self,
        rd: Sequence[tuple[float, float]],
        last: int,
        started: float,
        ended: float,
        spread: float,
    ) -> list[DetectedRun]:
        """The run from ``started`` to ``ended`` read back through ``rd[:last]`` (newest first).

        Nothing where a reading was lost, or where the run is surely no
        run's length or kind (its ends off by ``spread``).
        """
        period = self._period
        if any(rd[i][0] - rd[i + 1][0] > 1.5 * period for i in range(last)):
            return []  # a reading lost: what it held is unknown
        p = self._pump_watts
        duration = ended - started
        if not MIN_RUN_S <= duration <= MAX_RUN_S or self._near_kind_bound(
            duration, spread
        ):
            return []
        return [DetectedRun(started, ended, p)]

    def _stop_past_mains(self, level: float, stop_w: float, heat: float) -> bool:
        """Whether a fall's two partial readings show the pump's stop where a heater alone fits the level too.

        A dual boiler's steam heater of about the brew heater and a rotary
        pump: the level of both (``_pump_then_heater``) is the steam
        heater's alone as well, whose one switching, after a mains' dip in
        its last reading, reads as two. A first partial reading short of
        the level by more than the mains move a heater (``_MAINS_MOVE``)
        is no dip, and a second one over the standby by more than the
        pump's step (a flush's start after the heater's fall reads no more)
        is a heater's share: two switchings, the pump's stop first. Dev
        seed 26000021 at 5 s: 1,228 W held (the brew heater's 1,077 W and
        the pump's 161 W; the steam heater's 1,238 W), 1,076, 262, the
        standby: a 21.9 s shot lost. Dual boiler 5 s, dev seeds 20M-29M:
        1,154 -> 1,158 shots, false shots 10 -> 10; regression 5M-9M:
        600 -> 601, false shots 13 -> 13 (and a heat exchanger's heater
        and pump learnt as a second heater, 5000029: 617 -> 620, false 6).
        """
        return (
            level - stop_w > _MAINS_MOVE * (level - self._base)
            and heat - self._base > self._pump_watts + self._ptol()
        )

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

    def _level_from(
        self, rd: Sequence[tuple[float, float]], k: int
    ) -> tuple[int, float] | None:
        """The level read back from ``rd[k]`` (newest first): the index past it, and its mean.

        Its readings agree with ``rd[k]`` to ``_tol`` (a heater's level moves
        with the mains); None unless it held two readings or more and a
        reading lies past it.
        """
        tol = self._tol
        level = rd[k][1]
        n = k + 1
        while n < len(rd) and abs(rd[n][1] - level) <= tol:
            n += 1
        if n - k < 2 or n >= len(rd):
            return None
        return n, sum(w for _, w in rd[k:n]) / (n - k)

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

    def _a_known_heater(self, whole: float, ptol: float) -> bool:
        """Whether ``whole`` W over the standby is a known heater's alone, to ``ptol`` or the mains' move (``_PEAK_DRIFT``)."""
        return any(
            abs(whole - h) <= max(ptol, _PEAK_DRIFT * h) for h in self._known_heaters
        )

    def _level_over_heater(self, level: float, before: float) -> bool:
        """Whether a level stands the pump's step over a heater, and is no known heater alone.

        Where one end of a run over a heater shows the pump alone, a flush
        may have stopped (started) in the heater's edge reading, the level
        the heater's alone. A vibratory pump's step is within what the
        mains move a heater's learnt size by over hours, not within what
        they move it in minutes: the level must stand the step over a
        heater read whole lately (``_over_read_heater``), or over the
        heater's reading alone whole within two minutes before the run
        (``heater_anchor.pump_over_alone``); beside a rotary pump, whose
        step stands out of the mains' move, over a heater learnt
        (``_ptol``). Never at a known heater's size alone (to the mains'
        ``_PEAK_DRIFT``): a dual boiler's steam heater may be its brew
        heater and the pump (dev seed 29,000,060: a 1,117 W steam heater,
        the 1,019 W brew heater and a 71 W pump read 1,087 W).
        ``before``: the standby's reading before the run.
        """
        p = self._pump_watts
        ptol = self._ptol()
        whole = level - self._base
        known = self._known_heaters
        if self._a_known_heater(whole, ptol):
            return False  # a known heater alone
        if self._over_read_heater(level) or (
            p >= _SMALL_PUMP and any(abs(whole - p - h) <= ptol for h in known)
        ):
            return True
        anchored = self._anchor_recent
        return heater_anchor.pump_over_alone(
            [r[0] for r in anchored],
            [r[1] for r in anchored],
            level,
            before,
            base=self._base,
            pump=p,
        )

    def _over_read_heater(self, level: float) -> bool:
        """Whether a level is a heater read whole lately and the pump's step, not that heater alone.

        A heater read whole in its short pulses lately (``_read_lately``,
        beside a vibratory pump) holds its size to ``_PEAK_DRIFT``: its
        level alone is no farther from it, and the pump's step is farther
        (with the mains' move, a learnt size not read lately fits a flush
        before the heater's rise: dev seed 21,000,028, the brew heater
        learnt 928 W and read alone 967 W, a 6.0 s flush then the heater
        read as an 18.8 s shot beside a 49.5 W pump).
        """
        p = self._pump_watts
        ptol = self._ptol()
        rest = level - self._base - p
        for h in self._heaters:
            size = h.size / self._k
            if (
                self._read_lately(h)
                and abs(rest - size) <= ptol
                and abs(rest + p - size) > _PEAK_DRIFT * size
            ):
                return True
        return False

    def _heater_on_after_stop(self) -> list[DetectedRun]:
        """A run read every few seconds: a heater and the pump, then the heater alone after the pump's stop.

        A dual boiler's brew heater comes on during a shot (cold water
        reaching its boiler) and stays on after the pump stops. Read every
        5 s: the standby, the rise (``_rise_before``), the level of both
        (two readings at least), at most one partial reading of the pump's
        stop, then the heater alone a pump's whole step under the level.
        Read at the heater's second reading alone, or back from the
        standby's second after it fell (one to ``_HEATER_AFTER_N`` readings
        of it, at most one partial reading of its fall, and two readings at
        least between the level and the standby: one switching leaves one
        at most, so two loads went off, the pump's step first; Hart's
        states, a sum). Dev seed 20,000,013: 3, 838, 1,071, 1,068, 1,044,
        then 943, 942 W (a 963 W brew heater, a 133 W rotary pump), a
        19.1 s shot read 18.1 s. Not where the level is a known heater's
        alone (to the mains' move): a steam heater of about the brew heater
        and a rotary pump hands over to the brew heater by the pump's step
        (dev seed 28,000,005: 1,246-1,254 W, the steam heater 1,228 W, left
        missed). Not where no heater is known or the heater alone is more
        than the largest one (two heaters on: dev seed 24,000,044 at its
        heat-up, 2,288 then 2,238 W beside a 67 W pump, a false shot), nor,
        while one heater only is known, where the rise's first reading is
        over the pump alone (regression seed 8,000,021: the steam heater
        not learnt yet, 1,127, 1,153 W held, 1,006, 950 W, a false shot).
        One reading of the heater alone and none partial before it is a
        mains' dip in the level's last reading where the pump's step is no
        more than twice what the mains move a heater (``_PEAK_DRIFT``, a
        vibratory pump's). A lost reading anywhere leaves nothing counted.
        With no rise from the standby (the start hid in a hand-over), the
        level's own readings may prove the shot (``_level_past_flush``).
        Dual boiler every 5 s: dev seeds 20M-29M shots 1,198 -> 1,201
        (20,000,013, 28,000,005, 28,000,020), regression 5M-9M 620 -> 622
        (6,000,037, 8,000,021), false shots 8 and 8 as before; thermostat
        and heat exchanger every 5 s the same.
        """
        rd = self._after_fall(11)
        near = self._near
        tol = self._tol
        if rd is not None:
            i = 3 if rd[2][1] < rd[3][1] - near else 2  # (the heater's fall in part)
            most = _HEATER_AFTER_N
        else:
            recent = self._recent
            if (
                self._ambiguous
                or len(recent) < 11
                or abs(recent[-1][1] - recent[-2][1]) > tol
                or abs(recent[-3][1] - recent[-2][1]) <= tol
            ):
                return []  # most readings: not a level's second
            rd = list(itertools.islice(reversed(recent), 16))
            i = 0
            most = 2
        base = self._base
        p = self._pump_watts
        ptol = self._ptol()
        heat = rd[i][1]
        j = i + 1
        while j < len(rd) and abs(rd[j][1] - heat) <= tol:
            j += 1
        if j - i > most or j + 3 >= len(rd):
            return []
        heat = sum(w for _, w in rd[i:j]) / (j - i)
        stop = j - 1  # the first reading after the level
        if abs(rd[j + 1][1] - rd[j][1]) > tol:
            stop = j  # the pump's stop in part
        held = self._level_from(rd, stop + 1)
        if held is None:
            return []  # the level held two readings at least
        n, level = held
        if (i > 0 and stop < 3) or not (  # (back from the standby: two readings)
            abs(level - heat - p) <= ptol
            and heat - base >= self._heater_min()
            and (stop == j - 1 or heat + near < rd[stop][1] < level - near)
        ):
            return []  # no two switchings, the pump's whole step first
        if stop == i and p <= 2.0 * _PEAK_DRIFT * (heat - base):
            # One reading of the heater alone, none partial before it: a
            # mains' dip in the level's last reading, a vibratory pump's step.
            return []
        known = self._known_heaters
        if heat - base > (1.0 + _MAINS_MOVE) * max(
            known, default=0.0
        ) or self._a_known_heater(level - base, ptol):
            # No heater known, two heaters on, or a heater alone handing
            # over to another.
            return []
        rise = self._rise_before(rd, n, level, near)
        if rise is None:
            return self._level_past_flush(rd, n, level, stop, heat)
        started, s_spread, last = rise
        if len(known) < 2 and rd[last - 1][1] > base + p + ptol:
            # The other heater unknown, that heater's rise alone: only a
            # first reading of the pump alone shows the pump ran.
            return []
        return self._run_to_fall(rd, last, started, s_spread, level, stop=stop)

    def _level_past_flush(
        self,
        rd: Sequence[tuple[float, float]],
        n: int,
        level: float,
        stop: int,
        heat: float,
    ) -> list[DetectedRun]:
        """The run ``_heater_on_after_stop`` read, its start hidden: the level held longer than a flush.

        A dual boiler's steam heater on when a shot starts hands over to
        the brew heater (cold water reaching its boiler), and the pump's
        start hides in the steam heater's readings and the hand-over's: no
        rise from the standby (``_rise_before``) dates it. The level of the
        brew heater and the pump, then the heater alone a pump's step under
        it, still shows the pump ran through the level's fresh readings:
        readings proving a run longer than the shortest kind's bound (with
        the stop's spread) prove a shot, whatever started it (one stale
        repeat among them is a level's watt read twice by chance; two may
        hide a pause). The level's first reading may be partial: counted
        from its end, but where no state of the machine other than the
        heater alone lies within a pump's step of the level, its miss of
        the level is the pump's share off at most (with
        ``_FIRST_SHARE_SLACK`` for its noise; dev seed 20,000,004, a 50 W
        pump: 1,160, then 1,409, 1,421, 1,419, 1,411, then the steam
        heater alone 1,367 W, a 20.3 s shot read as 15 s of whole
        readings and most of the first). Only with two heaters known (with the steam heater
        unknown, its hand-over to the brew heater reads the same), and not
        where the level is the other known heater alone moved by the mains
        as much as the heater read alone after it (dev seed 22,000,037, no
        pump at all: heaters learnt at 1,170 and 996 W, the steam heater
        read 1,230 W for 45 s, then the brew heater 1,050 W, both 5 % up
        beside a 191 W pump: a false 50 s shot without the check).
        ``heat``: the heater alone after the stop; ``rd`` newest first, the
        level ``rd[stop + 1:n]``. Dev seed 21,000,005, a 147 W rotary pump:
        757, 1,355, 1,358, 1,357, 1,356 W (the steam heater), 1,159 (the
        hand-over), 1,028, 1,027, 1,028, 1,029, 969, 892, 890 W, a 27.7 s
        shot. Dual boiler every 5 s: dev seeds 20M-29M 1,217 -> 1,221
        (20,000,004, 20,000,045, 21,000,005, 22,000,053), regression 5M-9M
        626 -> 627 (8,000,012), seeds 150M-157M 995 as before; false shots
        as before; heat exchanger and thermostat every 5 s the same. The
        first reading's share taken beside any heater: dev +1 more
        (29,000,013), no false shot on dev, regression or 150M-157M, but a
        heater within a step of the level may fill that reading without
        the pump, so it is not taken there.
        """
        bounds = self.kind_bounds
        known = self._known_heaters
        if len(known) < 2 or not bounds or n - stop < 4:
            return []
        base = self._base
        alone = min(known, key=lambda h: abs(heat - base - h))
        moved = (heat - base) / alone  # the mains' move since it was learnt
        ptol = self._ptol()
        pump = self._pump_watts
        other = min(
            (abs(level - base - h * moved) for h in known if h != alone),
            default=math.inf,
        )
        if other <= ptol:
            return []  # the other heater alone, moved as much: a hand-over
        period = self._period
        first = n - 1  # the level's oldest reading
        if sum(rd[i][1] == rd[i + 1][1] for i in range(stop + 1, first)) > 1:
            return []  # stale repeats: the level may not have held through them
        runs = self._run_to_fall(rd, n, rd[first][0] - period, 0.0, level, stop=stop)
        held = 0.0  # of the first reading's interval, the pump surely on
        if other > pump + ptol:
            # No state of the machine but the heater alone (a pump's step
            # under) within a step of the level: the first reading's miss
            # of it is the pump's share off.
            miss = abs(rd[first][1] - level) / pump + _FIRST_SHARE_SLACK
            held = max(1.0 - miss, 0.0) * period
        if not runs or runs[0].ended - 0.2 * period - rd[first][0] + held < bounds[0]:
            return []
        return runs

    def _pump_alone_before(
        self, rd: Sequence[tuple[float, float]], j: int
    ) -> tuple[float, float, int] | None:
        """When the pump started, read back from ``rd[j]`` (newest first) through the pump alone.

        Up to ``_ALONE_BEFORE_N`` whole readings of the pump's step over the
        standby, then at most one partial one (under the step by ``_ptol``),
        one of either at least, then the standby. The start is dated by the
        partial reading's share of the step, else between the standby's
        reading and the first whole one's start. When, how far off, and the
        standby's index; None when the readings are not so.
        """
        base = self._base
        p = self._pump_watts
        ptol = self._ptol()
        near = self._near
        period = self._period
        n = len(rd)
        i = j
        while i < n and i - j < _ALONE_BEFORE_N and abs(rd[i][1] - base - p) <= ptol:
            i += 1
        whole = i - j
        if i < n and base + near < rd[i][1] < base + p - ptol:
            at, watts = rd[i]
            i += 1
            if i >= n or abs(rd[i][1] - base) > near:
                return None
            return at - (watts - base) / p * period, 0.2 * period, i
        if whole == 0 or i >= n or abs(rd[i][1] - base) > near:
            return None
        first = rd[i - 1][0] - period  # the first whole reading began
        return 0.5 * (first + rd[i][0]), 0.5 * (first - rd[i][0]), i

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
        if any(rd[j][0] - rd[j + 1][0] > 1.5 * period for j in range(last, first)):
            return []  # a reading lost between: the pump may have paused in it
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

    def _rise_before(
        self, rd: Sequence[tuple[float, float]], j: int, level: float, near: float
    ) -> tuple[float, float, int] | None:
        """When the pump started, read back from ``rd[j]`` (newest first).

        At most three readings between the standby and ``level`` (the pump's
        and the heater's partial ones, the pump alone), then the standby:
        the start lies between that reading and the level's first. Where
        two of them or more read the pump alone from the standby on
        (``_start_read_alone``), or one in part before a heater's partial
        rise (``_start_before_heater_rise``), the start is theirs. When, how far
        off, and the standby's index; None when the readings are not so.
        """
        base = self._base
        n_rd = len(rd)
        i = j
        while i < n_rd and i - j < 3 and base + near < rd[i][1] < level - near:
            i += 1
        if i >= n_rd or abs(rd[i][1] - base) > near:
            return None
        alone = self._start_read_alone(rd, j, i)
        if alone is None:
            alone = self._start_before_heater_rise(rd, j, i, level)
        if alone is not None:
            return alone
        first = rd[j - 1][0] - self._period  # the level's first reading began
        standby = rd[i][0]
        return 0.5 * (first + standby), 0.5 * (first - standby), i

    def _start_read_alone(
        self, rd: Sequence[tuple[float, float]], j: int, i: int
    ) -> tuple[float, float, int] | None:
        """The start read from the pump alone between the standby ``rd[i]`` and a level's rise (``rd[j:i]``).

        Read every 5 s, a vibratory pump may run alone for a reading or
        three before the heater comes on (cold water reaching its boiler):
        the level's rise then dated the start half way from the standby to
        the level, though those readings show when the pump came on (dev
        seed 20,000,028 at 9,385 s, a thermostat's 46 W pump: 5, 46, 51,
        51, then 1,318 W, a 30.3 s shot read 22.9 s). Two readings of the
        pump alone at least, the oldest one in part or whole, the newer
        ones whole (``_pump_alone_before``): one reading at the pump's
        step may be a heater's partial rise, two are the pump's. The start
        is dated by the oldest one's share of the step over the standby's
        reading before it (whole within ``_ptol``, it may still be short of
        it by a second).
        """
        if not any(
            (alone := self._pump_alone_before(rd, k)) is not None and alone[2] == i
            for k in range(j, i - 1)
        ):
            return None
        at, watts = rd[i - 1]
        share = min((watts - rd[i][1]) / self._pump_watts, 1.0)
        return at - share * self._period, 0.2 * self._period, i

    def _start_before_heater_rise(
        self, rd: Sequence[tuple[float, float]], j: int, i: int, level: float
    ) -> tuple[float, float, int] | None:
        """The start read from the pump's partial reading before a heater's partial rise.

        Read every 5 s, a pump starting a few seconds before a reading's
        end, and a heater (cold water reaching its boiler) in the next
        reading, leave two partial readings between the standby ``rd[i]``
        and a ``level`` of both (``rd[j:i]``, newest first): the older one
        under the pump's step (by ``_ptol``), the newer one over the pump's
        whole step and short of the heater alone (the level less the step).
        One switching leaves one partial reading at most (Hart's states, a
        sum), and a heater switched on in the older reading would read
        whole in the newer one: the older one's load is the pump, and its
        share of the step dates the start (``_pump_alone_before``). Dated
        half way from the standby to the level instead, the start was 2.5 s
        off either way, and a shot near a kind's bound was refused (dev
        seed 20,000,013 at 2,258 s, a 133 W rotary pump: 3, 77, 617, then
        1,081, 1,081, the brew heater alone 964, 949 W, an 18.0 s shot).
        Every 5 s: dual boiler dev seeds 20M-29M 1,221 -> 1,222
        (20,000,013), regression 5M-9M 627 -> 628 (9,000,005), seeds
        150M-157M 997 -> 999 (154,000,052, 155,000,045); heat exchanger
        regression 664 -> 665 (8,000,060), 150M-157M 1,078 -> 1,079
        (150,000,036); thermostat and heat exchanger dev as before; false
        shots as before, no shot lost. One whole reading of the pump taken
        too gave the same counts: it is left half way (``_rise_before``).
        """
        p = self._pump_watts
        base = self._base
        ptol = self._ptol()
        if not (
            i - j == 2
            and rd[j + 1][1] < base + p - ptol
            and base + p + ptol < rd[j][1] < level - p - self._near
        ):
            return None
        alone = self._pump_alone_before(rd, j + 1)
        return alone if alone is not None and alone[2] == i else None

    def _started_alone(
        self, edge: _Edge, at: float, watts: float
    ) -> DetectedRun | None:
        """A run read every few seconds: the pump alone, a heater on, the pump's fall.

        A 5 s reading of the pump alone between the standby and a heater's
        rise holds no level (one reading, partial ones around it), so no
        edge opened the run; its fall beside the heater then has no rise.
        Back through the last readings: the level before the fall, at most
        two partial readings of the heater's rise, one to three readings of
        the fall's own step over the standby, at most one partial one, the
        standby. Every reading is then a state of the machine (Hart's) or
        between two, and the fall leaves that heater alone on. Never where a
        run was read already.
        """
        if not self._seconds_apart or self._ambiguous:
            return None
        base = self._base
        tol = self._tol_lv
        if edge.after - base < self._heater_min() - tol:
            return None  # a heater stays on
        level = edge.before
        alone = base + watts
        near = max(0.12 * watts, 6.0)  # a quiet standby and the pump alone
        readings = [w for w in self._recent if w[0] <= edge.at]
        readings.reverse()
        i, n = 0, len(readings)
        while i < n and abs(readings[i][1] - level) <= tol:
            i += 1
        if i == 0:
            return None
        j = i
        while j < n and alone + near < readings[j][1] < level - tol:
            j += 1
        if j - i > 2:
            return None
        start = self._from_standby(readings, j, watts, near, single=True)
        return self._new_run(start, at, watts)

    def _alone_from_standby(
        self, edge: _Edge, at: float, watts: float
    ) -> DetectedRun | None:
        """A run read every few seconds: the pump alone from the standby and back, its rise taken into a heater's fall.

        A heater falling to the standby a reading or two before the pump
        starts leaves the standby read once: no level of its own, so the
        heater's fall and the pump's rise are one edge, which no known
        heater explains when the mains moved the heater (dev seed
        20,000,044, a thermostat at 120 V, its heater learnt at 1,023 W:
        1,085, 192, 5, 32, 52, 52, 53, 53, 30, 5 W, a 25.8 s shot lost).
        The pump's fall to the standby then has no run. Back from the fall:
        ``_ALONE_HELD_N`` or more whole readings of the pump alone (no
        heater is that small), at most one partial reading that dates the
        start by its share, and the standby read at least once: the pump
        rose from the standby alone. Never where a run was read already.
        """
        if not self._seconds_apart or self._ambiguous:
            return None
        base = self._base
        if abs(edge.after - base) > self._tol_lv:
            return None  # to the standby only
        if abs(watts - self._pump_watts) > self._ptol():
            return None
        near = max(0.12 * watts, 6.0)  # a quiet standby and the pump alone
        readings = [w for w in self._recent if w[0] <= edge.at]
        readings.reverse()
        start = self._from_standby(
            readings, 0, watts, near, single=False, least=_ALONE_HELD_N, most=None
        )
        return self._new_run(start, at, watts)

    def _new_run(
        self, start: float | None, at: float, watts: float
    ) -> DetectedRun | None:
        """The run from ``start`` to ``at``: None when its length is no run's, or a run was read there.

        A run read there, counted or dropped, is not read twice.
        """
        if start is None or not MIN_RUN_S <= at - start <= MAX_RUN_S:
            return None
        fell = self._fell_at
        if fell is not None and fell > start:
            return None
        return DetectedRun(start, at, watts)

    def _from_standby(
        self,
        readings: Sequence[tuple[float, float]],
        j: int,
        step: float,
        near: float,
        *,
        single: bool,
        least: int = 1,
        most: int | None = 3,
    ) -> float | None:
        """When the pump started, read back from ``readings[j]`` (newest first).

        ``least`` to ``most`` readings of the pump alone (the standby and
        ``step``; one to three, ``most`` None: no bound), at most one partial
        reading that dates its start within the period, then the standby;
        ``single``: one reading alone, none partial, will do. None when the
        readings are not so.
        """
        base = self._base
        alone = base + step
        n = len(readings)
        k = j
        while k < n and abs(readings[k][1] - alone) <= near:
            k += 1
        if k - j < least or (most is not None and k - j > most) or k >= n:
            return None
        at, watts = readings[k]
        start = at
        if base + near < watts < alone - near:
            start = at - (watts - base) / step * self._period
            k += 1
        elif not single and k - j < 2:
            return None
        if k >= n or abs(readings[k][1] - base) > near:
            return None
        return start

    def _hid_start(
        self, rise: _Rise, heater: _Heater, normalised: float, held: float, watts: float
    ) -> bool:
        """Whether a known heater and the pump's start account for a rise.

        The rise less the pump's fall is that heater's size; or, the rise
        from the standby read while a vibratory pump still ramped (short of
        its step), the level the pump fell from is that heater's and the
        pump's: the level the rise led to once the ramp was done.
        """
        tol = 0.5 * heater.tol(0.4 * self._pump_watts)
        if abs(normalised - heater.size) <= tol:
            return True
        short = (1.0 - self._low()) * watts * self._k  # what a ramp may leave out
        return (
            abs(held - heater.size) <= tol
            and abs(rise.before - self._base) <= self._tol_lv
            and -short - tol <= normalised - heater.size <= tol
        )
