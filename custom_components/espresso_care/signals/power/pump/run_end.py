"""When a run ended, and whether its fall closes it as a run at all.

A rising pump edge is paired with the next falling one of about the same
size (Hart's matching of ON/OFF events). The fall is checked against what
else could have made it or hidden the stop: a pause, held or stale
readings, a heater's pulses or rise, a backflush's series of pulses, a
heater's cycle (``heater_cycles``), and a duration too near a kind's bound
to place. A fall with no run on looks back to the heater edge that hid
the start (``_orphan_fall``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
import itertools
import math

from .. import heater_anchor
from ..readings import DetectedRun
from .constants import (
    _DIP_SHARE,
    _FAST_GAP_S,
    _HIDDEN_PULSE,
    _HIDDEN_STOP,
    _LOST_GAP,
    _MAINS_MOVE,
    _OFF_READINGS,
    _OWN_STEP,
    _PAUSED_SHARE,
    _PULSE_MAX_S,
    _RAN_ON,
    _READ_LONG_S,
    _RISE_SHORT,
    _SERIES_LOOKBACK_S,
    _SERIES_PAUSE_S,
    _SMALL_PUMP,
    _SPLIT_FALL_WHOLE,
    _STAMP_LATE,
    _TIED_SHARE,
    MAX_RUN_S,
    MIN_RUN_S,
)
from .records import _Heater, _Pending, _Rise
from .run_start import _RunStart
from .steps import _Edge, _inside


class _RunEnd(_RunStart):
    """The pump's fall: a run closed, or dropped when the fall is not its end."""

    __slots__ = ()

    def _one_partial(self, pts: Sequence[float], a: float, b: float) -> bool:
        """Whether at most one reading of an edge lies between its levels ``a`` and ``b``.

        One switching, or two inside one reading's interval: their shares
        sum to that reading, and neither's date is known from it.
        """
        low, high = sorted((a, b))
        tol = self._tol_lv
        return _inside(pts, low + tol, high - tol) <= 1

    def _hidden_start(self, rise: _Rise, size: float, pump: float) -> float:
        """When the pump started inside a heater's rise."""
        return self._pump_at(rise.pts, rise.before, size, pump)

    def _kind_unsure(self, duration: float, end_spread: float) -> bool:
        """Whether a run's kind hangs on the unseen parts of its intervals.

        Its start and end may each be off by their unseen share; the two are
        independent, so the duration's spread is their sum in quadrature.
        When a bound of ``kind_bounds`` lies within it (a 14.7 s flush read
        15.0 s, its start unseen), the run is withheld: a flush counted as a
        shot is worse than neither counted.
        """
        spread = math.hypot(self._run_spread, end_spread)
        return self._near_kind_bound(duration, spread) or (
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

    def _pump_fall(
        self, edge: _Edge, watts: float, heat: float, fell: _Heater | None = None
    ) -> list[DetectedRun]:
        """The pump's fall (with ``heat``: heaters', ``fell`` the one that came on last)."""
        at = edge.at
        pure = not heat
        if heat:
            at = self._pump_at(edge.pts, edge.before, heat, -watts)
        if not self._pump:
            return self._orphan_fall(edge, at, watts) if pure else []
        if heat and edge.delta > 0 and self._ran_on_under(edge):
            return []
        self._stop(at)
        pending = self._pending
        if pending is not None and pending.stop and pending.started == self._run_at:
            self._pending = None  # it ran on past the rise that might have hid its stop
        if self._ambiguous:
            return []
        if not pure and (
            self._handed_over(edge, at - self._run_at) or self._handed_over_known(edge)
        ):
            return []
        if pure and self._over_fall(edge):
            return []
        if pure and not self._run_pure and self._off_step(watts, edge.after):
            return []  # the rise split from a heater's: a hand-over's fall?
        if pure and not self._run_pure and self._held_hand_over(edge):
            return []
        cycle = not (pure or self._run_pure) and self._cycle_heater(edge)
        if not (pure or self._run_pure):
            # Both edges split from heaters' edges: only with volts (heaters'
            # sizes then hold to a few watts), and if a reading showed the
            # pump alone in one of them or its step is many times that.
            seen_end = self._seen_alone(edge, -watts) or self._alone_level(edge.before)
            lone = self._run_lone and self._single_partial(edge)
            seen = self._run_seen
            if lone:
                # A heater's cycle, its partial readings at the pump's: only
                # a whole reading of the pump alone at the rise shows it.
                seen_end = False
                seen = self._run_held
            # (A level held past any run, of the whole edge's size: a heater's.)
            held = self._held_level_size(-edge.delta)
            big = self._stands_out(heat, watts) and not held
            if self._vref2:
                if not (
                    seen
                    or seen_end
                    or (
                        (big or self._heater_cycle(edge, heat, watts))
                        and not self._fits_one_heater(edge)
                        and not self._other_heater_level(edge)
                        and not self._off_step(self._run_w, self._run_level())
                    )
                ):
                    return []
            else:
                idle = lone and self._idle_cycle(edge)
                if not (
                    (big and not idle)
                    or (
                        (self._run_seen or self._run_two)
                        and (seen_end or self._two_switches(edge))
                    )
                    or self._cycle_to_standby(edge, heat, watts)
                    or self._read_heater_cycle(edge, heat, watts)
                ):
                    # Without volts a small pump's step hides in a heater's
                    # drift: a reading must show the pump alone at both, or
                    # an averaging plug's partial readings two switchings.
                    if cycle and (idle or held):
                        self._learn_cycle(edge)  # (refused, it would never be)
                    return []
                if self._larger_heater_cycle(edge):
                    return []
        duration = at - self._run_at
        if not MIN_RUN_S <= duration <= MAX_RUN_S:
            return []
        if duration < 6.0 and not edge.settled and self._pulsing(at):
            return []  # a short level that barely held among a heater's pulses
        # The pump's share of the level just before it stopped (after its
        # ramp): Hart's pairing, a rise and a fall of one size.
        rise = edge.before - self._run_level()
        p = self._pump_watts
        ptol = self._ptol()
        both = pure and self._run_pure
        if both and self._on_unsized_heater(edge.after):
            return []  # (the mains moving a heater not learnt yet)
        paired = abs(rise - watts) <= (ptol if both else 0.4 * p + self._slack())
        if both and (
            abs(self._run_w - watts) <= ptol
            or (
                abs(watts - p) <= ptol
                and self._low() * p <= min(rise, self._run_w) <= watts
                and rise <= watts + ptol + self._slack()
            )
        ):
            # A rise measured before the pump's ramp was done, and a fall
            # of the pump's full step.
            paired = True
        if not paired:
            heater = self._run_heater
            if pure and heater is not None and heater.on:
                # The start hid in a heater's edge: that heater's fall decides.
                pending = _Pending(self._run_at, at, watts, self._run_mag)
                pending.heater = heater
                self._pending = pending
            return []
        if not pure and not self._split_fall_shows_step(rise, watts):
            return []
        if not pure and self._run_pure and self._off_step(rise, self._run_level()):
            return []  # a rise from a heater's level, perhaps a hand-over
        if self._run_unsure and not both:
            return []
        if max(rise, watts) < p - ptol - self._slack() and duration > 8.0:
            return []  # short of the pump's step for long: something else
        step = 0.5 * (rise + watts) if both else watts
        if (
            both
            and self._run_unsure
            and abs(rise - p) > ptol
            and abs(self._run_w - watts) <= ptol
            and (self._known_level(edge.after) or self._left_risen(edge, watts))
        ):
            # An edge in the run fitted a heater with the pump on or
            # another without it (or a heater's of no size known); this
            # fall of the pump's size, to a state of the machine (or to that
            # rise's level), says the pump stayed on. The level before it
            # holds that heater's share: the rise measured at the start
            # pairs with the fall.
            step = 0.5 * (self._run_w + watts)
        if abs(step - p) > 0.5 * p:
            return []  # not the pump's step: a load the run does not explain
        started = self._run_at - self._run_lead
        spread = self._unseen(edge.pts, at)
        if heat and (
            (
                (self._on_change or self._tail_at_pump(edge))
                and self._one_partial(edge.pts, edge.before, edge.after)
            )
            or self._stop_in_level(edge, -watts)
        ):
            # A heater's fall and the pump's stop in one reading's interval
            # (``_stop_in_rise_unsure``), or the stop's partial reading taken
            # into the level before: the stop's date is a guess between them.
            spread = max(spread, 0.5 * self._period)
        if self._kind_unsure(at - started, spread):
            return []
        if self._stop_in_heater_rise(started, at, fell):
            return []
        if pure and self._stop_hid_in_pulses(edge.pts, edge.before, started, at):
            return []
        if self._stop_in_heat_pulses(started, at):
            return []
        if self._stale_at_stop(edge.before, started, at):
            return []
        after = self._after_pause(started, at)
        if after is None:
            return []
        if after[0] > started:
            started, unread = after
            if self._near_kind_bound(at - started, math.hypot(unread, spread)):
                return []
        if both and self._held_by_stale(started, at):
            return []
        if self._off_in_pulses(started, at) or self._dips_in_run(started, at):
            return []
        if self._off_before_heater(started, at) or self._off_after_heater(started, at):
            return []
        if self._after_pulse_series(started, at):
            return []
        if self._lost_after_pulses(started, at):
            return []
        if both and abs(edge.after - self._base) <= self._tol_lv:
            self._step_n = min(self._step_n + 1, 20)
            self._step_w += (watts - self._step_w) / self._step_n
        if cycle:
            self._learn_cycle(edge)
            return []
        # Decided once the level after the fall holds (a reading or two).
        self._confirm = DetectedRun(started, at, step)
        self._confirm_from = edge.before
        return []

    def _ran_on_under(self, edge: _Edge) -> bool:
        """Whether a heater's rise read as the pump stopping in it is the heater alone (every few seconds).

        Without volts a heater's learnt size is an average of its edges over
        hours: the mains, and a heat exchanger's falls of the heater and the
        pump together, leave it a small pump's step above the heater's size
        at the moment (11 of 18 shots cut at the heater's rise on dev seeds
        read 0.56-1.19 of the pump's step so). A rise then fits that size
        less the pump's step, a stop inside it. The heater's reading alone
        whole just before the run (``heater_anchor.alone_before``) reads its
        size at these volts: when the rise is that, the pump ran on under
        the heater and its own fall will tell (a flush stopping in the rise
        stays a pump's step short of it).
        """
        if not self._seconds_apart or self._vref2:
            return False
        recent = self._recent
        alone = heater_anchor.alone_before(
            [r[0] for r in recent],
            [r[1] for r in recent],
            self._run_at - 0.5 * self._period,
            base=self._base,
            pump=self._pump_watts,
        )
        return (
            alone is not None
            and abs(edge.delta - (alone - self._base)) <= _RAN_ON * self._pump_watts
        )

    def _split_fall_shows_step(self, rise: float, watts: float) -> bool:
        """Whether a fall split from a heater's shows the pump's full step.

        The level before it must show the pump's step over the run's level
        (a stale reading may hold a partial one). That level carries the
        run's heaters' edges, each read at its own volts: over a heater
        that switched during the run it strays by a quarter of a small
        pump's step (vibratory pumps of 40-60 W beside 1-1.5 kW heaters,
        read every second or two). A fall whose own share, split from the
        heater's known size, is the pump's step to a tenth read the level
        before it whole (a stale one would read short there too): the rise
        then needs only to pair as a split run's rise does (``_pump_fall``).
        Only read every second or two: every 5 s the looser rise paired
        backflush pulses and heater readings into five false shots on dev
        seeds 20M-26M; on change it was never measured.
        """
        p = self._pump_watts
        ptol = self._ptol() + self._slack()
        if abs(rise - p) <= ptol:
            return True
        if self._seconds_apart or self._on_change:
            return False
        return (
            abs(watts - p) <= _SPLIT_FALL_WHOLE * p
            and abs(rise - p) <= 0.4 * p + self._slack()
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

    def _came_on_last(self, signs: tuple[int, ...]) -> _Heater | None:
        """Of the heaters an edge switches off, the one that came on last (None: none on)."""
        return max(
            (
                h
                for h, sign in zip(self._heaters, signs, strict=False)
                if sign < 0 and h.on
            ),
            key=lambda h: h.on_at,
            default=None,
        )

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

    def _after_pause(self, started: float, at: float) -> tuple[float, float] | None:
        """When a run read every few seconds began, after any reading at the standby in it.

        An energy meter's 5 s average reads a pump on throughout as whole
        readings, partial ones only at its start and stop. One at the
        standby between readings of the pump alone and of the pump (a heater
        perhaps with it) shows everything off for its whole interval: pulses
        and their pauses (a backflush's), whose blurred partial readings held
        no level, are no run (None). One before the pump's first reading
        alone, after readings with it over a heater, shows the run began
        after it: the pump's start hid in a heater's cycle read before (a
        pulse over it, then one read alone; a heater's cycle, then a shot).
        The run then starts in the pause's reading, dated by the share over
        the standby it holds (from the reading before, were it the pump's),
        the second value how far the start may lie later (that share: it
        may be the heater's). With no pause, ``started`` and 0. A stop
        dated at an interval's end leaves the reading stamped there (a few
        hundredths later) whole: readings up to a tenth of an interval past
        ``at`` are the run's (``_STAMP_LATE``; a heat exchanger's two pulses,
        the pause's reading at 0.34 of the step, read as a 20 s shot to
        11325.0, the last pulse's whole reading at 11325.03, dev seed
        24000045). On dev seeds 20M-29M read every 5 s: one false shot of
        40, no shot lost; regression 5M-9M unchanged.
        """
        if not self._seconds_apart:
            return started, 0.0
        base = self._base
        p = self._pump_watts
        late = at + _STAMP_LATE * self._period
        pts = [(t, w - base) for t, w in self._recent if t < late]
        first = bisect.bisect_right(pts, (started, math.inf))
        rest = [w for _, w in pts[first:]]
        alone = [i for i, w in enumerate(rest) if 0.5 * p <= w <= 1.5 * p]
        if not alone:
            return started, 0.0
        on = [i for i, w in enumerate(rest) if w >= 0.5 * p]
        still = max(0.1 * p, 6.0)
        if at - started >= self._wanted.shortest - self._period:
            # Near a shot's length or past it: a partial reading below half
            # the step between whole ones shows the pump off for half an
            # interval or more, a pause between two pulses (a backflush's).
            still = max(still, _PAUSED_SHARE * p)
        paused = [i for i, w in enumerate(rest) if w <= still and on[0] < i]
        if any(alone[0] < i < on[-1] for i in paused):
            return None
        before = [i for i in paused if i < alone[0]]
        if not before:
            return started, 0.0
        i = before[-1]
        t = pts[first + i][0]
        share = min(max(rest[i] / p, 0.0), 1.0) * (t - pts[first + i - 1][0])
        return t - share, share

    def _held_by_stale(self, started: float, at: float) -> bool:
        """Whether a run read every few seconds held its level only by a stale meter.

        A heater's short pulse reads as a partial reading or two, one of
        which may fall at a rotary pump's level; a stale meter repeating it
        makes a level of its own, a rise and a fall of the pump's size three
        intervals apart: a shot in appearance. The run's readings then hold
        one value only at the pump's level, read twice or more, and one over
        it (the heater's). A pump alone reads no such reading; its partial
        readings at either end hold less than its step. The heater's partial
        reading at its other end may fall at the pump's level too: beside a
        rotary pump's (100 W or more) step, one value repeated on one side of
        the heater's reading, one reading at most on the other, is such a
        level as well. (A vibratory pump alone often reads one value, and
        its band is too narrow for many heaters' partial readings.)
        """
        if not self._seconds_apart:
            return False
        base = self._base
        p = self._pump_watts
        # The readings at the pump's level before the heater's and after it.
        sides: list[list[float]] = [[]]
        over = False
        for t, w in self._recent:
            if not started <= t <= at:
                continue
            if abs(w - base - p) <= 0.5 * p:
                sides[-1].append(w)
            elif w - base > 1.5 * p:
                over = True
                if sides[-1]:
                    sides.append([])
        if not over:
            return False
        level = [w for side in sides for w in side]
        if len(level) >= 2 and all(w == level[0] for w in level):
            return True
        # One side a repeated value, the other a partial reading at most
        # (a rotary pump's: a vibratory one's quiet readings repeat a value).
        first, last = sides[0], sides[-1]
        return (
            p >= _SMALL_PUMP
            and len(sides) == 2
            and any(
                len(one) >= 2 and all(w == one[0] for w in one) and len(other) <= 1
                for one, other in ((first, last), (last, first))
            )
        )

    def _off_in_pulses(self, started: float, at: float) -> bool:
        """Whether readings among a slow PID's pulses show the pump off in the run.

        A heater's partial readings reach the pump's level by chance, and
        the edges may read a run from them. Every reading holds the pump's
        step while it runs: the standby between readings with it, or a known
        heater's whole level (to a tenth of the pump's step: the mains move
        it) between readings of a state with the pump (its level alone, or a
        heater's whole with it), show it off. Three such readings: flushes
        and their pauses read as one run, or none. One is enough when only
        one reading after it shows the pump: a heater's partial reading
        lands at the pump's level by chance, so the pump running on past
        the heater's whole level is not shown (a flush bridged by the
        heater's pulses to its last partial reading, or to the next flush).
        The standby read before any reading firmly shows the pump says it
        had not started yet: the readings before were a heater's partial
        ones, and when the run dated from that reading is of another kind
        (a backflush's pulse read as a shot), it is withheld; so does a
        rotary pump's reading short of its step before the second reading
        firmly showing the pump (``_started_after_short``).
        """
        if not self._pulsing(at):
            return False
        base, p = self._base, self._pump_watts
        heaters = self._known_heaters
        pts = [
            (t, w - base, self._still(w)) for t, w in self._recent if started < t < at
        ]
        on = [t for t, r, _ in pts if self._pump_in(r + base)]
        firm = [t for t, w in self._recent if started < t < at and self._firm(w)]
        off = [
            t
            for t, r, still in pts
            if (abs(r) <= still and bool(on) and on[0] < t < on[-1])
            or (
                firm
                and firm[0] < t < firm[-1]
                and any(abs(r - x) <= 0.1 * p for x in heaters)
            )
        ]
        return (
            len(off) >= _OFF_READINGS
            or self._started_after_short(pts, firm, started, at)
            or (bool(off) and sum(t > off[0] for t in firm) == 1)
            or any(
                firm and t < firm[0] and self._kind_between(at - t, at - started)
                for t in off
            )
        )

    def _short_of_step(self) -> float | None:
        """The reading a rotary pump's run among a slow PID's pulses may not fall under (None: not asked).

        A heater only adds: a reading short of the pump's step (by
        ``_DIP_SHARE`` of it, or the level's noise) shows the pump off for
        part of its interval. Read every second or two, and a rotary pump's
        steady step only: a vibratory one's readings dip (three shots lost
        on extra dev seed 81000048 without that bound).
        """
        p = self._pump_watts
        if p < _SMALL_PUMP or self._on_change or self._gap > _FAST_GAP_S:
            return None
        return p - max(_DIP_SHARE * p, self._past_noise(self._base + p))

    def _started_after_short(
        self,
        pts: Sequence[tuple[float, float, float]],
        firm: Sequence[float],
        started: float,
        at: float,
    ) -> bool:
        """Whether a rotary pump's reading short of its step early in a run leaves it of another kind.

        A reading short of the step (``_short_of_step``) before the second
        firm one (at a state with the pump; the only one, when one; the
        first may be a heater's partial reading at the pump's level, the
        start's after it: 92000009) shows the pump started within that
        reading's interval at
        the earliest; the readings before, at the pump's level, were a
        heater's partial ones. When a bound of ``kind_bounds`` lies between
        the run so dated and as read, its kind is a guess: withheld. Found
        on extra dev seeds, read every second: a 13.3 s shot read 15.4 s
        (76000017: 140 W pump, a heater's 102 W at 6440.01 s read as its
        start, 123 W at 6442.04 s), three flushes read as one 16.3 s shot
        (84000057: 180 W pump, 131 W at 11296.04 s). Extra dev seeds 76M-97M
        at 1 s: false shots 6 -> 4, no shot lost; dev 20M-29M, regression
        5M-9M, 66M-75M unchanged. (A rule withholding such a reading after
        the second firm one too, the first of the two, changed nothing more
        there once this one stood: taken out.)
        """
        short = self._short_of_step()
        if short is None or not firm:
            return False
        upto = firm[1] if len(firm) > 1 else firm[0]
        return any(
            t < upto
            and r < short
            and self._kind_between(at - t + self._period, at - started)
            for t, r, _ in pts
        )

    def _dips_in_run(self, started: float, at: float) -> bool:
        """Whether a run read every few seconds dips by the pump's step again and again.

        A backflush's pulses over a heater's cycle read as the heater and
        the pump, their pauses (shorter than an interval, or across two)
        as partial readings between them: the level drops by most of the
        pump's step and comes back. A shot over a heater holds its level
        (the mains move it by a few watts between readings); a heater
        switching inside it moves the level by its own size, not back.
        ``_OFF_READINGS`` such dips are pulses, no run. (Not among a slow
        PID's pulses, whose partial readings dip by any size.)
        """
        if not self._seconds_apart or self._pulsing(at):
            return False
        p = self._pump_watts
        watts = [w for t, w in self._recent if started < t < at]
        dips = 0
        for before, w, after in zip(watts, watts[1:], watts[2:], strict=False):
            low = max(0.5 * p, 2.0 * self._still(w))
            if low <= before - w <= 1.5 * p and 0.5 * low <= after - w <= 1.5 * p:
                dips += 1
        return dips >= _OFF_READINGS

    def _off_before_heater(self, started: float, at: float) -> bool:
        """Whether a run read every few seconds dips under the pump's level just before a heater's reading.

        A heater only adds to the pump's level: while the pump runs, every
        reading after its start's partial one holds its whole step, the
        heater's rise's partial reading too. One short of the step (past a
        sixth of it, or the level's noise) and under the reading before it,
        followed by a heater's, shows the pump off for part of its interval:
        a backflush's pulse stopped and the next started under the heater's
        pulse, read as one run (a heat exchanger's 7.2 s pulse, then 11.4 s
        of pause under a heater's 6.7 s pulse, read as a 30 s shot, dev seed
        24000021). Withheld: no run. On dev seeds 20M-29M read every 5 s:
        one false shot of 41, no shot lost; regression 5M-9M unchanged.
        """
        if not self._seconds_apart:
            return False
        base, p = self._base, self._pump_watts
        noise = self._past_noise(p)
        short = p - max(_DIP_SHARE * p, noise)
        rest = [w - base for t, w in self._recent if started < t < at]
        return any(
            w < short and w < before - noise and before <= 1.5 * p < after
            for before, w, after in zip(rest, rest[1:], rest[2:], strict=False)
        )

    def _off_after_heater(self, started: float, at: float) -> bool:
        """Whether a run read every few seconds falls short of the pump's step just after a heater's rise.

        A heater's rise leaves one partial reading; while the pump runs,
        the reading after it holds the heater and the pump's whole step, as
        the level after it does (a vibratory pump's ramp is done seconds
        after its first reading at half its step). One short of that level
        by half the step or more (at most the step: no other heater's edge),
        the level held after it, shows the pump off for part of its
        interval: a backflush's pulse stopped in the heater's rise and the
        next started after it, read as one run (a thermostat's 6.4 s pulse,
        the heater's rise, then an 11.1 s pulse read as a 23.4 s shot,
        regression seed 7000012). Withheld: no run. On regression seeds
        5M-9M read every 5 s: one false shot of 24, no shot lost; dev seeds
        20M-29M unchanged.
        """
        if not self._seconds_apart or self._pulsing(at):
            return False
        base, p = self._base, self._pump_watts
        rest = [w - base for t, w in self._recent if started < t < at]
        for alone, rise, w, whole, held in zip(
            rest, rest[1:], rest[2:], rest[3:], rest[4:], strict=False
        ):
            if not (0.5 * p <= alone <= 1.5 * p and rise > 1.5 * p):
                continue  # not the pump alone, then a heater's rise
            noise = self._past_noise(whole + base)
            if abs(held - whole) <= noise and max(0.5 * p, noise) < whole - w <= p:
                return True
        return False

    def _after_pulse_series(self, started: float, at: float) -> bool:
        """Whether a run of a shot's length, read every few seconds, ends a backflush's series.

        A backflush's pulses run 3-15 s each, 3-20 s apart: read every
        few seconds, a pulse is one to four readings at the pump's level
        between readings at the standby. A pulse and the next pause's
        partial readings, or a pulse whose end hides in a heater's edge,
        read as a run at a shot's length; runs after two pulses so close
        are such pulses (a shot's one flush before it is a single pulse),
        and are withheld: a backflush's pulse counted as a shot is worse
        than neither counted. Two pulses a pause of less than two intervals
        apart read as one excursion (``_pulses_of``); a heater's reading
        ends the series read back, and the excursion beside it counts only
        so split (a lone reading there may be the heater's partial one: a
        heat exchanger's shot was withheld so, 73000020). Over a heater's
        level when the run rose from one (``_pulses_floor``). On dev seeds
        66M-77M read every 5 s: two false shots of 47 (dual boiler 72000021,
        heat exchanger 76000036), no shot lost; 20M-29M unchanged.
        """
        if not self._seconds_apart or at - started < self._wanted.shortest:
            return False
        pulses = 0
        quiet = started  # the end of the pause the chain has reached back to
        for found, last, first in self._pulses_back(
            started, started, self._pulses_floor(), past_heaters=False
        ):
            if not found or quiet - last > _SERIES_PAUSE_S + self._period:
                break
            pulses += found
            quiet = first
        return pulses >= 2

    def _lost_after_pulses(self, started: float, at: float) -> bool:
        """Whether a run of a shot's length read every few seconds lost a reading after a backflush's pulses.

        A backflush's pause shorter than two intervals leaves one partial
        reading between its pulses' (``_pulses_of``); a reading the plug
        dropped there leaves none, and two pulses read as one run of a
        shot's length. After two pulses or more read back before the run
        (``_SERIES_LOOKBACK_S``), read on past a heater's readings (a pulse
        over a heater's cycle between them, which ``_after_pulse_series``
        stops at), a run missing a reading is such pulses: withheld (a heat
        exchanger's rotary pump, pulses of 9.0, 9.3 and 7.4 s, the third
        over the heater's cycle, then two of 11.2 and 8.5 s 4.5 s apart,
        the pause's reading lost, read as a 22.8 s shot, dev seed 22000021).
        A lone reading beside a heater's, on either side, may be its partial
        one, no pulse (a heat exchanger's shot was withheld so, 25000029).
        On dev seeds 20M-29M read every 5 s: one false shot of 36, no shot
        lost.
        """
        if not self._seconds_apart or at - started < self._wanted.shortest:
            return False
        period = self._period
        late = at + _STAMP_LATE * period
        times = [t for t, _ in self._recent if started - period < t <= late]
        if not any(b - a > _LOST_GAP * period for a, b in itertools.pairwise(times)):
            return False
        pulses = sum(
            found
            for found, _, _ in self._pulses_back(
                started, started - 0.5 * period, 0.0, past_heaters=True
            )
        )
        return pulses >= 2

    def _pulses_back(
        self, started: float, upto: float, floor: float, *, past_heaters: bool
    ) -> Iterator[tuple[int, float, float]]:
        """A backflush's pulses read back before a run: per excursion, newest first, its pulses, last and first reading's time.

        One reader for the rules that read a series before a run
        (``_after_pulse_series``, ``_lost_after_pulses``), each keeping its
        own limits. An excursion is the readings before ``upto`` at the
        pump's level over ``floor`` (``_pulses_floor``), between readings
        at it or a heater's (over ``floor``, the standby is a heater's
        too), within ``_SERIES_LOOKBACK_S`` of ``started``; one the
        lookback cuts is not read. Its pulses are ``_pulses_of``'s, none
        for a lone one beside a heater's reading, on either side (it may be
        the heater's partial one). A heater's reading ends the reading back
        unless ``past_heaters``.
        """
        p = self._pump_watts
        base = self._base + floor
        span: list[tuple[float, float]] = []  # the excursion being read back
        after = False  # whether a heater's reading came just after it
        for t, w in reversed(self._recent):
            if t >= upto:
                continue
            if started - t > _SERIES_LOOKBACK_S:
                return
            rest = w - base
            # (Over a heater's level, the standby ends the excursion too.)
            heater = rest > 1.5 * p or (floor > 0.0 and rest < -0.5 * p)
            if heater or abs(rest) <= self._still(w):
                if span:
                    # Whole pulses: standby (or a heater) on both sides, of
                    # the pump's level, split at the partial readings of the
                    # pauses between them.
                    found = self._pulses_of(span)
                    if (heater or after) and found < 2:
                        found = 0  # (a lone reading may be the heater's partial one)
                    yield found, span[0][0], span[-1][0]
                    span = []
                if heater and not past_heaters:
                    return
                after = heater
                continue
            span.append((t, rest))

    def _pulses_floor(self) -> float:
        """The level a backflush's pulses before the run stood on, over the standby.

        The standby; or a heater's level, when the run rose from one (a
        known heater's whole level, to the mains' move): a backflush's
        pulses over a heater's cycle read as that level and the pump's step
        over it, their pauses as the heater alone (a thermostat's rotary
        pump, two pulses over the heater, then a pulse and the next read as
        a 22.4 s shot, the pause between them in two partial readings of a
        third of the step, dev seed 26000021). On dev seeds 20M-29M read
        every 5 s: one false shot of 37, no shot lost; regression 5M-9M
        unchanged.
        """
        before = self._run_before / self._k
        if not any(
            abs(before - h) <= _MAINS_MOVE * h + self._near for h in self._known_heaters
        ):
            return 0.0
        return before

    def _pulses_of(self, span: Sequence[tuple[float, float]]) -> int:
        """How many pulses an excursion read back at the pump's level holds (0: none).

        A pause shorter than two intervals leaves no reading at the
        standby: its partial reading dips below both neighbours, to six
        tenths of the higher or less (a pump's level holds to its noise).
        Each piece split so is a pulse if it is as short as one and reached
        half the pump's step.
        """
        p = self._pump_watts
        pieces: list[list[tuple[float, float]]] = [[span[0]]]
        for (_, a), (t, r), (_, b) in zip(span, span[1:], span[2:], strict=False):
            if r < min(a, b) and r <= 0.6 * max(a, b):
                pieces.append([])
            pieces[-1].append((t, r))
        if len(span) > 1:
            pieces[-1].append(span[-1])
        if any(
            piece[0][0] - piece[-1][0] > _PULSE_MAX_S
            or max(r for _, r in piece) < 0.5 * p
            for piece in pieces
        ):
            return 0
        return len(pieces)

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
        base, p = self._base, self._pump_watts
        if p < _SMALL_PUMP:
            return False
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
        return off is not None and self._kind_between(off - started, at - started)

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
        """Whether a stale meter's repeat at a slow PID's run's end may leave it of another kind.

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
        at 5297.52 s, the pump off at 5296.78 s).
        """
        if self._gap > _FAST_GAP_S or self._on_change or not self._pulsing(at):
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
        # Dated in the middle of the span hidden so (``_stop_hid_in_pulses``).
        mid = 0.5 * (pts[i][0] + at) - started
        return self._kind_between(mid, at - started)

    def _firm(self, watts: float) -> bool:
        """Whether a reading lies at a state with the pump: its level alone, or a known heater's whole with it."""
        r, p = watts - self._base, self._pump_watts
        still = self._still(watts)
        return any(abs(r - p - x) <= still for x in [0.0, *self._known_heaters])

    def _stands_out(self, heat: float, watts: float) -> bool:
        """Whether the pump's step stands out of the heaters' part of an edge it shares.

        A rotary pump's does (100 W or more): beside heaters read at the
        plug's volts, held to a few watts; without volts, when it is more
        than the mains can move the heaters (8 % of their part, 4 % of the
        volts either way), their sizes followed from their recent edges,
        and the whole edge is no other heater's size (one seen even once),
        nor that size moved by the mains (``_MAINS_MOVE``: a heater followed
        from its edges at other volts). Never on a plug reporting on change,
        whose level held by silence may be a partial reading whose follow-up
        was lost.
        """
        p = self._pump_watts
        if p < _SMALL_PUMP or self._on_change:
            return False
        if self._vref2:
            return True
        whole = abs(heat) + watts
        ptol = self._ptol()
        k = self._k
        return p >= 0.08 * abs(heat) and not any(
            abs(h.size / k - whole) <= max(ptol, _MAINS_MOVE * h.size / k)
            for h in self._heaters
        )

    def _held_hand_over(self, edge: _Edge) -> bool:
        """Whether a run split from a heater's rise, falling onto a heater's level, is a heater handing over.

        A dual boiler's steam heater of about the brew heater and a rotary
        pump, never learnt (its edges fit theirs), rises from the standby
        as those two in one edge and hands over to the brew heater by about
        the pump's step: read every 5 s without volts, a run from the rise,
        its fall the pump's alone onto the brew heater's level (8000021).
        The level before that fall, the size of a level held past any run
        lately (``_held_level_size``), is the steam heater alone as well:
        such a run is not counted. Dev 20M-29M at 5 s: no false shot of 12
        withheld, one dual boiler's shot lost (26000045); regression 5M-9M:
        dual boiler false shots 15 -> 14, none lost.
        """
        if not self._seconds_apart or self._vref2:
            return False
        return (
            abs(self._run_before) <= self._near
            and edge.after - self._base >= self._heater_min()
            and self._held_level_size(edge.before - self._base)
        )

    def _off_step(self, watts: float, beside: float) -> bool:
        """Whether a pump's step beside a heater strays from its own fall (with volts).

        A dual boiler's heaters handing over (one off, the other on) step by
        their difference, which may be about the pump's; the steam heater
        may draw about the brew heater and the pump, so that its rise from
        the standby reads as theirs. With volts, the pump's own fall (the
        calibrated step, followed by clean runs' falls to the standby) holds
        to a few per cent: a step beside a heater (``beside``: the level the
        pump stands on) that strays more than ``_OWN_STEP`` from it may be a
        hand-over's, and is never counted. Only for a rotary pump's step
        (100 W or more, as ``_stands_out``): a vibratory pump's calibrated
        step strays further (its ramp), and would drop true runs.
        """
        if (
            not self._vref2
            or self._pump_watts < _SMALL_PUMP
            or beside < 0.5 * self._heater_min()
        ):
            return False
        learnt = self._step_w
        return abs(watts - learnt) > _OWN_STEP * learnt + self._slack()

    def _over_fall(self, edge: _Edge) -> bool:
        """Whether a fall read every few seconds passed through a heater-sized reading.

        A heater's short pulse read every few seconds reads as its partial
        readings (or a stale meter repeating one, at the pump's level: a
        level of its own), one heater-sized reading, then the standby: a
        pump's rise and fall in appearance. A pump does not stop so.
        """
        gap = self._gap
        pts = edge.pts
        if gap <= _FAST_GAP_S or pts[2] - self._run_at > 2.2 * gap:
            return False  # read often enough to show a pulse, or a level that held
        # One reading of the heater: a pulse shorter than two intervals. (A
        # heater that comes on as a shot ends reads on for several, its
        # cycle riding on the pump's fall.)
        top = edge.before + 0.5 * self._heater_min()
        return sum(1 for i in range(5, len(pts), 2) if pts[i] > top) == 1

    def _left_risen(self, edge: _Edge, watts: float) -> bool:
        """Whether a pump's fall left the level a heater's rise during the run made.

        A heater of a size not known (yet, or since the mains moved it) came
        on while the pump ran; the pump's fall by its own step from there
        leaves that heater alone on, the rise's level less the step.
        """
        tol = self._tol_lv
        return any(
            rise.at > self._run_at
            and abs(rise.before + rise.at_scale(edge.k) - watts - edge.after) <= tol
            for rise in self._rises
        )

    def _orphan_fall(self, edge: _Edge, at: float, watts: float) -> list[DetectedRun]:
        """A pump's fall with no pump on: a heater's rise may have hidden its start."""
        if self._off_step(watts, edge.after):
            return []
        k = self._k
        held = (edge.before - self._base - watts) * k  # the heater beside the pump
        for rise in reversed(self._rises):
            if not MIN_RUN_S <= at - rise.at <= MAX_RUN_S:
                continue
            size = rise.mag - watts
            start = self._hidden_start(rise, size, watts)
            normalised = (rise.at_scale(k) - watts) * k
            for h in self._heaters:
                if h.weight >= 2.0 and self._hid_start(
                    rise, h, normalised, held, watts
                ):
                    # A heater known well enough accounts for the rest.
                    self._rises.remove(rise)
                    h.on = True
                    h.on_size = normalised
                    h.on_at = rise.at
                    h.on_before = rise.before
                    if self._ambiguous:
                        return []
                    return [DetectedRun(start, at, watts)]
            pending = _Pending(start, at, watts, rise.mag * rise.k)
            pending.rise = rise
            self._pending = pending
            return []
        run = self._started_alone(edge, at, watts)
        if run is not None:
            return [] if self._ambiguous else [run]
        self._unexplained(at, watts)
        return []
