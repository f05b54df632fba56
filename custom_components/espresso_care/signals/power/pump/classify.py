"""Classifying a decided edge: a heater's, the pump's rise or fall, or noise.

``_edge`` takes an edge once its level held, ``_classify`` dispatches it by
its explanation to the concerns below (learning a heater, opening or
closing a run, a hidden run, a pause) and counts what nothing explains as
noise. Short pulses of the pump before a heater are confirmed here too.
"""

from __future__ import annotations

from collections.abc import Sequence
import itertools
import math

from ..readings import DetectedRun
from .constants import (
    _EPS,
    _FAST_GAP_S,
    _HEATERS,
    _MAINS_MOVE,
    _NOTHING,
    _PULSE_MAX_S,
    _PULSE_MIN_S,
    _PUMP,
    _RESUME_S,
    _SMALL_PUMP,
    _UNSURE,
    MAX_RUN_S,
    MIN_RUN_S,
)
from .hidden_runs import _HiddenRuns
from .steps import _Edge


class _Classify(_HiddenRuns):
    """A decided edge dispatched by its explanation."""

    __slots__ = ()

    def _held_standby(self, edge: _Edge) -> bool:
        """Whether a run's fall left the standby, held, before ``edge`` (every few seconds).

        Read every 5 s, the standby after a run's stop may hold two readings
        and no more before the next edge (a flush after the shot): the time
        a level needs to hold (two and a half intervals) has not passed, but
        the level the fall reached is nothing on, read twice (``settled``).
        """
        return (
            self._seconds_apart
            and edge.settled
            and abs(edge.before - self._base) <= self._tol_lv
        )

    def _resumed(self, edge: _Edge) -> bool:
        """Whether a pump's rise soon after a held run's fall says the run went on.

        Read every second or two among a slow PID's pulses, a pulse's
        partial readings over a run may land twice in a row near the level
        less the pump's step: they settle as a level, and the run reads as
        stopped there. A rise of the pump's step alone back to the level
        the run fell from, sooner than a user pauses between two runs
        (``_RESUME_S``), says the pump never stopped.
        """
        run = self._confirm
        return (
            run is not None
            and self._gap <= _FAST_GAP_S
            and edge.at - run.ended < _RESUME_S
            and edge.before - self._base >= self._heater_min()
            and abs(edge.after - self._confirm_from) <= self._tol_lv
        )

    def _stop_in_rise_held(
        self, edge: _Edge, heat: float, held: DetectedRun | None
    ) -> None:
        """Hold a run whose stop a heater's rise hid, read every few seconds, until the next edge.

        A thermostat's heater comes on a reading or two after the pump
        starts (the cold water it draws): its rise, a few per cent off the
        size it is known by (the mains moved, no volts read), fits the
        heater coming on and the pump stopping better than the heater
        alone, and a shot reads as a flush (a 24.0 s shot read 14.6 s, dev
        seed 20000012: 39 W pump, a 1,130 W heater known, risen 1,100 W).
        A run from the standby so ended waits for the next edge: a fall of
        the pump's step alone from the level the rise left, or that level's
        fall showing the pump's stop before the heater's, says the pump ran
        on (``_ran_on_through_rise``); any other edge, or the run's longest
        time, decides it as before.
        """
        run = self._confirm
        if (
            run is None
            or run is held
            or heat <= 0.0
            or edge.delta <= 0.0
            or self._gap <= _FAST_GAP_S
            or self._on_change
            or not (self._run_pure or self._split_from_standby())
            or abs(self._run_before) > self._tol_lv
        ):
            return
        self._ran_on_run = run
        self._ran_on_level = edge.after
        self._ran_on_ripe = False

    def _split_from_standby(self) -> bool:
        """Whether the run opened split from a heater's rise, its start shown by a partial reading from the standby.

        Read every 5 s, the pump starting a few seconds before the heater
        leaves one partial reading of the pump alone, then the heater's
        rise: no whole reading of the pump alone, so the run is not pure
        (``_split_or_edge``). That rise, a few per cent under the heater's
        learnt size (the mains moved it), fits the heater on and the pump
        off, as a pure run's does (``_stop_in_rise_held``): the run waits
        for the next edge the same way, and only a fall of the pump's step
        alone from the level the rise left (or that level's fall showing
        the pump's stop first) says the pump ran on (dev seed 23,000,004, a
        thermostat: 17, 874, 1,205 W, a 16.6 s shot read as a 6.4 s
        flush). Not while the decoder's look is due (``_decode_at``): a
        held run skips it, and an earlier shot it would have found was
        lost behind the held run (dev 20,000,060, 28,000,060; regression
        8,000,005).
        """
        return self._run_split and self._decode_at == math.inf

    def _confirm_holds(self, now: float) -> bool:
        """Whether the held run waits for the next edge (``_stop_in_rise_held``).

        Until the run's longest time from its start: then it is decided.
        (A question only: ``next_deadline`` asks it.)
        """
        run = self._confirm
        return (
            run is not None
            and run is self._ran_on_run
            and now < run.started + MAX_RUN_S - _EPS
        )

    def _confirm_waits(self, now: float) -> bool:
        """``_confirm_holds``, letting the hold go once its time is up."""
        if self._confirm_holds(now):
            return True
        if self._confirm is not None and self._confirm is self._ran_on_run:
            self._ran_on_run = None
        return False

    def _ran_on_through_rise(self, edge: _Edge, how: int, sp: int, heat: float) -> bool:
        """Whether an edge after a run held at a heater's rise says the pump ran on.

        The pump's fall alone, of its step, from the level the rise left
        (the heater's and the pump's): the rise was the heater's alone. Or
        that level's fall, read as the heater's alone, whose readings show
        the pump going off first (``_pump_off_first``).
        """
        run = self._confirm
        if (
            run is None
            or abs(edge.before - self._ran_on_level) > self._tol_lv
            or not MIN_RUN_S <= edge.at - run.started <= MAX_RUN_S
        ):
            return False
        if how == _PUMP:
            return sp < 0 and not heat
        return how == _HEATERS and heat < 0.0 and self._pump_off_first(edge)

    def _pump_off_first(self, edge: _Edge) -> bool:
        """Whether a fall to the standby read every few seconds shows the pump's stop, then a heater's.

        A dual boiler's brew heater comes on a reading after the shot's
        start, a few per cent off its learnt size (no volts): its rise fits
        the heater on and the pump off, and a shot reads as a flush
        (``_stop_in_rise_held``). The level it left then falls to the
        standby in two partial readings: the first short of the level by
        more than the mains move a heater (``_MAINS_MOVE``: no dip) and no
        more than the pump's step, the second over the standby by more than
        the pump's step (a heater's share). One load switching leaves at
        most one reading between two states: two went off, the first no
        bigger than the pump, which ran on through the rise (dev seed
        20000005, a 31.1 s shot of a 114 W rotary pump read 10.0 s: 103,
        867, 1,192, 1,197, 1,192, 1,194, then 1,129, 665, the standby).
        Only past the mains' move, so never a vibratory pump's stop beside
        a 1-1.5 kW heater. Dual boiler every 5 s, dev seeds 20M-29M: 1,161
        -> 1,162 shots, false shots 10 -> 10; thermostat, heat exchanger
        and regression 5M-9M unchanged.
        """
        pts = edge.pts
        level, after = edge.before, edge.after
        low = after + self._past_noise(after)
        high = level - self._past_noise(level)
        inner = [pts[i] for i in range(5, len(pts), 2) if low < pts[i] < high]
        if len(inner) != 2:
            return False
        stop, heat = inner
        p = self._pump_watts
        return (
            _MAINS_MOVE * (level - self._base) < level - stop <= p + self._ptol()
            and heat - self._base > p + self._ptol()
        )

    def _pulse_before_heater(self, edge: _Edge) -> list[DetectedRun]:
        """A short pulse read on its own just before a heater's rise hid its end.

        From the standby, two readings or more at the pump's level (after a
        ramp's reading perhaps), then the heater's rise to a level of the
        heater alone: the pump ran from the first of them and had stopped by
        that level, its fall dated at the heater's first reading. Or one
        such reading, then (after the heater's partial one perhaps) readings
        at the heater's level and the pump's step over it, before the
        heater's level alone: the pump stopped after them, its fall dated
        at the first reading below them.
        """
        base = edge.before
        if edge.delta <= 0.0 or not self._quiet_standby(base, edge.at):
            return []
        p = self._pump_watts
        pts = edge.pts
        watts = pts[5::2]
        first = 1 if watts and 0.0 < watts[0] - base < 0.75 * p else 0
        n = first
        while n < len(watts) and abs(watts[n] - base - p) <= 0.25 * p:
            n += 1
        if n == first or n == len(watts) or watts[n] - base <= p + self._ptol():
            return []
        end = n if n - first >= 2 else self._with_heater(watts, n, edge.after + p)
        if end is None:
            return []
        level = sum(watts[first:n]) / (n - first)
        started = self._step_at(pts, base, level - base)
        return self._confirm_pulse(started, pts[4 + 2 * end], level - base) or []

    def _with_heater(self, watts: Sequence[float], n: int, top: float) -> int | None:
        """Where readings at ``top`` (the heater and the pump) from ``watts[n]`` end.

        One reading between the pump's level and ``top`` may come first
        (the heater's partial one). None unless one reading at least is at
        ``top`` and one after it below.
        """
        near = 0.25 * self._pump_watts
        if watts[n] < top - near:
            n += 1  # the heater's partial reading
        end = n
        while end < len(watts) and abs(watts[end] - top) <= near:
            end += 1
        if end == n or end == len(watts) or watts[end] > top - near:
            return None
        return end

    def _confirm_pulse(
        self, started: float, ended: float, watts: float
    ) -> list[DetectedRun] | None:
        """Hold a short pulse's run, to be decided once the standby holds again.

        None (and nothing held) when it lasted less than a pulse can, or as
        long as a shot. Else the run held before it, decided now: it fell to
        the standby this pulse rose from (a backflush's pause, a reading or
        two, is too short for the standby to hold the readings a run's end
        waits for).
        """
        if not _PULSE_MIN_S <= ended - started <= _PULSE_MAX_S:
            return None
        earlier = self._confirmed()
        self._confirm = DetectedRun(started, ended, watts)
        self._confirm_from = math.nan
        self._fell_at = ended
        return earlier

    def _paused_in(self, edge: _Edge, signs: tuple[int, ...]) -> bool:
        """Whether a heater's edge during a run shows the pump paused inside it.

        Two flushes seconds apart, a heater switching between them, make one
        transient of the pause; read as one run they would be a shot. The
        pump was off when a reading inside the edge shows:

        * less than half its step over the standby (the heaters only add to
          the pump's level, even one handing over to another): any plug;
        * either level less its step (the heaters whole, the pump off),
          among two different partial readings (one heater's switching reads
          partial once at most on a plug that averages): only for one heater
          switching, read every second or two (seconds apart a heater may
          come and go inside one transient), a pump whose step stands out of
          a heater's drift as it warms (a rotary one's, 100 W or more), on a
          periodic plug (on change, a level held by silence may be partial).
        """
        p = self._pump_watts
        pts = edge.pts
        low = self._base + 0.5 * p
        if any(pts[i] < low for i in range(5, len(pts), 2)):
            return True
        if (
            p < _SMALL_PUMP
            or self._on_change
            or self._gap > _FAST_GAP_S
            or sum(1 for sign in signs if sign) != 1
            or (self._window is None and not self._averaging)
        ):
            return False
        near_b = self._past_noise(edge.before)
        near_a = self._past_noise(edge.after)
        partial = [
            pts[i]
            for i in range(5, len(pts), 2)
            if abs(pts[i] - edge.before) > near_b and abs(pts[i] - edge.after) > near_a
        ]
        if not any(abs(a - b) > 3.0 for a, b in itertools.combinations(partial, 2)):
            return False
        near = 0.25 * p + self._slack()
        offs = (edge.before - p, edge.after - p)
        return any(abs(w - off) <= near for w in partial for off in offs)

    def _heaters_off_in_run(self, edge: _Edge) -> None:
        """A heater's fall in a run to the pump alone over the standby: the run's heaters' part is none.

        A run's level is its level before the rise plus the heaters' edges
        read since, each with its reading's error; a vibratory pump's ramp
        cut by a heater's edge leaves its rest in that edge, and the rise
        read before it is the ramp's first part only. Once a heater's fall
        leaves the pump alone over the standby (under any heater's size,
        the pump's step), the heaters' part is none, whatever their edges
        summed to: the run stands on the standby (dev seed 27,000,032 every
        second, a 54.6 W vibratory pump over the brew heater: 982, 1,005,
        1,018 W in the ramp, the heater's fall 252, 61 W; the rise read
        28.7 W, the heater's edge -959 W; back on, the stop's fall read
        55.7 W never paired, a 27.2 s shot lost).
        """
        alone = edge.after - self._base
        if alone < self._heater_min() and (
            abs(alone - self._pump_watts) <= self._ptol()
        ):
            self._run_heat = -self._run_base
            self._run_heater = None  # (none is on: no heater's fall re-reads the base)

    def _edge(self, edge: _Edge, now: float) -> list[DetectedRun]:
        held = self._held
        if held is not None:
            self._held = None
            # (A ramp's rest is judged by its first reading: it may settle late.)
            begun = min(now, edge.pts[4]) if self._ramp_part(held) else now
            if (held.delta > 0) == (edge.delta > 0) and begun - self._held_at <= (
                self._held_for(held) + _EPS
            ):
                # Two parts of one slow step (a ramp): one edge.
                merged = _Edge(
                    held.at,
                    held.delta + edge.delta,
                    held.before,
                    edge.after,
                    held.pts + edge.pts[4:],
                    held.settled,
                    edge.k,
                )
                if now - self._held_at <= self._hold() + _EPS or (
                    self._explained(merged)[0] != _NOTHING
                ):
                    return self._edge(merged, now)
            elif self._lone_excursion(held, edge):
                return []
            out = self._classify(held)
            return out + self._edge(edge, now)
        if (
            self._explained(edge)[0] != _NOTHING
            or abs(edge.delta) >= self._heater_min()
        ) and not (self._lone_partial(edge) or self._ramp_part_over_heater(edge)):
            return self._classify(edge)
        self._held = edge
        self._held_at = now
        return []

    def _release(self) -> list[DetectedRun]:
        held = self._held
        self._held = None
        return [] if held is None else self._classify(held)

    def _classify(self, edge: _Edge) -> list[DetectedRun]:
        """Explain one edge and follow the pump and the heaters through it."""
        if self._record is not None:
            self._record.append(edge)
        if self._edge_ats[1] != edge.at:  # (once: an edge may be classified again)
            self._edge_ats = (self._edge_ats[1], edge.at)
        how, sp, heat, signs = self._explained(edge)
        self._version += 1  # what follows changes the machine's state
        if self._confirm is not None and self._confirm_waits(self._last_at):
            if self._ran_on_through_rise(edge, how, sp, heat):
                self._confirm = None
                self._pump = True  # the rise was the heater's alone
                self._run_heat += (self._ran_on_level - self._confirm_from) * self._k
                if how == _HEATERS:
                    # The fall holds the pump's stop too (``_pump_off_first``).
                    how, sp = _PUMP, -1
                    heat = edge.delta + self._pump_watts
            elif self._ran_on_ripe:
                self._version -= 1  # as decided before the edge
                return self._confirmed() + self._classify(edge)
        if self._confirm is not None:
            # The level after a run's fall did not hold long: keep the run
            # only if what came next makes sense, or the level is a state of
            # the machine and a heater's edge came next (even one that fits
            # with and without the pump, or a size not known yet).
            known = self._known_level(edge.before) and (
                how == _UNSURE or abs(edge.delta) >= self._heater_min()
            )
            if how == _PUMP and sp > 0 and not heat and self._resumed(edge):
                self._confirm = None
                self._pump = True  # the run goes on: its fall was none
                return []
            if how in (_HEATERS, _PUMP) or known or self._held_standby(edge):
                self._version -= 1  # nothing changed yet: the same explanation
                return self._confirmed() + self._classify(edge)
            self._confirm = None
        if (
            edge.delta < 0
            and self._rises
            and -edge.delta >= self._heater_min()
            and not (
                how == _HEATERS
                and all(
                    h.on
                    for h, sign in zip(self._heaters, signs, strict=False)
                    if sign < 0
                )
            )
        ):
            # (A heater known to be on, falling by its size, ends its own
            # cycle: not a rise nothing explained, when two heaters differ
            # by about the pump's step.)
            fell = self._rise_fell(edge)
            if fell is not None:
                self._unsure_rise = None
                return fell
        out = self._ended_at_unsure_fall(edge)
        if out:
            how, sp, heat, signs = self._explained(edge)
        out += self._between_hand_overs(edge, how)
        if how == _HEATERS:
            out += self._switch(edge, signs, edge.delta)
            if self._pump and self._paused_in(edge, signs):
                self._stop(edge.at)  # two runs read as one: neither is known
            elif self._pump:
                self._run_heat += edge.delta * self._k
                self._heaters_off_in_run(edge)
            else:
                out += self._pulse_before_heater(edge) or self._run_inside_rise(edge)
        elif how == _PUMP:
            pump_part = edge.delta - heat
            # (Read before the switch says it off.)
            last_on = self._came_on_last(signs) if heat and sp < 0 else None
            if heat:
                out = self._switch(edge, signs, heat, learn=False)
            if sp > 0:
                out += self._pump_rise(edge, pump_part, heat)
                self._handed_over_at_start(signs)
            else:
                held = self._confirm
                out += self._pump_fall(edge, -pump_part, heat, last_on)
                self._stop_in_rise_held(edge, heat, held)
        elif how == _UNSURE:
            if self._pump:
                self._run_unsure = True
                self._unsure_fall(edge)
                self._unsure_stop(edge)
            for heater in self._heaters:
                heater.on = None
        elif (ramped := self._ramp_beside_heater(edge)) is not None:
            out = ramped
        elif self._fall_past_step(edge):
            out += self._pump_fall(edge, -edge.delta, 0.0)
        elif abs(edge.delta) >= self._heater_min():
            self._unknown_heater(edge)
        elif not self._ramp(edge) and not self._noise_in_run(edge):
            self._unexplained(edge.at, abs(edge.delta))
        if edge.after < 0.4 * self._pump_watts and not self._pump:
            self._base += 0.5 * (edge.after - self._base)  # nothing on: standby
        if edge.after < 0.5 * self._heater_min():
            for heater in self._heaters:
                heater.on = False  # below any heater: none is on
            self._rises.clear()
            if self._pump and edge.after < 0.5 * self._pump_watts:
                self._stop(edge.at)  # below the pump too: the run was not one
        self._merge(edge.at)
        return out
