"""The levels the slow plug's rules read from the last readings.

Read every few seconds, a run shows as a few levels (the standby, a heater,
the pump, both) and at most a partial reading between two: these helpers
find a level held, its median, a known heater in it, and the readings before
and after a fall, for the rules of the layers above.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
import itertools
import math

from ... import heater_anchor
from ...readings import DetectedRun
from ..constants import (
    _ALONE_BEFORE_N,
    _HELD_PLATEAU,
    _LOST_GAP,
    _MAINS_MOVE,
    _PEAK_DRIFT,
    _SMALL_PUMP,
    MAX_RUN_S,
    MIN_RUN_S,
)
from ..heater_sizes import _HeaterSizes


class _SlowLevels(_HeaterSizes):
    """The levels the slow plug's rules read from the last readings."""

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

    def _a_known_heater(self, whole: float, ptol: float) -> bool:
        """Whether ``whole`` W over the standby is a known heater's alone, to ``ptol`` or the mains' move (``_PEAK_DRIFT``)."""
        return any(
            abs(whole - h) <= max(ptol, _PEAK_DRIFT * h) for h in self._known_heaters
        )

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

    def _level_before_fall(
        self,
    ) -> tuple[list[tuple[float, float]], int, float] | None:
        """The level before a fall's two partial readings, read back from ``rd[4]`` (newest first).

        At the standby's second reading after a fall (``_after_fall``), the
        last readings ``rd``, newest first; the level's readings within
        ``_near`` of ``rd[4]``: the index past them, and their mean. None at
        most readings (no such fall), or unless the level held three
        readings at least.
        """
        rd = self._after_fall(9)
        if rd is None:
            return None
        near = self._near
        level = rd[4][1]
        n = 5
        while n < len(rd) and abs(rd[n][1] - level) <= near:
            n += 1
        if n < 7:
            return None
        return rd, n, sum(w for _, w in rd[4:n]) / (n - 4)

    def _reading_lost(
        self, rd: Sequence[tuple[float, float]], newest: int, oldest: int
    ) -> bool:
        """Whether a reading was lost between ``rd[newest]`` and ``rd[oldest]`` (newest first).

        Two readings more than ``_LOST_GAP`` periods apart had one between
        them that never came: what it held (a pump's pause, a heater's
        switch) is unknown.
        """
        gap = _LOST_GAP * self._period
        return any(rd[i][0] - rd[i + 1][0] > gap for i in range(newest, oldest))

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
        if self._reading_lost(rd, 0, last):
            return []  # what it held is unknown
        p = self._pump_watts
        duration = ended - started
        if not MIN_RUN_S <= duration <= MAX_RUN_S or self._near_kind_bound(
            duration, spread
        ):
            return []
        return [DetectedRun(started, ended, p)]

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
