"""Hand-made backflushes recognized in the pump's runs.

Pure Python with no Home Assistant import. A backflush done by hand is a
series of short pump pulses with short pauses (with cleaner), a pause to rinse
the portafilter, and a second such series (with water). ``BackflushRecognizer``
is fed every finished run that no program made, in order, with its start and
end as POSIX seconds; it holds back the runs that may still turn out to be
such pulses and hands them back (``released``) once they cannot, so the caller
counts them as flushes only then. ``advance`` at ``next_deadline`` decides
what silence decides.

Precision first: a false backflush is worse than a missed one, so both series
are needed and anything longer than a pulse (a shot) between them cancels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final


@dataclass(frozen=True, slots=True)
class PatternRules:
    """The pattern's bounds in seconds (tuned on the simulator, see bench/recognition.py)."""

    pulse_min: float = 2.5
    pulse_max: float = 16.0
    pause_min: float = 1.0
    pause_max: float = 22.0
    pulses_min: int = 4
    pulses_max: int = 12
    series_max: float = 300.0
    rinse_min: float = 25.0
    rinse_max: float = 660.0
    # How late a run may be delivered after it ended (a power detector decides
    # a reading or two after the falling edge): waits are this much longer.
    latency: float = 15.0


DEFAULT_RULES: Final = PatternRules()


@dataclass(frozen=True, slots=True)
class Recognized:
    """A recognized backflush: both series, from the first pulse's start to the last's end."""

    pulses: int
    cleaner_pulses: int
    rinse_pulses: int
    started: float
    ended: float


@dataclass(slots=True)
class Outcome[T]:
    """What one ``feed`` or ``advance`` decided."""

    # Runs that are not (or no longer may be) part of a backflush: count them.
    released: list[T] = field(default_factory=list)
    # A backflush recognized now; its pulses are consumed, not released.
    recognized: Recognized | None = None


@dataclass(frozen=True, slots=True)
class _Held[T]:
    item: T
    started: float
    ended: float


class BackflushRecognizer[T]:
    """Follows finished pump runs and recognizes cleaner-then-rinse pulse series."""

    __slots__ = ("_cleaner", "_rules", "_series")

    def __init__(self, rules: PatternRules = DEFAULT_RULES) -> None:
        self._rules = rules
        self._series: list[_Held[T]] = []
        # A finished series of enough pulses, waiting for its rinse series.
        self._cleaner: list[_Held[T]] = []

    @property
    def held(self) -> int:
        """How many runs are held back now."""
        return len(self._series) + len(self._cleaner)

    @property
    def next_deadline(self) -> float | None:
        """When ``advance`` should be called if nothing is fed before."""
        rules = self._rules
        if self._series:
            return self._series[-1].ended + rules.pause_max + rules.latency
        if self._cleaner:
            return self._cleaner[-1].ended + rules.rinse_max + rules.latency
        return None

    def feed(
        self, item: T, started: float, ended: float, *, may_be_pulse: bool = True
    ) -> Outcome[T]:
        """One finished run (runs in order of their start).

        ``may_be_pulse`` False (a run the caller counts as a shot) makes it
        a non-pulse whatever its length: released at once, it breaks a series.
        """
        rules = self._rules
        out: Outcome[T] = Outcome()
        is_pulse = may_be_pulse and (
            rules.pulse_min <= ended - started <= rules.pulse_max
        )
        if self._series:
            pause = started - self._series[-1].ended
            if (
                not is_pulse
                or not rules.pause_min <= pause <= rules.pause_max
                or ended - self._series[0].started > rules.series_max
            ):
                self._close(out)
        if not is_pulse:
            # A shot (or a long run) between the series: no backflush.
            out.released += self._take_cleaner()
            out.released.append(item)
            return out
        if (
            not self._series
            and self._cleaner
            and started - self._cleaner[-1].ended > rules.rinse_max
        ):
            out.released += self._take_cleaner()
        self._series.append(_Held(item, started, ended))
        return out

    def advance(self, now: float) -> Outcome[T]:
        """Time passed: close a series no pulse continued, give up on a lone cleaner series."""
        rules = self._rules
        out: Outcome[T] = Outcome()
        if self._series and now >= self._series[-1].ended + rules.pause_max + (
            rules.latency
        ):
            self._close(out)
        if (
            not self._series
            and self._cleaner
            and now >= self._cleaner[-1].ended + rules.rinse_max + rules.latency
        ):
            out.released += self._take_cleaner()
        return out

    def release_all(self) -> list[T]:
        """Stop: hand back everything held (they count as what they were)."""
        items = [held.item for held in (*self._cleaner, *self._series)]
        self._cleaner, self._series = [], []
        return items

    def _take_cleaner(self) -> list[T]:
        items = [held.item for held in self._cleaner]
        self._cleaner = []
        return items

    def _close(self, out: Outcome[T]) -> None:
        """The series in progress ended: a cleaner series, a rinse series or flushes."""
        rules = self._rules
        series, self._series = self._series, []
        if not rules.pulses_min <= len(series) <= rules.pulses_max:
            # Flushes; a pulse or three between the series (a rinse of the
            # group) does not cancel a cleaner series waiting for its rinse.
            out.released += [held.item for held in series]
            return
        cleaner = self._cleaner
        if (
            cleaner
            and rules.rinse_min
            <= series[0].started - cleaner[-1].ended
            <= rules.rinse_max
        ):
            self._cleaner = []
            out.recognized = Recognized(
                pulses=len(cleaner) + len(series),
                cleaner_pulses=len(cleaner),
                rinse_pulses=len(series),
                started=cleaner[0].started,
                ended=series[-1].ended,
            )
            return
        out.released += self._take_cleaner()
        self._cleaner = series
