"""When a run started: the pump's rising edge and how the readings date it.

A rising pump edge from a level that held opens a run. Its start is dated
from the readings: a vibratory pump's ramp, a rotary pump's inrush, a
reading that dipped back, a heater's pulse before it, and whether the pump
was seen alone (a run from two split edges needs it).
"""

from __future__ import annotations

from collections.abc import Sequence
import math

from ..readings import DetectedRun
from .constants import (
    _AT_READING_S,
    _DIP,
    _EPS,
    _FAST_GAP_S,
    _INRUSH_S,
    _INRUSH_SHARE,
    _OVERSHOOT,
    _PARTIAL_IN_LEVEL_W,
    _PAUSE_FLOOR,
    _RAMP_FIRST,
    _RAMP_REST_S,
    _RAMP_RISES,
    _RAMP_S,
    _RAMP_SEEN,
    _RAMP_SHORT,
    _RAMP_TYPICAL_S,
    _SILENT_S,
    _SMALL_PUMP,
    _WHOLE,
)
from .heater_cycles import _HeaterCycles
from .records import _Rise
from .steps import _crossing, _Edge, _inside, _ramp_seconds, _span


class _RunStart(_HeaterCycles):
    """The pump's rise: a run opened and its start dated."""

    __slots__ = ()

    def _unseen(self, pts: Sequence[float], at: float) -> float:
        """How far a switch dated ``at`` may be off: the part of an interval never seen.

        A plug that averages over part of its interval (a 1 s average read
        every 2 s) shows a switch inside its window by its share; one before
        the window only as a whole reading, dated in the middle of the unseen
        part (``_crossing``): it may be off by half of that part either way.
        """
        window = self._window
        reading = self._dated_before_window(pts, at)
        if window is None or reading is None:
            return 0.0
        i, span = reading
        unseen = 0.5 * (1.0 - window) * span if window < 1.0 else 0.0
        return unseen + self._lost(pts, i, span)

    def _unseen_after_reading(self, pts: Sequence[float], at: float) -> float:
        """How far a pump's start dated at a reading's own time may be off: up to the next window.

        Polled every 2 s, each reading the mean of the last second: a
        heater's first partial reading, then the heater and the pump whole.
        The pump's start, dated at that reading's time (the pump did not
        show in it), may lie anywhere in the unseen part of the interval
        after it; half that part, as ``_unseen`` reads a switch before a
        window. Dev 26,000,035 (a heat exchanger, a 148 W rotary pump):
        5.1, 55.4 W (the heater's first reading), 1,543, 1,519 W; a 14.1 s
        choked shot, dated from 55.4 W, read 15.3 s: a false shot. Every
        2 s, dev 20M-29M: heat exchanger false shots 3 -> 2, shots, dual
        boiler, thermostat and slow PID unchanged.
        """
        window = self._window
        if window is None or window >= 1.0 or self._on_change:
            return 0.0
        for i in range(4, len(pts) - 2, 2):
            if abs(pts[i] - at) < _AT_READING_S:
                begins = pts[i + 2] - window * _span(pts, i + 2, self._period)
                return 0.5 * (begins - pts[i]) if begins > pts[i] else 0.0
        return 0.0

    def _early_only(self, pts: Sequence[float], at: float) -> float:
        """The part of ``_unseen`` that lies before a start dated ``at`` only: a lost reading's.

        A whole reading dates a rise at its interval's start, the latest the
        pump can have started; a reading lost before it leaves the start
        anywhere in that interval, earlier only (``_lost``). The run can then
        only be longer than dated, never shorter: ``_kind_unsure`` reads that
        part on one side (regression seed 7,000,045, a 124 W rotary pump: the
        standby, a lost reading, 131 W whole, a 21.9 s shot dated 17.6 s with
        5 s either way, withheld near 15 s).
        """
        reading = self._dated_before_window(pts, at)
        return 0.0 if reading is None else self._lost(pts, *reading)

    def _dated_before_window(
        self, pts: Sequence[float], at: float
    ) -> tuple[int, float] | None:
        """The reading after a switch dated ``at``, and its interval, when the switch came before its window.

        None with no window known, no reading after, or the switch inside
        the reading's window (its share dates it, nothing is unseen).
        """
        window = self._window
        if window is None:
            return None
        for i in range(2, len(pts), 2):
            if pts[i] >= at:
                span = _span(pts, i, self._period)
                if at > pts[i] - window * span + _EPS:
                    return None  # inside the window: the reading's share dates it
                return i, span
        return None

    def _lost(self, pts: Sequence[float], i: int, span: float) -> float:
        """The part before reading ``i``'s interval that a lost reading left unread.

        A periodic plug that dropped a report (two intervals between the
        readings) read nothing of the one before: a switch that a whole
        reading dates at its interval's start may lie anywhere in that
        part, all of it one side of the date. Every few seconds only (an
        energy meter's 5 s, where a pump's level repeated holds as a level,
        ``_pump_level``, and a run may end in such a gap); a plug reporting
        on change stays silent while nothing changes: its silence is read.
        """
        lost = pts[i] - pts[i - 2] - span
        if not self._seconds_apart or lost < 0.5 * self._period:
            return 0.0
        return lost

    def _ramp(self, edge: _Edge) -> bool:
        """Whether a small rise just after the run's start is the rest of its ramp.

        A vibratory pump ramps up over seconds: a plug reporting on change
        may show a level part way (the run's start) and then the rest. The
        start may have come with a heater's rise (``_ramp_after_heater``).
        """
        if not self._pump or edge.delta <= 0.0:
            return False
        if not (self._run_pure or self._ramp_after_heater()):
            return False
        if edge.at - self._run_at > _RAMP_REST_S:
            return False
        if self._run_w + edge.delta > self._pump_watts + self._ptol():
            return False
        self._run_w += edge.delta
        return True

    def _ramp_after_heater(self) -> bool:
        """Whether the run's start, split from a heater's rise, may still be ramping.

        A vibratory pump starting in the reading where a heater came on
        (their one edge split by the heater's known size) reads part way up
        its ramp there; read every second or two, the next reading shows
        the rest (Hart: the level after is the heater and the whole step).
        The heater's step is whole in its first reading past the switch: a
        small rise after it is the pump's. Its fall pairs with the level
        before it, as every run split from a heater's edge does.
        """
        return (
            self._run_heater is not None
            and self._pump_watts < _SMALL_PUMP  # a vibratory pump's ramp
            and self._gap <= _FAST_GAP_S
        )

    def _seen_alone(
        self, edge: _Edge | _Rise, pump: float, *, pump_first: bool = False
    ) -> bool:
        """Whether a reading inside a heater-and-pump edge shows one without the other.

        Between the two steady states a reading at ``before + pump`` (the
        pump switched, the heater not yet) or ``after - pump`` (the other
        way round) shows the pump's own step. The level before is taken as
        read too (``pts[1]``), not only at the volts after the edge: such a
        reading still carries the heaters' load of before, and the volts
        that load sagged the socket to (a pump's stop read before its
        heater's, the volts 2 V apart, is 20 W off a 1.2 kW heater).
        ``pump_first``: only the pump switched first counts.
        """
        near = 0.25 * self._pump_watts + self._slack()
        pts = edge.pts
        ones = (edge.before + pump, pts[1] + pump)
        # The heater switched first: the level after less the pump.
        levels = ones if pump_first else (*ones, pts[-1] - pump)
        return any(
            abs(pts[i] - w) <= near for i in range(5, len(pts), 2) for w in levels
        )

    def _single_partial(self, edge: _Edge) -> bool:
        """Whether an edge read every 5 s or on change holds one partial reading only (``_pump_fall``).

        A heater's edge read every 5 s leaves one partial reading between
        its two levels, of any share of it: now and then the pump's. A
        steam heater's cycle from the standby and back, its partial readings
        at the pump's level at both ends, read as a shot whose pump was seen
        alone at both (``_seen_alone``). The pump switching apart from a
        heater leaves two partial readings or more (its own, the heater's,
        perhaps a whole one of the pump alone between): a run whose rise and
        fall each hold a lone partial reading shows no pump there, but by a
        whole reading of it alone at the rise (``_run_held``). On change a
        switching reads so too (a second's average): a dual boiler's 1.2-
        1.3 kW steam heater's cycle from the standby, its one partial
        reading at either end within a quarter of a 200 W pump's step of
        the heater without it, read as two false shots on dev seeds
        20M-29M (ground truth: no shot of 628 on change on fresh seeds had
        both ends in a heater's switching). There only an edge from or to
        the standby counts: over a heater's level a brew heater the shot's
        cold water switched on comes with the pump by cause, not by chance
        (two dual boiler shots so on dev seeds 21M-22M).
        """
        if not (self._seconds_apart or self._on_change):
            return False
        low, high = sorted((edge.before, edge.after))
        if self._on_change and abs(low - self._base) > self._tol_lv:
            return False  # over a heater's level: a brew heater the shot switched
        return (
            _inside(
                edge.pts, low + self._past_noise(low), high - self._past_noise(high)
            )
            < 2
        )

    def _alone_level(self, level: float) -> bool:
        """Whether a level that held is the pump's alone: the standby and its step.

        A heater's fall and the pump's start in one edge (or the pump's stop
        and a heater's rise) leave, or came from, a level no heater is in
        (none is that small): it shows the pump alone as a reading inside
        the edge would. Periodic plugs only (on change, a level held by
        silence may be a partial reading).
        """
        if self._on_change:
            return False
        return abs(level - self._base - self._pump_watts) <= self._ptol()

    def _alone_read_twice(self, edge: _Edge) -> bool:
        """Whether an edge's last two readings, on change, both show the pump alone.

        ``_alone_level`` on a plug reporting on change: a level that two
        readings showed (not silence alone) is no partial reading whose
        follow-up was lost.
        """
        if not self._on_change or len(edge.pts) < 8:
            return False
        level = self._base + self._pump_watts
        ptol = self._ptol()
        return all(abs(edge.pts[i] - level) <= ptol for i in (-3, -1))

    def _past_pulse(self, edge: _Edge) -> tuple[float, float]:
        """After a heater's pulse read inside a pump's rise on a slow plug.

        Readings seconds apart (an energy meter's 5 s) can hold a heater
        coming and going inside the rise's transient, and the pump stopping
        and starting again within it (a backflush's pulses): the run is
        known from the last reading of the pulse on, or from within a pause
        read after it. -inf when none. With it, how far the start may lie
        after that date: from the pulse's last reading, the next one holds
        the heater's fall and the pump's start in one interval, the start's
        share unread (anywhere in it: a backflush's 10.7 s pulse read
        15.0 s): half that interval either way of the date kept (a run
        may hold its pulse, as a shot whose start a steam heater's pulse
        hid), 0 when a pause's partial reading dates it.
        """
        if self._gap <= 2.5:
            return -math.inf, 0.0
        pts = edge.pts
        top = max(edge.before, edge.after) + 0.5 * self._heater_min()
        pulse = [i for i in range(5, len(pts), 2) if pts[i] > top]
        if not pulse:
            return -math.inf, 0.0
        # From the standby, a reading after it nearer the standby than the
        # pump's level: the pump was off for most of it (paused between a
        # backflush's pulses), and started again within it.
        low = 0.5 * (edge.before + edge.after)
        paused = [i for i in range(pulse[-1], len(pts), 2) if pts[i] < low]
        if not paused or abs(edge.before - self._base) > self._tol_lv:
            last = pulse[-1] - 1
            after = last + 2
            unseen = 0.5 * (pts[after] - pts[last]) if after < len(pts) else 0.0
            return pts[last], unseen
        return _crossing(
            pts,
            paused[-1] - 1,
            edge.before,
            edge.after - edge.before,
            window=self._window,
            gap=self._period,
        ), 0.0

    def _after_lost_report(self, edge: _Edge, watts: float) -> float:
        """When the pump started at the latest, after a heater's fall whose level's report was lost (on change).

        A plug reporting on change sends a heater's fall as one partial
        reading and, a second later, the level it fell to: a partial reading
        followed by silence (``_SILENT_S``) says that report was lost, and
        the plug, holding it as sent, stays silent while the level holds.
        Its next reading, the pump alone, is the pump's start: read before
        it, the pump's share would have been sent. Dated at the partial
        reading, a flush after the heater's fall read as a shot twice on
        extra dev seeds 90M-93M on change (92000047: a heat exchanger's
        1,414 W, 273 W, then 26 s of silence, then 180 W; 93000031: a dual
        boiler's 1,076 W, 384 W, 49 s, 141 W).
        """
        if not self._on_change or abs(edge.after - self._base - watts) > self._tol_lv:
            return -math.inf  # (a heater's: its noise crosses the threshold)
        pts = edge.pts
        n = len(pts)
        if n < 8:
            return -math.inf
        last_t, last_w = pts[n - 4], pts[n - 3]
        level_t = pts[n - 2]
        if level_t - last_t < _SILENT_S or abs(last_w - edge.after) <= self._tol_lv:
            return -math.inf
        return level_t - self._period

    def _pump_rise(self, edge: _Edge, watts: float, heat: float) -> list[DetectedRun]:
        if not edge.settled:
            # From a level that barely held (a wandering signal): not a start.
            self._pump = False
            return []
        at = edge.at
        if heat:
            at = self._pump_at(edge.pts, edge.before, heat, watts)
            at = max(at, self._after_lost_report(edge, watts))
        past, unread = self._past_pulse(edge)
        at = max(at, past)
        off = math.inf
        if not heat:
            at = max(at, self._after_dip(edge, watts))
            off, off_spread = self._after_heater_off(edge, watts)
            if off < at:
                at, unread = off, off_spread
            at = min(at, self._faint_start(edge, watts, at))
            at = min(at, self._start_read_in_level(edge, watts, at))
        self._open_run(at, watts, not heat, edge.after - watts)
        self._run_from = edge.at
        self._run_spread = self._unseen(edge.pts, at)
        if at in (past, off):
            self._run_spread = max(self._run_spread, unread)
        else:
            self._run_early = self._early_only(edge.pts, at)
        if not heat:
            self._run_lead = at - self._ramp_start(edge, watts, at)
            self._run_lead -= self._inrush_lag(edge, watts)
        elif heat > 0.0:
            unseen = self._unseen_after_reading(edge.pts, at)
            self._run_spread = max(self._run_spread, unseen)
            self._run_lead = at - self._ramp_start(edge, watts, at, learn=False)
        self._run_held = bool(heat) and (
            self._alone_level(edge.after) or self._alone_read_twice(edge)
        )
        self._run_seen = self._run_held or (
            bool(heat) and self._seen_alone(edge, watts)
        )
        self._run_two = bool(heat) and self._two_switches(edge)
        if self._hand_over_under_step(edge, heat):
            self._run_unsure = True  # (the mains moving the heater on fit too)
        self._run_lone = bool(heat) and self._single_partial(edge)
        if heat > 0:
            # The heater that came with it: its own fall will tell its size
            # (a second one in the same edge stays at the size it is known by).
            came = [h for h in self._heaters if h.on and h.on_at == edge.at]
            if came:
                self._run_heater = came[-1]
                self._run_other = sum(h.size for h in came[:-1])
                self._run_mag = edge.delta * edge.k
                self._run_before = self._normalised(edge.before)
        return []

    def _hand_over_under_step(self, edge: _Edge, heat: float) -> bool:
        """Whether a rise read as a hand-over to the smaller heater with the pump is short of the pump's step (every few seconds, no volts).

        A dual boiler's heaters may differ by less than a rotary pump's
        step: one handing over to the other as the pump starts leaves a
        net rise under the pump's step, as the mains moving the larger
        heater on leaves (a volt or two: 5-8 % of it, 60-90 W). Read every
        5 s without volts the two are one edge (dev seed 28000005 at 230 V:
        1,206 W, then 1,265 and 1,273 W, the steam heater of 1,200 W on;
        the steam heater's hand-over to the brew heater 95 s later read as
        the pump's stop: a 95 s shot; 22000037 at 120 V). Such a run is
        unsure: neither edge alone shows the pump.
        """
        return (
            self._seconds_apart
            and not self._vref2
            and heat < 0.0 < edge.delta < self._pump_watts
        )

    def _faint_start(self, edge: _Edge, watts: float, at: float) -> float:
        """When the pump started, from a faint first reading an energy meter showed.

        Read every 5 s, a pump starting late in an interval reads its first
        reading at under 0.15 of its step (``_step_time`` takes that for
        noise), a vibratory one lower still, at half power while it ramps:
        dated from the next, whole reading, the start comes up to a
        reading's share late (a 16.4 s shot read 15.0 s, dev seed 24000052:
        12 W over a 5 W standby, 0.14 of a 50 W step, then 53 W). A reading
        past the standby's noise (``_past_noise``), just before the whole
        one and after one at the level, dates the start by its share.
        """
        if (
            not self._seconds_apart
            or at != edge.at  # another rule dated it
            or abs(edge.before - self._base) > self._tol_lv
        ):
            return at
        first = _first_share(edge, watts)
        if first is None:
            return at
        i, share = first
        pts = edge.pts
        faint = pts[i - 1] - edge.before
        if (
            share < _WHOLE
            or faint >= 0.15 * watts
            or faint < self._past_noise(edge.before)
            or abs(pts[i - 3] - edge.before) > self._past_noise(edge.before)
        ):
            return at
        return _crossing(
            pts, i - 2, edge.before, watts, window=self._window, gap=self._period
        )

    def _start_read_in_level(self, edge: _Edge, watts: float, at: float) -> float:
        """When the pump started, from its first partial reading that the standby's level took in.

        Read every second or on change, a vibratory pump starting late in a
        reading's window adds a quarter of its step or less to it, still
        ramping: within the level's tolerance, so that reading joins the
        standby's level and lifts its mean, and the edge, measured from that
        mean, dates the start from the next reading, a second late (dev seed
        22,000,006 on change, a dual boiler's 61 W pump calibrated 56 W:
        3.4 W, 40 s silent, then 16.7, 46.2, 60.4 W; the level's mean 10.1 W,
        a 15.6 s shot dated from 46.2 W and read 14.8 s). A stale meter
        repeating that reading dates it from the first of the repeats
        (29,000,056 every second: 5.5, 17.9, 17.9, 58.6 W; 16.1 s read
        14.9 s). Only where the level's last reading stands past the
        standby's noise (more than ``_PARTIAL_IN_LEVEL_W`` or a tenth of the
        step) and short of the step, the reading before it at the standby
        (no pulse's tail), and the next reading higher still.
        """
        window = self._window
        if (
            self._seconds_apart
            or window is None
            or watts <= 0.0
            or abs(edge.before - self._base) > self._tol_lv
            or len(edge.pts) < 6
        ):
            return at
        pts = edge.pts
        first_at, first = pts[2], pts[3]
        noise = max(_PARTIAL_IN_LEVEL_W, 0.1 * watts)
        rest = first - self._base
        if not noise < rest < _WHOLE * watts or pts[5] <= first:
            return at
        prior_at = None
        for t, w in reversed(self._recent):
            if t >= first_at:
                continue
            if w != first:
                if w - self._base > noise:
                    return at  # a pulse's tail, or a level that was never the standby
                prior_at = t
                break
            first_at = t  # a stale repeat: the pump showed at the first
        if prior_at is None:
            return at
        started = _crossing(
            (prior_at, self._base, first_at, first),
            2,
            self._base,
            watts,
            window=window,
            gap=self._period,
        )
        return min(at, started)

    def _ramps(self, edge: _Edge, watts: float) -> tuple[bool, bool]:
        """Whether the pump's rises show a ramp (means by rise): twice, first.

        A clean step reads partial once at most; two readings part way up
        (a quarter of the step to just short of it) show a pump ramping up.
        Read every 2 s and averaged over about half of that, a ramp of 1-3 s
        seldom shows twice, but it shows in the first reading past the
        switch nearly every time, where a clean step reads partial only as
        often as its switch falls inside the reading's window (half the
        time, or three quarters for a plug averaging its whole interval):
        that shows it once two rises were read (``_RAMP_RISES``; a clean
        step's first two read partial a quarter of the time, and then its
        starts are dated between the shortest and the longest ramp, the
        run's spread grown by half their difference). After three, the
        first shots of a day went by as clean steps: dev 20,000,050 (heat
        exchanger every 2 s, a 45 W pump), the second rise of the trace, a
        15.7 s shot read 7.8, 42.9, 51.7 W, dated from 42.9 W a second
        late, 15.4 s with its stop unseen by 0.4 s: withheld as unsure.
        Every 2 s, dev 20M-29M: heat exchanger shots 1,566 -> 1,567, dual
        boiler, thermostat, slow and fast PID unchanged, false shots
        unchanged; regression 5M-9M and 150M-157M unchanged.
        """
        pts = edge.pts
        shares = [(pts[i] - edge.before) / watts for i in range(5, len(pts), 2)]
        part = sum(1 for share in shares if 0.25 <= share < _RAMP_SHORT)
        self._ramp_seen += 0.1 * ((1.0 if part >= 2 else 0.0) - self._ramp_seen)
        # A mean of the first rises, then a running one.
        first = next((share for share in shares if share >= 0.15), 1.0)
        self._ramp_n += 1
        weight = max(0.1, 1.0 / self._ramp_n)
        self._ramp_first += weight * (
            (1.0 if first < _WHOLE else 0.0) - self._ramp_first
        )
        return self._ramps_known()

    def _ramps_known(self) -> tuple[bool, bool]:
        """``_ramps`` as the rises read so far show it, this one not counted."""
        return self._ramp_seen >= _RAMP_SEEN, (
            self._ramp_n >= _RAMP_RISES and self._ramp_first >= _RAMP_FIRST
        )

    def _ramp_start(
        self, edge: _Edge, watts: float, at: float, *, learn: bool = True
    ) -> float:
        """When a vibratory pump started, from its ramp's first partial reading.

        A vibratory pump starts at about half its step and ramps up over
        seconds as pressure builds: a partial reading holds less than its
        share of the interval at the full step, and dated by that share the
        start comes late (``_ramp_seconds``); the typical ramp dates it.
        Only for a pump seen ramping (``_ramps``), read every second or two.
        Read every 2 s by a plug averaging part of the interval, whose first
        readings past a rise are partial nearly every time, the pump may
        have started before the reading's window, where the ramp's length
        moves the start by up to a second: it is dated between the shortest
        and the longest ramp (once a few rises showed it ramping: a clean
        step's first rises keep their share's date), and the run's
        ``_run_spread`` grows by half their difference (``_kind_unsure``
        withholds a run whose kind hangs on it). The run's own bookkeeping
        keeps the start as dated; its report moves it by ``_run_lead``.

        A heater that cold water switched on a reading or two after the
        pump joins the pump's rise in one edge: the pump's partial reading
        comes first and is dated so too (dev seed 21,000,042 every 2 s, a
        dual boiler's 54 W pump: 3.7, 28.9, 54.0, then 924.7 W; a 16.0 s
        shot dated from 28.9 W as a clean step, 1.4 s late, read 14.7 s).
        A first reading of the heater's (past the step) dates nothing here.
        Such a rise is not counted in ``_ramps`` (``learn``): its readings
        hold the heater's. Dev 20M-29M: every 2 s dual boiler shots
        1,543 -> 1,544, every second heat exchanger 1,557 -> 1,558;
        regression 5M-9M every 2 s dual boiler 778 -> 779; no false shot,
        no shot lost, the other families unchanged (with ``_stale_at_stop``
        beside a heater: alone, extra dev 150,000,058's 13.0 s flush read a
        15.5 s shot).
        """
        window = self._window
        if (
            watts <= 0.0
            or self._pump_watts >= _SMALL_PUMP
            or self._gap > _FAST_GAP_S
            or window is None
        ):
            return at
        twice, first = self._ramps(edge, watts) if learn else self._ramps_known()
        ranged = first and self._period > 1.5 and window < 1.0
        if not (twice or ranged):
            return at
        past = _first_share(edge, watts)
        if past is None or past[1] >= _WHOLE:
            return at
        i, share = past
        pts = edge.pts
        span = _span(pts, i, self._period)
        seconds = window * span
        if not ranged:
            return min(
                at,
                pts[i] - min(_ramp_seconds(share, seconds, _RAMP_TYPICAL_S), seconds),
            )
        # Not before the interval: the reading before would have shown it.
        short, long = (min(_ramp_seconds(share, seconds, r), span) for r in _RAMP_S)
        self._run_spread = max(self._run_spread, 0.5 * (long - short))
        return min(at, pts[i] - 0.5 * (short + long))

    def _inrush_lag(self, edge: _Edge, watts: float) -> float:
        """How much later a rotary pump started than its first partial reading says.

        A rotary pump draws more for a fraction of a second as it starts:
        its first reading holds more than its share of the interval at the
        step, and dated by that share the start comes early (by a quarter
        of a second, typically, on a plug averaging each second: a 14.8 s
        flush read as 15.1 s). Only for a pump of 100 W or more, read by a
        plug averaging about its whole interval of a second or two, and a
        start dated by its share (not past the inrush's own overshoot).
        Only on change: on a periodic plug it also moved starts already dated
        late (a heater's edge beside them) later still, past an interval.
        """
        window = self._window
        if (
            watts <= 0.0
            or self._silence < 0.02  # a periodic plug (see the docstring)
            or self._pump_watts < _SMALL_PUMP
            or self._period > _FAST_GAP_S
            or window is None
            or window < _WHOLE
        ):
            return 0.0
        pts = edge.pts
        for i in range(2, len(pts), 2):
            share = (pts[i + 1] - edge.before) / watts
            if share < 0.15:
                continue
            if share > _OVERSHOOT:
                return 0.0
            seconds = window * _span(pts, i, self._period)
            return min(_INRUSH_S, _INRUSH_SHARE * min(share, 1.0) * seconds)
        return 0.0

    def _after_heater_off(self, edge: _Edge, watts: float) -> tuple[float, float]:
        """A slow plug's rise over a heater's level dated by the pump alone, the heater off.

        Read every few seconds, a heat exchanger's heater may go off just
        before a shot and come on again a reading or two after the pump
        (cold water drawn into its boiler): the heater's level, its partial
        fall, perhaps the standby, the pump alone, its heater's partial
        rise, then the heater and the pump. The edge from the heater's level
        to that one is the pump's alone, dated by its last readings (the
        heater's return): a 25.2 s shot read 10.3 s (24000012, a flush to
        the classifier). The readings date it: one whole reading of the pump
        alone at least, below the heater's level, shows it started by that
        reading's interval; the last reading without it (the standby, or the
        heater's level) that it started after. A partial reading of the pump
        alone right after the standby dates it by its share (``_crossing``);
        else it is dated between, and may be off by half of that (at most
        a reading's interval). inf (and 0) when the readings are not so.
        Dev seeds 20M-29M at 5 s: 24 shots of heat exchangers and dual
        boilers recalled (one lost, 29000004: ``_stop_in_heater_rise``'s
        tied share moved), no false shot; regression 5M-9M: 8, none.
        """
        if self._gap <= _FAST_GAP_S or watts <= 0.0:
            return math.inf, 0.0
        base = self._base
        tol = self._tol_lv
        if edge.before - base < self._heater_min() - tol:
            return math.inf, 0.0  # not over a heater's level
        pts = edge.pts
        period = self._period
        near = max(6.0, 0.15 * watts)
        ptol = self._ptol()
        alone = base + watts
        # The first whole reading of the pump alone, after the heater's level.
        whole = next(
            (i for i in range(4, len(pts), 2) if abs(pts[i + 1] - alone) <= ptol),
            None,
        )
        if whole is None:
            return math.inf, 0.0
        i = whole
        while i < len(pts) and abs(pts[i + 1] - alone) <= ptol:
            i += 2
        if i >= len(pts):
            return math.inf, 0.0  # no heater's return after it
        # The reading before it, and the one before that: each the standby,
        # the heater's level, or between (a partial reading).
        r = whole - 2
        if r < 2:
            return math.inf, 0.0
        w = pts[r + 1]
        before = pts[r - 1]
        window = self._window

        def idle(x: float) -> bool:  # a reading without the pump
            return abs(x - base) <= near or abs(x - edge.before) <= tol

        if idle(w):
            # The pump came within the whole reading's interval.
            return _crossing(pts, whole, base, watts, window=window, gap=period), 0.0
        span = min(pts[r] - pts[r - 2], period)
        if base + near < w < alone - ptol:
            # A partial reading of the pump alone: it started inside it.
            share = _crossing(pts, r, base, watts, window=window, gap=period)
            if abs(before - base) <= near:
                return share, 0.0  # from the standby: its share dates it
            if before > edge.before + tol or not (
                idle(before) or (r >= 4 and idle(pts[r - 3]))
            ):
                return math.inf, 0.0
            # A heater's part in it (its fall) makes the share too large.
            return 0.5 * (share + pts[r]), 0.5 * (pts[r] - share)
        if not (alone + ptol < w < edge.before - tol and idle(before)):
            return math.inf, 0.0
        # A heater's partial fall, the pump's start in it or not: within it.
        return pts[r] - 0.5 * span, 0.5 * span

    def _after_dip(self, edge: _Edge, watts: float) -> float:
        """A slow plug's rise from the standby dated after a dip in its readings.

        Read every few seconds, a pause between two pulses (a backflush's, two
        flushes) may show in no reading at the standby: only a reading part
        way up that falls back below the one before. The pump stopped and
        started again within it: the run starts there, not at the first
        pulse (two pulses read as one shot).
        """
        if self._gap <= _FAST_GAP_S or watts <= 0.0:
            return -math.inf
        pts = edge.pts
        if abs(edge.before - self._base) > max(6.0, 0.15 * self._pump_watts):
            return -math.inf
        dip = None
        for i in range(4, len(pts), 2):
            was = (pts[i - 1] - edge.before) / watts
            now = (pts[i + 1] - edge.before) / watts
            if was >= 0.15 and now < _PAUSE_FLOOR and now < was - _DIP:
                dip = i
        if dip is None or dip + 2 >= len(pts):
            return -math.inf
        return self._step_at(pts[dip - 2 :], edge.before, watts)


def _first_share(edge: _Edge, watts: float) -> tuple[int, float] | None:
    """A rise's first reading at 0.15 of the step or more, and its share.

    Under that share a reading is taken for noise (``_step_time``): the
    ramp's and the faint start's rules date the start from the first past it.
    """
    pts = edge.pts
    for i in range(4, len(pts), 2):
        share = (pts[i + 1] - edge.before) / watts
        if share >= 0.15:
            return i, share
    return None
