"""``PowerBackflushes``: the reader's public face, and a reading's way through it.

Assembled from one layer per concern (see the package's docstring): this
module holds ``feed``, ``advance``, ``next_deadline``, ``note_run`` and
``reset``, and the pattern's rules switched with the plug's speed.
"""

from __future__ import annotations

from dataclasses import replace

from ....backflush_pattern import BackflushRecognizer, Recognized
from .constants import (
    ALIKE,
    ALIKE_READINGS,
    FAST_INTERVAL,
    FRAME_READINGS,
    HEATER_MIN,
    HOLD_MAX,
    INTERVAL_WEIGHT,
    LONG_RUN_FAST,
    PART_MAX,
    PULSES_SECONDS,
    SHOT_RUN,
    SLOW_FIRST_GAP,
    SLOW_HOLE_SERIES,
    SLOW_HOLES,
    SLOW_LONG_PULSE,
    SLOW_MISSED_EACH,
    SLOW_SHORT_SERIES,
    SLOW_SHORT_WEAK,
    SLOW_SURE_WHOLE,
    SLOW_TRAILING_WEAK,
    SLOW_WEAK_EVEN,
    SLOW_WEAK_MAX,
    SPREADS_SECONDS,
    STEADY,
)
from .recent import _remember_run
from .slow_plug import OFF_FRACTION, heater_off_band
from .two_second import _two_second, _TwoSecond


class PowerBackflushes(_TwoSecond):
    """Reads pump pulses from a plug's readings and recognizes hand-made backflushes.

    ``feed`` every reading (its own timestamp, watts, volts if known) and call
    ``advance`` at ``next_deadline`` when no reading came; both return a
    backflush recognized by then, or None. ``reset`` forgets everything (a
    program ran, counting by power paused).
    """

    __slots__ = ()

    def reset(self) -> None:
        """Forget the readings and pulses so far (they may be a program's)."""
        self._pattern = BackflushRecognizer(self._rules)
        self._at = self._last = self._level = self._unexplained = None
        self._excursion = self._edge_held = None
        self._heater_rose = False
        self._band = None  # the band before the next excursion is unknown
        self._stretch_low = self._dark = None
        self._steady = 0
        if (pending := self._pending) is not None:
            self._noted(pending[0])  # never resolved: noise
            self._pending = None
        self._pulses.clear()
        self._singles.clear()
        self._fed.clear()
        self._framed_at.clear()
        self._stretches.clear()

    def note_run(self, started: float, ended: float) -> None:
        """A run the pump detector saw (its own view of the same readings).

        On a 2 s plug, one around readings at the floor is taken for none.
        """
        if _two_second(self._interval) and self._floor_inside(started, ended):
            return
        if self._interval > FAST_INTERVAL:
            self._unpump(started, ended)
        _remember_run(self._runs, started, ended, PULSES_SECONDS)
        if ended - started >= SHOT_RUN:
            _remember_run(self._shot_runs, started, ended)
        if ended - started > LONG_RUN_FAST:
            _remember_run(self._long_runs, started, ended)
            pattern = self._pattern
            if self._interval <= FAST_INTERVAL and pattern.all_within(started, ended):
                pattern.withdraw(started, ended)  # a shot the train read cut up
        elif _two_second(self._interval):
            self._confirm_weak(started, ended)

    @property
    def next_deadline(self) -> float | None:
        """When ``advance`` should be called if no reading comes before.

        None while an excursion is open: its pulses, not known yet, may
        continue the series; nor while one waits for the reading after a
        heater's (``_edge_resolved``); nor while a short series waits out
        readings no band explains (``_dark_holds``).
        """
        if self._open():
            return None
        deadline = self._pattern.next_deadline
        return None if deadline is None else deadline + self._reading_late()

    def advance(self, now: float) -> Recognized | None:
        """Silence until ``now``: a series no pulse continued may close."""
        if self._open():
            return None
        late = self._reading_late()
        return self._judged(self._pattern.advance(now - late).recognized)

    def _open(self) -> bool:
        """Whether pulses not fed yet may still come from readings so far: silence decides nothing."""
        return (
            self._excursion is not None
            or self._edge_held is not None
            or self._dark_holds()
        )

    def _dark_holds(self) -> bool:
        """Whether silence decides nothing yet: a short series, readings no band explains since the level.

        Every 5 s a heater coming on as a pulse begins reads, that reading,
        as neither (no band explains it), and the pulse's excursion opens
        only at the reading after it. A deadline between the two closed a
        series still short of ``pulses_min`` whose next pulse had begun
        within its pause (bench seed 20,250,416 at 23,562 s, a heat
        exchanger's rinse series: its first pulse read 33, 33, 15 W, then
        6 W, the pump off and no heater on, then 1,022 W as the heater and
        the second pulse began, 13 s after the first's end; the deadline
        fell 4.6 s into that reading, and the series closed with one
        pulse). Such a series waits while the readings stay unexplained,
        until one a band explains says whether the pump runs. Only where
        they rose from a reading of the pump off with no heater on (as
        ``_reading_late`` waits after one): a shot its heater cut into
        pieces reads the heater's readings between its pieces with the
        pump on, never the level (regression seed 8,010,013 at 170,540 s,
        a rotary heat exchanger's 75 s shot: 180, 1,147, 1,529 W; waiting
        there too made a cleaner series of its pieces, and a backflush on
        an ordinary day). Recognized where power counts (every 5 s): bench
        seed 147 -> 148 of 180, dev 20M 150 -> 151 (20,000,014 at
        18,375 s), 21M 138 and 22M 146 of 192 unchanged, regression 5M 149
        unchanged, 6M 149 -> 150 (6,000,002 at 27,970 s), 7M 136 -> 137
        (7,000,014 at 41,886 s); none lost, none invented (ordinary days of
        those seeds and of 8M). Without the guard (every unexplained
        reading waited out while a series is short): 8,010,013's shot made
        a backflush again.
        """
        return self._dark is not None and self._dark_rose and self._pattern.short

    def _reading_late(self) -> float:
        """How long after the pattern's deadline silence decides it (s): a reading, or none.

        Every 5 s a pulse's start shows only at the reading after it, so a
        deadline falling between two readings closed a series whose next
        pulse began before it (bench seed 20,250,446 at 22,513 s: a heat
        exchanger's rinse series of two pulses, the next two hidden under
        its heater's cycle, the fifth begun 44.6 s after the second's end,
        within ``gap_max``, its first reading 3.9 s past the deadline). A
        series still short of ``pulses_min`` (``BackflushRecognizer.short``),
        after a reading read clean with the pump off, waits for the next
        reading; the pulse that shows in it is fed with its start, and its
        pause judged as any. A reading at or after the deadline that opens
        no excursion closes the series (``feed``). Not after a reading no
        band explained, nor one read above a heater: the pump may have run
        through it (regression seed 8,010,013 at 170,540 s, a rotary heat
        exchanger's 75 s shot its heater cut into pulses, made a cleaner
        series so, and a backflush), nor for a series long enough already
        (the group flushes after a rinse series ran into it, bench seed
        20,250,429 at 16,362 s). Recognized where power counts (every 5 s):
        bench seed 145 -> 147 of 180 (20,250,446 at 22,513 s, 20,250,427 at
        43,836 s); none invented there nor on seed 8,000,000's ordinary days.
        """
        last = self._last
        if (
            self._interval > FAST_INTERVAL
            and self._pattern.short
            and self._clean
            and last is not None
            and last < OFF_FRACTION
        ):
            return self._interval
        return 0.0

    def feed(
        self, at: float, watts: float, volts: float | None = None
    ) -> Recognized | None:
        """One reading: its fraction of the pump, and what the pulses it ends decide."""
        if volts is not None and volts > 0:
            # A heater's power follows the square of the mains.
            if self._volts is None:
                self._volts = volts
            watts *= (self._volts / volts) ** 2
        previous = self._at
        if previous is None or at <= previous:
            if previous is None:
                self._at = self._since = at
                self._level = self._watts = watts
                self._last = 0.0
            return None
        if (pending := self._pending) is not None:
            self._pending = None
            odd_at, before, middle = pending
            low, high = min(before, watts), max(before, watts)
            edge = low < middle < high and high - low >= HEATER_MIN * self.pump_watts
            self._noted(odd_at, edge=edge)
        self._follow_floor(at, watts)
        gap = at - previous
        self._at = at
        interval = self._interval
        if interval <= 0:
            interval = self._interval = gap
        elif gap < 3 * interval:
            interval = self._interval = interval + INTERVAL_WEIGHT * (gap - interval)
        if (interval > FAST_INTERVAL) != self._slow and not self._pattern.held:
            self._slow_rules(interval > FAST_INTERVAL)
        last_clean = self._clean
        self._band_before, self._steady_before = self._band, self._steady
        fraction = self._fraction(watts)
        last = self._last
        # On a slow plug, readings alike in one heater's band: its step was
        # learned off (``heater_off_band``).
        in_heater = (
            self._interval > FAST_INTERVAL
            and not self._clean
            and not last_clean
            and heater_off_band(self._band_before, self._band, STEADY * self.pump_watts)
        )
        if in_heater:
            last = self._raw  # the last reading's, as read in its band
        self._raw = fraction
        if (
            fraction is not None
            and (in_heater or (self._clean and last_clean))
            and last is not None
            and OFF_FRACTION <= fraction <= PART_MAX
            and abs(fraction - last) < ALIKE
        ):
            self._alike += 1
            if self._alike >= ALIKE_READINGS - 1:
                # Steady part of a pump step: not the pump (on or off), the
                # level moved (or the heater's step above it). The readings
                # alike were the level too.
                if in_heater:
                    # Left as learned: each further reading alike is off too.
                    self._alike -= 1
                else:
                    self._level = watts
                    self._alike = 0
                excursion = self._excursion
                if excursion is not None:
                    del excursion.segments[-(ALIKE_READINGS - 1) :]
                    del excursion.bands[-(ALIKE_READINGS - 1) :]
                fraction = 0.0
        else:
            self._alike = 0
        if fraction is None or fraction >= OFF_FRACTION:
            self._steady = 0
        elif self._same_band(self._band_before, self._band):
            self._steady += 1
        else:
            self._steady = 1
        if (
            self._interval > FAST_INTERVAL
            and gap < 1.5 * interval
            and self._steady >= FRAME_READINGS
        ):
            _remember_run(self._off_readings, previous, at, PULSES_SECONDS)
        found = self._edge_resolved(at, gap)
        if gap > 1.5 * interval:
            # Silence: the value before held (on change), or a reading dropped.
            held = previous + min(gap - interval, HOLD_MAX)
            self._held = True
            found = self._segment(previous, held, self._last, last_clean) or found
            self._held = False
            previous = held
        found = self._segment(previous, at, fraction, self._clean) or found
        self._heater_rose = (
            self._band_before == 0.0
            and fraction is not None
            and fraction < OFF_FRACTION
            and self._in_heater_band(self._band)
        )
        self._last = fraction
        self._watts = watts
        if self._interval > FAST_INTERVAL:
            spreads = self._spreads
            spreads.append((at, self.spread))
            while spreads[0][0] < at - SPREADS_SECONDS:
                spreads.popleft()
        if (
            not self._open()
            and (deadline := self._pattern.next_deadline) is not None
            and deadline <= at
        ):
            # A reading at or after the deadline that opened no excursion:
            # no pulse began before it.
            found = self._pattern.advance(at).recognized or found
        return self._judged(found)

    def _slow_rules(self, slow: bool) -> None:
        """The pattern's rules for a plug reporting slower than ``FAST_INTERVAL`` (or not).

        Changed only while the pattern holds nothing: a series in progress
        keeps the rules it began with.
        """
        given = self._given
        self._slow = slow
        self._rules = (
            replace(
                given,
                weak_max=max(given.weak_max, SLOW_WEAK_MAX),
                weak_even_max=max(given.weak_even_max, SLOW_WEAK_EVEN),
                short_series=SLOW_SHORT_SERIES,
                short_weak=SLOW_SHORT_WEAK,
                trailing_weak=SLOW_TRAILING_WEAK,
                holes_max=SLOW_HOLES,
                missed_each=SLOW_MISSED_EACH,
                weak_pulse_max=SLOW_LONG_PULSE,
                first_gap_max=SLOW_FIRST_GAP,
                sure_whole=SLOW_SURE_WHOLE,
                hole_series_min=SLOW_HOLE_SERIES,
            )
            if slow
            else given
        )
        self._pattern = BackflushRecognizer(self._rules)
