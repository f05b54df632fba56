"""When a run stopped, and whether its kind hangs on that.

A fall is dated by its readings, the latest the pump could have stopped: a
stop may hide in the level's last partial reading, in a heater's pulses (a
slow PID's), under a heater's reading, in a heater's rise, or behind a stale
meter's repeat. Hart's known loads narrow the span; when a bound of
``kind_bounds`` still lies in it (or in the spread of a start and stop
read between readings), the run's kind is a guess and it is withheld: a
flush counted as a shot is worse than neither counted.
"""

from __future__ import annotations

from collections.abc import Sequence
import math

from .. import decoder
from ..readings import DetectedRun
from .constants import (
    _FAST_GAP_S,
    _HIDDEN_PULSE,
    _HIDDEN_STOP,
    _MAINS_MOVE,
    _READ_LONG_S,
    _RISE_OVER,
    _RISE_SHORT,
    _SMALL_PUMP,
    _TIED_SHARE,
)
from .off_in_run import _OffInRun
from .records import _Heater
from .steps import _Edge, _inside


class _StopDating(_OffInRun):
    """When the pump stopped, and a run whose kind hangs on it withheld."""

    __slots__ = ()

    def _one_partial(self, pts: Sequence[float], a: float, b: float) -> bool:
        """Whether at most one reading of an edge lies between its levels ``a`` and ``b``.

        One switching, or two inside one reading's interval: their shares
        sum to that reading, and neither's date is known from it.
        """
        low, high = sorted((a, b))
        tol = self._tol_lv
        return _inside(pts, low + tol, high - tol) <= 1

    def _kind_unsure(self, duration: float, end_spread: float) -> bool:
        """Whether a run's kind hangs on the unseen parts of its intervals.

        Its start and end may each be off by their unseen share; the two are
        independent, so the duration's spread is their sum in quadrature.
        When a bound of ``kind_bounds`` lies within it (a 14.7 s flush read
        15.0 s, its start unseen), the run is withheld: a flush counted as a
        shot is worse than neither counted.
        """
        # (Of the start's spread, ``_run_early`` lies before it only: the run
        # may be longer by it, never shorter, ``_early_only``.)
        early = self._run_early
        spread = math.hypot(self._run_spread - early, end_spread)
        return self._near_kind_bound(duration + 0.5 * early, spread + 0.5 * early) or (
            self._run_pure and self._read_long(duration)
        )

    def _read_long(self, duration: float) -> bool:
        """Whether a rotary pump's run read every few seconds may be one of a shorter kind.

        A rotary pump's inrush fills its first partial reading past its
        share of the interval: the start dated by that share comes early
        (``_inrush_lag`` corrects it only on plugs read every second or
        two), and its stop's run-down holds the last one past its share:
        a 14.4 s flush read 15.0-15.2 s. Just past a bound of
        ``kind_bounds`` (by ``_READ_LONG_S``), the run is withheld.
        """
        if (
            self._on_change
            or self._gap <= _FAST_GAP_S
            or self._pump_watts < _SMALL_PUMP
        ):
            return False
        return self._kind_between(duration - _READ_LONG_S, duration)

    def _read_long_from_fall(self, pure: bool, duration: float) -> bool:
        """Whether a rotary pump's run that rose as a heater fell may be one of a shorter kind.

        A heater's fall and the pump's start in one edge, to the standby and
        the pump's step: the start is dated by the pump alone's share of the
        reading after the heater's last partial one, early by its inrush as
        a run's from the standby is; a stop of the pump alone (``pure``)
        holds its run-down in its last reading. Just past a bound of
        ``kind_bounds`` the run is withheld as ``_read_long`` withholds a
        run from the standby (a 14.98 s flush read 15.4 s, dev seed
        25000037). Not when a heater's edge shared the stop: a heat
        exchanger's pump ran on under the heater's rise (a 23.6 s shot read
        15 s, 21000061). Thermostat every 5 s: dev 20M-29M false shots
        10 -> 9, no shot lost; regression 5M-9M and extra dev 66M-109M
        unchanged. (A run from the standby, ``_run_pure``, ``_kind_unsure``
        withholds so before this is asked.)
        """
        return (
            pure and abs(self._run_base) <= self._tol_lv and self._read_long(duration)
        )

    def _stop_in_level(self, edge: _Edge, pump: float) -> bool:
        """Whether the level before a shared fall read every few seconds took the pump's partial reading.

        The level's tolerance holds a quarter of the pump's step: a rotary
        pump stopping late in a reading leaves it that much short, and it
        is taken into the level (the edge then starts at the next one, a
        reading of the standby between the pump's stop and a heater's
        rise). The stop dated from the edge's readings comes at that
        standby reading's start, up to an interval late: a 14.9 s shot read
        16.3 s (dual boiler, dev seed 26000005). When the level's last
        reading strays past its noise the pump's way, the stop's date is a
        guess across that interval.
        """
        if not self._seconds_apart:
            return False
        last = edge.pts[3] - edge.before
        return last * pump > 0.0 and abs(last) > self._past_noise(edge.before)

    def _tail_at_pump(self, edge: _Edge) -> bool:
        """Whether a fall read every few seconds holds a partial reading at the pump's level alone.

        A heater's fall and the pump's stop in one edge: its one partial
        reading at the standby and the pump's step reads as the pump alone
        to the interval's end, or as the heater's tail after the pump
        stopped (a 11.2 s pulse read 15.8 s): the stop's date is a guess
        across the interval.
        """
        if not self._seconds_apart:
            return False
        level = self._base + self._pump_watts
        tol = self._ptol()
        return _inside(edge.pts, level - tol, level + tol) > 0

    def _stop_in_heater_rise(
        self, started: float, ended: float, fell: _Heater | None
    ) -> bool:
        """Whether a run ending with a heater's fall, read every few seconds, may have ended at its rise.

        A heater that came on during the run and fell with the pump: the
        pump running on under it (the rise its size, the fall its size and
        the pump's step) and the pump stopping inside its rise (the rise its
        size less the pump's step, the fall its size) read the same
        edges, and without volts the mains move a heater's size by as much
        as a small pump's step. Where the heater and the pump are tied (a
        heat exchanger's pressurestat, a dual boiler's brew heater: cold
        water reaching the boiler switches it on, and it goes off with the
        shot), a third of the machine's runs or so end so, and the run
        stands. Where they are not (a thermostat's own cycle), such an end
        is rare (``_TIED_SHARE``), and a rise short of the heater's learnt
        size by a fifth of the pump's step or more leans to the stop inside
        it: when the two stops give runs of different kinds (a flush that
        ended as the heater came on read as a shot over its cycle), the run
        is withheld. Every run of a shot's length a fall decides counts
        for the machine's share.
        """
        if not self._seconds_apart or ended - started < self._wanted.shortest:
            return False
        tied = fell is not None and started < fell.on_at < ended
        share = self._tied / self._tied_n
        self._tied += float(tied)
        self._tied_n += 1.0
        if not tied or fell is None or share >= _TIED_SHARE:
            return False
        short = _RISE_SHORT * self._pump_watts * self._k
        if fell.on_size > fell.size - short:
            return False
        rose = fell.on_at - started
        return self._kind_between(rose, ended - started)

    def _stopped_at_rise(self, run: DetectedRun) -> bool:
        """Whether a run read every few seconds had the pump stop in a heater's rise reading, and is of another kind so dated.

        A flush's cold water switches a heater on, and the pump's stop hides
        in the heater's rise: the heater is then read as heater and pump
        until it falls, and a flush of a few seconds reads as a shot (dev
        seed 27,000,020, a heat exchanger with a 42 W pump: 6, 40, then
        1,231, 1,198, 1,195, 1,191, 873 W, a 4.5 s flush read as a 23.7 s
        shot). Without volts the heater's size cannot tell the two apart,
        but the rise reading can: an average over its interval, it stands
        over the heater and the pump read whole after it only when
        something switched off inside it after the heater came on. Over the
        level after it (two readings that agree) by most of the pump's step
        (``_RISE_OVER``), and by no more than that step (a dual boiler's
        second heater going off reads so: dev seed 29,000,045, 2,355 W, then
        1,143 W), it shows the pump stopped by that reading's end. Unless
        the pump shows again later in the run (a step of half its size up
        over the heater, or a reading of it alone: a flush, then the shot it
        was made for, dev seed 24,000,044), a run that so dated is of
        another kind is not counted. Every few seconds only (1-2 s plugs
        read the stop apart; on change a level may be a partial reading).
        Dev seeds 20M-29M every 5 s: the heat exchanger's false shots
        10 -> 9 (27,000,020), no shot lost; regression 5M-9M identical.
        """
        if not self._seconds_apart:
            return False
        p = self._pump_watts
        base = self._base
        heat = 0.5 * self._heater_min()
        late = run.ended + 0.5 * self._period
        pts = list(self._recent)
        for i in range(1, len(pts) - 2):
            at, w = pts[i]
            if at <= run.started:
                continue
            after = pts[i + 1][1], pts[i + 2][1]
            if pts[i + 2][0] > late:
                return False
            if (
                w - pts[i - 1][1] > heat
                and min(after) - base > heat
                and abs(after[0] - after[1]) <= self._still(after[0])
                and _RISE_OVER * p <= w - max(after) <= p + self._ptol()
            ):
                return not self._pump_shows_after(
                    pts[i + 2 :], late
                ) and self._kind_between(at - run.started, run.ended - run.started)
        return False

    def _pump_shows_after(
        self, pts: Sequence[tuple[float, float]], late: float
    ) -> bool:
        """Whether readings after a stop in a heater's rise show the pump again (``_stopped_at_rise``)."""
        p = self._pump_watts
        base = self._base
        heat = 0.5 * self._heater_min()
        ptol = self._ptol()
        for j in range(1, len(pts)):
            at, w = pts[j]
            if at > late:
                break
            if abs(w - base - p) <= ptol or (
                w - base > heat and w - pts[j - 1][1] > 0.5 * p
            ):
                return True
        return False

    def _stop_hid_in_pulses(
        self, pts: Sequence[float], before: float, started: float, at: float
    ) -> bool:
        """Whether a pump's stop among heater pulses may leave the run of another kind.

        A slow PID's heater pulses between the last reading of the pump's
        level (``before``) and the first at the level after hide when the
        pump stopped: the fall (``at``) is dated at the first reading after
        them, the latest it could be. When a bound of ``kind_bounds`` lies
        between the two (a 12 s flush read 18 s), the run's kind is a
        guess: withheld. So for a fall to the standby read apart from the
        next run's rise (``_pause_between``) as for an edge. Read every few
        seconds, a heater's reading alone may narrow it (``_off_under_heater``).
        """
        if self._gap > _FAST_GAP_S:
            return self._off_under_heater(pts, before, started, at)
        tol = self._ptol()
        # The pump was on until its level's last reading; on change, until
        # a measuring period before the first reading that moved.
        moved = next(
            (pts[i] for i in range(2, len(pts), 2) if abs(pts[i + 1] - before) > tol),
            None,
        )
        if moved is None:
            return False
        last = moved - self._period
        if not self._on_change:
            last = self._on_before_dip(started, moved, before, last)
        if at - last <= _HIDDEN_STOP * self._gap:
            return False
        # Dated in the middle of the hidden span, the run is of another kind.
        mid = 0.5 * (last + at) - started
        return self._kind_between(mid, at - started)

    def _on_before_dip(
        self, started: float, moved: float, before: float, last: float
    ) -> float:
        """Until when the pump was surely on, read every second or two, when a reading dipped under its level.

        A heater only adds: a reading under the run's level by more than its
        tolerance shows the pump off for part of its interval. One reading
        back at the level after it, before the first that moved, may be a
        heater's partial reading there by chance (its excursion ended as a
        blip): the pump was surely on only until the level's last reading
        before the dip. A 12.8 s flush read as a 16.0 s shot, extra dev seed
        74000001: the level last read at 12660.05 s, 131 W of 184 at
        12663.02 s, a pulse's 201 W at 12665.04 s, the stop dated 12666.03 s.
        On dev seeds 20M-29M: one false shot of 7 every 2 s (28000051), no
        shot lost; regression 5M-9M unchanged.
        """
        tol = self._ptol()
        pts = [(t, w) for t, w in self._recent if started < t < moved]
        dips = [i for i, (_, w) in enumerate(pts) if w < before - tol]
        if not dips:
            return last
        back = [t for t, w in pts[dips[-1] :] if abs(w - before) <= tol]
        on = [t for t, w in pts[: dips[-1]] if abs(w - before) <= tol]
        if len(back) != 1 or not on:
            return last
        return min(last, on[-1])

    def _off_under_heater(
        self, pts: Sequence[float], before: float, started: float, at: float
    ) -> bool:
        """Whether a reading of a heater alone, read every few seconds, shows the pump stopped sooner.

        A heat exchanger's heater may come on during a short run and stay on
        after it: read every 5 s, its pulse fills the fall's transient and
        the fall is dated after it, the latest the pump could have stopped.
        Hart's known loads narrow it: a reading of a known heater alone (to
        the mains' move, ``_MAINS_MOVE``, nearer it than half the step)
        shows the pump off over that reading's interval, unless a reading
        of that heater and the pump's step comes after it (it was then a
        partial reading of the heater's rise: a heat exchanger's 27.2 s
        shot, 5000005). When a bound of ``kind_bounds`` lies between that
        and the fall (a 13.0 s shot read 24.8 s), the run's kind is a
        guess: withheld. Only for a rotary pump's step (as
        ``_stands_out``): a vibratory one's is under the mains' move. A
        value repeated may be a stale meter's (a partial reading held), no
        evidence. On dev seeds 20M-29M read every 5 s (three runs
        calibrated): two false shots of 43 (heat exchanger 25000045, dual
        boiler 27000045), no shot lost; regression 5M-9M unchanged.
        """
        off = self._heater_alone_from(pts, before, at)
        return off is not None and self._kind_between(off - started, at - started)

    def _heater_alone_from(
        self, pts: Sequence[float], before: float, at: float
    ) -> float | None:
        """The latest a rotary pump stopped by a fall's reading of a known heater alone (or None).

        Read every 5 s, the start of the first reading in the fall's
        transient of a known heater alone (to the mains' move, nearer it
        than half the step), with no reading of that heater and the pump's
        step after it: the pump was off over that reading's interval
        (``_off_under_heater``).
        """
        base, p = self._base, self._pump_watts
        if p < _SMALL_PUMP:
            return None
        tol = self._ptol()
        off = None
        for i in range(2, len(pts), 2):
            t, w = pts[i], pts[i + 1]
            if t >= at or abs(w - before) <= tol:
                continue
            r = w - base
            for x in self._known_heaters:
                near = max(self._still(w), _MAINS_MOVE * x)
                alone, with_pump = abs(r - x), abs(r - x - p)
                if (
                    off is None
                    and w != pts[i - 1]
                    and alone <= near
                    and alone < 0.5 * p
                ):
                    off = t - self._period  # off over this reading's interval
                elif with_pump <= near and with_pump < 0.5 * p:
                    off = None  # on again: that reading was the heater's rise
        return off

    def _stop_in_heat_pulses(self, started: float, at: float) -> bool:
        """Whether a pump's stop among a slow PID's pulses may leave the run of another kind.

        Read every second or two, the pump's stop may come inside a heater
        pulse: its partial readings, at no known level, hide whether the
        pump still ran under them, and the fall (``at``) is dated after
        them, the latest it could be. Hart's known loads narrow the span: a
        reading of the pump's level alone, or of a known heater's with it,
        shows the pump on until then; one of the standby or of a known
        heater alone (to a tenth of the pump's step) shows it off over its
        interval. When a bound of ``kind_bounds`` still lies in the span
        (a 14 s flush read 17 s), the run's kind is a guess: withheld.
        """
        if self._gap > _FAST_GAP_S or not self._pulsing(at):
            return False
        base, p = self._base, self._pump_watts
        heaters = self._known_heaters
        period = self._period
        last = begun = started
        off = at
        pts = [(t, w) for t, w in self._recent if started - 0.25 * period <= t < at]
        on = False  # the reading before showed the pump on
        for i, (t, w) in enumerate(pts):
            if on:
                last, off = t - period, at  # (on change: held till then)
            r = w - base
            on = any(abs(r - p - x) <= self._still(w) for x in [0.0, *heaters])
            if on and not i:
                begun = min(started, t - period)  # read whole: on all its interval
            if (
                not on
                and off == at
                and any(abs(r - x) <= 0.1 * p for x in [0.0, *heaters])
            ):
                off = t - period
        if on:
            last = at - period
        gap = self._gap
        if not _HIDDEN_STOP * gap < off - last <= _HIDDEN_PULSE * gap:
            return False
        return self._kind_between(last - begun, off - started)

    def _stale_at_stop(self, before: float, started: float, at: float) -> bool:
        """Whether a stale meter's repeat at a run's end may leave it of another kind.

        A stale meter repeats the value before, whatever the pump did since:
        when the level's last reading repeats the one before it exactly, the
        pump was surely on only until that one (a repeat of a repeat: until
        the first), unless a reading after it firmly shows the pump
        (``_firm``; a heater's pulse over it, dev seed 25000040 at 1 s).
        Read every second or two among a slow PID's pulses, the stop is
        dated in the middle of the span so hidden (``_stop_hid_in_pulses``):
        when a bound of ``kind_bounds`` lies between that and the fall, the
        run's kind is a guess: withheld. A 14.6 s shot read 16.0 s, dev seed
        29000018 (a 57 W vibratory pump, 62.0 W read at 5295.51 s and again
        at 5297.52 s, the pump off at 5296.78 s). Not among pulses only: a
        heater's level with the pump repeated at the stop hides it as well
        (extra dev seed 150,000,058, a heat exchanger every 2 s: 1,349.7,
        1,348.3 W at 8209.02 s and again at 8211.01 s, the pump off at
        8209.0 s, then the heater alone; a 13.0 s shot read 15.1 s, withheld
        by its spread only, and read 15.5 s once its start was dated over
        the pump's ramp, ``_ramp_start``). Outside pulses only where a
        heater is on (its readings stray by watts, and two agree by chance
        seldom: a rotary pump's own level read 162.0 W twice by chance at
        the end of a 16.5 s shot, regression seed 5,000,035), and only a
        last reading repeating the one before when no other reading of the
        level did (a meter reading a level unchanged throughout tells
        nothing).
        """
        if self._gap > _FAST_GAP_S or self._on_change:
            return False
        tol = self._ptol()
        pts = [(t, w) for t, w in self._recent if started < t < at]
        level = [i for i, (_, w) in enumerate(pts) if abs(w - before) <= tol]
        if not level:
            return False
        i = level[-1]
        while i > 0 and pts[i - 1][1] == pts[i][1]:
            i -= 1
        if i == level[-1] or any(self._firm(w) for _, w in pts[level[-1] + 1 :]):
            return False  # (a reading after it firmly shows the pump on)
        if not self._pulsing(at) and not (
            before - self._base - self._pump_watts >= self._heater_min()
            and _repeated_once_at_end([pts[j][1] for j in level])
        ):
            return False  # (a level where two readings agree by chance too)
        # Dated in the middle of the span hidden so (``_stop_hid_in_pulses``).
        mid = 0.5 * (pts[i][0] + at) - started
        return self._kind_between(mid, at - started)


def _repeated_once_at_end(level: Sequence[float]) -> bool:
    """Whether a level's last reading repeats the one before, and no other reading of it does.

    A meter's noise then shows in every reading of the level but the last:
    that one is a stale meter's repeat, not a quiet load read alike (a
    level read unchanged for long, the repeat is no sign of a stale meter).
    """
    repeats = decoder.stale_repeats(level)
    return len(level) >= 4 and repeats[-1] and not any(repeats[:-1])
