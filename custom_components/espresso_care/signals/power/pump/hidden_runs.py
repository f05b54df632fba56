"""Runs whose start or stop hid in a heater's edge.

When a split was not possible at the time, the run is decided afterwards:
a pump's edge hidden in a heater's rise waits (``_Pending``) for the
heater's own fall, which must account for the rest (the sum of an
appliance's cycle is zero, the rule behind Hart's finite-state appliance
models). Also the heaters' hand-overs (``_switch``) and unsure edges that
end a run or leave it unproven.
"""

from __future__ import annotations

import itertools
import math

from ..readings import DetectedRun
from .constants import (
    _BREW_HELD_S,
    _BREW_OFF_S,
    _FAST_GAP_S,
    _RAMP_REST_S,
    _RESUME_S,
    _SIZES_LEVEL,
    _SMALL_PUMP,
    _UNSURE,
    MAX_RUN_S,
    MIN_RUN_S,
)
from .records import _Pending, _Rise
from .run_end import _RunEnd
from .steps import _crossing, _Edge, _inside, _span

_ONTO_PUMP_LOW = 0.5
"""Of the pump's step over the standby: a level from here is the pump alone (``_fell_onto_pump``)."""
_ONTO_PUMP_HIGH = 1.6
"""... up to here: a rotary pump's inrush read with a heater's tail in one level."""


class _HiddenRuns(_RunEnd):
    """Runs whose start or stop hid in a heater's edge."""

    __slots__ = ()

    def _switch(
        self, edge: _Edge, signs: tuple[int, ...], measured: float, learn: bool = True
    ) -> list[DetectedRun]:
        """Follow the heaters through their part of an explained edge."""
        out: list[DetectedRun] = []
        alone = sum(1 for sign in signs if sign) == 1
        learn = learn and alone
        over = learn and self._over_heater_level(min(edge.before, edge.after))
        k = self._k
        for h, sign in zip(self._heaters, signs, strict=False):
            if sign > 0:
                size = measured * k if alone else h.size
                h.on = True
                h.on_size = size
                h.on_at = edge.at
                h.on_before = edge.before
                if learn:
                    h.learn(size)
                    h.seen = edge.at
                    h.over = h.over and over
            elif sign < 0:
                size = -measured * k if alone else (h.on_size if h.on else h.size)
                pending = self._pending
                if pending is not None and pending.heater is h and learn:
                    out += self._prove(pending, size / k)
                if self._run_heater is h and self._pump and learn:
                    # The heater that came with the pump went: its real size
                    # is known now, and so is the pump's share of that edge.
                    # (Other heaters' edges read since stay in ``_run_heat``:
                    # zeroed, a brew heater's rise in the shot was lost and
                    # the pump's fall never paired, dev seed 28,000,024.)
                    self._run_base = self._run_before + size + self._run_other
                    self._run_pure = True
                    self._run_heater = None
                h.on = False
                if learn:
                    h.learn(size)
                    h.seen = edge.at
                    h.over = h.over and over
        return out

    def _handed_over_at_start(self, signs: tuple[int, ...]) -> None:
        """The level before a run that started in a hand-over, less the heater that went off in it.

        When the heater that came on with the pump falls, the pump's level is
        the level before the rise and that heater (``_switch``); but if the
        other heater went off in the same edge (with brew priority the brew
        heater hands over to the waiting steam heater), the level before
        still holds it, and the pump's fall read about a kilowatt short of
        its step: the run was dropped (dev 22,000,049 every second, a dual
        boiler with a 162 W rotary pump, heaters of 963 and 1,259 W: 997,
        1,050, 1,301, 1,394, 1,510, 1,467 W, the steam heater's fall to 170 W,
        then 169, 978 W, the pump's stop as the brew heater came on again; an
        18.4 s shot lost).
        """
        if self._pump and self._run_heater is not None:
            for h, sign in zip(self._heaters, signs, strict=False):
                if sign < 0:
                    self._run_before -= h.size

    def _rise_fell(self, edge: _Edge) -> list[DetectedRun] | None:
        """A fall that ends a rise nothing explained (None: it does not)."""
        mag = -edge.delta
        p = self._pump_watts
        ptol = self._ptol()
        for rise in reversed(self._rises):
            rest = rise.at_scale(edge.k) - mag
            pending = self._pending
            if pending is not None and pending.rise is rise and pending.stop:
                if self._ran_on_in(pending, rest, edge):
                    # That heater alone, on and off: the pump ran on, the
                    # run as unsure as it was before the rise.
                    self._rises.remove(rise)
                    self._cluster(mag, cycle=True)
                    self._pending = None
                    self._pump = True
                    self._run_unsure = pending.unsure
                    return []
                ran = self._ran_on_to_own_stop(pending, rest, rise, edge)
                if ran is not None:
                    return ran
                if abs(rest + pending.watts) > ptol:
                    continue
                if self._stopped_in_fall(edge, pending):
                    return self._ran_on_to_fall(edge, rise, pending)
                # The heater's fall is its rise and the pump's step: the
                # pump stopped as the heater came on.
                self._rises.remove(rise)
                self._cluster(mag)
                self._pending = None
                if self._ambiguous or self._stop_in_rise_unsure(pending, rise):
                    return []
                if self._off_before_heater(pending.started, pending.ended):
                    return []  # (its stop read before the rise: dated late)
                return [DetectedRun(pending.started, pending.ended, pending.watts)]
            if abs(rest) <= ptol:
                # That heater alone, on and off.
                self._rises.remove(rise)
                self._cluster(mag, cycle=True)
                pending = self._pending
                if pending is not None and pending.rise is rise:
                    self._pending = None
                if self._pump:
                    self._run_heat += edge.delta * self._k
                return []
            if abs(rest - p) <= ptol and not self._started_in_fall(edge):
                # The rise held the pump's start as well.
                self._rises.remove(rise)
                self._cluster(mag)
                pending = self._pending
                if pending is not None and pending.rise is rise:
                    return self._prove(pending, mag)
                if not self._pump:
                    # ... and the pump runs on.
                    start = self._hidden_start(rise, mag, rest)
                    self._open_run(start, rest, True, rise.before + mag)
                    return []
                return []
        return None

    def _ran_on_to_own_stop(
        self, pending: _Pending, rest: float, rise: _Rise, edge: _Edge
    ) -> list[DetectedRun] | None:
        """The run that ran on through a heater's rise taken as hiding its stop, and stopped alone before the heater fell (every few seconds).

        At 120 V the mains move a heater by a tenth: its learnt size may
        fit the rise less the pump's step as well, and the pump is taken as
        stopped inside the rise (``_stopped_in``). The heater's fall, of
        the rise alone (a heater's cycle sums to nothing), says the pump
        did not stop there; a step of the pump's size down between them,
        from the rise's level to the fall's, read in the readings (whole
        levels on both sides, at most one partial reading between), is its
        stop (dev seed 20,000,013, a thermostat at 120 V, 176 W pump,
        heater learnt 1,339 W: 5, 54, 179, 507, 1,374, 1,380, 1,376,
        1,367, 1,204, 1,205, 1,033, 5 W, a 30.5 s shot lost). None when the
        readings are not so; else the run, or none when its kind is unsure.
        """
        if not self._seconds_apart or self._ambiguous:
            return None
        ptol = self._ptol()
        pump = pending.watts
        if abs(rest) > ptol:
            return None  # the heater's cycle does not sum to nothing
        high = rise.before + rise.at_scale(edge.k)  # the rise's level
        low = edge.before
        if abs(high - low - pump) > ptol:
            return None
        tol = self._tol_lv
        between = [w for w in self._recent if rise.pts[-2] <= w[0] <= edge.pts[2]]
        i, n = 0, len(between)
        while i < n and abs(between[i][1] - high) <= tol:
            i += 1
        if i == 0:
            return None
        last_high = between[i - 1][0]
        j = i
        while j < n and low + tol < between[j][1] < high - tol:
            j += 1
        if j - i > 1 or j >= n:
            return None
        if any(abs(w - low) > tol for _, w in between[j:]):
            return None
        t, w = between[i] if j > i else between[j]
        share = min(max((high - w) / pump, 0.0), 1.0) if j > i else 1.0
        at = t - share * (t - last_high)
        started = pending.started
        if started == self._run_at:
            started -= self._run_lead
        self._rises.remove(rise)
        self._cluster(-edge.delta, cycle=True)  # that heater alone, on and off
        self._pending = None
        if not MIN_RUN_S <= at - started <= MAX_RUN_S or self._near_kind_bound(
            at - started, math.hypot(self._run_spread, 0.5 * (t - last_high))
        ):
            return []
        return [DetectedRun(started, at, pump)]

    def _stopped_in_fall(self, edge: _Edge, pending: _Pending) -> bool:
        """Whether a heater's fall, which its rise and the pump's step make, shows the pump's stop.

        A heater's rise during a run that fits the heater alone and another
        heater with the pump stopping (``_unsure_stop``: a dual boiler's
        steam heater about the brew heater and a rotary pump) leaves the run
        going, unsure; the heater's fall, of the rise and the pump's step,
        fits the pump stopping at the rise as well as in the fall. Read every
        second or two, one switching reads partial in one reading at most
        (an averaging plug; a sampling one reads none): the steam heater
        alone falls so. Two partial readings (as ``_two_switches`` reads
        them, whatever the plug's window), one of them the level less the
        pump's step (the heater alone), are two switchings: the pump's stop,
        then the heater's fall. The pump ran on through the rise (dev seed
        21000019 every 2 s: 1,196, 1,014, 452, 5 W after a 1,005 W rise, a
        31.2 s shot read 6.7 s and 7.2 s twice). Read every few seconds by
        an energy meter, the heater alone may read whole in no reading:
        ``_stop_then_fall``.
        """
        if not self._pump or pending.started != self._run_at or self._on_change:
            return False
        if self._gap > _FAST_GAP_S:
            return self._stop_then_fall(edge, pending.watts) is not None
        partial = [edge.pts[i] for i in self._fall_partials(edge)]
        if not any(abs(a - b) > 3.0 for a, b in itertools.combinations(partial, 2)):
            return False
        alone = edge.before - pending.watts
        near = 0.25 * pending.watts
        return any(abs(w - alone) <= near for w in partial)

    def _fall_partials(self, edge: _Edge) -> list[int]:
        """Where an edge's partial readings are in ``pts``: past each level's noise, as ``_stopped_in_fall`` reads them (the last reading left out)."""
        pts = edge.pts
        levels = ((edge.before, pts[1]), (edge.after, pts[-1]))
        return [
            i
            for i in range(5, len(pts) - 2, 2)
            if all(
                abs(pts[i] - x) > self._past_noise(x) for pair in levels for x in pair
            )
        ]

    def _stop_then_fall(self, edge: _Edge, pump: float) -> float | None:
        """When the pump stopped, if an energy meter's two partial readings of a heater's fall show its stop first.

        Read every few seconds as averages over the whole interval (an
        energy meter's), the heater alone may leave no reading of its own
        level between the pump's stop and its fall: the first partial
        reading is the level less a share of the pump's step (no more than
        that step), which dates the stop inside its interval, the second a
        lower share of the heater. One switching reads partial once at
        most, and the steam heater alone (a hand-over at the rise, the
        pump stopped there) falls in one. None when the readings are not so.
        Dev seed 23000061 at 5 s: 1,240, 1,191, 170, 3 W after a 1,083 W
        rise (the brew heater; the steam heater less the pump 1,142 W): a
        28.1 s shot read as a 10.0 s flush. Dual boiler 5 s, dev seeds
        20M-29M: 1,150 -> 1,154 shots, false shots 10 -> 10; regression
        5M-9M: 600 shots, 13 false, the same lists.
        """
        if not self._averaging:
            return None  # a plug that samples reads no share
        idx = self._fall_partials(edge)
        if len(idx) != 2:
            return None
        pts = edge.pts
        first, second = pts[idx[0]], pts[idx[1]]
        lost = edge.before - first
        if not (second < first - 3.0 and 0.0 < lost <= pump + self._ptol()):
            return None  # (a reading over the level is a swell: it dates nothing)
        share = min(lost / pump, 1.0)
        return pts[idx[0] - 1] - share * _span(pts, idx[0] - 1, self._period)

    def _ran_on_to_fall(
        self, edge: _Edge, rise: _Rise, pending: _Pending
    ) -> list[DetectedRun]:
        """The run that ran on through a heater's rise and stopped in its fall (``_stopped_in_fall``)."""
        self._rises.remove(rise)
        self._pending = None
        pump = pending.watts
        at = self._stop_then_fall(edge, pump) if self._gap > _FAST_GAP_S else None
        if at is None:
            at = self._pump_at(edge.pts, edge.before, edge.delta + pump, -pump)
        self._stop(at)
        started = self._run_at - self._run_lead
        if (
            self._ambiguous
            or not MIN_RUN_S <= at - started <= MAX_RUN_S
            or self._kind_unsure(at - started, self._unseen(edge.pts, at))
        ):
            return []
        return [DetectedRun(started, at, pump)]

    def _ran_on_in(self, pending: _Pending, rest: float, edge: _Edge) -> bool:
        """Whether a heater's rise taken as hiding the pump's stop came and went alone.

        Read every second or two among a slow PID's pulses, a partial
        reading in a pulse's level may leave its rise short of the heater's
        size by about the pump's step: the pump is taken as stopped inside
        it (``_stopped_in``). A fall of the rise alone (the sum of the
        heater's cycle zero), back to the run's level, sooner than a user
        pauses between two runs (``_RESUME_S``, give or take the reading
        each end is dated by) is that heater alone on and off over the
        running pump: its stop and its restart would be two switchings
        each at one of the heater's. The run goes on.
        """
        ptol = self._ptol()
        return (
            not self._pump
            and self._gap <= _FAST_GAP_S
            and edge.at < self._ran_on_by(pending)
            and abs(rest) <= ptol
            and abs(edge.after - self._base - pending.watts) <= ptol
        )

    def _ran_on_open(self, before: float) -> bool:
        """Whether a stop hidden in a heater's rise in a run started ``before`` may yet be none.

        While its heater's fall may still come soon enough, and be decided
        (a level held after it), to show the pump ran on (``_ran_on_in``).
        """
        pending = self._pending
        return (
            pending is not None
            and pending.stop
            and pending.started < before
            and self._gap <= _FAST_GAP_S
            and self._last_at < self._ran_on_by(pending) + self._hold()
        )

    def _ran_on_by(self, pending: _Pending) -> float:
        """By when the heater's fall must come to show the pump ran on (``_ran_on_in``)."""
        return pending.ended + _RESUME_S + self._gap

    def _stop_in_rise_unsure(self, pending: _Pending, rise: _Rise) -> bool:
        """Whether a stop hidden in a heater's rise, read every few seconds, leaves the kind open.

        The pump's stop and the heater's rise inside one reading's interval
        (at most one partial reading between the two levels) are two
        switchings that one average holds: their shares sum to that
        reading, and the stop's date is a guess between them, up to half the
        interval off either way (two partial readings would date each). A
        run whose length lies that near a kind bound (a backflush pulse of
        10 s read 16 s) is withheld (``_kind_unsure``), and its readings are
        no run for the decoder to read.
        """
        if not self._seconds_apart:
            return False
        if not self._one_partial(rise.pts, rise.before, rise.before + rise.mag):
            return False
        if not self._kind_unsure(pending.ended - pending.started, 0.5 * self._period):
            return False
        # Read, if withheld: the decoder must not count it again (``_once``).
        self._remember(pending.started, pending.ended)
        self._withheld.append((pending.started, pending.ended))
        return True

    def _started_in_fall(self, edge: _Edge) -> bool:
        """Whether a heater's fall, read every few seconds, shows the pump starting in it.

        A fall to the pump's level fits a heater's rise that held the pump's
        start (the pump ran on) and the heater's fall with the pump starting
        as well. Had the pump run on, no reading of the fall would lie below
        its level; one well short of it (its first partial reading, or a
        vibratory pump ramping up) shows it was not running yet, and so does
        one at the standby (everything off: a thermostat's heater off, the
        pump on a reading later read 11 W over a 5.6 W standby, a 26.0 s
        shot then read from the heater's rise 100 s before, dev 22000044).
        Dev seeds 20M-29M at 5 s: 3 shots recalled (thermostat 2, heat
        exchanger 1), no false shot.
        """
        if self._gap <= _FAST_GAP_S:
            return False
        high = edge.after - max(0.25 * self._pump_watts, 6.0)
        return _inside(edge.pts, -math.inf, high) > 0

    def _unknown_heater(self, edge: _Edge) -> None:
        """A heater's edge that no known size explains.

        A fall to a lone partial reading that waited for the next in vain
        (``_lone_partial``) is no size: no heater is learnt from it (a heat
        exchanger's one heater would become two, a hand-over of which reads
        as the pump's step).
        """
        if edge.delta > 0:
            # A heater of a size not known yet, perhaps with the pump inside.
            rise = _Rise(edge)
            if self._pump:
                self._stopped_in(edge, rise)
            self._rises.append(rise)
            del self._rises[:-2]
            for h in self._heaters:
                if h.on is not True:
                    h.on = None
            return
        if self._pump:
            self._run_unsure = True
        for h in self._heaters:
            if h.on is not False:
                h.on = None
        if (
            not self._pump
            and not self._lone_partial(edge)
            and not self._fell_onto_pump(edge)
        ):
            self._cluster(-edge.delta)

    def _fell_onto_pump(self, edge: _Edge) -> bool:
        """Whether a fall from a known heater alone landed on the pump's level (every 1-2 s).

        A heater alone falls to the standby; a level about the pump's step
        over it is the pump come on in the fall's interval, so the fall is
        the heater's less the pump's and no heater's size. Read every 2 s,
        the heater's tail and a rotary pump's inrush may settle as one level
        of two readings between them (regression 9,000,059, a 198 W pump
        beside a 1,430 W heater: 1,422, 296, 308, 207 W): learnt, that size
        became a second heater whose hand-over with the first read as the
        pump's step, and four later shots were lost as unsure (5,000,027
        alike: 1,387, 237, 255, 7 W at a flush, a 25.8 s shot lost). Only
        a known heater's level before (a fall from a run's level is a
        heater's beside the pump), and only every 1-2 s.
        """
        if self._gap > _FAST_GAP_S or self._on_change:
            return False
        p = self._pump_watts
        share = (edge.after - self._base) / p
        if not _ONTO_PUMP_LOW <= share <= _ONTO_PUMP_HIGH:
            return False
        # (A heater-sized fall: its level before is never the standby's.)
        return self._known_level(edge.before)

    def _stopped_in(self, edge: _Edge, rise: _Rise, *, stop: bool = True) -> None:
        """A heater's rise during a run: perhaps the pump stopped inside it.

        When the rise and the pump's share of the level before it make a
        known heater's size, the run may have ended there: it waits for that
        heater's fall, which must be the rise and the pump's step (the sum
        of a heater's cycle is zero). Either way the run in progress is
        unsure from here.
        """
        unsure = self._run_unsure
        self._run_unsure = True
        if not self._run_pure or self._ambiguous:
            return
        watts = edge.before - self._run_level()
        p = self._pump_watts
        if abs(watts - p) > self._ptol():
            return
        size = (edge.delta + watts) * self._k
        if not any(
            h.weight >= 2.0 and abs(size - h.size) <= 0.05 * h.size
            for h in self._heaters
        ):
            return
        ended = self._pump_at(edge.pts, edge.before, edge.delta + watts, -watts)
        if not MIN_RUN_S <= ended - self._run_at <= MAX_RUN_S:
            return
        pending = _Pending(self._run_at, ended, watts, edge.delta * edge.k)
        pending.rise = rise
        pending.stop = True
        pending.unsure = unsure
        self._pending = pending
        # Followed as stopped: had it run on, its fall would come alone (an
        # orphan), and this rise would not prove it (unless the heater's fall
        # is the rise alone, soon: ``_ran_on_in``).
        if stop:
            self._stop(ended)

    def _unsure_stop(self, edge: _Edge) -> None:
        """A heater's rise during a run that fits with the pump stopping in it and without.

        Its fall will tell (``_stopped_in``): the rise and the pump's step
        when the pump stopped there. The run goes on, unsure as before: its
        own fall, if it comes first, says the pump ran on. Not on a plug
        reporting on change: a level held by silence may be a partial one.
        """
        if edge.delta < self._heater_min() or self._on_change:
            return
        rise = _Rise(edge)
        self._stopped_in(edge, rise, stop=False)
        pending = self._pending
        if pending is not None and pending.rise is rise:
            self._rises.append(rise)
            del self._rises[:-2]

    def _run_inside_rise(self, edge: _Edge) -> list[DetectedRun]:
        """A pump's whole run inside a heater's rise read every few seconds.

        The rise's readings never held a level between: yet one showed the
        pump alone over the level before (whole, within a tenth: a backflush
        pulse stopping half a second before a reading ends reads 90 % of
        its step, and the next pulse may start in the heater's partial
        reading), and a later one the pump over the level after (partial
        readings of the heater's one switching lie between the two levels,
        never a pump's step past them). The pump started and stopped inside
        the rise, dated by its share of the readings at each end (the stop
        within its reading's own interval: two readings of one value are
        one point of the edge, dev seed 27000053's 17.7 s shot read 14.0 s).
        A start no reading showed whole: ``_partial_alone``, a rotary pump's
        only. A small pump's step (vibratory, 3-5 % of the heater: within
        its drift) is read so when one reading showed it alone whole, over
        the standby the mains do not move (dev seed 23000036: an 18.0 s
        shot read 63 W over a 5 W standby, 1,137 W, 1,325 W, 1,301 W, the
        heater alone at 1,273 W). Thermostat every 5 s: dev 20M-29M 1,511
        -> 1,512 of 1,569, extra dev 66M-109M 6,593 -> 6,600 of 6,930,
        regression 5M-9M unchanged; no false shot added. Over a level off
        the standby learnt (by more than ``_tol_lv``) a small pump is not
        read so: its step is within such a move (thermostat, heat exchanger
        and dual boiler every 5 s, dev 20M-29M: unchanged, 1,512, 1,322 and
        1,161 shots, 9, 10 and 10 false).
        """
        p = self._pump_watts
        if (
            self._gap <= _FAST_GAP_S
            or self._ambiguous
            or self._on_change
            or edge.delta < self._heater_min()
        ):
            return []
        small = p < _SMALL_PUMP or p < 0.08 * edge.delta
        if small and abs(edge.before - self._base) > self._tol_lv:
            return []  # a small pump is read over the standby only
        pts = edge.pts
        ptol = self._ptol()
        before, after = edge.before, edge.after
        idx = range(4, len(pts), 2)
        alone = next((i for i in idx if abs(pts[i + 1] - before - p) <= 0.1 * p), None)
        over = [i for i in idx if abs(pts[i + 1] - after - p) <= ptol]
        started = None
        if alone is None and over and not small:
            alone, started = self._partial_alone(edge, over[0])
        if alone is None or not over or over[0] < alone:
            return []
        # Between, the heater's one partial reading at most (over the pump's
        # level); then the pump over the heater whole, reading after reading.
        if over[0] - alone > 4 or over[-1] - over[0] != 2 * (len(over) - 1):
            return []  # the pump off between: two runs, or none
        if over[0] - alone == 4 and not (
            before + p - ptol <= pts[alone + 3] <= after + p - ptol
        ):
            return []
        shares = [(i, (pts[i + 1] - after) / p) for i in idx if i > over[-1]]
        last = over[-1]
        for i, share in shares:
            if share < 0.15:
                break
            last = i
        share = min(1.0, (pts[last + 1] - after) / p)
        ended = pts[last] - (1.0 - share) * _span(pts, last, self._period)
        if started is not None and any(
            abs(pts[i + 1] - after) > self._tol_lv for i in idx if i > last
        ):
            return []  # the pump not off after (a heater's dip read as its stop)
        if started is None:
            started = self._step_at(pts[: alone + 2], before, p)
        if not MIN_RUN_S <= ended - started <= MAX_RUN_S or self._read_long(
            ended - started
        ):
            return []
        return [DetectedRun(started, ended, p)]

    def _partial_alone(self, edge: _Edge, over: int) -> tuple[int | None, float | None]:
        """A run inside a heater's rise whose pump no reading showed alone whole (``_run_inside_rise``).

        A rotary pump starting late in an interval reads part of its step
        there, or a faint share (past the standby's noise), and the heater
        it drew on comes on in the next: that reading lies over the pump's
        level yet under the heater's (the heater's partial reading, the
        pump on all through it), then the heater and the pump read whole
        (``over``). The first reading was no heater's partial one: the
        next would then hold the heater whole. Its share dates the start
        (dev seed 20000037: a 21.2 s shot read 170 W of a 189 W step, then
        963 W under a 996 W heater's level, then 1,203 W). The pump may
        have paused inside the heater's partial reading (two flushes 3.5 s
        apart, heat exchanger 20000013 calibrated once: 154 W of 188 W,
        694 W, then 1,438 W, 30 W short of the pump over the heater): the
        first reading over the heater must hold the pump whole, within a
        tenth (as the pump alone's). (None, None) when the readings are
        not so.
        """
        pts = edge.pts
        before, after = edge.before, edge.after
        p = self._pump_watts
        ptol = self._ptol()
        i = over - 4
        if i < 2:
            return None, None
        first = pts[i + 1] - before
        heater = pts[i + 3]
        if not (
            self._past_noise(before) <= first < 0.9 * p
            and before + p + ptol < heater < after - self._tol_lv
            and abs(pts[i - 1] - before) <= self._past_noise(before)
            and abs(pts[over + 1] - after - p) <= 0.1 * p
        ):
            return None, None
        return i, _crossing(pts, i, before, p, window=self._window, gap=self._period)

    def _unsure_fall(self, edge: _Edge) -> None:
        """A fall of the pump's step during a run, that a heater's switching fits as well.

        Read every few seconds, a pump whose step stands out of the heaters'
        (``_stands_out``) and whose start showed it alone: the fall may be its
        stop, which the run's end at the standby will tell
        (``_ended_at_unsure_fall``).
        """
        p = self._pump_watts
        if (
            self._gap > _FAST_GAP_S
            and edge.delta < 0.0
            and self._run_pure
            and abs(self._run_before) <= self._tol_lv
            and abs(-edge.delta - p) <= self._ptol()
            and p >= _SMALL_PUMP
            and not self._on_change
            and p >= 0.08 * (edge.after - self._base)
        ):
            self._run_fell = edge.at

    def _ended_at_unsure_fall(self, edge: _Edge) -> list[DetectedRun]:
        """The run that a fall to the standby shows ended at an unsure fall of the pump's step.

        The run started alone from the standby; a fall of the pump's step
        (``_unsure_fall``) left a known heater alone on, which now falls by
        its own size to the standby: the pump was off before it, and that
        fall was its stop (the only edge of the run a stop fits).
        """
        if not self._pump or self._run_fell <= self._run_at or edge.delta >= 0.0:
            return []
        p = self._pump_watts
        base = self._base
        if edge.after - base > 0.5 * p or self._ambiguous:
            return []
        rest = edge.before - base
        tol = min(0.5 * self._ptol(), self._tol_lv + 0.02 * rest)
        if not any(abs(rest - size) <= tol for size in self._known_heaters):
            return []
        ended = self._run_fell
        if not MIN_RUN_S <= ended - self._run_at <= MAX_RUN_S:
            return []
        run = DetectedRun(self._run_at, ended, self._run_w)
        self._stop(ended)
        self._version += 1  # explained again with the pump off
        return [run]

    def _between_hand_overs(self, edge: _Edge, how: int) -> list[DetectedRun]:
        """The run between an unsure rise and fall of the pump's step over the brew heater alone.

        A dual boiler's steam heater may draw about its brew heater and a
        rotary pump: over the brew heater alone, the pump's start fits the
        brew heater handing over to the steam heater as well, and its stop
        the steam heater handing back (both unsure, no run; dev 26,000,035
        every 2 s: a 1,037 W brew heater, a 194 W pump, the steam heater
        1,220 W; 1,038, 1,226, ... 1,222, 1,036 W, a 25 s shot lost three
        times). Handing back needs the brew heater to call again, and off at
        idle its thermostat stays off far longer than a shot
        (``_BREW_OFF_S``): a rise and the next edge, a fall of the same step
        back to the brew heater's level within that time, are the pump's.
        Only with both heaters' sizes sure and the level before the rise the
        smaller heater alone (``_two_sure_heaters``, read with volts every
        second or two or on change); a run whose kind the edges' dates
        leave open is not read; nor a rise from a level that held less than
        ``_BREW_HELD_S`` (the brew heater just after a run), nor edges with a
        reading out of their levels (``_strays_out``: two switchings apart).
        """
        rise = self._unsure_rise
        self._unsure_rise = None
        before = self._edge_ats[0]  # (the edge before this one)
        if how != _UNSURE or self._pump or self._ambiguous:
            return []  # (counting paused while the noise is ambiguous)
        p = self._pump_watts
        ptol = self._ptol()
        if abs(abs(edge.delta) - p) > ptol or self._strays_out(edge):
            return []
        if edge.delta > 0.0:
            sure = self._two_sure_heaters()
            if sure is not None:
                small = sure[0].size / self._k
                if (
                    abs(edge.before - self._base - small) <= _SIZES_LEVEL * small
                    and edge.at - before >= _BREW_HELD_S
                ):
                    self._unsure_rise = edge
            return []
        if rise is None:
            return []
        ran = edge.at - rise.at
        if (
            not MIN_RUN_S <= ran <= _BREW_OFF_S
            or abs(edge.after - rise.before) > ptol
            or abs(edge.delta + rise.delta) > ptol
            or self._kind_between(ran - self._period, ran + self._period)
        ):
            return []
        return [DetectedRun(rise.at, edge.at, 0.5 * (rise.delta - edge.delta))]

    def _strays_out(self, edge: _Edge) -> bool:
        """Whether a reading inside an edge lies half the pump's step or more outside both its levels.

        The pump switching beside a heater leaves its partial readings
        between the two levels (a rotary pump's inrush over the upper one by
        a third of its step at most); one under both is a heater off before
        the other came on, two switchings apart, no pump's (regression
        5,000,011 every 2 s: the steam heater 1,221 W, then 562, then the
        brew heater's 1,036 W); one over both, a heater back on a moment.
        """
        half = 0.5 * self._pump_watts
        low, high = sorted((edge.before, edge.after))
        pts = edge.pts
        return any(
            pts[i] < low - half or pts[i] > high + half for i in range(5, len(pts), 2)
        )

    def _prove(self, pending: _Pending, size: float) -> list[DetectedRun]:
        """The heater that hid a run's start fell: the rest of its rise was the pump."""
        self._pending = None
        rest = pending.mag / self._k - size
        if abs(rest - pending.watts) > self._ptol() or self._ambiguous:
            return []
        return [DetectedRun(pending.started, pending.ended, pending.watts)]

    def _ramp_beside_heater(self, edge: _Edge) -> list[DetectedRun] | None:
        """A known heater's edge just after the run's start, the rest of the pump's ramp in it.

        A vibratory pump ramps up over seconds: when a heater switches
        before the ramp is done, its edge holds the ramp's rest (Hart: an
        edge is the sum of what switched). One heater only may fit, the rest
        no more than the run's rise still lacks of the pump's step. None
        when it does not fit (the edge is then what it was before).

        On change, "just after" is the level's last reading: a plug sends a
        reading once it moved by its threshold, and the ramp's last steps,
        each under it, may go unsent for as long as the level holds. Dev
        20,000,054 (a dual boiler, a 62 W vibratory pump): 20.1, 45.9,
        57.2 W, then silence; the brew heater came on 15 s later (783,
        1,029 W), its rise 15 W over its size, and the run's level was lost
        (the 36.8 s shot with it). On change, dev 20M-29M: shots, dual
        boiler 1,551 -> 1,552, heat exchanger 1,561 -> 1,562 (26,000,062,
        the same), thermostat 1,562 -> 1,563; regression 5M-9M thermostat
        782 -> 783; 150M-157M 4,885 -> 4,890 (five families); slow and fast
        PID unchanged, no false shot.
        """
        last_read = edge.pts[2] if self._on_change else edge.at
        if (
            not (self._pump and self._run_pure)
            or last_read - self._run_at > _RAMP_REST_S
        ):
            return None
        p = self._pump_watts
        room = p + self._ptol() - self._run_w  # what the ramp may still add
        k = self._k
        fits: list[tuple[int, float, float]] = []
        for i, h in enumerate(self._heaters):
            if h.weight < 2.0 or h.on is None:
                continue
            heat = -h.on_size / k if h.on else h.size / k
            rest = edge.delta - heat
            if -h.tol(0.4 * p) <= rest <= room:
                fits.append((i, heat, rest))
        if len(fits) != 1:
            return None
        i, heat, rest = fits[0]
        signs = tuple(
            (1 if heat > 0.0 else -1) if j == i else 0
            for j in range(len(self._heaters))
        )
        out = self._switch(edge, signs, heat, learn=False)
        self._run_heat += heat * k
        self._run_w += rest
        return out
