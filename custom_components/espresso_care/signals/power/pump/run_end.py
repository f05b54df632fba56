"""A run's fall: paired with its rise, and whether it closes the run at all.

A rising pump edge is paired with the next falling one of about the same
size (Hart's matching of ON/OFF events). The fall is checked against what
else could have made it: a heater's hand-over, its cycle
(``heater_cycles``) or short pulse, a heater's rise the pump ran on under.
The run it closes is then checked against when the pump stopped
(``stop_dating``) and what its readings show inside it (``off_in_run``). A
fall with no run on looks back to the heater edge that hid the start
(``_orphan_fall``).
"""

from __future__ import annotations

from collections.abc import Sequence
import math

from .. import heater_anchor
from ..readings import DetectedRun
from .constants import (
    _ALONE_HELD_N,
    _FAST_GAP_S,
    _MAINS_MOVE,
    _OVER_LARGEST,
    _OWN_STEP,
    _PAST_STEP,
    _RAN_ON,
    _SIZES_LEVEL,
    _SMALL_PUMP,
    _SPLIT_FALL_WHOLE,
    MAX_RUN_S,
    MIN_RUN_S,
)
from .records import _Heater, _Pending, _Rise
from .steps import _crossing, _Edge, _inside, _pump_share_then_heater
from .stop_dating import _StopDating


class _RunEnd(_StopDating):
    """The pump's fall: a run closed, or dropped when the fall is not its end."""

    __slots__ = ()

    def _hidden_start(self, rise: _Rise, size: float, pump: float) -> float:
        """When the pump started inside a heater's rise."""
        return self._pump_at(rise.pts, rise.before, size, pump)

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
        if (
            pure
            and not self._run_pure
            and (self._held_hand_over(edge) or self._sized_hand_over(edge))
        ):
            return []
        cycle = not (pure or self._run_pure) and self._cycle_heater(edge)
        if not (pure or self._run_pure):
            # Both edges split from heaters' edges: only with volts (heaters'
            # sizes then hold to a few watts), and if a reading showed the
            # pump alone in one of them or its step is many times that.
            seen_end = self._seen_alone(edge, -watts) or self._alone_level(edge.before)
            if seen_end and self._tail_read_as_pump(edge, watts):
                seen_end = False
            lone = self._run_lone and self._single_partial(edge)
            seen = self._run_seen
            if lone:
                # A heater's cycle, its partial readings at the pump's: only
                # a whole reading of the pump alone at the rise shows it.
                seen_end = self._held_alone_between(edge)
                seen = self._run_held
            # (A level held past any run, of the whole edge's size: a heater's.)
            held = self._held_level_size(-edge.delta)
            big = self._stands_out(heat, watts) and not held
            if self._vref2 and seen_end and not seen and self._lone_fall_other(edge):
                return []  # (a heater's one partial reading at the pump's level)
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
                    or self._stop_shown_apart(edge, watts)
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
        through = self._ran_through(edge, watts, heat)
        if through:
            rise = self._run_w  # (the heaters' part of the level was left unsure)
        both = pure and self._run_pure
        if both and self._on_unsized_heater(edge.after):
            return []  # (the mains moving a heater not learnt yet)
        if (
            not pure
            and self._run_pure
            and abs(edge.after - self._base) <= self._tol_lv
            and self._on_heat_up(self._run_at, at)
        ):
            return []  # (the mains stepping a heater that heats the machine up)
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
        if self._run_unsure and not both and not through:
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
        if self._kind_unsure(at - started, spread) or self._read_long_from_fall(
            pure, at - started
        ):
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
        if self._heater_alone_then_tail(started, at):
            return []
        if self._after_pulse_series(started, at):
            return []
        if self._lost_after_pulses(started, at):
            return []
        if (
            both
            and abs(edge.after - self._base) <= self._tol_lv
            and not self._off_own_fall(watts)
        ):
            # The pump's own fall (``_off_step``), learnt from clean runs'
            # falls that agree with it: a flush read only in part reads a
            # share of the step, and pulled the learnt step 11 % low at
            # its second sample (dev seed 21,000,051 every 2 s: a 2.2 s
            # flush read 109.1 and 106.4 W beside a 136 W step, and a
            # 98.2 s shot's stop beside the brew heater, read at the true
            # step, then strayed from it: lost). Dev seeds 20M-29M at 1-2 s
            # and on change: heat exchanger on change 27,000,047 +3, dual
            # boiler every 2 s 21,000,051 +1; regression 5M-9M the same;
            # 150M-157M +1 (151,000,011), 158M-169M the same; no false
            # shot more, none lost.
            self._step_n = min(self._step_n + 1, 20)
            self._step_w += (watts - self._step_w) / self._step_n
        if cycle:
            self._learn_cycle(edge)
            return []
        if pure and self._gap > _FAST_GAP_S:
            at = self._stop_under_heater(edge, started, at)
        # Decided once the level after the fall holds (a reading or two).
        self._confirm = DetectedRun(started, at, step)
        self._confirm_from = edge.before
        return []

    def _fall_past_step(self, edge: _Edge) -> bool:
        """Whether a fall nothing explains, over a heater that came on in a vibratory pump's run, is the pump's stop.

        A vibratory pump draws more as the shot builds pressure, and its
        calibration may read it low: its stop over a heater that came on
        during the run falls up to half again its step, past what the pump
        explains, and dropped the run (dev seed 26,000,018 every 2 s, a heat
        exchanger's 44 W pump calibrated 38.6 W: 2.4 W, the pump alone 38.7,
        44.3 ... 46.3 W, the 1,470 W heater on, 1,492 W, then 1,464.1,
        1,449.3 W, a 49 W fall; a 23.0 s shot lost). The run's start showed
        the pump alone (a rise of its own, or a heater's fall to the pump's
        level held), and the fall leaves the run's own level (the standby and
        the heaters its edges brought on): the pump's fall, paired as any
        (``_pump_fall``). With volts only (heaters' sizes hold to a few watts).
        """
        p = self._pump_watts
        size = -edge.delta
        return (
            self._pump
            and (self._run_pure or self._run_held)
            and self._vref2 > 0.0
            and p < _SMALL_PUMP
            and self._run_heat >= self._heater_min()
            and p < size <= _PAST_STEP * p
            and abs(edge.after - self._run_level()) <= self._tol_lv
        )

    def _stop_under_heater(self, edge: _Edge, started: float, at: float) -> float:
        """A pump's fall read every few seconds, dated by a heater's readings in it.

        A heat exchanger's heater coming on late in a shot and staying on
        after it fills the fall's transient: the fall to the standby is
        dated after the heater's, the latest the pump could have stopped,
        10-15 s late. A reading of a known heater alone in that transient
        shows the pump off over its interval (``_heater_alone_from``), and
        no bound of ``kind_bounds`` lies between that and the fall (else
        ``_off_under_heater`` withheld the run): the stop is dated there,
        the run of the same kind (dev seed 21,000,029 at 4,872 s, a 183 W
        pump: 186, 184, then 745, 1,510, 1,459, 450, 3 W beside a 1,466 W
        heater; a 19.3 s shot read 33.2 s). First, a partial reading of the
        pump between the heater's and the pump's whole reading and the
        heater's partial one dates the stop by its share
        (``_pump_share_at_heater_top``): the heater alone, to the mains'
        move, fits such a reading too.
        """
        share = self._pump_share_at_heater_top(edge.pts, at)
        if share is not None and share > started:
            return share
        off = self._heater_alone_from(edge.pts, edge.before, at)
        return at if off is None or off <= started else off

    def _pump_share_at_heater_top(
        self, pts: Sequence[float], at: float
    ) -> float | None:
        """When the pump stopped, by its partial reading after a heater and the pump read whole.

        Read every few seconds, a heater coming on late in a run and
        staying on past the pump's stop fills a pure fall's transient: a
        reading of that known heater and the pump whole, then the pump's
        partial reading, then the heater's (``_pump_share_then_heater``). Dev
        seed 21,000,013 at 10,816 s, a 156 W pump beside a 1,398 W heater:
        161, 1,099, 1,552, 1,444, 1,149, 4 W; a 25.8 s shot's stop was
        dated at the standby's first reading, 8.6 s late. None when no
        reading fits.
        """
        p, base = self._pump_watts, self._base
        for i in range(2, len(pts) - 4, 2):
            if pts[i + 2] >= at:
                break
            top = pts[i + 1]
            for x in self._known_heaters:
                near = max(self._still(top), _MAINS_MOVE * x)
                if abs(top - base - x - p) <= near and _pump_share_then_heater(
                    pts, i + 2, top, -x, -p, whole_before=True
                ):
                    return _crossing(
                        pts, i + 2, top, -p, window=self._window, gap=self._period
                    )
        return None

    def _tail_read_as_pump(self, edge: _Edge, watts: float) -> bool:
        """Whether the pump seen alone in a fall read every few seconds is the heater's tail.

        Without volts a run split from heaters' edges at both ends needs a
        reading of the pump alone at its fall (``_seen_alone``). A fall to
        the standby in one partial reading holds the heater's last part of
        an interval, of any share: at a tenth of a second of a 1.2 kW heater
        it reads the pump's watts. A flush whose stop hid in the heater's
        rise was then read to the heater's fall, the pump "seen" after it
        (dev seed 26,000,060, a heat exchanger with a 43 W pump: 8, 24,
        1,082, then 1,245, 1,239, 1,237, 59, 7 W, a 7.0 s flush read as a
        27.0 s shot). The pump alone after the heater's fall would leave a
        reading at its level and its own partial one, two readings; one
        reading at that level straight to the standby is no evidence. Not
        when a reading showed the pump alone whole at the run's rise
        (``_run_seen``), when the heater alone was read first (the pump's
        stop apart, ``_stop_shown_apart``), or with volts. Dev seeds
        20M-29M every 5 s: the heat exchanger's false shots 10 -> 9
        (26,000,060), no shot lost; regression 5M-9M identical.
        """
        if not self._seconds_apart or self._vref2 or self._run_seen:
            return False
        if abs(edge.after - self._base) > self._tol_lv or not self._single_partial(
            edge
        ):
            return False
        return not (
            self._seen_alone(edge, -watts, pump_first=True)
            or self._alone_level(edge.before)
        )

    def _ran_through(self, edge: _Edge, watts: float, heat: float) -> bool:
        """Whether an unsure run, the pump seen alone at its rise and at its fall, ran through (on change).

        A dual boiler's steam heater may draw about the brew heater and a
        rotary pump: the brew heater coming on beside the running pump fits
        the pump stopping as the steam heater came on as well, the run is
        unsure and was dropped at its fall (dev seed 24,000,023 on change,
        brew heater 1,076 W, pump 135 W, steam heater 1,233 W: 4, 143 W for
        12 s, then 1,226 W; 35 s later 787, 136, 49, 4 W, a 50 s shot
        lost; 21,000,007 alike). A run that rose alone from the standby
        and whose fall to the standby holds two switchings, one reading of
        the pump alone between a heater's fall and its own, ran until then:
        two hand-overs would need the pump to stop as the steam heater came
        on and to start again as it went off, both in one reading. On
        change only: every second or two such a rise leaves a stop pending
        at it (``_unsure_stop``), which the heater's fall decides.
        """
        if not (self._on_change and self._run_unsure and self._run_pure):
            return False
        tol = self._tol_lv
        if (
            heat >= 0.0
            or abs(self._run_before) > tol
            or abs(edge.after - self._base) > tol
        ):
            return False  # not from the standby and back, a heater falling too
        p = self._pump_watts
        ptol = self._ptol()
        if abs(watts - p) > ptol or abs(self._run_w - p) > ptol:
            return False
        return self._two_switches(edge) and self._seen_alone(edge, -watts)

    def _stop_shown_apart(self, edge: _Edge, watts: float) -> bool:
        """Whether a fall with a heater's, read every few seconds, shows the pump's stop apart from it.

        A thermostat's or heat exchanger's heater comes on with the pump
        (the shot's cold water), both in one reading's interval: the rise is
        one partial reading, no proof of the pump, and without volts a run
        split from heaters' edges at both ends needs one at each
        (``_pump_fall``). The pump stopping a reading or more before the
        heater leaves, inside the fall, a reading of the heater alone (the
        level less the pump's step, ``_seen_alone``) and the heater's own
        partial reading after it: two switchings, the pump's first. A
        heater's cycle alone falls in one partial reading. Dev seed
        22,000,052 (thermostat, 40 W pump): 5, 550, 1,310 ... 1,306, then
        1,270, 1,256, 727, 6 W, a 38.6 s shot lost. Only the fall's: a
        flush's rise shows the pump apart from the heater as a shot's does,
        its stop then unseen inside the heater's level (the rise's evidence
        alone added nine false shots on the regression seeds, mostly
        flushes read to the heater's fall), and two partial readings with
        none at the heater alone may be the heater drifting with the mains
        as it falls (a flush on regression seed 8,000,052: 1,334, 1,320,
        1,297, 503 W). The heater alone read first, not the pump alone
        after the heater's fall (``_seen_alone`` reads either, so only its
        ``pump_first``): among a backflush's pulses over a heater that is
        the next pulse starting as the heater falls (dev seed 29,000,060, a dual boiler: 1,139, 588,
        588, 72, 42, 7 W, a 67 s false shot).
        """
        if not self._seconds_apart or self._single_partial(edge):
            return False
        return self._seen_alone(edge, -watts, pump_first=True)

    def _held_alone_between(self, edge: _Edge) -> bool:
        """Whether a run between two heaters' edges, read every few seconds, held the pump alone whole.

        A heater's fall with the pump's start, then the pump's stop with a
        heater's rise, each in one reading's interval: each edge holds one
        partial reading (or none, a report lost), which shows nothing
        (``_single_partial``). But the level between them held, at the
        standby and the pump's step (no heater is that small), and read so
        whole at the rise (``_run_held``) and twice or more before the fall
        is the pump alone: it ran between them (regression seed 9,000,004,
        a thermostat with a 49 W pump: 1,057, a report lost, 52, 52, 52,
        339, 1,055 W, a 29.5 s shot lost). Not on change (a level held by
        silence may be a partial reading).
        """
        if not (self._seconds_apart and self._run_held):
            return False
        if not self._alone_level(edge.before):
            return False
        level = self._base + self._pump_watts
        ptol = self._ptol()
        whole = sum(
            1
            for at, watts in self._recent
            if self._run_at <= at <= edge.at and abs(watts - level) <= ptol
        )
        return whole >= _ALONE_HELD_N

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

    def _stands_out(self, heat: float, watts: float) -> bool:
        """Whether the pump's step stands out of the heaters' part of an edge it shares.

        A rotary pump's does (100 W or more): beside heaters read at the
        plug's volts, held to a few watts; without volts, when it is more
        than the mains can move the heaters (8 % of their part, 4 % of the
        volts either way), their sizes followed from their recent edges,
        and the whole edge is no other heater's size (one seen even once),
        nor that size moved by the mains (``_MAINS_MOVE``: a heater followed
        from its edges at other volts), nor between a heater's size and the
        largest its own edges were read at alone, with a little of the
        pump's step over it (``_OVER_LARGEST``): the mains moved it that far
        on this plug. On 110-125 V mains the volts wander twice as far for
        their size as on 230 V, and a heater's level with their square: dev
        seed 26,000,037 (a thermostat, a 150 W rotary pump, 120 V), the
        heater's edges read 996-1,114 W alone, then its cycles of
        1,141-1,152 W from the standby and back, no pump on, read as 45 s
        and 55 s shots (0.17-0.19 of the step over 1,114 W). Every 5 s, dev
        seeds 20M-29M: thermostat false shots 8 -> 6, no shot lost (at half
        the step: 2 lost); regression 5M-9M the same; at 1 s and 2 s on dev
        it never decides. Never on a plug reporting on change, whose level
        held by silence may be a partial reading whose follow-up was lost.
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
            or h.size / k < whole <= h.largest / k + _OVER_LARGEST * p
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

    def _sized_hand_over(self, edge: _Edge) -> bool:
        """Whether a run split from a heater's rise, falling onto that heater's level, held the other heater's (with volts).

        A dual boiler's steam heater may draw about the brew heater and a
        rotary pump: its rise from the standby, decided from its first two
        readings, a few watts low as the mains moved in them, fits the
        brew heater and the pump, not the steam heater's size learnt to a
        few watts; its hand-over to the brew heater (their difference,
        about the pump's step) then reads as the pump's stop, the brew
        heater left on (dev seeds every 2 s: 20,000,003, 1,188 W risen for
        a 1,198 W steam heater, a 996 W brew heater and a 194 W pump, a
        26.0 s shot; 25,000,027, 1,224 W for 1,237 W, 1,066 W and 161 W,
        33.0 s). The level before the fall, read over the run, says which
        (as ``_other_heater_level`` for a fall to the standby): nearer the
        other heater alone (learnt twice or more) than the run's heater and
        the pump, the run was that heater's. Only a run from the standby
        whose rise showed no reading of the pump alone and no two
        switchings (a shot's pump seen alone before its brew heater came:
        dev 23,000,023 on change, where the steam heater draws the brew
        heater and the pump within a few watts, lost two shots without
        that), onto the run's heater alone (``_SIZES_LEVEL``); with volts,
        every second or two or on change.
        """
        h = self._run_heater
        if (
            not self._vref2
            or self._seconds_apart
            or h is None
            or not h.on
            or abs(self._run_before) > self._tol_lv  # (from the standby)
            or self._run_seen
            or self._run_held
            or self._run_two
        ):
            return False
        k = self._k
        base = self._base
        if abs(edge.after - base - h.size / k) > _SIZES_LEVEL * h.size / k:
            return False  # not onto the run's heater alone
        return self._nearer_other_heater(edge, h)

    def _lone_fall_other(self, edge: _Edge) -> bool:
        """Whether a fall to the standby, read every second or two, is the other heater's, its one partial reading at the pump's level.

        Read every second or two, one switching leaves one partial reading
        at most inside its edge, of any share: a steam heater's fall to the
        standby, its partial reading a sixth of the way down, reads as the
        brew heater's fall with the pump's stop seen alone before it
        (``_seen_alone``), and the steam heater's cycle, its rise split as
        the brew heater's and the pump's, counted as a shot (dev seed
        28,000,059 every 2 s, 13,481-13,538 s: 1,175, 1,181, 172, 3 W for a
        148 W pump, a 56.0 s shot). A fall whose one partial reading only
        showed the pump, from a level nearer the other heater alone than the
        run's heater and the pump (``_other_heater_level``), is that
        heater's. (On change and every 5 s ``_single_partial`` reads such a
        fall.)
        """
        if self._on_change or self._gap > _FAST_GAP_S:
            return False
        before, after = edge.before, edge.after
        lone = (
            _inside(
                edge.pts,
                after + self._past_noise(after),
                before - self._past_noise(before),
            )
            < 2
        )
        return lone and self._other_heater_level(edge)

    def _off_own_fall(self, watts: float) -> bool:
        """Whether a pump's step strays more than ``_OWN_STEP`` from its own fall learnt so far."""
        learnt = self._step_w
        return abs(watts - learnt) > _OWN_STEP * learnt + self._slack()

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
        return self._off_own_fall(watts)

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
        if run is None:
            run = self._alone_from_standby(edge, at, watts)
        if run is not None:
            return [] if self._ambiguous else [run]
        self._unexplained(at, watts)
        return []
