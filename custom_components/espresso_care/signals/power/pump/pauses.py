"""Pauses and short pulses inside a transient.

Readings between two steady states that are no edge of their own: a user's
pause inside a run (a dip to the standby that ends it), a blip at the
standby, a short pump pulse that never settles (a backflush's), readings
between states, pulses a run stopped among. They split a transient into
edges or end the run they touch.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..readings import DetectedRun
from .classify import _Classify
from .constants import (
    _FAST_GAP_S,
    _PAUSE_FLOOR,
    _PAUSE_FLOOR_PULSE,
    _PULSE_MAX_S,
    _RAMP_REST_S,
    _SMALL_PUMP,
    _STILL_SHARE,
    _STILL_W,
    MAX_RUN_S,
    MIN_RUN_S,
)
from .steps import _crossing


class _Pauses(_Classify):
    """Pauses and short pulses inside a transient."""

    __slots__ = ()

    def _pump_level(self, watts: float) -> bool:
        """Whether a repeated value read every few seconds is the pump's step over the level.

        An energy meter's 5 s average seldom changes by the watt on a level
        of tens of watts: a value repeated there holds, more often than a
        stale meter repeats one (its partial readings are no pump's level).
        """
        p = self._pump_watts
        return self._gap > _FAST_GAP_S and (
            abs(watts - self._lv - p) <= 0.1 * p
            or abs(watts - self._base - p) <= 0.1 * p
        )

    def _standby_repeat(self, watts: float) -> bool:
        """Whether a repeated value read every few seconds is the standby's.

        An energy meter's 5 s average of the standby alone, to the watt,
        repeats most of the time; a stale meter repeats a value seldom: a
        value repeated there holds (the pump's fall to it is decided).
        """
        return self._gap > _FAST_GAP_S and abs(watts - self._base) <= max(
            2.0, 0.1 * self._pump_watts
        )

    def _between_states(self, level: float, now: float) -> bool:
        """Whether a candidate level is a slow PID's partial readings, no state.

        While a heater pulses in a time-proportional window, each reading
        averages part of a pulse: the standby, the pump and the heater known
        well sum to a few levels only (Hart's states), and two readings that
        agree elsewhere between them agree by chance. They hold no level.
        """
        heaters = self._known_heaters
        if not heaters or not self._pulsing(now):
            return False
        tol = self._tol_lv + self._slack()
        rest = level - self._base
        for pump in (0.0, self._pump_watts):
            for on in range(1 << len(heaters)):
                heat = sum(h for i, h in enumerate(heaters) if on >> i & 1)
                if abs(rest - pump - heat) <= tol + 0.02 * heat:
                    return False
        if not 0.0 < rest < self._pump_watts + sum(heaters):
            return False
        # As the edge it would have made: nothing explains it (its rate
        # tells a PID faster than the plug reports, whose readings never
        # show a state, from a slow one's chance agreements).
        size = abs(level - self._lv)
        if size >= 0.5 * self._pump_watts:
            self._event(now, size)
        return True

    def _stopped_among_pulses(self) -> list[DetectedRun]:
        """A run's stop hidden among a slow PID's pulses over its level.

        The excursion showed the pump off (``_off_among_pulses``) and came
        back to the run's level: that reading is a pulse's partial one, no
        level of the pump's. The run ends where the pump went off and is
        decided at once (nor is a later run within the excursion read).
        """
        if not self._pump or self._ambiguous or self._run_unsure:
            return []
        ended = self._off_among_pulses(self._pts, self._lv)
        if ended is None or not MIN_RUN_S <= ended - self._run_at <= MAX_RUN_S:
            return []
        run = DetectedRun(self._run_at, ended, self._run_w)
        self._stop(ended)
        return [run]

    def _off_among_pulses(self, pts: Sequence[float], level: float) -> float | None:
        """When the pump went off among a slow PID's pulses over the run's ``level``.

        Readings of a known heater whole over the level less the pump's step,
        held (``_held_without_pump``): the pump was off from the first of them
        (a heater only adds to the level), dated inside it by its share of the
        step. None when no such readings held.
        """
        p = self._pump_watts
        ptol = self._ptol()
        for size in self._known_heaters:
            on = level + size
            off = on - p
            shown = [
                i
                for i in range(4, len(pts), 2)
                if abs(pts[i + 1] - off) <= min(ptol, abs(pts[i + 1] - on))
            ]
            first = self._held_without_pump(pts, shown, on)
            if first is not None:
                return _crossing(
                    pts,
                    first,
                    on,
                    -p,
                    window=self._window,
                    gap=self._period,
                )
        return None

    def _held_without_pump(
        self, pts: Sequence[float], shown: Sequence[int], on: float
    ) -> int | None:
        """The first of ``shown`` (readings of the heater without the pump) that held.

        Two in a row, or two that agree (within a level's noise) with no
        reading of the heater and the pump after the first: a pulse's partial
        readings agree by chance only, and never before a whole one.
        """
        ptol = self._ptol()
        for n, i in enumerate(shown):
            if i + 2 in shown:
                return i
            w = pts[i + 1]
            still = max(
                0.1 * self._pump_watts,
                _STILL_W + _STILL_SHARE * w,
                3.0 * self._sd,
            )
            if any(abs(pts[j + 1] - w) <= still for j in shown[n + 1 :]) and not any(
                abs(pts[j + 1] - on) <= ptol for j in range(i, len(pts), 2)
            ):
                return i
        return None

    def _short_pulse(self) -> list[DetectedRun] | None:
        """A pulse of the pump's step over the standby, too short to settle.

        A backflush's 5 s pulse read every 2 s shows one or two readings at
        the pump's level between a ramp and a partial fall: no steady state
        of its own, so no edges. From the standby (nothing else on), with
        readings near the pump's level and none above it, it is the pump's
        run, decided once the standby after it holds (as any run's end).
        None when it is not one; else the runs decided now
        (``_confirm_pulse``).
        """
        base = self._lv
        if self._pump or not self._quiet_standby(base, self._last_at):
            return None
        p = self._pump_watts
        pts = self._pts
        inside = pts[4:-2]
        ptol = self._ptol()
        watts = inside[1::2]
        at_level = [abs(w - base - p) <= 0.25 * p for w in watts]
        if not any(at_level) or max(watts) > base + p + ptol:
            return None
        body = sum(1 for w in watts if w - base >= 0.5 * p)
        if body < 2:
            return None  # one reading: a heater's sliver (a PID) as well
        first = at_level.index(True)
        last = len(at_level) - 1 - at_level[::-1].index(True)
        level = sum(watts[first : last + 1]) / (last - first + 1)
        started = self._step_at(pts, base, level - base)
        ended = self._step_at(pts[4 + 2 * last :], level, base - level)
        decided = self._confirm_pulse(started, ended, level - base)
        if decided is not None:
            # The standby holds anew from the reading back at it (as after a fall).
            self._lv_at = self._last_at
            self._lv_n = 1
        return decided

    def _paused(self, after: float) -> list[DetectedRun] | None:
        """Split the run when the transient to ``after`` shows the pump stopped.

        A reading below the pump's own level, between two levels with the
        pump on (a backflush's pause between two readings). A heater only
        adds to the pump's level, so a reading well below it (past the
        pump's wobble and noise) shows the pump off for part of its
        interval, even where a heater's pulse hides the rest of the pause.
        At the standby level, nothing ran for that reading's interval: the
        run ended before it and a new one began after it
        (``_pause_between``). None when that split fails: the caller reads
        the pause's edges (``_split_at_standby``) or drops the run.
        """
        floor = self._base + self._pause_floor() * self._pump_watts
        level = self._base + _PAUSE_FLOOR * self._pump_watts  # after: the pump's
        paused = self._tr_min < floor and level <= after
        if not (self._pump and paused and self._pump_in(after)):
            return []
        if self._ramp_rest(floor):
            return []
        return self._pause_between(after)

    def _ramp_rest(self, floor: float) -> bool:
        """Whether the transient is the rest of a vibratory pump's ramp, not a pause.

        A run opened part way up the ramp (a level below the pause floor
        held two readings of a plug reporting every second or two); the
        readings after it climb on to the pump's level, none below the run's
        own level: the pump never stopped (``_ramp`` takes the rest in).
        """
        return (
            self._run_pure
            and self._pump_watts < _SMALL_PUMP
            and self._gap <= _FAST_GAP_S
            and self._pts[4] - self._run_at <= _RAMP_REST_S
            and self._lv < floor
            and self._tr_min >= self._lv - self._tol_lv
        )

    def _drop_paused(self) -> list[DetectedRun]:
        """The run paused where it cannot be paired honestly: dropped."""
        self._stop(self._pts[4])  # the first reading that moved
        self._rises.clear()
        return []

    def _standby_reading(self) -> int | None:
        """The index in the transient of the first reading at the standby, if any."""
        pts = self._pts
        low = max(6.0, 0.15 * self._pump_watts)
        return next(
            (i for i in range(4, len(pts), 2) if abs(pts[i + 1] - self._base) <= low),
            None,
        )

    def _last_standby_reading(self, first: int) -> int:
        """The index in the transient of the last reading at the standby, from ``first``."""
        pts = self._pts
        low = max(6.0, 0.15 * self._pump_watts)
        last = first
        for i in range(first, len(pts), 2):
            if abs(pts[i + 1] - self._base) <= low:
                last = i
        return last

    def _split_at_standby(
        self, seen: float, before: float, after: float, settled: bool
    ) -> list[DetectedRun] | None:
        """A pause at the standby with a heater on around it: a fall and a rise.

        A reading at the standby between two levels with the pump on shows
        everything off for its interval (a backflush's pause, the heater
        switching off with a pulse or on with the next). The pump, and any
        heater, fell before it and rose after it: two edges, each read as
        any other (the fall pairs with the run's rise or not, the rise from
        the standby opens a run). None when no reading was at the standby,
        or readings came too far apart to show the pauses around.
        """
        k = self._standby_reading()
        if k is None or self._ambiguous or self._gap > _FAST_GAP_S:
            return None
        base = self._base
        pts = self._pts
        fell = tuple(pts[: k + 2])
        fall = self._edge_from(fell, seen, before, base, settled=settled, k=self._k)
        # The standby, read once, is a state of the machine: a rise from it
        # starts a run.
        rose = (pts[k], pts[k + 1], *pts[k:])
        rise = self._edge_from(rose, base, base, after, settled=True, k=self._k)
        now = self._cd_last
        return self._edge(fall, now) + self._edge(rise, now)

    def _standby_before_heater(
        self, seen: float, before: float, after: float, settled: bool
    ) -> list[DetectedRun] | None:
        """The pump alone's fall to the standby, read once, and a heater's rise from it, read every few seconds.

        The pump stopping a reading or two before a heater comes on leaves
        the standby read once between the pump alone's level and the
        heater's: the run paused (``_paused``) and was dropped, where read
        every two seconds it is a fall and a rise (``_stop_then_heater``;
        regression seed 7,000,060, a thermostat with a 56 W pump: 59 W
        seven times, 23, 4, 518, 1,156 W, a 39.8 s shot lost). The level
        before must be the standby and the pump's step (the pump alone),
        the level after a heater's, one reading at the standby between and
        the readings before it between the two (the pump's partial fall):
        a fall and a rise (``_split_at_standby``). None when not so.
        Asked too where the run did not pause, the level after holding no
        pump (a heater's alone): the edge from the pump alone to the heater
        fit nothing, and the run was dropped at the heater's fall (dev seed
        27,000,061, a 171 W rotary pump: 61, 172 W five times, 120, 4, 340,
        1,265-1,307 W, a 29.8 s shot). Thermostat every 5 s: dev 20M-29M +1,
        regression 5M-9M the same, false shots the same.
        """
        if not (self._pump and self._seconds_apart) or self._ambiguous:
            return None
        base = self._base
        p = self._pump_watts
        if abs(before - base - p) > self._ptol() or after - base < self._heater_min():
            return None  # not from the pump alone to a heater
        k = self._standby_reading()
        if k is None or self._last_standby_reading(k) != k:
            return None
        pts = self._pts
        near = max(6.0, 0.15 * p)  # (as ``_standby_reading`` reads the standby)
        if any(not base + near < pts[i + 1] < before + near for i in range(4, k, 2)):
            return None  # (only the pump's partial fall before the standby)
        fell = tuple(pts[: k + 2])
        fall = self._edge_from(fell, seen, before, base, settled=settled, k=self._k)
        rose = (pts[k], pts[k + 1], *pts[k:])
        rise = self._edge_from(rose, base, base, after, settled=True, k=self._k)
        now = self._cd_last
        return self._edge(fall, now) + self._edge(rise, now)

    def _standby_read_splits(self) -> bool:
        """Whether one reading at the standby inside a transient may split it in two edges.

        Read every two seconds, a switching a reading before or after it
        leaves no level between (``_off_between``, ``_stop_then_heater``):
        every second a level holds; on change a held reading may be
        partial; a transient of many readings wanders (a PID's pulses).
        """
        return (
            not self._on_change
            and 1.5 < self._gap <= _FAST_GAP_S
            and self._tr_n <= 5
            and not self._pulsing(self._last_at)
        )

    def _off_between(
        self, seen: float, before: float, after: float, settled: bool
    ) -> list[DetectedRun] | None:
        """A reading at the standby between two levels above it, the pump off.

        A heater's fall to the standby, read once there, and the pump's rise
        from it (a shot started just after the heater went off), read every
        two seconds: one transient, yet two edges (``_split_at_standby``);
        the pump's rise from the standby starts a run of the pump alone, not
        one split off a heater's fall. None when no reading was at the
        standby, or a level around it was the standby.
        """
        if self._pump or not self._standby_read_splits():
            return None
        tol = self._tol_lv
        base = self._base
        if abs(seen - base) <= tol or abs(after - base) <= tol:
            return None
        return self._split_at_standby(seen, before, after, settled)

    def _stop_then_heater(
        self, seen: float, before: float, after: float, settled: bool
    ) -> list[DetectedRun] | None:
        """A reading at the standby between a run of the pump alone and a heater's level.

        The pump's stop, read once at the standby, and a heater's rise from
        it a reading later, read every two seconds: one transient, yet two
        edges (``_split_at_standby``): the fall pairs with the run's rise,
        the rise is the heater's from the standby. Read as one edge, the
        heater less a pump still ramping (a 3 s flush's 42 W of a 58 W
        step) fits nothing: the run went on through the heater's cycle, and
        a shot that started in the heater's fall was lost (dev seed
        25000026 at 12,569-12,592 s). None when the run stood on a heater,
        no reading was at the standby, or the level after is under a
        heater's size (``_split_at_standby`` divides by the rise: without
        that bound a rise of nothing divides by zero, every 2 s on 25M).
        """
        if not self._pump or not self._standby_read_splits():
            return None
        base = self._base
        if (
            not self._run_pure
            or abs(self._run_level() - base) > self._tol_lv
            or after - base < self._heater_min()
            or self._pump_in(after)
        ):
            return None
        return self._split_at_standby(seen, before, after, settled)

    def _paused_beside_heater(self) -> bool:
        """Whether a transient back at a run's level showed the pump off beside a heater.

        A reading at the level less the pump's step (the heater alone) between
        readings of the level: the pump paused for that reading (a backflush's
        or flushes' pause beside the heater, read every two seconds, the pause
        level read once). ``_paused`` reads a pause only below the pump's own
        level. Not among a slow PID's heater pulses (their partial readings
        land anywhere).
        """
        if (
            not self._pump
            or self._on_change  # (on change, a held reading may be partial)
            or not 1.5 < self._gap <= _FAST_GAP_S  # (every second, a pause holds)
        ):
            return False
        p = self._pump_watts
        level = self._lv
        if level - self._base - p < 0.5 * self._heater_min() or self._pulsing(
            self._last_at
        ):
            return False
        pts = self._pts
        near = 0.15 * p + self._slack()
        inside = [pts[i] for i in range(5, len(pts), 2)]
        # Only the pump moved: every reading between the level and the heater's.
        return all(level - p - near <= w <= level + near for w in inside) and any(
            abs(w - (level - p)) <= near for w in inside
        )

    def _blip_at_standby(self) -> list[DetectedRun] | None:
        """A pause at the standby inside a transient that came back to its level.

        A shot's stop with its heater on, the heater off a reading later, and
        a flush starting with the heater again, read every two seconds: no
        level between holds two readings, and the readings come back to the
        heater's and the pump's level. The reading at the standby shows all
        off for its interval: a fall and a rise (``_split_at_standby``), not
        a run dropped. None when no reading was at the standby.
        """
        if (
            self._standby_reading() is None
            or self._ambiguous
            or self._gap > _FAST_GAP_S
        ):
            return None
        level = self._lv
        self._cd_last = self._pts[-2]  # the edges' time: this reading's
        return self._split_at_standby(level, self._at_volts_after(level), level, True)

    def _pause_floor(self) -> float:
        """The share of the pump's step below which a reading shows it paused.

        Read every second, a pulse no longer than a backflush's ends in one
        partial reading as the pump stops within it (often half to most of
        its step, a heater's pulse following): only a reading nearer the
        standby shows a pause there. Slower readings, or a run as long as a
        shot, or a plug reporting on change, take the tighter floor past the
        pump's wobble.
        """
        periodic = self._silence < 0.02  # on change, a level may be partial
        if periodic and self._gap <= 1.5 and self._pts[4] - self._run_at < _PULSE_MAX_S:
            return _PAUSE_FLOOR_PULSE
        return _PAUSE_FLOOR

    def _pause_between(self, after: float) -> list[DetectedRun] | None:
        """Two runs of the pump alone around one reading at the standby level.

        Both levels must be the standby and the pump's step (no heater on),
        and the reading between at the standby: the run is decided at the
        fall dated by the readings that moved, and a new one opens at the
        rise after the standby reading. None when that does not hold.
        """
        p = self._pump_watts
        base = self._base
        ptol = self._ptol()
        before = self._lv
        if not self._run_pure or self._run_unsure or self._ambiguous:
            return None
        if self._gap > _FAST_GAP_S:
            # Readings this far apart (an energy meter's 5 s) blur the
            # pauses around: the next pause may hide in a reading between.
            return None
        if abs(before - base - p) > ptol or abs(after - base - p) > ptol:
            return None
        pts = self._pts
        k = self._standby_reading()
        if k is None:
            return None
        fell = self._step_at(pts[: k + 2], before, base - before)
        # From the last reading at the standby: a run between two of them
        # (a backflush's pulse among a slow PID's pulses) is not known.
        last = self._last_standby_reading(k)
        rose = self._step_at(pts[last:], base, after - base)
        duration = fell - self._run_at
        if not MIN_RUN_S <= duration <= MAX_RUN_S or not rose > fell:
            return None
        run = DetectedRun(self._run_at, fell, before - base)
        # A fall dated past heater pulses may leave the run of another kind:
        # withheld, the next run read all the same.
        hid = self._stop_hid_in_pulses(pts[: k + 2], before, run.started, fell)
        self._open_run(rose, after - base, True, base)
        self._fell_at = fell
        return [] if hid else [run]
