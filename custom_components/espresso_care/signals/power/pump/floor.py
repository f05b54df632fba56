"""The pump's floor among a slow PID's short heater pulses.

A PID driving its heater in a slow time-proportional window pulses it so
often that no level holds for the edges. The readings' floor still shows
the pump: readings of the pump alone between the pulses, agreeing, make a
run (``_floor_run``), counted unless the edges decided it.
"""

from __future__ import annotations

import itertools
import math

from ..readings import DetectedRun
from .constants import (
    _CEILING_NEAR,
    _CEILING_NEAR_W,
    _CEILING_READ,
    _CEILING_S,
    _EPS,
    _FLOOR_AGREE,
    _FLOOR_DRIFT,
    _FLOOR_GAP,
    _FLOOR_HELD,
    _FLOOR_HITS,
    _FLOOR_LATE,
    _FLOOR_NEAR_BOUND_S,
    _FLOOR_PULSE,
    _FLOOR_SAME_START_S,
    _FLOOR_SHARE_S,
    _FLOOR_STAMPS_S,
    _FLOOR_STEADY_HITS,
    _FLOOR_WHOLE_WINDOW,
    _PAUSE_FLOOR,
    _STAMP_LATE,
    MAX_RUN_S,
    MAX_WATTS,
    MIN_RUN_S,
)
from .steady_states import _SteadyStates


class _FloorRuns(_SteadyStates):
    """Runs read from the readings' floor among a slow PID's pulses."""

    __slots__ = ()

    def _floor_runs(
        self, runs: list[DetectedRun], at: float | None, watts: float | None
    ) -> list[DetectedRun]:
        """``runs``, less any counted by the floor already, and a run the floor decides.

        A slow PID's window of two or three seconds, read every second or
        two, seldom holds a level: the live noise check makes the detector
        ambiguous, or a stop hides among the pulses, and it counts nothing.
        A heater only adds to the pump's level: read by the readings' floor
        (``_floor_reading``), the pump's runs still show. The edges date a
        run better: the floor's run waits while they follow one (a run open,
        one to confirm, or one whose stop hid in a heater's rise that may
        yet prove none: ``_ran_on_open``), and is dropped when they decide
        one over it. Each run is counted once.

        Only on a plug read every second or two, or on change: every few
        seconds a slow PID's window averages into each reading and its
        calibration is refused; there, leaving the floor out lost one shot
        of 18,906 over 24 seeds (the bench seed, 1M-9M, 20M-29M, 62M-65M:
        one of a slow PID's that calibrated, 22000036), changed no other
        run, and saves a seventh of the detector's time. The live noise
        check's ``_floor_explains`` reads the floor's last standby reading:
        there, unfollowed, it explains no step, and a PID's pulses count as
        noise (a pause, never a run). ``at`` and ``watts`` are the reading
        the floor follows: None from ``advance``, and from ``feed`` on a
        plug read every few seconds (which asks ``_seconds_apart`` once
        for both).
        """
        floor = self._floor
        held = floor.held
        followed = at is not None
        if not runs and held is None and not followed:
            return runs  # (``advance`` with nothing decided: most calls)
        out = [r for r in runs if r.ended <= floor.since or r.started >= floor.until]
        for run in out:
            floor.edges = max(floor.edges, run.ended)
            if held is not None and max(run.started, held.started) < min(
                run.ended, held.ended
            ):
                if self._shot_over_flush(held, run, out) or self._floor_saw_stop(
                    held, run, out
                ):
                    out = [r for r in out if r is not run] + self._floor_count(held)
                held = None  # the edges decided it
        if at is not None:
            decided = self._floor_reading(at, watts)
            if decided is not None:
                if held is not None:
                    out += self._floor_count(held)
                held = decided
        if held is not None and not (
            self._confirm is not None
            or (self._pump and self._run_at < held.ended)
            or self._ran_on_open(held.ended)
        ):
            out += self._floor_count(held)
            held = None
        floor.held = held
        return out

    def _shot_over_flush(
        self, held: DetectedRun, run: DetectedRun, runs: list[DetectedRun]
    ) -> bool:
        """Whether the floor's run ``held`` is a shot the edges' ``run`` inside it cut short.

        The floor decides a run only when its readings place it on one side
        of every kind bound (``_floor_run``): ``floor.sure`` long at least
        (the bound itself, for a run placed past it by ``_past_bound``: dev
        21000050 every 2 s, an 18.6 s shot sure for 13.22 s by the floor,
        cut to a 14.2 s flush by the edges, now 5813.7-5834.7 s).
        The edges read the pump's level from its edges, which a heater's
        pulse hides: inside the floor's run, one run of theirs shorter than
        a bound the floor's run is sure to pass read the pump's first or
        last seconds as a heater's, and the floor's run is the whole of it
        (regression 5000010 every 2 s: a 25.5 s shot of a 54 W pump, read
        alone at 57 W from 6309.6 s to 6325.6 s among the heater's pulses,
        sure for 17 s by the floor, cut to a 14.0 s flush by the edges,
        6309.6-6323.6 s). Inside it up to the reading that showed it off
        (``floor.off_by``), not only to its end: the floor ends its run
        halfway from its last reading of the pump to that one, a guess, and
        the edges may date the stop at that reading itself (dev 26000043
        every 2 s: a 15.1 s shot, 3980.6-3995.7 s, held by the floor
        3980.4-3996.4 s, off at 3997.4 s, cut to a 14.0 s flush
        3983.4-3997.4 s; dev 20M-29M: 2 shots more every 2 s, none every
        second or on change; 5M-9M and 150M-157M every 2 s: the same runs;
        no false shot more, none lost). Not when another run of the edges'
        overlaps it (the edges may have read a pause the floor did not),
        nor while counting is paused.
        """
        latest = max(held.ended, self._floor.off_by)
        if self.ambiguous or not held.started <= run.started <= run.ended <= latest:
            return False
        if self._other_edges_run(held, run, runs):
            return False
        sure, length = self._floor.sure, run.ended - run.started
        return any(length < bound <= sure for bound in self.kind_bounds)

    def _floor_saw_stop(
        self, held: DetectedRun, run: DetectedRun, runs: list[DetectedRun]
    ) -> bool:
        """Whether the floor's run ``held`` dates the stop the edges' ``run`` over it read late.

        Among a slow PID's pulses the edges may hold a run past its stop
        until a reading falls near the standby, which a heater held long
        after a shot (its cold water) seldom lets one read; the floor reads
        the stop between its last reading of the pump and the reading that
        showed it off (``floor.off_by``: the heater alone twice, the run's
        peak less the pump's step, a reading under the step). When the
        edges' run starts with the floor's (within ``_FLOOR_SAME_START_S``)
        and stops at that reading or after it, and both are of one kind
        (no bound of ``kind_bounds`` between the floor's sure length and
        the edges' length: the run's kind stays as the edges read it), the
        floor's run is the run. Dev 20000042 every 2 s: a 32.2 s shot
        (3684.9-3717.2 s) of a 61 W vibratory pump under a 1,108 W heater
        pulsing in a 3.0 s window, the pump's last reading with the heater
        whole 1,154.3 W at 3711.6 s, the heater alone 1,097.4 W and 1,087.9 W
        at 3723.6 and 3729.6 s; the floor held 3686.6-3717.6 s, the edges
        read 3685.6-3761.6 s, stopped at 38.1 W, the first reading under the
        pump's step. Only among a PID's pulses (``_pulsing``): a heater
        held on through a run (a heat exchanger's, the floor's run read by
        ``_held_pulses``) leaves the edges its levels, and they date its
        stop better (heat exchangers every second, every 2 s and on
        change, the edges' stops 0.0-4.0 s after the floor's off reading:
        dev 20M-29M 10 shots, 8 dated 0.4-5.5 s worse by the floor, 1 3.0 s
        better; 5M-9M 4, 3 worse, 5000000 every second 64.0 s short). Not
        when another run of the edges' overlaps the floor's
        (``_other_edges_run``), nor while counting is paused. Slow PID, duration error p95 every second, every 2 s, on
        change: dev 20M-29M 4.12, 10.77, 4.02 s to 3.58, 6.64, 3.39 s;
        5M-9M 4.03, 10.52, 5.02 s to 3.42, 6.81, 3.78 s; 150M-157M 3.68,
        10.07, 4.30 s to 3.48, 6.61, 3.92 s; no shot or false shot more or
        fewer, no other family's run changed.
        """
        off_by = self._floor.off_by
        if self.ambiguous or not held.ended <= off_by <= run.ended:
            return False
        if not self._pulsing(run.ended):
            return False  # a heater held through the run: the edges read it
        if abs(run.started - held.started) > _FLOOR_SAME_START_S:
            return False
        if self._other_edges_run(held, run, runs):
            return False
        sure, length = self._floor.sure, run.ended - run.started
        return not self._kind_between(min(sure, length), max(sure, length))

    @staticmethod
    def _other_edges_run(
        held: DetectedRun, run: DetectedRun, runs: list[DetectedRun]
    ) -> bool:
        """Whether a run of the edges' besides ``run`` overlaps the floor's ``held``.

        The edges may have read a pause the floor did not: their runs stand.
        """
        return any(
            r is not run and r.started < held.ended and r.ended > held.started
            for r in runs
        )

    def _floor_count(self, run: DetectedRun) -> list[DetectedRun]:
        """A run the floor decided, counted now; none while counting is paused.

        The live noise check pauses counting by power (``ambiguous``, with a
        repair issue that says so): never count while unsure.
        """
        self._floor.since, self._floor.until = run.started, run.ended
        self._quiet = False
        return [] if self.ambiguous else [run]

    def _floor_reading(self, at: float, watts: float | None) -> DetectedRun | None:
        """Follow the readings' floor; the run it decides at a reading, if any.

        Below half the pump's step over the standby, the pump was off for half
        the reading at least; once a reading showed the pump alone or the heater
        whole with it, below ``_PAUSE_FLOOR`` of the step. From such a reading,
        readings over it all along are a run when several read the pump's level
        alone (a heater's partial readings hit it by chance only), or once at
        least, the rest the heater whole with the pump (``_whole_with_pump``). A
        level that holds at a known heater's without the pump
        (``_heater_alone``), read twice in a row or apart (``_heater_apart``),
        or readings back at the run's peak less the pump's step
        (``_under_peak``), show it off as well; a known heater's level held with
        the pump shows it on (``_heater_with_pump``), and so do readings a
        step over the heater read alone at the end (``_note_over_alone``) or
        read whole before the run (``_note_over_ceiling``). The
        stop hides among the pulses between the last reading that showed it
        on and the first that shows it off (``_floor_run``).

        A reading that repeats the one before to the tenth of a watt is a
        stale meter's (``decoder.stale_repeats``): it is not a second
        reading, and the rules of two readings that agree (``_heater_alone``,
        ``_heater_apart``, ``_under_peak``) do not end the run on it; a
        heater whole read twice still does, one reading later. Dev 21000009
        every second: a 94.6 s shot (9094.7-9189.3 s) of a 173 W pump,
        the heater whole with it at 1,505 W; a pulse's partial reading,
        1,322.9 W at 9128.02 s, repeated at 9129.02 s, read as the heater
        alone twice, ended the run at 9127.5 s, 61.7 s short (now
        9094.4-9187.1 s). With ``_whole_in_run``, slow PID: dev 20M-29M
        1 shot more (23000009 every second), 21 dated better, 9 worse (by
        4.1 s at most: 23000009 every second, 28000058 every 2 s); 5M-9M
        the same shots, 9 better, 5 worse; 150M-157M 2 more every 2 s
        (150000027, 150000035), 10 better, 7 worse; no false shot more.
        The cost: the heater's own level repeated is waited for once more
        (152000058 every 2 s, 1,313.6 W at 9951.04 and 9953.03 s, the
        stop 9.0 s late; 7000018 every 2 s, 7.0 s later). Duration error
        p95 every second, every 2 s: dev 3.60, 6.64 s to 3.43, 6.20 s;
        5M-9M 3.38, 6.81 s to 3.15, 6.81 s; 150M-157M 3.47, 6.61 s to
        3.37, 6.55 s; on change the same. Other families every 1-2 s and
        on change: dev 20M-29M and 5M-9M shot by shot the same (the fast
        PID refused as before).
        """
        floor = self._floor
        prev, floor.read = floor.read, at
        if watts is None or not 0.0 <= watts <= MAX_WATTS:
            floor.start = None
            return None
        p = self._pump_watts
        # (The standby and its share of the time are followed here, not in
        # methods of their own: this runs on every reading of a plug read
        # every second or two, or on change, where the calls cost more than
        # the sums.) The standby under a slow PID's pulses is the readings'
        # lowest, drifting up slowly (``_FLOOR_DRIFT``): the level an
        # ambiguous detector last settled at may be a pulse's; the standby is
        # what the readings fall back to between pulses.
        # (``min`` and ``max`` written out, here and below: the same values.)
        since = at - floor.at
        base = floor.base + _FLOOR_DRIFT * (since if since > 0.0 else 0.0)
        base = watts if watts < base else base
        if watts - base <= 6.0:
            base += 0.1 * (watts - base)
        floor.base, floor.at = base, at
        rest = watts - base
        share = 0.15 * p
        alone = rest <= (share if share > 6.0 else 6.0)  # the standby read alone
        # The share of the recent time the standby held alone
        # (``_Floor.standby``): the time since the last reading was the
        # standby's if this reading reads it alone (its average), or the last
        # one did (a plug reporting on change says nothing while it holds; a
        # slow PID's pulse read in one reading between readings of the
        # standby leaves its share high).
        since = at - prev
        keep = math.exp(
            -(_FLOOR_SHARE_S if since > _FLOOR_SHARE_S else since) / _FLOOR_SHARE_S
        )
        floor.standby = keep * floor.standby + (1.0 - keep) * (
            1.0 if alone or floor.quiet == prev else 0.0
        )
        ends = rest < (_PAUSE_FLOOR if floor.hits or floor.whole else 0.5) * p
        if floor.start is not None and self._floor_lost(at):
            floor.low = -math.inf
            if not ends:
                # A pause may hide unread. (Not when this reading ends the
                # run: it ran to its last reading that showed it on at least,
                # from the last reading before it at most, lost or not.)
                floor.start = None
        if floor.start is not None and at - floor.start > MAX_RUN_S:
            floor.start = None  # too long for a run
            floor.low = -math.inf
        held = floor.last  # the reading before (``_anchor_at_heater``)
        if rest >= _FLOOR_PULSE:
            self._note_heat(at, rest)
        if floor.start is None:
            floor.last, floor.last_at = watts, at
        # Once a reading showed the pump alone, one short of its step (past
        # its wobble) shows it off for part of the reading: a heater only adds.
        # So does a reading of the heater whole with it (``_whole_with_pump``):
        # dev 28000003 every 2 s, two flushes 16 s apart, the first read only
        # so, then 98 W and 77 W over the standby for a 139 W pump, made one
        # 25 s shot.
        if ends:
            decided = self._floor_run(at) if floor.start is not None else None
            floor.start = None
            if alone:
                floor.quiet = at
            if rest < 0.5 * p or at - floor.low <= 2.0 * self._floor_next():
                # The pump off for half the reading at least (the standby
                # alone, or a vibratory pump's ramp, even after a heater's
                # partial readings: seed 22000024 every 1 s), or a partial
                # reading a reading or two after it (the pump's ramp, perhaps
                # after a heater's partial reading at its level by chance).
                floor.low = at
            return decided
        # (Once a reading showed the pump, ``_anchor_at_heater`` starts no run
        # anew: not asked then.)
        shown = bool(floor.hits or floor.whole)
        fresh = watts != floor.last  # (a stale repeat is no second reading)
        if floor.start is None:
            if at - floor.low > self._floor_next() and not self._standby_held(prev):
                if not shown:
                    self._anchor_at_heater(at, watts, held)
                return None  # no reading just before: the start is not seen
            share = min(1.0, rest / p)
            floor.start = max(floor.low, at - share * min(1.0, self._period))
            floor.before = floor.low
            floor.first = at
            floor.hits.clear()
            floor.levels.clear()
            floor.whole.clear()
            floor.tops.clear()
            floor.over.clear()
            floor.pulses = 0
            floor.on = floor.peak = floor.alone = floor.apart = -math.inf
        elif (
            shown
            and fresh
            and self._heater_alone(watts, floor.last)
            and not self._past_heater_whole(watts, floor.last)
        ):
            self._note_over_alone(watts, floor.last_at)
            decided = self._floor_run(floor.last_at)
            floor.start = None
            return decided
        elif (
            shown
            and fresh
            and self._heater_apart(at, watts)
            and not self._past_heater_whole(watts, floor.apart)
        ):
            self._note_over_alone(watts, floor.apart_at)
            decided = self._floor_run(floor.apart_at)
            floor.start = None
            return decided
        elif not shown and self._anchor_at_heater(at, watts, floor.last):
            floor.last, floor.last_at = watts, at
            return None
        elif floor.hits and fresh and self._under_peak(at, watts):
            self._note_over_alone(watts, floor.alone_at)
            decided = self._floor_run(floor.alone_at)
            floor.start = None
            return decided
        if rest >= p + _FLOOR_PULSE:
            floor.tops.append((at, watts, self._v_last))
        if abs(rest - p) <= 0.1 * p + self._slack():
            floor.hits.append(at)
            floor.levels.append(rest)
            floor.apart = floor.alone = -math.inf
        elif self._whole_with_pump(rest):
            floor.whole.append(at)
            floor.apart = floor.alone = -math.inf
        elif floor.hits and self._heater_with_pump(watts, floor.last):
            floor.on = at
        if abs(watts - floor.last) >= _FLOOR_PULSE:
            floor.pulses += 1  # a heater's edge within a reading or two
        floor.last, floor.last_at = watts, at
        return None

    def _standby_held(self, prev: float) -> bool:
        """Whether the silence since the last reading, the standby alone, held it.

        A plug reporting on change says nothing while the standby holds:
        the pump started within a reading of the one that shows it.
        """
        floor = self._floor
        return prev == floor.low == floor.quiet and floor.read - prev <= _FLOOR_HELD

    def _floor_lost(self, at: float) -> bool:
        """Whether a reading was lost since the last one, which was no state's.

        Silence after a state of the machine (the pump alone, a known heater
        with it or without) is that state held (a plug reporting on change);
        after a pulse's partial reading, which no level holds, a reading was
        lost, and the pump may have paused unread. Such a pause parts the
        floor's run only if a reading after it still shows the pump on
        (``_floor_reading``): lost after the run's last reading of the pump,
        it changes nothing of what its readings showed. Dev 21000031 on
        change: a 26.0 s shot (5098.4-5124.4 s), its pump read alone from
        5099.03 to 5121.01 s, a partial reading at 5125.01 s (1216.9 W, the
        pump's stop in it) and the next one lost, then 55.0 W at 5131.02 s:
        it was read by nothing.
        """
        floor = self._floor
        if at - floor.last_at <= 2.0 * self._floor_next():
            return False  # one reading lost at most: too short for a pause
        if floor.hits and floor.hits[-1] == floor.last_at:
            return False
        last = floor.last
        return not (
            self._known_level(last) or self._known_level(last - self._pump_watts)
        )

    def _under_peak(self, at: float, watts: float) -> bool:
        """Whether readings come back at the run's peak less the pump's step.

        A heater's pulse read whole tops the readings: with the pump, at
        the run's peak. Two readings that agree at the peak less the pump's
        step read the heater whole without the pump: it stopped by the
        first of them (``floor.alone_at``). A reading of the pump's level
        (alone, or with the heater whole) between them shows it on after
        the first, a heater's partial reading beside the pump that fell
        there: ``_floor_reading`` forgets it (``floor.alone``), and the pair
        starts anew (dev 27000019 every 2 s: a 24.1 s shot, 7413.4-7437.5 s,
        of a 152 W pump under a 1,222 W heater, its peak 1,374.6 W at
        7423.3 s, 1,239.3 W at 7427.3 s with the heater 94 % on, the pump
        alone at 7429.3 s, 1,251.7 W at 7437.3 s: ended at 7427.3 s, a
        14.0 s flush). Dev 20M-29M every 2 s: 1 shot more, none every
        second or on change; 5M-9M: 1 more every second (9000017), none
        every 2 s; 150M-157M every 2 s: a false shot fewer (155000051:
        flushes of 2.2, 5.9 and 4.8 s, 12193.9-12213.7 s, read as one
        16.1 s shot); no false shot more, none lost.
        """
        floor = self._floor
        p = self._pump_watts
        if watts - floor.base < p + _FLOOR_PULSE or at - floor.first < _FLOOR_LATE:
            return False  # no heater whole, or a rotary pump's inrush in the peak
        if watts > floor.peak:
            floor.peak = watts
            return False
        if abs(floor.peak - p - watts) > self._ptol():
            return False
        if abs(watts - floor.alone) <= self._still(watts):
            return True
        floor.alone, floor.alone_at = watts, at
        return False

    def _note_over_alone(self, watts: float, until: float) -> None:
        """Note the run's readings before ``until`` a pump's step over the heater read alone at ``watts``.

        A heater only adds up to its own size: two readings that agree at
        it without the pump (``_heater_alone``, ``_heater_apart``,
        ``_under_peak``; the first of them at ``until``) read that
        size, and a reading past it by the pump's step, at its own volts,
        is the heater whole with the pump, as ``_whole_with_pump`` reads it
        for a heater learnt over three cycles (a slow PID's heater, whose
        pulses seldom hold a level, is learnt seldom). The pump ran then
        (``floor.over``), which dates the run only (``_floor_run``): dev
        22000006 on change, a 24.8 s shot read from 13 s (its readings
        alone) to 26 s and withheld, 1365.0 W at 2320.0 s a step over the
        heater's 1300 W read twice after it. Dev 20M-29M: 9 shots more (7 on
        change, 2 every second), none fewer, no false shot more; joined to
        the readings alone in ``_floor_run``'s gap check, an 80.8 s shot
        with a 46 s gap between them was lost (28000011 every 2 s).
        """
        floor = self._floor
        base, p, volts = floor.base, self._pump_watts, self._v_last
        heater = watts - base
        for at, w, v in floor.tops:
            scale = (v / volts) ** 2 if v and volts else 1.0
            if at < until and abs(w - base - heater * scale - p) <= self._ptol():
                floor.over.append(at)

    def _note_heat(self, at: float, rest: float) -> None:
        """Keep a heater's reading (``rest`` over the standby) for ``_ceiling``, at the reference volts.

        Not once a reading showed the pump in the floor's run: the pump may
        be in the rest of them too.
        """
        floor = self._floor
        volts = self._v_last
        if rest < _FLOOR_PULSE or not volts or not self._vref2:
            return
        if floor.start is not None and (floor.hits or floor.whole):
            return
        floor.heats.append((at, rest * self._vref2 / (volts * volts)))

    def _ceiling(self) -> float | None:
        """The heater's whole size before the floor's run, at the reference volts; None if unread.

        A heater only adds up to its own size: the top of its readings in
        the ``_CEILING_S`` before the run, read alike ``_CEILING_READ``
        times (to the meter's noise) with none over them, is the heater
        whole; a pulse's partial readings scatter under it. A slow PID's
        heater, whose pulses seldom hold a level, is seldom learnt by the
        edges (``_whole_with_pump``), but its pulses longer than a reading
        read it whole again and again. A run of the pump hidden under the
        heater (no reading of it alone) may have read the heater and the
        pump: that only raises the top, and reads nothing over it.
        """
        floor = self._floor
        since = floor.first - _CEILING_S
        return self._top_read_alike(
            [w for t, w in floor.heats if since <= t < floor.first]
        )

    @staticmethod
    def _top_read_alike(levels: list[float]) -> float | None:
        """The top of ``levels`` read alike ``_CEILING_READ`` times (to the meter's noise); None if not.

        A pulse's partial readings scatter under a heater's whole level.
        """
        if len(levels) < _CEILING_READ:
            return None
        top = max(levels)
        near = _CEILING_NEAR_W + _CEILING_NEAR * top
        alike = sorted(w for w in levels if top - w <= near)
        if len(alike) < _CEILING_READ:
            return None
        return alike[len(alike) // 2]

    def _whole_in_run(self) -> float | None:
        """The heater's whole size read in the floor's run with the pump, at the reference volts; None if unread.

        The run's readings of the heater whole and the pump
        (``_whole_with_pump``: ``floor.whole``, among ``floor.tops``) less
        the pump's step, their top read alike ``_CEILING_READ`` times
        (``_top_read_alike``), as ``_ceiling`` reads the heater alone
        before the run.
        """
        floor = self._floor
        vref2, p, base = self._vref2, self._pump_watts, floor.base
        whole = set(floor.whole)
        return self._top_read_alike(
            [
                (w - base - p) * vref2 / (v * v)
                for at, w, v in floor.tops
                if v and at in whole
            ]
        )

    def _note_over_ceiling(self) -> None:
        """Note the run's readings a pump's step over the heater read whole before it (``_ceiling``).

        As ``_note_over_alone`` reads them against the heater alone after
        the run: past the heater whole, at the reading's own volts, by the
        pump's step (to a tenth of it, the meter's noise and what an
        on-change plug leaves unsaid), a reading is the heater and the
        pump whole, and the pump ran then (``floor.over``, which dates the
        run only). Dev 26000030 on change: a 23.1 s shot (3860.2-3883.3 s)
        of a 47 W vibratory pump, its readings alone from 3863.0 to
        3877.0 s, sure for 14.96 s and withheld at the 15 s bound; the
        heater read 1037.5 W whole (at 232.6 V) over the ten minutes
        before, and 1078.0 W at 3882.04 s (230.7 V) is it and the pump.
        Dev 20M-29M: 3 shots more (1 on change, 2 every second); 5M-9M:
        4 more (3 every 2 s, 1 on change); no false shot more. Not when a
        reading of the run is over the heater and the pump: a second heater
        is on, and its share read in part over the first may read as the
        pump (dev 27000050, a dual boiler every 2 s: 1411.0 W in the brew
        heater's fall to the steam heater's 1364 W, after both at 2399 W,
        had dated a 31 s shot's stop 6 s later still).
        """
        floor = self._floor
        if not floor.tops or not self._vref2:
            return
        size = self._ceiling()
        if size is None:
            return
        p = self._pump_watts
        tol = self._ceiling_tol(size)
        over = [
            (at, w - floor.base - size * v * v / self._vref2)
            for at, w, v in floor.tops
            if v
        ]
        if any(rest > p + tol for _, rest in over):
            return  # another load than the heater and the pump: a second heater
        floor.over += [at for at, rest in over if abs(rest - p) <= tol]

    def _ceiling_tol(self, size: float) -> float:
        """How far a reading of the heater whole (``_ceiling``, ``size``) and the pump may stray.

        A tenth of the pump's step, what a plug reporting on change leaves
        unsaid, and two readings of the heater's level alike.
        """
        p = self._pump_watts
        return 0.1 * p + self._slack() + _CEILING_NEAR_W + _CEILING_NEAR * size

    def _past_heater_whole(self, *levels: float) -> bool:
        """Whether a level stands past the heater read whole before the run: the pump is in it.

        A heater only adds up to its own size (``_ceiling``, at the last
        reading's volts; unread before the run, the run's own readings of
        it whole with the pump less the pump's step, ``_whole_in_run``):
        past it by more than a reading of it strays
        (``_ceiling_tol``), two readings that agree near a known heater's
        level (``_heater_alone``, ``_heater_apart``, which allow the live
        noise's tolerance) are a pulse's partial readings over the pump,
        not the heater alone, and do not end the floor's run. Dev 29000019
        every 2 s: an 18.0 s shot (10129.9-10147.9 s) of a 195 W pump under
        a heater read whole at 1,021 W before it; 1,078.4 W and 1,068.1 W
        at 10141.66 and 10143.65 s agreed near the learnt heater's 1,038 W
        (to 49 W), and ended the run as a 10 s flush; the pump read alone
        at 10145.66 and 10147.68 s. Dev 20M-29M: 1 shot more (that one,
        every 2 s); 5M-9M: 2 more (every second, on change); 150M-153M: 1
        more (every 2 s); no false shot more, none lost. Read in the run:
        dev 20000025 every second, a 96.8 s shot (3105.5-3202.2 s) of a
        125 W pump, the heater read whole with it at 1,424-1,441 W 25 times
        (so alone at 1,305 W at most), no heater read before; 1,347.5 W at
        3160.05 s, repeated at 3161.04 s, agreed near the learnt heater's
        1,304 W (to 58 W) and ended the run at 3159.5 s, 42.7 s short (now
        3104.0-3203.0 s). Dev 20M-29M: 5 shots dated better (20000025,
        22000042 and 29000003 by 25-39 s), 3 worse by 0.1-1.5 s; no shot
        more or fewer, no false shot more.
        """
        volts = self._v_last
        if not self._vref2 or not volts:
            return False
        size = self._ceiling()
        if size is None:
            size = self._whole_in_run()
        if size is None:
            return False
        size *= volts * volts / self._vref2
        tol = self._ceiling_tol(size)
        base = self._floor.base
        return any(w - base - size > tol for w in levels)

    def _heater_apart(self, at: float, watts: float) -> bool:
        """Whether two readings since the pump last read agree at a known heater alone.

        A heater only adds: with the pump running, a reading at the heater
        alone is a pulse's partial reading over the pump's, at that level by
        chance. Two of them agreeing, with no reading of the pump between,
        read the heater whole without the pump: it stopped by the first of
        them (``floor.apart_at``). Seed 6000019 every 2 s: two flushes 24 s
        apart read as one 33 s shot, the heater alone read three times
        between them, never twice in a row (``_heater_alone``).
        """
        floor = self._floor
        if not (
            self._known_heaters
            and self._known_level(watts)
            and not self._pump_in(watts)
        ):
            return False
        if abs(watts - floor.apart) <= self._still(watts):
            return True
        floor.apart, floor.apart_at = watts, at
        return False

    def _anchor_at_heater(self, at: float, watts: float, last: float) -> bool:
        """Start the floor's run anew at a known heater's level held without the pump.

        A PID's heater held on (a shot's cold water, a heat-up) hides the
        standby the floor starts from: two readings of the heater alone show
        the pump off as well, and its run, read by the heater whole with it
        (``_whole_with_pump``), starts after them. Only before any reading
        showed the pump in the run: after, they end it (``_heater_alone``).
        Two in a row, or apart in the floor's run (``_heater_apart``: a
        heater on nine tenths of the time is seldom read whole twice in a
        row, but a heater only adds, and two readings agreeing at its level
        alone read it whole without the pump). Dev 22000006 on change: an
        18.0 s shot (10689.0-10707.0 s) of a 68 W pump under a 1,280 W
        heater, the floor's run anchored at 10676.05 s (the heater alone
        twice in a row) and its pump first read 14.98 s later, too late
        (``_read_late``); the heater alone read 1280.1 W and 1283.7 W at
        10683.04 and 10686.02 s, apart, starts it there (counted
        10686.0-10708.5 s). Dev 20M-29M: 1 shot more (that one); 5M-9M:
        the same; no false shot more.
        """
        floor = self._floor
        if floor.hits or floor.whole:
            return False
        if not (
            self._heater_alone(watts, last)
            or (floor.start is not None and self._heater_apart(at, watts))
        ):
            return False
        floor.start = floor.before = floor.first = at
        floor.hits.clear()
        floor.levels.clear()
        floor.tops.clear()
        floor.over.clear()
        floor.pulses = 0
        floor.on = floor.peak = floor.alone = floor.apart = -math.inf
        return True

    def _whole_all_along(self) -> bool:
        """Whether readings of the heater whole with the pump alone show a run.

        With no reading of the pump alone, its pause between two flushes
        hides among the heater's partial readings: the heater whole with the
        pump must come every reading or two, all along.
        """
        whole = self._floor.whole
        close = 2.0 * self._floor_next()
        return len(whole) >= _FLOOR_HITS and all(
            b - a <= close for a, b in itertools.pairwise(whole)
        )

    def _held_pulses(self) -> bool:
        """Whether the run alone shows a PID's pulses: the heater held, off twice in it.

        A PID's heater held on through a shot (cold water drawn in) pulses
        too seldom to keep ``_pulsing``; read by the heater whole with the
        pump, its dips still break the edges' levels. A thermostat's heater
        switches once or twice in a shot, not four times.
        """
        floor = self._floor
        return len(floor.whole) >= _FLOOR_HITS and floor.pulses >= 4

    def _whole_with_pump(self, rest: float) -> bool:
        """Whether a reading over the standby (``rest``) is the heater whole and the pump.

        A heater only adds up to its own size: read at the reading's volts,
        past it by about the pump's step, the pump ran (a slow PID's pulse
        read whole, as the pump's level alone seldom is once the heater's
        pulses grow in a shot). Only one heater, learnt over three cycles
        at least, with volts: a second heater's sum may sit there. Its edges
        may stray from its size by the window's half width on average
        (``_FLOOR_WHOLE_WINDOW`` of the step): three such strays short of
        the window's lower side, the heater read alone stays under it. The
        tenth of the step asked before is about the meter's noise on a 1 kW
        heater for a 41 W pump: dev 29000026 every 2 s, an 18.0 s shot
        (6846.0-6864.0 s) read alone at 6849.0-6855.0 s and with its heater
        whole at 6863.0 s (1,036.2 W; learnt at 992.1 W, its edges straying
        4.4 W, 0.107 of the step), was withheld as 7.2-20.0 s long. Dev
        20M-29M: 6 shots more (2 every 2 s, 3 every second, 1 on change);
        5M-9M: 2 more (every 2 s); 150M-157M: 1 more (on change); no
        false shot more, none lost, no other family's count changed. Three
        cycles, not five: a shot soon after the
        calibration (25000043 every 2 s, the heater measured three times)
        was read by nothing. With ``_heater_apart``, 20M-29M every 1-2 s
        and on change: 10 shots more, 1 fewer (28000034, a 62 s shot's
        readings of the pump then too far apart); 5M-9M: 9 more, none fewer;
        no false shot more.
        """
        if not self._vref2 or not self._v_last:
            return False  # (asked first: it is cheaper)
        # (The one heater known, found by a loop rather than a list: asked
        # for most of the floor's readings.)
        heater = None
        for h in self._heaters:
            if h.weight >= 2.0:
                if heater is not None:
                    return False
                heater = h
        if heater is None:
            return False
        p = self._pump_watts
        window = _FLOOR_WHOLE_WINDOW * p
        if heater.weight < 3.0 or heater.dev > window:
            return False
        size = heater.size * self._v_last * self._v_last / self._vref2
        return abs(rest - size - p) <= window

    def _held_still(self, watts: float, last: float) -> bool:
        """Whether two readings in a row agree, with a heater known to read them by."""
        if not abs(watts - last) <= self._still(watts):
            return False
        for h in self._heaters:  # noqa: SIM110 (a loop: ``any`` over a generator costs more)
            if h.weight >= 2.0:
                return True
        return False

    def _heater_with_pump(self, watts: float, last: float) -> bool:
        """Whether two readings in a row hold a known heater's level and the pump's."""
        level = 0.5 * (watts + last)
        return (
            self._held_still(watts, last)
            and self._known_level(level - self._pump_watts)
            and self._pump_in(level)
        )

    def _heater_alone(self, watts: float, last: float) -> bool:
        """Whether two readings in a row hold a known heater's level without the pump."""
        return (
            self._held_still(watts, last)
            and self._known_level(watts)
            and not self._pump_in(0.5 * (watts + last))
        )

    def _over_not_whole(self) -> set[float]:
        """The run's readings of the heater whole and the pump read against the heater alone.

        Those ``floor.over`` holds that ``_whole_with_pump`` did not read
        already (``floor.whole``). A heater only adds up to its own size: a
        reading past the heater read whole alone by the pump's step is the
        heater and the pump, which no heater's partial reading reads by
        chance. Such readings show the run as surely as the pump's own
        level read alone, and count with those toward the three that
        show it (``_floor_run``; the readings alone must still show it all
        along). A slow PID's heater held long in a shot leaves the pump
        alone few readings: dev 26000042 every 2 s, a 28.6 s shot
        (4921.3-4949.9 s) of a 60 W pump, read alone once (4927.58 s) and
        with the heater whole five times (1,124.8-1,128.1 W, 1,074.5 W the
        heater alone after it), was counted nowhere (now 4922.6-4951.6 s).
        Dev 20M-29M: 8 shots more (2 every 2 s, 6 every second); 5M-9M:
        3 more (every second); 150M-153M: 3 more (one at each plug); no
        false shot more, none lost.
        """
        floor = self._floor
        return set(floor.over).difference(floor.whole)

    def _steady_from_standby(self) -> bool:
        """Whether the pump's level alone showed the run from its first reading, straight from the standby.

        The floor reads a run only among a slow PID's pulses (two heater
        edges in the run at least): without them a fast PID's level, which
        wanders through the pump's, may sit at it. A fast PID's level
        rises from the standby by its output's ramp; the pump's step
        reads whole within a reading. The run's first reading (the one
        after a reading under half the step) at the pump's level alone,
        and ``_FLOOR_STEADY_HITS`` of its readings alone agreeing to the
        pump's wobble (``_floor_agreed``), show the run without the
        pulses; the PID's pulses lately are still asked
        (``_pulsing``). Dev 28000011 every 2 s: a 21.0 s shot
        (3681.8-3702.7 s) of a 127 W rotary pump (calibrated 138.7 W),
        the standby alone 3.1 W at 3681.42 s, then 136.0 W and six
        readings of 128.4-131.5 W to 3699.46 s; the heater's pulses began
        under it at 287.7 W and 425.2 W (one 296 W edge short of a pulse),
        53.0 W at 3703.45 s ended it: read by nothing (now
        3682.5-3701.5 s). Dev 20M-29M: 1 shot more (that one), none every
        second or on change; 5M-7M and 9M every 1-2 s and on change: the
        same shots; no false shot more, none lost.
        """
        return (
            self._alone_from_first() and len(self._floor_agreed()) >= _FLOOR_STEADY_HITS
        )

    def _alone_from_first(self) -> bool:
        """Whether the floor's run read the pump alone at its first reading."""
        floor = self._floor
        return bool(floor.hits) and floor.hits[0] == floor.first

    def _floor_agreed(self) -> list[float]:
        """When the readings of the pump alone that agree to its wobble came.

        The pump alone reads its own step each time, to a few watts; a
        fast PID's or a pulse's partial readings near it scatter over the
        tolerance, and agree with those by chance only.
        """
        floor = self._floor
        levels = floor.levels
        mid = sorted(levels)[len(levels) // 2]
        near = max(_FLOOR_AGREE * self._pump_watts, 3.0)
        agreed = zip(floor.hits, levels, strict=True)
        return [t for t, w in agreed if abs(w - mid) <= near]

    def _read_late(self, dated: float) -> bool:
        """Whether the pump's first reading in the run (``dated``) came too long after the run's first.

        The floor's run starts at its first reading over the standby, which
        may be a heater's partial reading; the pump's own level must be read
        within ``_FLOOR_LATE`` of it (else the run counts from that reading
        only, and only if the pump shows as often after: ``_shown_often``).
        Readings come a whole number of intervals apart, each stamped a
        little late by its delivery (``_STAMP_LATE``): a bound at a whole
        number of intervals holds the reading that many intervals on, or it
        passes or fails by chance.
        Dev 20M-29M: 8 shots more (7 every 2 s, 1 on change), no false shot
        more; 13 had been withheld with the pump first read 6.00-6.05 s into
        the run (22000011 every 2 s: a 26.9 s shot, 6.02 s).
        """
        return dated - self._floor.first > self._late_bound()

    def _late_bound(self) -> float:
        """How soon the pump's level must show (``_FLOOR_LATE``), its reading's stamp late (``_STAMP_LATE``)."""
        return _FLOOR_LATE + _STAMP_LATE * self._period

    def _shown_often(self, shown: list[float]) -> bool:
        """Whether readings that show the pump on came within ``_FLOOR_LATE`` of each other.

        A run whose pump was first read late (``_read_late``) began among
        the heater's readings: a PID at full output after a heat-up or a
        shot, its pulses' partial readings hiding the pump's start. Its
        readings still show the run from the first of them: it ran from
        that reading (through the second it averages, ``_on_since``) at
        least, from the last reading below the pump's step at most, and
        the kind bounds are checked on those two as for any run. A heater
        that hides the start also hides a pause, so the readings of the
        pump (alone, or with the heater whole) must come as often as the
        start asked (``_FLOOR_LATE``), all along. Dev 27000019 every 2 s:
        a 30.8 s shot (10400.5-10431.3 s) of a 152 W rotary pump under a
        1,226 W heater held whole since a heat-up, the floor's run opened at
        10395.3 s, the pump first read with the heater whole at 10405.3 s
        (1,378 W), then every 2-4 s to 10431.3 s; withheld before, now
        10404.3-10433.3 s. Regression 7000027 every 2 s: two flushes 6.5 s
        and 5.4 s long, 6 s apart under a 1,051 W heater, the pump read
        alone at 9244.0 s and with the heater whole at 9246.0, 9256.0 and
        9260.0 s; the pause between them hid in the 10 s without a reading
        of the pump, and would have been read as one 18 s shot. Dev
        20M-29M: 9 shots more (5 every 2 s, 4 on change); 5M-9M: 1 more
        (every 2 s); no false shot more, none lost. Without the check of
        how often, 2 shots more (dev 26000042 every 2 s: a 34.6 s shot, its
        pump unread for 14 s; regression 7000019) and that false shot.
        """
        bound = self._late_bound()
        return all(b - a <= bound for a, b in itertools.pairwise(sorted(shown)))

    def _on_since(self, dated: float) -> float:
        """When the pump ran since at the latest, by its first reading in the run (``dated``).

        A reading averages the last second (or its interval, if shorter; the
        run's start is dated so, ``_floor_reading``): the pump's level read
        whole at ``dated`` (alone, or the heater whole with it) after a
        reading over the standby shows it on through that second, not from
        the reading's stamp only. Counted from the stamp, a shot 16-19 s
        long read second by second was 14-15 s sure and withheld at the 15 s
        bound: dev 23000030 on change, an 18.0 s shot, its pump first read
        alone at 11642.04 s and last with the heater whole at 11657.03 s
        (14.99 s). Not when that reading is the run's first, straight from
        the standby: a pump's start most often reads a part of its level
        first, and a heater's sliver may read it whole by chance
        (regression 5000043 every 2 s: 196.2 W, 0.7 s before a 190 W
        pump's 13.7 s shot, read 17.0 s). Dev 20M-29M: 9 shots more (7 on
        change, 1 every second, 1 every 2 s); 5M-9M: 10 more (5 on change,
        1 every second, 4 every 2 s); no false shot more, none lost.
        """
        floor = self._floor
        if dated <= floor.first:
            return dated
        since = dated - min(1.0, self._period)
        return max(floor.before, since)  # never before the run

    def _shortest(self, dated: float, last: float) -> float:
        """The least the run lasted: from ``_on_since`` its first reading (``dated``) to its last.

        Readings come a whole number of intervals apart, each stamped a
        little late by its delivery (``_STAMP_LATE``, as ``_read_late``
        counts them): read every 2 s, a run read whole for 15 s (a reading
        a second long, then seven intervals) was sure for 14.96-14.99 s
        and withheld at the 15 s bound (dev 23000042 every 2 s: a 19.7 s
        shot, its pump read from 2901.03 s, a second before, to 2915.02 s).
        Only on a plug read every 2 s or slower (``_FLOOR_STAMPS_S``; the
        floor is not followed every few seconds): counted on every plug
        (9265912, 5 December) it made a false shot on change, a flush
        the floor had misread from chance readings 11 s before it and
        the bound had withheld. Dev 20M-29M: 4 shots more (every 2 s);
        5M-9M and 150M-153M: the same; no false shot more, none lost.
        """
        shortest = last - self._on_since(dated)
        if self._period >= _FLOOR_STAMPS_S:
            shortest += _STAMP_LATE * self._period
        return shortest

    def _past_bound(
        self, dated: float, last: float, bounds: list[float], shown: list[float]
    ) -> bool:
        """Whether a run the floor proves nearly as long as a kind bound it may pass passed it.

        Read every 2 s among a slow PID's pulses, a shot's first and last
        seconds hide in the heater's partial readings: the floor proves 11-14 s
        of a 15-20 s shot, and the run was withheld at the 15 s bound. Proven
        within ``_FLOOR_NEAR_BOUND_S`` of each bound it may pass (``bounds``:
        from its first reading that showed the pump, ``dated``, to its last,
        ``last``, it is shorter), with readings that show the pump on (alone,
        with the heater whole, or a step over it: ``shown``) every few
        seconds all along (``_shown_often``: no pause between two flushes
        hides between them), it passed it. Dev 20000035 every 2 s: a 17.5 s
        shot (4306.2-4323.7 s), its pump read from 4308.0 s to 4320.2 s,
        sure for 13.16 s and at most 20.04 s long, withheld. Two flushes the
        floor read as one run (dev 27000058 every 2 s: 3.2 s and 6.3 s, 6.8 s
        apart, sure for 13.20 s) showed the pump 10 s apart, and stay
        withheld. Not proven from the run's first reading straight from the
        standby (``_on_since``): a heater's sliver may read the pump's level
        by chance (regression 5000043 every 2 s: 196.2 W 0.7 s before a
        190 W pump's 13.7 s shot, sure for 14.2 s from it, 11.2 s from the
        next reading of the pump). Only on a plug read every 2 s or slower
        (``_FLOOR_STAMPS_S``): every second or on change the floor proves a
        run to a second or two at each end, and a run it could not place
        is left to the edges.
        """
        if self._period < _FLOOR_STAMPS_S:
            return False
        if dated <= self._floor.first and not self._first_held():
            dated = min((t for t in shown if t > dated), default=last)
        shortest = self._shortest(dated, last)
        near = all(bound - shortest <= _FLOOR_NEAR_BOUND_S for bound in bounds)
        return near and self._shown_often(shown)

    def _first_held(self) -> bool:
        """Whether the run's first reading, straight from the standby, and the next read the pump alone, agreeing.

        A heater's sliver may read the pump's level by chance in the
        run's first reading, so ``_past_bound`` proves the run from the
        next reading of the pump (regression 5000043 every 2 s: 196.2 W,
        6.2 W off a 190 W pump's later readings, 0.7 s before its 13.7 s
        shot). The pump's step read whole at once, and again at the very
        next reading, both agreeing to the pump's wobble
        (``_floor_agreed``), is the pump from that first reading: a sliver
        reads a level by chance once, not the pump's own twice in a row.
        Dev 21000003 every 2 s: a 19.3 s shot (7368.0-7387.3 s) of a
        179 W rotary pump, the standby at 7367.59 s, the pump alone
        175.6 W and 179.3 W at 7369.61 and 7371.62 s, last read alone
        at 7381.60 s, the heater's partial readings after; proven 11.2 s
        from the second reading and withheld at the 15 s bound, 12.2 s
        from the first (now 7368.6-7384.6 s). Dev 20M-29M every 2 s:
        2 shots more (21000003; 21000019 with ``_steady_from_standby``);
        5M-7M and 9M every 2 s: the same shots; every second and on
        change the floor proves no bound (``_FLOOR_STAMPS_S``); no false
        shot more, none lost. The second reading one reading later (a
        reading between them not the pump's) gained 2 shots more on dev
        (24000050, 25000034) and 1 on regression (7000043), but made a
        false shot on each (27000059; 5000043, the sliver above, back).
        """
        hits = self._floor.hits
        if len(hits) < 2 or not self._alone_from_first():
            return False
        if hits[1] - hits[0] > self._floor_next():
            return False  # not the next reading
        agreed = self._floor_agreed()
        return hits[0] in agreed and hits[1] in agreed

    def _floor_run(self, at: float) -> DetectedRun | None:
        """The run read by the floor, ended by the reading at ``at`` that shows it off."""
        floor = self._floor
        started = floor.start
        if started is None or not (floor.hits or floor.whole):
            return None
        if (floor.pulses < 2 and not self._steady_from_standby()) or not (
            floor.hits or self._whole_all_along()
        ):
            # No slow pulses: a fast PID's level may sit at the pump's. No
            # reading of the pump alone, nor enough over the heater whole.
            return None
        if not (self._pulsing(at) or self._held_pulses()):
            return None  # no PID's pulses lately: the edges alone read this machine
        hits = sorted((self._floor_agreed() if floor.hits else []) + floor.whole)
        self._note_over_ceiling()
        if len(hits) + len(self._over_not_whole()) < _FLOOR_HITS:
            return None
        first = min(floor.hits[:1] + floor.whole)
        # (The heater whole with the pump, read against the heater alone,
        # ``floor.over``, counts toward the readings that show the run and
        # dates it: the readings alone must still show it all along.)
        dated = min([first, *floor.over])
        if any(b - a > _FLOOR_GAP for a, b in itertools.pairwise([first, *hits])):
            return None  # read alone so seldom that chance readings may be all
        last = max([hits[-1], floor.on, *floor.over])
        opened = started
        if self._read_late(dated):
            if not self._shown_often([dated, *hits, *floor.over, last]):
                return None  # the pump's level not read at the start, nor often after
            started = self._on_since(dated)  # from its first reading
        ended = 0.5 * (last + at)
        if not MIN_RUN_S <= at - started <= MAX_RUN_S:
            return None
        # It ran from the first reading of its level alone (through the
        # second it averages) to the last one at least, and from the last
        # reading below it to ``at`` at most.
        shortest, longest = self._shortest(dated, last), at - floor.before
        # The kind bounds these two leave open (``_kind_between``): withheld,
        # unless proven nearly to each (``_past_bound``), then sure to them.
        open_bounds = [b for b in self.kind_bounds if shortest < b <= longest]
        if open_bounds and not self._past_bound(
            dated, last, open_bounds, [dated, *hits, *floor.over, last]
        ):
            return None
        if floor.edges > opened:
            return None  # the edges decided a run here
        floor.sure = max([shortest, *open_bounds])
        floor.off_by = at
        ended = self._as_long_as_proven(started, ended, at, open_bounds)
        return DetectedRun(started, ended, self._pump_watts)

    @staticmethod
    def _as_long_as_proven(
        started: float, ended: float, at: float, bounds: list[float]
    ) -> float:
        """The floor's run's stop, late enough that the run lasts the bounds it proved it passed.

        A run the floor proves past a kind bound (``_past_bound``) is of
        the kind beyond it; its stop, dated halfway from its last reading
        of the pump to the reading that showed it off (``at``), may leave
        it shorter than the bound, and read as the kind before. The stop
        is then moved to the bound, never past ``at`` (the pump was off
        by that reading). Dev 29000035 every 2 s: a 16.4 s shot
        (3407.0-3423.5 s) of a 152 W rotary pump, its pump alone from
        3409.04 s (the first reading, straight from the standby, and the
        next: ``_first_held``) to 3421.00 s, the standby at 3425.04 s;
        proven past the 15 s bound, dated 3408.04-3423.02 s, 14.98 s, a
        flush (now 3408.0-3423.0 s, 15.0 s). Dev 20M-29M every 2 s:
        1 shot more (that one), no other run's dates changed; 5M-7M and
        9M the same; every second and on change the floor proves no
        bound (``_FLOOR_STAMPS_S``); no false shot more, none lost.
        """
        if not bounds:
            return ended
        least = started + max(bounds) + _EPS  # (the bound itself, past rounding)
        return ended if ended >= least else min(at, least)
