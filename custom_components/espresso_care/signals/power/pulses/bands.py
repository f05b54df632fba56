"""Each reading's share of the pump: above the level, or above a heater's band.

The pump-off level followed, the heaters' steps learned from readings that
stayed there (a candidate seen twice) and followed with the mains, the
band a reading is read in, a heater's stretch read against its lowest
reading on a slow plug, and a band learned with the pump on moved down.
A reading no band explains is unknown, not guessed.
"""

from __future__ import annotations

from collections import deque

from .constants import (
    ABOVE,
    BELOW,
    CANDIDATE,
    FAST_INTERVAL,
    HEATER_MIN,
    HEATERS_MAX,
    LEVEL_WEIGHT,
    ODD_SECONDS,
    SPREAD_WEIGHT,
    STEADY,
)
from .slow_plug import (
    FLOOR_MAX,
    OFF_FRACTION,
    heater_follows,
    heater_pair,
    heater_pumped,
    heater_unpumped,
    stretch_floor,
)
from .state import _TrainState


class _Bands(_TrainState):
    """The pump's share of a reading, and the level and heaters' bands it is read above."""

    __slots__ = ()

    def _same_band(self, a: float | None, b: float | None) -> bool:
        """Whether two readings were read in one band (None: unexplained, in none)."""
        return a is not None and b is not None and abs(a - b) < STEADY * self.pump_watts

    def _fraction(self, watts: float) -> float | None:
        """The pump's share of a reading, or None when the pump alone cannot explain it.

        The reading is read above the pump-off level, or above the level with a
        heater on (each heater's step learned from the readings that stayed
        there); a reading in none of those bands is a heater switching.
        """
        pump = self.pump_watts
        level = self._level
        assert level is not None
        x = (watts - level) / pump
        self._clean = True
        self._band = 0.0
        if x < -BELOW:
            # The level dropped (or was wrong): a stray as large as the pump's
            # step, as a PID's wandering heater makes them.
            self._level = watts
            self.spread += SPREAD_WEIGHT * (min(-x, 1.0) - self.spread)
            self._unexplained = self._stretch_low = None
            return 0.0
        if x <= ABOVE:
            if x < OFF_FRACTION:
                self._level = level + LEVEL_WEIGHT * (watts - level)
                self.spread += SPREAD_WEIGHT * (abs(x) - self.spread)
            self._unexplained = self._stretch_low = None
            return min(1.0, max(0.0, x))
        self._clean = False
        heaters = self._heaters
        # A stretch's floor only widens a band, by at most FLOOR_MAX: it is
        # looked up only for a reading just past the band as learned.
        bands = [
            (y, i)
            for i, step in enumerate(heaters)
            if (y := x - step / pump) >= -BELOW
            and (
                y <= ABOVE
                or (y <= ABOVE + FLOOR_MAX and y <= ABOVE + self._floor_of(step))
            )
        ]
        if bands:
            # The most recently learned band that fits; with the mains
            # unknown, one heater is learned at several mains and several fit:
            # the highest one's (the pump read the least). With the mains
            # known, the band the last reading was read in, if it fits (a
            # heater stays on longer than a pulse): two heaters a pump's step
            # apart (a dual boiler's, beside a rotary pump) read the one's
            # band with the pump off as the other's with it on.
            y, i = min(bands) if self._volts is None else self._kept_band(bands)
            step = heaters[i]
            self._band = step
            if y < OFF_FRACTION and (
                self._interval <= FAST_INTERVAL or heater_follows(y)
            ):
                # Pump off: the heater's step follows the mains.
                heaters[i] = step + LEVEL_WEIGHT * (watts - level - step)
            if self._interval > FAST_INTERVAL:
                y = self._stretch_read(x, step)
            self._unexplained = None
            return min(1.0, max(0.0, y))
        self._band = None
        # A heater switching, or one not known yet: two readings alike make a
        # candidate, a candidate seen again (a heater switches on many times,
        # a coincidence of partial readings does not repeat) is a heater.
        # Every 5 s, not from a stale repeat nor a short stretch split in
        # two (``heater_pair``).
        before, older, rose = self._unexplained, self._older, self._rose
        self._unexplained, self._older = watts, before
        self._rose = (
            self._band_before == 0.0
            and self._last is not None
            and self._last < OFF_FRACTION
        )
        if x < HEATER_MIN:
            # Neither the pump nor a heater: a PID's short burst, averaged,
            # unless the next reading shows it was a heater's edge.
            self._pending = (self._at or 0.0, self._watts, watts)
        elif before is not None and (
            heater_pair(watts, before, older, rose=rose, tolerance=STEADY * pump)
            if self._interval > FAST_INTERVAL
            else abs(watts - before) < STEADY * pump
        ):
            step = min(watts, before) - level
            candidates = self._candidates
            at = self._at or 0.0
            for i, (seen, seen_at) in enumerate(candidates):
                if abs(step - seen) < CANDIDATE * pump:
                    del candidates[i]
                    heaters.insert(0, min(step, seen))
                    del heaters[HEATERS_MAX:]
                    if self._interval > FAST_INTERVAL:
                        # Learned from the lower pair's readings.
                        self._note_learned(
                            *((step, at) if step <= seen else (seen, seen_at))
                        )
                    break
            else:
                candidates.insert(0, (step, at))
                del candidates[HEATERS_MAX:]
        return None

    def _kept_band(self, bands: list[tuple[float, int]]) -> tuple[float, int]:
        """Of the heaters' bands a reading fits (most recently learned first), the last reading's.

        The most recently learned band when the last reading was in none of them.
        """
        heaters = self._heaters
        last = self._band_before
        for y, i in bands:
            if self._same_band(last, heaters[i]):
                return y, i
        return bands[0]

    def _floor_of(self, step: float) -> float:
        """How far (pump steps) above ``step`` its stretch is read, on a slow plug (``stretch_floor``).

        Not where another band lies a part of a pump's step or so from it
        (``STEADY`` to ``CANDIDATE``): one heater learned twice, the pump on
        in one reads as off in the other, so a stretch begun with the pump on
        took that for its floor (seed 20,100,019, a dual boiler's).
        """
        low = self._stretch_low
        if (
            self._interval <= FAST_INTERVAL
            or low is None
            or not self._same_band(low[0], step)
        ):
            return 0.0
        pump = self.pump_watts
        if any(
            STEADY * pump <= abs(h - step) < CANDIDATE * pump for h in self._heaters
        ):
            return 0.0
        return stretch_floor(low[1] - step / pump)

    def _stretch_read(self, x: float, step: float) -> float:
        """A reading in a heater's band read against its stretch's lowest so far (``stretch_floor``)."""
        y = x - step / self.pump_watts - self._floor_of(step)
        low = self._stretch_low
        same = low is not None and self._same_band(low[0], step)
        self._stretch_low = (step, min(low[1], x) if low is not None and same else x)
        return y

    def _note_learned(self, step: float, at: float) -> None:
        """A heater's step learned from two readings, the last at ``at`` (``heater_pumped``).

        Moved at once if a run told already spans them, else when one is.
        """
        span = (at - 2 * self._interval, at)
        if any(heater_pumped(span, run) for run in self._runs):
            self._unpumped(step)
            return
        learned = self._learned
        learned.append((*span, step))
        while learned and learned[0][1] < (self._at or at) - ODD_SECONDS:
            learned.popleft()

    def _unpumped(self, step: float) -> None:
        """The band learned at ``step`` read as the heater alone (``heater_unpumped``)."""
        pump = self.pump_watts
        self._heaters = heater_unpumped(
            self._heaters, step, pump, STEADY * pump, CANDIDATE * pump
        )

    def _unpump(self, started: float, ended: float) -> None:
        """Heaters' bands learned from readings inside a run: a pump's step down (``heater_pumped``)."""
        kept: deque[tuple[float, float, float]] = deque()
        for first, last, step in self._learned:
            if heater_pumped((first, last), (started, ended)):
                self._unpumped(step)
            else:
                kept.append((first, last, step))
        self._learned = kept
