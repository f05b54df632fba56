"""Whether a backflush the pattern found stands: the readings around it judged.

Odd readings (noise, a heater's edges and cycles) and the level's spread
around it, the quiet before it and between its pulses, long runs and shots
the detector saw over it; a find is sturdy (long pulses, apart) or
confirmed (the detector saw its pulses one by one) against a slow PID's
bursts. On a slow plug, gentler checks where no find was refused lately.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ....backflush_pattern import Recognized
from .bands import _Bands
from .constants import (
    BEFORE_MAX,
    BETWEEN_MAX,
    CONFIRMED_MIN,
    CONFIRMED_RUN_MAX,
    CONFIRMED_SHARE,
    FAST_INTERVAL,
    LONG_RUN_FAST,
    LONG_RUN_SECONDS,
    NOISE_BEFORE,
    ODD_SECONDS,
    ODD_SHARE_FAST,
    ODD_SHARE_MAX,
    QUIET_SECONDS,
    SHORT_PER_LONG,
    SHOT_COVERED,
    SHOT_RUN,
    SINGLE_MAX,
    SPREAD_MAX,
    STURDY_FEW,
    STURDY_MIN,
    STURDY_PAUSE,
    STURDY_SECONDS,
)
from .recent import _starts_in
from .slow_plug import doubtful, gentle_enough, parted, sure_pulses_enough


class _Checks(_Bands):
    """The checks a find must pass, and the noise they count."""

    __slots__ = ()

    def _noted(self, at: float, *, edge: bool = False) -> None:
        """Something at ``at`` that is neither the pump nor a heater: noise (or an edge)."""
        odd = self._odd
        odd.append((at, edge))
        while odd[0][0] < at - ODD_SECONDS:
            odd.popleft()

    def _judged(self, found: Recognized | None) -> Recognized | None:
        """``_checked``; on a slow plug, refused when a find was refused lately, else gentler.

        The gentle checks, where no find was refused lately: the readings
        still (``_still_gently``: odd readings, spread and single-reading
        pulses as ``gentle_enough`` has them, the quiet around it) and no
        shot over the find (``_shot_over``: a weak find over a long run, a
        shot a heater's stretch hid).
        """
        if found is None:
            return None
        slow = self._interval > FAST_INTERVAL
        lately = slow and self._refused.before(found.started)
        # Pulses read apart around a heater's stretch (``heater_split``) may
        # stand by the gentle checks as any others.
        if self._checked(found) is not None:
            return None if lately else found
        if not slow:
            self._refused.note(found.ended)
            return None
        still = self._still_gently(found)
        over = self._shot_over(found)
        if still and not over and not lately:
            return found
        if (
            not (still and over)
            and found.missed <= self._rules.missed_max
            and not found.short_weak
        ):
            # (Refused for a shot over it alone, its readings still: no
            # sign of a noisy machine, ``_shot_over``. Nor a find leaning on
            # a pulse missed in each series, ``missed_each``: without that
            # allowance it was none, and the finds after it are judged as
            # they were; dev seed 22,000,042's backflush at 20,058 s, refused,
            # had refused the next one at 24,796 s, its every pulse seen. Nor
            # one leaning on a short series with a weak pulse, ``short_weak``:
            # regression seed 5,000,043's backflush at 27,640 s was refused
            # so.)
            self._refused.note(found.ended)
        return None

    def _still_gently(self, found: Recognized) -> bool:
        """Whether the readings around a find were still enough for the gentle checks.

        Odd readings, spread and single-reading pulses as ``gentle_enough``
        has them, and the quiet before it and between its pulses.
        """
        since = found.started - NOISE_BEFORE
        odd = sum(since <= at <= found.ended and not edge for at, edge in self._odd)
        cycles = self._cycles_against(found, since)
        readings = max(1.0, (found.ended - since) / max(self._interval, 0.1))
        return gentle_enough(
            (odd + cycles) / readings,
            self._spread_at(found.ended),
            self._singles_in(found),
            found.pulses,
            cycles_share=cycles / readings,
        ) and self._quiet_around(found)

    def _shot_over(self, found: Recognized) -> bool:
        """Whether the gentle checks see a shot over a find.

        A weak find over a long run, or a shot a heater's stretch hid
        (``_shot_in_stretch``). A find refused
        for that alone, its readings still, is no sign of a noisy machine:
        it makes the finds after it no doubtful (``RefusedLately``), as a
        slow PID's bursts refused by their odd readings do (bench seed
        20,250,434: a thermostat's backflush refused for a 45 s run over
        its weak pulse had refused the next one, 7,077 s later, whose every
        pulse was read clean). Recognized where power counts (every 5 s):
        bench seed 134 -> 135 of 180, dev 20M 139 -> 140; none invented.
        """
        if found.weak and self._long_run_over(found, LONG_RUN_SECONDS):
            return True
        return self._shot_in_stretch(found)

    def _checked(self, found: Recognized | None) -> Recognized | None:
        """A backflush whose readings the pump and heaters explain; None if too many they don't.

        A PID pulsing its heater every few seconds leaves partial readings of
        about the pump's size at a rhythm a backflush could have.
        """
        if found is None:
            return None
        since = found.started - NOISE_BEFORE
        edges = found.weak > 0 and self._interval <= FAST_INTERVAL
        odd = sum(
            since <= at <= found.ended and (edges or not edge) for at, edge in self._odd
        )
        pending = self._pending
        if pending is not None and since <= pending[0] <= found.ended:
            odd += 1  # not resolved yet: noise until it is
        odd += self._cycles_against(found, since)
        readings = max(1.0, (found.ended - since) / max(self._interval, 0.1))
        limit = ODD_SHARE_MAX
        if self._interval <= FAST_INTERVAL:
            # Its own weak pulses were noted as noise when read: on a fast
            # plug, not held against it (a PID's burst reads heater-sized);
            # one of sure pulses only may stand among more odd readings.
            odd -= found.weak
            if not found.weak:
                limit = ODD_SHARE_FAST
        elif found.weak <= 1 and not found.missed:
            singles = self._singles_in(found)
            if singles <= SINGLE_MAX:
                limit = ODD_SHARE_FAST
        confirmed = self._confirmed(found)
        sturdy = self._sturdy(found) or confirmed
        if odd / readings > limit and not sturdy:
            return None
        if self._spread_at(found.ended) > SPREAD_MAX and not confirmed:
            return None
        longest = LONG_RUN_FAST if self._interval <= FAST_INTERVAL else LONG_RUN_SECONDS
        framed = _starts_in(self._framed_at, found) > 0
        if (found.weak or framed) and self._long_run_over(found, longest):
            return None
        if self._cut_shot(found) or self._shot_in_stretch(found):
            return None
        return found if self._quiet_around(found, sturdy=sturdy) else None

    def _spread_at(self, at: float) -> float:
        """The level's spread as of the first reading at or after ``at`` (a find's end).

        On a slow plug a series closes ``pause_max`` after its last pulse
        (or later, a pulse's excursion still open), and the spread followed
        the readings since: a heater coming on after the group flushes
        strayed it past the gentle checks' bound and refused a find for what
        came after it (regression seed 5,000,000 at 27,876 s: 0.0451 against
        0.045; a find judged 10 s later also stood or fell by it, dev seed
        20,000,000 at 36,253 s). The spread of its own readings is the one
        it is judged by (``SPREADS_SECONDS`` kept). On a faster plug, and
        where none is kept, the spread now. Recognized where power counts
        (every 5 s): regression 5M 138 -> 139 of 180, dev 20M 138 unchanged;
        none invented.
        """
        for when, spread in self._spreads:
            if when >= at:
                return spread
        return self.spread

    def _cycles_against(self, found: Recognized, since: float) -> int:
        """The heater's cycles read from ``since`` to a find's end, if it is ``doubtful``.

        A find leaning on two pulses or more not seen clean leans on the
        heater: its cycles around it are odd readings there, as before. Not
        one whose sure pulses alone are more than two series' worth, none
        missed (``sure_pulses_enough``): it leans on none of its weak pulses.
        """
        if not doubtful(found.weak, found.missed) or sure_pulses_enough(
            found.pulses, found.weak, found.missed, self._rules.pulses_min
        ):
            return 0
        return sum(since <= at <= found.ended for at in self._cycles)

    def _singles_in(self, found: Recognized) -> int:
        """The pulses read in a single reading during a find."""
        return _starts_in(self._singles, found)

    def _long_run_over(self, found: Recognized, longest: float) -> bool:
        """Whether a run longer than ``longest`` overlaps a find.

        On a slow plug, not one inside which readings read the pump off
        (``parted``): pulses the detector merged, no shot.
        """
        slow = self._interval > FAST_INTERVAL
        return any(
            s <= found.ended
            and found.started <= e
            and e - s > longest
            and not (slow and parted((s, e), self._off_readings))
            for s, e in self._long_runs
        )

    def _fed_in(self, found: Recognized) -> list[tuple[float, float]]:
        """The pulses fed to the pattern that began during a find."""
        return [(a, b) for a, b in self._fed if found.started <= a <= found.ended]

    def _sturdy(self, found: Recognized) -> bool:
        """Whether its pulses are a person's, not a slow PID's bursts: long, and apart."""
        if found.weak or self._interval > FAST_INTERVAL:
            return False
        fed = self._fed_in(found)
        long = [(a, b) for a, b in fed if b - a >= STURDY_SECONDS]
        enough = len(long) >= STURDY_MIN or (
            len(long) >= STURDY_FEW and not self._shot_run_in(found)
        )
        return (
            enough
            and len(fed) - len(long) <= SHORT_PER_LONG * len(long)
            and all(c - b >= STURDY_PAUSE for (_, b), (c, _) in pairwise(long))
        )

    def _shot_run_in(self, found: Recognized) -> bool:
        """Whether the detector saw a run of ``SHOT_RUN`` s or more overlapping a find."""
        return any(
            s <= found.ended and found.started <= e and e - s >= SHOT_RUN
            for s, e in self._runs
        )

    def _confirmed(self, found: Recognized) -> bool:
        """Whether the detector saw enough of its pulses, each as a run of its own."""
        if self._interval > FAST_INTERVAL:
            return False
        fed = self._fed_in(found)
        seen = sum(self._seen_alone(a, b, fed) for a, b in fed)
        return seen >= CONFIRMED_MIN and seen >= CONFIRMED_SHARE * found.pulses

    def _seen_alone(
        self, started: float, ended: float, fed: Sequence[tuple[float, float]]
    ) -> bool:
        """Whether the detector saw a pulse as a run of its own.

        One run of ``pulse_min`` to ``CONFIRMED_RUN_MAX`` s over it, over no
        other of the pulses ``fed``.
        """
        over = [(s, e) for s, e in self._runs if s <= ended and started <= e]
        if len(over) != 1:
            return False
        s, e = over[0]
        alone = sum(s <= d and c <= e for c, d in fed) == 1
        return alone and self._rules.pulse_min <= e - s <= CONFIRMED_RUN_MAX

    def _cut_shot(self, found: Recognized) -> bool:
        """Whether a shot-long run the detector saw overlaps it, mostly uncovered by pulses.

        A heater's band learned about a pump step off reads the pump as off
        in it: a 25 s shot reads as two pulses with a pause between, which
        the detector saw as one run.
        """
        if self._interval > FAST_INTERVAL:
            return False
        for s, e in self._shot_runs:
            if not (s <= found.ended and found.started <= e):
                continue
            covered = sum(max(0.0, min(b, e) - max(a, s)) for a, b in self._fed)
            if 0 < covered < SHOT_COVERED * (e - s):
                return True
        return False

    def _shot_in_stretch(self, found: Recognized) -> bool:
        """Whether a heater's stretch left out during a find was a shot the detector timed.

        A shot read so (its heater on before it) is a run of ``SHOT_RUN`` s
        or more to the detector; a heater's stretch is none.
        """
        return any(
            found.started <= a <= found.ended
            and any(s <= b and a <= e for s, e in self._shot_runs)
            for a, b in self._stretches
        )

    def _quiet_around(self, found: Recognized, *, sturdy: bool = False) -> bool:
        """Whether the readings before the backflush, and between its pulses, were still.

        A PID's heater pulsing at its window reads as pulses all the time it
        idles; a reset (a program, a gap) leaves the time before unknown.
        ``sturdy``: its pulses are a person's (``_sturdy``), whatever the
        pulses around them; the time before must still be known.
        """
        first = found.started
        if first - QUIET_SECONDS < self._since:
            return False
        if sturdy:
            return True
        before = between = 0
        for at in self._pulses:
            if first - QUIET_SECONDS <= at < first:
                before += 1
            elif first <= at <= found.ended:
                between += 1
        return before <= BEFORE_MAX and between - found.pulses <= BETWEEN_MAX
