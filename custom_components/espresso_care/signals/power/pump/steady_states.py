"""Steady-state detection: readings into steady states and the edges between.

Hart's edge detector: consecutive readings within a tolerance of a level's
mean (at least two, or one held through a silence) are a steady state,
readings between two are a transient; an edge is the difference of two
states' means, dated by the first reading that moved. Also the timer's
side (``_advance_to``, ``_tick``: what a silence decides), and one reading
between two switchings of a plug reporting every few seconds, split.
"""

from __future__ import annotations

import itertools
import math

from ..readings import DetectedRun
from .constants import (
    _COOL,
    _EPS,
    _FAST_GAP_S,
    _HEATERS,
    _PARTIAL_WEIGHT,
    _QUIET_N,
    _QUIET_OVER_W,
    _QUIET_SPREAD_W,
    _SMALL_PUMP,
    _STILL_SHARE,
    _STILL_W,
    _WANDER,
    MAX_RUN_S,
    MAX_VOLTS,
    MAX_WATTS,
    MIN_VOLTS,
)
from .pauses import _Pauses
from .steps import _Edge, _two_steps


class _SteadyStates(_Pauses):
    """Readings into steady states, their edges, and what silence decides."""

    __slots__ = ()

    def _read(
        self, at: float, watts: float | None, volts: float | None = None
    ) -> list[DetectedRun]:
        """``feed`` by steady states and their edges."""
        self._quiet = False
        gap = at - self._last_at
        if not gap >= 0.0 or at == math.inf:
            return []  # older than the last reading (or not a time at all)
        if watts is None or not 0.0 <= watts <= MAX_WATTS:
            self._last_at = at
            self._forget()
            return []
        if volts is not None and MIN_VOLTS <= volts <= MAX_VOLTS:
            if not self._vref2:
                self._vref2 = volts * volts
                self._v_lv = volts
            self._v_last = volts
        self._last_at = at
        self._recent.append((at, watts))
        self._anchor_recent.append((at, watts))
        # The heaters' stretches (``_on_heat_up``).
        if watts - self._base > _COOL * self._pump_watts:
            if self._hot_from == math.inf:
                self._hot_from = at
        elif self._hot_from != math.inf:
            self._hot_spans.append((self._hot_from, at))
            self._hot_from = math.inf
        # The typical gap (a low quantile: silences do not count) and how
        # often a much longer silence comes (a plug reporting on change).
        g = self._gap
        if 0.05 < gap < 3600.0:
            self._gaps += 1
            if g == 0.0:
                self._gap = min(gap, 30.0)
            elif gap < g:
                self._gap = g - 0.1 * (g - gap)
            else:
                far = 4.0 * g  # (``min`` written out: most readings come here)
                self._gap = g + 0.02 * ((far if far < gap else gap) - g)
            # A low quantile that silences barely move: a plug reporting on
            # change still measures every second or so.
            q = self._period
            if q == 0.0 or gap < q:
                self._period = min(gap, 30.0) if q == 0.0 else q - 0.2 * (q - gap)
            else:
                far = 2.0 * q
                self._period = q + 0.005 * ((far if far < gap else gap) - q)
        self._silence += 0.02 * ((1.0 if gap > 3.5 * g > 0.0 else 0.0) - self._silence)
        out: list[DetectedRun] = []
        settling = self._tr
        if settling:
            if gap < self._hold() - _EPS or (
                gap < self._settle_wait() - _EPS and self._continues_edge(watts)
            ):
                return self._cycle_in_readings() + self._transient(at, watts, gap)
            out = self._settle_silent()
            if self._tr:
                return out + self._transient(at, watts, gap)
        if not self._known:
            self._known = True
            self._lv_at = at
            self._lv = watts
            self._tol_lv = max(self._tol, _STILL_W + _STILL_SHARE * watts)
            self._lv_n = 1
            self._pm1_at = self._pm2_at = at
            self._pm1_w = watts
            return out
        dev = watts - self._lv
        tol = self._tol_lv
        if -tol <= dev <= tol:
            # The hot path: one more reading of the steady state.
            n = self._lv_n
            if n < 8:
                n += 1
                self._lv_n = n
            self._lv += dev / n
            self._sd += 0.01 * ((dev if dev > 0.0 else -dev) - self._sd)
            if volts is not None and self._vref2:
                self._v_lv += (self._v_last - self._v_lv) / n  # as the level
            self._pm2_at = self._pm1_at
            self._pm1_at = at
            self._pm1_w = watts
            confirm = self._confirm
            if confirm is not None and n >= 3:
                if self._confirm_waits(at):
                    self._ran_on_ripe = True
                else:
                    out += self._confirmed()
            if at >= self._noise_check:
                return out + self._tick(at)
            self._quiet = not settling and confirm is None and self._held is None
            return out
        # The start of a transient.
        self._tr = True
        self._tr_n = 1
        self._tr_min = self._tr_max = watts
        self._cd_sum = watts
        self._cd_n = 1
        self._cd_last = self._cd_at = at
        self._over = 0
        pts = self._pts
        pts.clear()
        pts += (self._pm2_at, self._lv, self._pm1_at, self._pm1_w, at, watts)
        return out + self._cycle_in_readings()

    def _advance_to(self, now: float) -> list[DetectedRun]:
        """``advance`` by steady states and their edges."""
        self._quiet = False
        if not now >= self._last_at:
            # Not later than the last reading: only what was due by then.
            return [] if math.isnan(now) else self._tick(self._last_at)
        out: list[DetectedRun] = []
        if self._tr and now >= self._last_at + self._settle_wait() - _EPS:
            out += self._settle_silent()
        out += self._tick(now)
        return out

    def _tick(self, now: float) -> list[DetectedRun]:
        """Decisions that come with time: held edges, stale runs, the noise."""
        out: list[DetectedRun] = []
        # (No run to confirm, most ticks: nothing for it to wait on or let go.)
        waits = self._confirm is not None and self._confirm_waits(now)
        if (
            self._confirm is not None
            and not self._tr
            and now - self._lv_at >= self._hold() - _EPS
        ):
            if waits:
                self._ran_on_ripe = True
            else:
                out += self._confirmed()
        held = self._held
        if (
            held is not None
            and now >= self._held_at + self._held_for(held) - _EPS
            and not self._rest_being_read(held)
        ):
            out += self._release()
        if self._pump and now - self._run_at >= MAX_RUN_S - _EPS:
            self._held_heaters()
            self._stop(now)  # too long for a pump run: it was not one
        pending = self._pending
        if pending is not None and now >= pending.until:
            self._pending = None
        self._update_noise(now)
        return out

    def _transient(self, at: float, watts: float, gap: float) -> list[DetectedRun]:
        out: list[DetectedRun] = []
        if (
            watts == self._pts[-1]
            and not self._stale
            and not self._pump_level(watts)
            and not self._standby_repeat(watts)
        ):
            # The same value again: perhaps a stale meter repeating itself,
            # which shows no level holding. A third one will.
            self._stale = True
            return out
        self._stale = False
        tol = self._tol_lv
        self._tr_n += 1
        self._pts += (at, watts)
        if watts < self._tr_min:
            self._tr_min = watts
        elif watts > self._tr_max:
            self._tr_max = watts
        dev = watts - self._lv
        cd = self._cd_sum / self._cd_n
        dcd = watts - cd
        if -tol <= dev <= tol and abs(dev) <= abs(dcd):
            # Back at the steady level: the excursion was a blip.
            self._tr = False
            split = self._paused(self._lv)
            if split is None:
                split = self._blip_at_standby()
            elif not split and self._paused_beside_heater():
                split = None
            out = self._drop_paused() if split is None else split
            out += self._stopped_among_pulses()
            n = self._lv_n
            if n < 8:
                n += 1
                self._lv_n = n
            self._lv += dev / n
            self._pm2_at = self._pm1_at
            self._pm1_at = at
            self._pm1_w = watts
            pulse = self._short_pulse()
            if pulse is not None:
                out += pulse
            elif self._tr_max - self._lv >= 0.5 * self._pump_watts:
                # A pulse above the level and back (a slow PID's heater):
                # the share of the last minutes' pulses that came close
                # together (within a minute of the one before).
                close = 1.0 if at - self._pulse_at < 60.0 else 0.0
                self._pulses += 0.2 * (close - self._pulses)
                self._pulse_at = at
                if self._seconds_apart:
                    self._heater_peak()
            if self._tr_n > 2 * _WANDER:  # (counted once at _WANDER already)
                self._wander(at)
            return out
        # A new level holds still: two readings within the noise of each other
        # (a ramp's readings, an averaging plug's partial one, do not).
        # (``max`` and ``min`` written out, as they compare: every
        # reading of a transient asks.)
        still = 0.1 * self._pump_watts
        level = _STILL_W + _STILL_SHARE * watts
        still = level if level > still else still
        noise = 3.0 * self._sd
        still = noise if noise > still else still
        still = tol if tol < still else still
        if -still <= dcd <= still and not self._between_states(
            (self._cd_sum + watts) / (self._cd_n + 1), at
        ):
            self._cd_sum += watts
            self._cd_n += 1
            self._cd_last = at
            self._over = 0
            return self._settle()
        if (
            self._over
            and abs(watts - self._over_w) <= still
            and not self._between_states(0.5 * (self._over_w + watts), at)
        ):
            # The readings above the candidate are a level of their own.
            self._cd_sum = self._over_w + watts
            self._cd_n = 2
            self._cd_last = self._cd_at = at
            self._over = 0
            return self._settle()
        if dcd > tol and self._over < 2 and self._heaters and self._cd_n:
            # A heater's pulse over the candidate (a PID's slow window).
            self._over += 1
            self._over_w = watts
            return out
        # Still moving: a new candidate.
        tr_n = self._tr_n
        if tr_n == _WANDER or (tr_n >= 3 * _WANDER and tr_n % _WANDER == 0):
            # Once for a transient that a ramp and a heater's edge may make,
            # then steadily for one that never settles (a fast PID).
            self._wander(at)
        self._cd_sum = watts
        self._cd_n = 1
        self._cd_last = self._cd_at = at
        self._over = 0
        return out

    def _settle_silent(self) -> list[DetectedRun]:
        """Silence after the last reading: it held (a plug reporting on change)."""
        if self._over:
            self._cd_sum = self._over_w
            self._cd_n = 1
            self._cd_last = self._cd_at = self._last_at
            self._over = 0
        return self._settle()

    def _settle(self) -> list[DetectedRun]:
        """The candidate is a steady state: decide the edge that led to it."""
        after = self._cd_sum / self._cd_n
        split = self._paused(after)
        seen = self._level_before(after)
        before = self._at_volts_after(seen)
        delta = after - before
        tr_n = self._tr_n
        settled = (
            self._lv_n >= 3
            or self._pts[4] - self._lv_at >= self._hold() - _EPS
            or self._known_level(seen)
        )
        self._tr = False
        self._note_held_level(self._cd_at)
        self._lv = after
        self._lv_at = self._cd_at
        self._lv_n = self._cd_n
        self._pm2_at = self._pm1_at
        self._pm1_at = self._cd_last
        self._pm1_w = after
        if tr_n > 2 * _WANDER + 1:  # (counted once at _WANDER already)
            self._wander(self._cd_last)
        if split is None:
            split = self._split_at_standby(seen, before, after, settled)
            if split is None:
                split = self._standby_before_heater(seen, before, after, settled)
            if split is not None:
                return split
            split = self._drop_paused()
        elif (
            (parted := self._off_between(seen, before, after, settled)) is not None
            or (parted := self._stop_then_heater(seen, before, after, settled))
            is not None
            or (parted := self._standby_before_heater(seen, before, after, settled))
            is not None
        ):
            return parted
        p = self._pump_watts
        pts = tuple(self._pts)
        if -0.3 * p < delta < 0.3 * p and not self._ramp_goes_on(delta):
            parts = self._stop_then_heater_in_drift(pts, seen, before, after, settled)
            if parts is None:
                return split  # drift, not an edge
            first, second = parts
            return (
                split
                + self._edge(first, self._cd_last)
                + self._edge(second, self._cd_last)
            )
        # Does this plug average over its interval? Its first reading of a
        # clean large step is then often partial.
        if tr_n <= 3 and abs(delta) >= 200.0:
            frac = (pts[5] - seen) / (after - seen)
            partial = 1.0 if 0.1 < frac < 0.9 else 0.0
            self._avg_score += 0.1 * (partial - self._avg_score)
            self._partial_n = min(self._partial_n + 1, _PARTIAL_WEIGHT)
            self._partial += (partial - self._partial) / self._partial_n
        edge = self._edge_from(pts, seen, before, after, settled=settled, k=self._k)
        return split + self._split_or_edge(edge, self._cd_last)

    def _stop_then_heater_in_drift(
        self,
        pts: tuple[float, ...],
        seen: float,
        before: float,
        after: float,
        settled: bool,
    ) -> tuple[_Edge, _Edge] | None:
        """The pump's stop and a heaters' hand-over read as a level's drift, split.

        Read every 2 s, a run over a dual boiler's brew heater may
        stop a reading before the brew heater hands over to the steam
        heater: the pump's fall and the hand-over's rise (the two heaters
        differ by about a rotary pump's step) net under a third of the
        pump's step, and the level was taken to drift on, the run then
        ending at the steam heater's fall as none (dev seed 28,000,027
        every 2 s, brew 1,083 W, steam 1,219 W, a 195 W pump: 1,272, 1,082,
        1,162, 1,215 W; a 31.6 s shot lost). One whole reading at the level
        less the pump's step, then only readings between it and the level
        after, is the pump's fall followed by another edge.
        """
        p = self._pump_watts
        if (
            not self._pump
            or self._ambiguous
            or p < _SMALL_PUMP
            or len(self._heaters) < 2
        ):
            return None
        stopped = before - p
        tol = max(0.15 * p, 6.0)
        values = pts[5::2]
        at = next((i for i, v in enumerate(values) if abs(v - stopped) <= tol), None)
        if at is None or not all(seen + tol >= v >= stopped - tol for v in values[:at]):
            return None
        low, high = sorted((values[at], after))
        if not all(low - tol <= v <= high + tol for v in values[at + 1 :]):
            return None
        last = 4 + 2 * at
        return self._parted_at(
            pts, last, pts[last + 1], (seen, before, after), settled=settled, k=self._k
        )

    def _parted_at(
        self,
        pts: tuple[float, ...],
        last: int,
        w: float,
        levels: tuple[float, float, float],
        *,
        settled: bool,
        k: float,
    ) -> tuple[_Edge, _Edge]:
        """Two edges, to and from the level ``w`` that the reading at ``pts[last]`` showed.

        ``levels``: the level before as read, the same at the volts after,
        and the level after. The first edge's readings end at that reading
        (the next one's time holding ``w``), the second's start there.
        """
        seen, before, after = levels
        first_pts = (*pts[: last + 2], pts[last + 2], w)
        second_pts = (pts[last], w, pts[last], w, *pts[last + 2 :])
        first = self._edge_from(first_pts, seen, before, w, settled=settled, k=k)
        second = self._edge_from(second_pts, w, w, after, settled=True, k=k)
        return first, second

    def _split_or_edge(self, edge: _Edge, now: float) -> list[DetectedRun]:
        """``_edge``, or the two edges of a heater's and the pump's switching read apart.

        Read every few seconds, the pump's level (alone, or a heater's
        without it) may show in one reading only between the heater's edge
        and the pump's: no steady state of its own, yet a state of the
        machine (``_one_reading_split``). Each part is then an edge of its
        own, the heater's read as the heater nearest its size.
        """
        split = self._one_reading_split(edge)
        if split is None:
            return self._edge(edge, now)
        *parts, whole = split
        out: list[DetectedRun] = []
        for part in parts:
            heater = self._heater_of(part)
            if heater is not None and self._held is None:
                # The split told the heater's edge apart: its size now
                # (the mains moved it) explains it.
                signs = tuple(
                    (1 if part.delta > 0.0 else -1) if h is heater else 0
                    for h in self._heaters
                )
                self._cache_edge = part
                self._cache_version = self._version
                self._cache = (_HEATERS, 0, part.delta, signs)
            out += self._edge(part, now)
            if not whole and self._pump and self._run_from == part.at:
                # No reading showed the pump alone whole: its start is only
                # as sure as one split off a heater's edge (two switchings
                # shown), and its stop must show itself (``_pump_fall``).
                self._run_pure = self._run_seen = self._run_held = False
                self._run_two = self._run_split = True
                self._run_shown = part.pts[-3] - part.before
        return out

    def _one_reading_split(self, edge: _Edge) -> tuple[_Edge, _Edge, bool] | None:
        """A heater's edge and the pump's, one reading of the level between them.

        An averaging plug reads one switching as at most one partial
        reading between two steady states; two partial readings, or more,
        need two switchings. When one reading between them is the level
        before and the pump's step (the pump switched first) or the level
        after less it (the pump switched last), and the others lie between
        that reading and the levels around it in order (partial readings
        of each switching), that reading is the level between the two
        edges (Hart's states, each edge the sum of one appliance's
        switching). None on plugs reporting faster (their levels hold), or
        when the readings do not show it.
        """
        if (
            self._gap <= _FAST_GAP_S
            or self._ambiguous
            or abs(edge.delta) < self._heater_min()
        ):
            return None
        p = self._pump_watts
        pts = edge.pts
        before, after = pts[1], edge.after
        near_b = self._past_noise(before)
        near_a = self._past_noise(after)
        inner = [
            i
            for i in range(4, len(pts), 2)
            if abs(pts[i + 1] - before) > near_b and abs(pts[i + 1] - after) > near_a
        ]
        sign = 1.0 if edge.delta > 0.0 else -1.0
        tol = max(0.15 * p, 6.0)
        if (
            inner
            and inner[0] == 4
            and self._pump_partial_in_level(before, pts[2], pts[3], sign, tol)
        ):
            inner.insert(0, 2)
        if len(inner) < 2:
            return None
        if any(j - i != 2 for i, j in itertools.pairwise(inner)):
            return None
        values = [pts[i + 1] for i in inner]
        if all(abs(v - values[0]) <= 3.0 for v in values):
            return None  # a stale meter repeating one reading
        # The pump may leave two partial readings (a ramp, an inrush) as it
        # starts, one as it stops; a heater one.
        pump_n = 2 if edge.delta > 0.0 else 1
        pump_first = before + sign * p
        pump_last = after - sign * p
        for mid, other, most in (
            (pump_first, pump_last, (pump_n, 1)),
            (pump_last, pump_first, (1, pump_n)),
        ):
            k = _two_steps(values, before, mid, after, most=most, tol=tol)
            if k is None:
                continue
            if _two_steps(values, before, other, after, most=most[::-1], tol=tol):
                return None  # the other order fits the readings as well: unsure
            # The level between: its reading if one showed it whole. Else
            # only the pump's start from the standby (quiet, where a partial
            # reading is the pump's; beside a heater the mains move it too).
            last = inner[k - 1]
            whole = abs(pts[last + 1] - mid) <= tol
            if not whole and (
                mid != pump_first or sign < 0.0 or abs(before - self._base) > near_b
            ):
                continue
            w = pts[last + 1] if whole else mid
            if (
                mid == pump_last
                and sign < 0.0
                and not self._split_stop_shows(edge.delta + p)
            ):
                return None
            first, second = self._parted_at(
                pts,
                last,
                w,
                (before, edge.before, after),
                settled=edge.settled,
                k=edge.k,
            )
            return first, second, whole
        return None

    def _pump_partial_in_level(
        self, level: float, at: float, watts: float, sign: float, tol: float
    ) -> bool:
        """Whether the standby's last reading before a rise was the pump's first partial one.

        A vibratory pump starting a second before a reading ends adds a
        tenth of its step to it: within the level's tolerance, so taken as
        the standby, yet well past a quiet standby's noise. Beside a heater
        (its level noisier, moved by the mains) it tells nothing. Nor after
        a reading past that noise (``_tail_of_pulse``).
        """
        rest = watts - self._base
        p = self._pump_watts
        return (
            sign > 0.0
            and abs(level - self._base) <= self._tol_lv
            and (
                max(6.0, 0.1 * p) < rest
                or (rest <= 0.1 * p and self._over_quiet_standby(at, watts))
            )
            and rest < p + tol
            and not self._tail_of_pulse(at, watts)
        )

    def _over_quiet_standby(self, at: float, watts: float) -> bool:
        """Whether a reading stands a few watts over a standby that held to a watt before it.

        A vibratory pump starting half a second before a reading ends,
        still ramping, adds 4-5 W to it: under the 6 W a standby's noise
        may reach, but a standby whose last readings held within the
        plug's resolution makes no such step (dev seed 21,000,004, a 64 W
        pump: 6 W eleven times, then 10, 177, 1,367 W, a 19.2 s shot read
        as a 13.6 s flush from the 177 W reading; 26,000,020: 3 W, then 8,
        457, 1,227 W, 19.9 s read as 15.0 s). Only up to the tenth of the
        step that the floor leaves out (a start in the reading's last half
        second): calibration's detector, its pump a guessed 20 W, split
        rises at such a reading into a pump's level it made up (dev seed
        23,000,004's calibration +12.9 -> -11.1 %, 2 shots lost). Thermostat
        every 5 s: dev 20M-29M +2 (21,000,004, 26,000,020), regression
        5M-9M the same, false shots the same.
        """
        prior = list(
            itertools.islice((w for t, w in reversed(self._recent) if t < at), _QUIET_N)
        )
        if len(prior) < _QUIET_N:
            return False
        high = max(prior)
        return high - min(prior) <= _QUIET_SPREAD_W and watts - high >= _QUIET_OVER_W

    def _tail_of_pulse(self, at: float, watts: float) -> bool:
        """Whether the reading before the standby's last one (``at``) stood over it: a pulse's tail.

        A pump starting reads the standby, then at most one partial reading
        of it, then its step whole. After a reading over this one (a
        backflush's pulse, a flush, too short to make a level of its own),
        a reading part way down is that run's last seconds, and the next
        run started later. Regression thermostat 7000012 every 5 s: 5 W,
        then 37, 67 W (a 9.3 s pulse), 20 W (its last 1.2 s), 615, 1,331 W
        (the heater and the next pulse): the next pulse, 11.7 s, was dated
        from the 20 W reading and read as a 16.1 s shot. Not after a
        heater's level (the reading before that one over the standby and the
        pump's step): the reading over this one was the heater's fall read
        in part, and the pump may well have started in this one (fresh
        124000013, a heat exchanger's 134 W rotary pump: 1,263, 97, 25, 175,
        1,384 W, a 28.5 s shot from the 25 W reading, lost as a tail).
        """
        p = self._pump_watts
        # The last two readings before this one, the latest first.
        prior = list(
            itertools.islice((w for t, w in reversed(self._recent) if t < at), 2)
        )
        if not prior or prior[0] - watts <= max(6.0, 0.1 * p):
            return False
        return len(prior) < 2 or prior[1] - self._base <= p + self._tol_lv

    def _split_stop_shows(self, heat: float) -> bool:
        """Whether a run may end at the pump's fall read last, after a heater's.

        A reading of the pump alone after the heater went off, then its
        fall (``_one_reading_split``), may be a next pulse of a backflush
        whose pause hid beside the heater: when the run's start was split
        off a heater's edge too, that start must have shown the pump (a
        reading of it alone, two switchings, a rotary pump's step standing
        out), as for a stop read beside a heater's (``_pump_fall``). (A
        stop read first, the heater alone after it, needs no more than a
        fall of the pump alone that held.)
        """
        if not self._pump or self._run_pure:
            return True
        return (
            self._run_seen or self._run_two or self._stands_out(heat, self._pump_watts)
        )

    def _level_before(self, after: float) -> float:
        """The level before an edge, less its last reading if that one moved towards it.

        A plug reporting on change reads a level seldom (silence is
        unchanged): a small pump's first partial reading, within the level's
        tolerance, is taken into a mean of one or two readings and pulls it
        a good part of the way (a heater and a rotary pump's rise from 23 W,
        the standby at 3 W, fitted no sum). Past the noise of the level
        without it, towards the edge, it was the edge's first reading.
        """
        level = self._lv
        n = self._lv_n
        if n < 2 or not self._on_change:
            return level
        last = self._pm1_w
        prior = (level * n - last) / (n - 1)
        moved = last - prior
        if moved * (after - prior) <= 0.0 or abs(moved) <= self._past_noise(prior):
            return level
        return prior
