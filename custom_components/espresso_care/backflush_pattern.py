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

A signal reported every few seconds shows each edge up to one report late, so
a 12 s pulse can look 15 s long, long enough for the caller to count it as a
shot at once. Whether a run may be a pulse is decided by its length alone: a
run the caller already counted (``may_be_pulse`` False) that is as short as a
pulse still takes its place in a series; if the backflush is recognized it is
handed back in ``taken_back``, for the caller to take back its count.

A power detector misses a short run now and then. A series of two pulses or
more, still short of ``pulses_min``, may bridge a pause of up to ``gap_max``
(a pulse hidden in it, counted as missed), at most ``missed_max`` in the
whole backflush: the other series must be whole, so ordinary flushes
around a shot (three runs and a long pause) cannot make both. A signal read
every 5 s may also lose a pulse with no long pause to show it (merged with
its neighbour, hidden under a heater's edge): with ``short_series``, a series
one pulse short, every pulse of it sure, stands with that pulse counted
missed, from the same budget (with ``short_weak``, one of its pulses weak
where the other series was read whole and every pulse of it sure, or, with
``sure_whole``, whole by its sure pulses alone); with
``missed_each``, each series may lack one where every pulse of both was
read sure. A power detector also pairs a
heater's edge beside a pulse as a run shorter than any pulse now and then:
one such blip inside a series (``blips_max`` in the whole backflush)
neither makes nor breaks it. A weak pulse may run a little longer than a
pulse (``weak_pulse_max``): every 5 s two pulses a pause shorter than a
reading apart read as one piece. A signal read every 5 s now and then
cannot read the pump at all for a while (a heater switching): such a hole
inside a series
(``holes_max`` in the whole backflush, ``bridge``) neither makes nor breaks
it, the next pulse's pause measured from the hole's end; two sure pulses
and a hole long enough to hide more (``hole_series_min``) stand as a
series, the pulses it lacks missed, where the other series was read sure
and whole. A pulse may also
hide in the pause after a series' first pulse: with ``first_gap_max``, a
lone sure pulse up to that long before the next is held as the head of the
series begun there, taken back (its pause a pulse missed) only if the
series is short without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise
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
    # Pulses a backflush may lack (both series together), each seen as a
    # pause of up to ``gap_max`` in a series of 2 pulses or more still short
    # of ``pulses_min`` (a power detector misses a short run now and then); they count
    # toward ``pulses_min``.
    missed_max: int = 1
    gap_max: float = 45.0
    # Runs shorter than a pulse a backflush may hold (both series together),
    # each inside a series: a power detector pairs a heater's edge beside a
    # pulse as a blip now and then. Another breaks the series, as any run
    # that is no pulse does: a fast PID's bursts read as streams of them.
    blips_max: int = 1
    # Holes a backflush may hold (both series together), each inside a
    # series (``bridge``): a stretch a heater's readings left unreadable,
    # where pulses may hide; the pause after it is measured from its end.
    holes_max: int = 0
    # Pulses fed ``weak`` (a power view saw them only in a heater's band, as a
    # shot cut up by a heater may look) a series may hold; with more, the
    # series is judged without them.
    weak_max: int = 1
    # More weak pulses, up to this many, a series may hold where they are no
    # more than its sure ones (0: none more).
    weak_even_max: int = 0
    # Whether a series of ``pulses_min`` - 1 sure pulses may stand with the
    # pulse it lacks counted as missed (one, also where it bridged a pause;
    # ``missed_max`` for both series together: the other must be whole).
    short_series: bool = False
    # Whether a series of ``pulses_min`` - 1 pulses, one of them weak, may
    # stand short as a sure one does (``short_series``), where the other
    # series was read sure, none weak, and whole (``_short_weak_held``).
    short_weak: bool = False
    # Whether each series may lack one pulse (missed, as ``missed_max``
    # counts them, one in each) where every pulse of both series was read
    # sure, none weak (``_missed_held``).
    missed_each: bool = False
    # Whether a series holding more weak pulses than it may first sheds its
    # weak pulses after its last sure one (``_trailing_weak_shed``): the
    # group flushes after a rinse series, read as partial pulses, are weak
    # and ran into it (a flush piece read sure stays, with the weak before it).
    trailing_weak: bool = False
    # How long (s) a pulse fed ``weak`` may be, if longer than ``pulse_max``
    # (0: no longer): a signal read every 5 s times a pulse's edges a
    # reading apart at worst, and two pulses a pause shorter than a reading
    # apart read as one piece; such a piece, read clean, is fed weak.
    weak_pulse_max: float = 0.0
    # How long (s) the pause after a series' lone first pulse, read sure,
    # may be if longer than ``pause_max`` (0: no longer): that pulse is held
    # as the head of the series begun after it (``_head``), which takes it
    # back with a pulse counted missed if it is short without it.
    first_gap_max: float = 0.0
    # Whether a series whose sure pulses alone are a whole one (``pulses_min``,
    # none missed) counts as read sure, a weak pulse of its own beside them,
    # for a short series leaning on a weak pulse or a head to pair with
    # (``_short_weak_held``, ``_sure_whole``).
    sure_whole: bool = False
    # How long (s) a hole a series of two sure pulses bridged (between them
    # or after the second) must be for them to stand as a series with the
    # rest of it counted missed, where the other series was read sure and
    # whole (``_hole_series``, ``_hole_paired``; 0: never).
    hole_series_min: float = 0.0
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
    # Pulses not seen (long pauses bridged), beside ``pulses`` seen.
    missed: int = 0
    # Pulses among ``pulses`` fed weak: the caller may want them confirmed.
    weak: int = 0
    # Whether a series stood short leaning on a weak pulse (``short_weak``):
    # without that allowance it was none.
    short_weak: bool = False


@dataclass(slots=True)
class Outcome[T]:
    """What one ``feed`` or ``advance`` decided."""

    # Runs that are not (or no longer may be) part of a backflush: count them.
    released: list[T] = field(default_factory=list)
    # A backflush recognized now; its pulses are consumed, not released.
    recognized: Recognized | None = None
    # Its pulses that were fed as already counted (``may_be_pulse`` False,
    # released then): the caller may take their counts back.
    taken_back: list[T] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Held[T]:
    item: T
    started: float
    ended: float
    # Fed as already counted (and released then): never released again.
    counted: bool = False
    weak: bool = False


class BackflushRecognizer[T]:
    """Follows finished pump runs and recognizes cleaner-then-rinse pulse series."""

    __slots__ = (
        "_blips",
        "_bridged",
        "_bridged_length",
        "_cleaner",
        "_cleaner_blips",
        "_cleaner_headed",
        "_cleaner_hole_series",
        "_cleaner_holes",
        "_cleaner_missed",
        "_cleaner_short_weak",
        "_cleaner_sure",
        "_cleaner_sure_whole",
        "_dark",
        "_darkened",
        "_head",
        "_hole_seconds",
        "_holes",
        "_missed",
        "_overdue",
        "_rules",
        "_series",
    )

    def __init__(self, rules: PatternRules = DEFAULT_RULES) -> None:
        self._rules = rules
        self._series: list[_Held[T]] = []
        self._missed = 0  # pulses the series lacks (long pauses)
        # A finished series of enough pulses, waiting for its rinse series.
        self._cleaner: list[_Held[T]] = []
        self._cleaner_missed = 0
        # Whether the cleaner series waiting held no weak pulse as read, and
        # took no head (``first_gap_max``).
        self._cleaner_sure = False
        # Whether its sure pulses alone are a whole series (``_sure_whole``).
        self._cleaner_sure_whole = False
        # Whether the cleaner series waiting stood short with a weak pulse,
        # or took its head back: either leans on a pulse missed, so the
        # rinse series must be read sure (``_short_weak_held``).
        self._cleaner_short_weak = False
        self._cleaner_headed = False
        self._blips = self._cleaner_blips = 0  # runs shorter than a pulse inside
        self._holes = self._cleaner_holes = 0  # holes bridged inside (``bridge``)
        # The longest hole the series in progress bridged with a pulse after
        # it, and the last one bridged (s), and whether the cleaner series
        # waiting stood on one (``_hole_series``).
        self._hole_seconds = self._bridged_length = 0.0
        self._cleaner_hole_series = False
        # The end of the hole the series in progress last bridged (None: none).
        self._bridged: float | None = None
        # An unsure stretch after the series' last pulse (``darken``).
        self._dark: tuple[float, float] | None = None
        # Whether the series in progress bridged such a stretch: it stood for
        # the pulse the series missed, so no long pause may miss another
        # (``_wait``; flushes 33 s and 46 s apart had made a cleaner series
        # of three, 20,000,012 at 18,457 s).
        self._darkened = False
        # A lone pulse a pause of up to ``first_gap_max`` before the series
        # in progress: its head if the series is short without it (``_close``).
        self._head: _Held[T] | None = None
        # Whether the series in progress, a lone pulse, is past the deadline
        # it had without ``first_gap_max``: the next pulse makes it a head,
        # even within ``pause_max`` (read late, a pulse that would have begun
        # a series of its own). Joined to it as before, a rotary heat
        # exchanger's 75 s shot cut into pieces by its heater made a cleaner
        # series with its first 5 s piece and a backflush on an ordinary day
        # (regression seed 8,010,013 at 170,540 s).
        self._overdue = False

    @property
    def held(self) -> int:
        """How many runs are held back now."""
        return len(self._series) + len(self._cleaner) + (self._head is not None)

    @property
    def short(self) -> bool:
        """Whether a series is in progress still short of ``pulses_min`` (its missed counted)."""
        series = len(self._series)
        return series > 0 and series + self._missed < self._rules.pulses_min

    @property
    def next_deadline(self) -> float | None:
        """When ``advance`` should be called if nothing is fed before."""
        rules = self._rules
        if self._series:
            return self._reach() + self._wait() + rules.latency
        if self._cleaner:
            return self._cleaner[-1].ended + rules.rinse_max + rules.latency
        return None

    def feed(
        self,
        item: T,
        started: float,
        ended: float,
        *,
        may_be_pulse: bool = True,
        weak: bool = False,
    ) -> Outcome[T]:
        """One finished run (runs in order of their start).

        ``may_be_pulse`` False (a run the caller counts at once, as a shot) is
        released at once. It breaks a series only if it is longer than a
        pulse: one as short as a pulse (its edges seen late) may be one.
        A run shorter than a pulse inside a series, while the backflush may
        still hold one (``blips_max``), is released at once and neither makes
        nor breaks the series.
        ``weak``: a pulse the signal is not sure of; it fills a series of
        sure pulses (up to ``weak_max`` in each, ``weak_even_max`` where
        no more than its sure ones) but never makes one. A weak one may be
        longer than a pulse, up to ``weak_pulse_max``.
        """
        rules = self._rules
        out: Outcome[T] = Outcome()
        is_pulse = rules.pulse_min <= ended - started <= rules.pulse_max or (
            weak and rules.pulse_max < ended - started <= rules.weak_pulse_max
        )
        if is_pulse:
            self._dark_bridged(started)
        self._dark = None
        if not may_be_pulse:
            out.released.append(item)
        if (
            self._series
            and ended - started < rules.pulse_min
            and self._cleaner_blips + self._blips < rules.blips_max
            and rules.pause_min
            <= started - self._last_ended()
            <= self._wait(first_gap=False)
        ):
            self._blips += 1
            if may_be_pulse:
                out.released.append(item)
            return out
        if self._series:
            pause = started - self._last_ended()
            # After a lone pulse, past its deadline or a pause too long for
            # it: the series begun here may take it back (``first_gap_max``).
            heads = (
                rules.pause_min <= pause <= rules.first_gap_max
                and (self._overdue or pause > rules.pause_max)
                and self._first_gap_open()
            )
            if (
                not is_pulse
                or not (rules.pause_min <= pause <= self._wait() or heads)
                or ended - self._series[0].started > rules.series_max
            ):
                self._close(out)
            elif heads:
                self._head = self._series.pop()
            elif pause > rules.pause_max:
                self._missed += 1  # a pulse hid in this pause
        if not is_pulse:
            # A shot (or a long run) between the series: no backflush.
            out.released += self._take_cleaner()
            if may_be_pulse:
                out.released.append(item)
            return out
        if (
            not self._series
            and self._cleaner
            and started - self._cleaner[-1].ended > rules.rinse_max
        ):
            out.released += self._take_cleaner()
        if self._series and self._bridged is not None:
            self._hole_seconds = max(self._hole_seconds, self._bridged_length)
        self._series.append(
            _Held(item, started, ended, counted=not may_be_pulse, weak=weak)
        )
        self._bridged = self._dark = None
        self._overdue = False
        return out

    def bridge(self, started: float, ended: float) -> bool:
        """A hole (``started``-``ended``) where pulses may hide: the series waits on past it.

        A signal that could not read the pump there (a heater's readings)
        says neither pulse nor shot. Inside a series in progress (begun
        within a pause before it, while the backflush may hold one more,
        ``holes_max``), the series goes on: its next pulse's pause is
        measured from the hole's end. The hole makes no pulse. Not after a
        weak pulse: the heater was on already, as through a shot with its
        flushes read in its band (a dual boiler's 25 s shot read as a hole
        between weak flushes made a cleaner series on an ordinary day,
        regression seed 5,010,005 at 31,949 s). Returns whether it was
        bridged.
        """
        self._dark = None
        if not self._may_bridge(started, ended):
            return False
        self._holes += 1
        self._bridged = ended
        self._bridged_length = ended - started
        return True

    def darken(self, started: float, ended: float) -> None:
        """A stretch (``started``-``ended``) read as the pump off, but unsure: a hole if need be.

        Every 5 s a heater switching on and off within a pause leaves
        readings no band explains, and a pulse run wholly inside them reads
        as no pulse at all: the pause around it is too long for the series
        (20,000,022 at 22,548 s, a heat exchanger's 1.3 kW heater over a
        50 W pump: 880, 1,275, 281 W as the second pulse ran). It is bridged
        (``bridge``) only when the next pulse comes too late without it,
        and the series waits for that pulse past the stretch's end. Only
        after a series' first pulse: from its second a long pause is a
        missed pulse already (``gap_max``), and a stretch there kept a rinse
        series of flushes open past its deadline to a shot's first piece
        (ordinary day of 21,010,003 at 17,812 s, a backflush invented).
        """
        if len(self._series) == 1 and self._may_bridge(started, ended):
            self._dark = (started, ended)

    def _may_bridge(self, started: float, ended: float) -> bool:
        """Whether the series in progress may wait on past a hole (``bridge``)."""
        rules = self._rules
        return not (
            not self._series
            or self._series[-1].weak
            or self._holes + self._cleaner_holes >= rules.holes_max
            or not rules.pause_min
            <= started - self._last_ended()
            <= self._wait(first_gap=False)
            or ended - self._series[0].started > rules.series_max
        )

    def _dark_bridged(self, started: float) -> None:
        """The stretch ``darken`` kept, bridged if the pulse at ``started`` needs it."""
        dark, self._dark = self._dark, None
        if (
            dark is not None
            and started - self._last_ended() > self._wait(first_gap=False)
            and self._rules.pause_min <= started - dark[1]
            and self._may_bridge(*dark)
        ):
            self._holes += 1
            self._bridged = dark[1]
            self._bridged_length = dark[1] - dark[0]
            self._darkened = True

    def _reach(self) -> float:
        """When the series in progress last showed, or an unsure stretch after it (``darken``)."""
        last = self._last_ended()
        dark = self._dark
        return last if dark is None else max(last, dark[1])

    def _last_ended(self) -> float:
        """When the series in progress last showed: its last pulse's end, or a hole's after it."""
        last = self._series[-1].ended
        bridged = self._bridged
        return last if bridged is None or bridged < last else bridged

    def advance(self, now: float) -> Outcome[T]:
        """Time passed: close a series no pulse continued, give up on a lone cleaner series."""
        rules = self._rules
        out: Outcome[T] = Outcome()
        if self._series and now >= self._reach() + self._wait() + rules.latency:
            if not self._overdue and self._first_gap_open():
                self._overdue = True  # waits on, for a series to head
            if now >= self._reach() + self._wait() + rules.latency:
                self._close(out)
        if (
            not self._series
            and self._cleaner
            and now >= self._cleaner[-1].ended + rules.rinse_max + rules.latency
        ):
            out.released += self._take_cleaner()
        return out

    def withdraw(self, started: float, ended: float) -> tuple[list[T], list[T]]:
        """Take out the runs held that overlap ``started``-``ended`` (a backflush found otherwise).

        Returns the runs not counted yet and those already counted (for the
        caller to take back); the others stay held.
        """
        taken: list[_Held[T]] = []
        kept: list[list[_Held[T]]] = []
        head, self._head = self._head, None
        self._overdue = False
        if head is not None and head.started <= ended and started <= head.ended:
            taken.append(head)
            head = None
        for held in (self._series, self._cleaner):
            inside = [h for h in held if h.started <= ended and started <= h.ended]
            taken += inside
            kept.append([h for h in held if all(h is not i for i in inside)])
        self._series, self._cleaner = kept
        if not self._series:
            self._missed = self._blips = self._holes = 0
            self._hole_seconds = 0.0
            self._darkened = False
            self._bridged = self._dark = None
        if not self._cleaner:
            self._cleaner_missed = self._cleaner_blips = self._cleaner_holes = 0
            self._cleaner_hole_series = False
        if head is not None:
            # Still the head of the series left, or a lone pulse again.
            if self._series:
                self._head = head
            else:
                self._series = [head]
        return _uncounted(taken), [h.item for h in taken if h.counted]

    def confirm(self, started: float, ended: float) -> bool:
        """A weak run held, the only one overlapping ``started``-``ended``, made sure.

        Another view of the same pump saw it as a run of its own: it may make
        a series now. Returns whether one was made sure.
        """
        inside = [
            (held, i)
            for held in (self._series, self._cleaner)
            for i, h in enumerate(held)
            if h.started <= ended and started <= h.ended
        ]
        if len(inside) != 1:
            return False
        held, i = inside[0]
        if not held[i].weak:
            return False
        held[i] = replace(held[i], weak=False)
        return True

    def all_within(self, started: float, ended: float) -> bool:
        """Whether runs are held and every one overlaps ``started``-``ended``."""
        head = [] if self._head is None else [self._head]
        held = [*self._cleaner, *head, *self._series]
        return bool(held) and all(
            h.started <= ended and started <= h.ended for h in held
        )

    def release_all(self) -> list[T]:
        """Stop: hand back everything held (they count as what they were)."""
        head = [] if self._head is None else [self._head]
        items = _uncounted([*self._cleaner, *head, *self._series])
        self._cleaner, self._series, self._head = [], [], None
        self._overdue = False
        self._missed = self._cleaner_missed = self._blips = self._cleaner_blips = 0
        self._holes = self._cleaner_holes = 0
        self._hole_seconds = 0.0
        self._cleaner_hole_series = False
        self._bridged = self._dark = None
        self._darkened = False
        return items

    def _wait(self, *, first_gap: bool = True) -> float:
        """The longest pause that may still continue the series in progress.

        ``first_gap`` False: the pause a run too short for a pulse (a blip),
        or a hole (``bridge``, ``darken``), may follow a lone first pulse by,
        no longer than ``pause_max``: a hole bridged that late after a first
        pulse, then a sure pulse and a weak one, made a rinse series of a
        rotary heat exchanger's shots on an ordinary day (regression seed
        8,010,013 at 125,860 s).
        """
        rules = self._rules
        series = len(self._series)
        if first_gap and self._overdue and self._first_gap_open():
            return rules.first_gap_max
        if (
            self._missed < rules.missed_max
            and not self._darkened
            and series >= 2
            and series + self._holes < rules.pulses_min - self._missed
        ):
            # Begun but still too short: a pulse may hide in a long pause.
            # Once long enough, a long pause ends it (it may be the rinse);
            # a lone run (a flush) is not held the longer wait. A hole
            # bridged counts as a pulse here: long enough with it, a long
            # pause after it may be the rinse.
            return rules.gap_max
        return rules.pause_max

    def _first_gap_open(self) -> bool:
        """Whether the series in progress, a lone sure pulse, may wait ``first_gap_max`` to head the next.

        Not once it bridged a hole (nor a blip, nor a pause missed): a shot's
        first piece, a hole over its heater, then its weak piece and a flush
        made a rinse series so (third-check seed 150,010,013 at 36,103 s, a
        rotary heat exchanger's ordinary day, after a cleaner series of a
        flush, a shot's pieces and a flush).
        """
        rules = self._rules
        return (
            len(self._series) == 1
            and rules.first_gap_max > rules.pause_max
            and self._head is None
            and not (self._missed or self._blips or self._holes or self._darkened)
            and not self._series[0].weak
        )

    def _missed_held(self, cleaner_missed: int, missed: int, *, sure: bool) -> bool:
        """Whether a backflush may lack the pulses its cleaner and rinse series missed.

        ``missed_max`` for both series together; with ``missed_each``, one
        in each where both were read sure (``sure``: the rinse series held
        no weak pulse as read, nor the cleaner series waiting). Every 5 s a
        heater's readings hide a pulse in each series now and then (bench
        seed 20,250,426 at 15,545 s, a heat exchanger: three pulses read of
        the cleaner series' five, the rinse series' six read as four pieces
        with a pause of 32 s where one hid), and the rinse series, one short
        too, waited as a cleaner series for a rinse that never came. A shot cut up by a
        heater's switching reads as weak pieces, and with weak pulses a
        heat exchanger's ordinary day made a backflush of a flush, a shot's
        pieces and its flushes (bench seed 20,260,407 at 268,181 s: three
        sure pulses, then two sure and two weak with a pause of 26 s).
        Recognized where power counts (every 5 s): bench seed 137 -> 140
        of 180, dev 20M 144 -> 144, 21M 129 -> 134, 22M 143 -> 143 of 192,
        regression 5M 143 -> 146, 6M 141 -> 146, 7M 125 -> 132; none
        invented, none lost (with the refusals it leans on left unnoted,
        ``_judged``; noted, 22M lost one).
        """
        rules = self._rules
        if cleaner_missed + missed <= rules.missed_max:
            return True
        return (
            rules.missed_each
            and sure
            and self._cleaner_sure
            and cleaner_missed <= 1
            and missed <= 1
        )

    def _hole_paired(
        self,
        hole_series: bool,
        *,
        cleaner_missed: int,
        cleaner_sure: bool,
        series: list[_Held[T]],
        missed: int,
        sure: bool,
    ) -> bool:
        """Whether a series standing on a hole (``_hole_series``) may pair: the other read sure and whole.

        ``hole_series``: the series closing now (``series``) stood so, else
        the cleaner series waiting did. ``cleaner_sure``, ``sure``: each
        series read sure (none weak as read, or its sure pulses alone a
        whole series, ``_sure_whole``). The other must hold ``pulses_min``
        pulses or more, none missed, read sure; never both standing on
        holes.
        """
        if hole_series and self._cleaner_hole_series:
            return False
        pulses_min = self._rules.pulses_min
        if hole_series:
            return (
                cleaner_sure and not cleaner_missed and len(self._cleaner) >= pulses_min
            )
        return sure and not missed and len(series) >= pulses_min

    def _take_cleaner(self) -> list[T]:
        items = _uncounted(self._cleaner)
        self._cleaner = []
        self._cleaner_sure = self._cleaner_short_weak = self._cleaner_headed = False
        self._cleaner_sure_whole = self._cleaner_hole_series = False
        self._cleaner_missed = self._cleaner_blips = self._cleaner_holes = 0
        return items

    def _close(self, out: Outcome[T]) -> None:
        """The series in progress ended: a cleaner series, a rinse series or flushes."""
        rules = self._rules
        series, self._series = self._series, []
        missed, self._missed = self._missed, 0
        blips, self._blips = self._blips, 0
        holes, self._holes = self._holes, 0
        hole, self._hole_seconds = self._hole_seconds, 0.0
        if self._bridged is not None:  # bridged after its last pulse
            hole = max(hole, self._bridged_length)
        self._darkened = False
        self._bridged = self._dark = None
        head, self._head = self._head, None
        self._overdue = False
        # Whether the series took its head back: its pulse missed is then
        # the backflush's only one, never one of ``missed_each``'s (a rotary
        # heat exchanger's pressurestat, cycling every 39.5 s, read as sure
        # pulses 29.5 s apart: a shot's piece and two cycles, a pulse missed
        # in a pause of 30.7 s, then two cycles and a shot's piece, one as
        # a head, made a backflush on an ordinary day, regression seed
        # 8,010,013 at 211,516 s); and the other series must be read sure
        # (``_short_weak_held``: a thermostat's shot read as two weak pieces
        # and its flushes, then a piece heading two flushes 27 s after it,
        # 7,010,010 at 142,951 s).
        headed = False
        if head is not None:
            # Only to a series no short one may stand for (``short_series``,
            # ``short_weak``): a 17 s shot read as two pieces, one weak, and
            # its flush had stood as a short cleaner series paired with
            # nothing; with a lone piece before it as its head, it paired
            # with the true cleaner series as its rinse, and the checks
            # refused both (regression seed 6,000,002 at 49,371 s).
            if len(series) < rules.pulses_min - 1 and not missed:
                series, missed = [head, *series], 1  # a pulse hid after it
                headed = True
            else:
                out.released += _uncounted([head])
        weak = sum(h.weak for h in series)
        # Whether shedding the weak pulses after the last sure one left
        # none weak (``_trailing_weak_shed``).
        shed_weak = False
        if rules.trailing_weak and not _weak_held(weak, len(series), rules, missed):
            series = _trailing_weak_shed(series, out, rules, missed)
            shed_weak = not any(h.weak for h in series)
        if not _weak_held(sum(h.weak for h in series), len(series), rules, missed):
            series = _without_weak(series, out, rules.pause_max)
        # ``weak`` as read, before shedding: a series that lost weak pulses
        # is no sure one, so never a short one.
        if not weak and _short(series, rules):
            missed = max(missed, 1)  # a pulse hid where no pause shows it
        # A short series leaning on a weak pulse too (``short_weak``): the
        # other series must be read whole and sure (``_short_weak_held``).
        # So too one left short by shedding its weak pulses, all after its
        # last sure one: every 5 s a thermostat's heater on for the last
        # pulses of a rinse series read them only in its band, and the
        # group flushes after ran into it (bench seed 20,250,424 at 4,742 s:
        # after a cleaner series of four sure pulses, a rinse series read as
        # three sure pulses, then four weak of 4.5-6.3 s, of the true six);
        # four weak of seven were more than it may hold, and the three sure
        # pulses left, one short, were no sure series. Recognized where power
        # counts (every 5 s): bench seed 148 -> 149 of 180, regression 7M
        # 137 -> 138 (7,000,014 at 23,660 s), dev 20M-22M, regression 5M-6M
        # unchanged; none invented (ordinary days of those seeds and of 8M).
        short_weak = (
            not missed
            and rules.short_weak
            and ((weak == 1 and sum(h.weak for h in series) == 1) or shed_weak)
            and _short(series, rules)
        )
        if short_weak:
            missed = 1
        hole_series = not (missed or weak or blips or headed) and _hole_series(
            series, hole, rules
        )
        if hole_series:
            missed = rules.pulses_min - len(series)  # hidden in the hole
        if not rules.pulses_min <= len(series) + missed <= rules.pulses_max:
            # Flushes; a pulse or three between the series (a rinse of the
            # group) does not cancel a cleaner series waiting for its rinse.
            out.released += _uncounted(series)
            return
        cleaner, cleaner_missed = self._cleaner, self._cleaner_missed
        # Each series read sure: none weak as read, or its sure pulses
        # alone a whole series (``_sure_whole``).
        cleaner_sure = self._cleaner_sure or self._cleaner_sure_whole
        rinse_sure = not weak or _sure_whole(series, missed, rules)
        if (
            cleaner
            and rules.rinse_min
            <= series[0].started - cleaner[-1].ended
            <= rules.rinse_max
            and (
                self._hole_paired(
                    hole_series,
                    cleaner_missed=cleaner_missed,
                    cleaner_sure=cleaner_sure,
                    series=series,
                    missed=missed,
                    sure=rinse_sure,
                )
                if hole_series or self._cleaner_hole_series
                else self._missed_held(
                    cleaner_missed, missed, sure=not (weak or headed)
                )
            )
            and self._cleaner_blips + blips <= rules.blips_max
            and _short_weak_held(
                short_weak or headed,
                self._cleaner_short_weak or self._cleaner_headed,
                cleaner_sure,
                rinse_sure,
            )
        ):
            self._cleaner, self._cleaner_missed, self._cleaner_blips = [], 0, 0
            self._cleaner_holes = 0
            self._cleaner_hole_series = False
            out.recognized = Recognized(
                pulses=len(cleaner) + len(series),
                cleaner_pulses=len(cleaner),
                rinse_pulses=len(series),
                started=cleaner[0].started,
                ended=series[-1].ended,
                missed=cleaner_missed + missed,
                weak=sum(h.weak for h in (*cleaner, *series)),
                short_weak=short_weak or self._cleaner_short_weak,
            )
            out.taken_back = [h.item for h in (*cleaner, *series) if h.counted]
            return
        out.released += self._take_cleaner()
        self._cleaner = series
        self._cleaner_missed = missed
        self._cleaner_sure = not (weak or headed)
        self._cleaner_sure_whole = _sure_whole(series, missed, rules)
        self._cleaner_short_weak = short_weak
        self._cleaner_headed = headed
        self._cleaner_blips = blips
        self._cleaner_holes = holes
        self._cleaner_hole_series = hole_series


def _short[T](series: list[_Held[T]], rules: PatternRules) -> bool:
    """Whether a series one pulse short may stand, that pulse missed (``short_series``).

    The caller asks only of a series that held no weak pulse, before its weak
    ones were taken out (those left are all sure, but a series that lost weak
    pulses is no sure one). A series that already bridged a pause has its
    missed pulse counted: the pulse it lacks is that one.
    """
    return rules.short_series and len(series) == rules.pulses_min - 1


def _sure_whole[T](series: list[_Held[T]], missed: int, rules: PatternRules) -> bool:
    """Whether a series' sure pulses alone are a whole series, none missed (``sure_whole``).

    Such a series leans on none of its weak pulses: for a short series that
    leans on one (``short_weak``) or on a head (``first_gap_max``) it is as
    good as one read all sure (``_short_weak_held``). Every 5 s a dual
    boiler's cleaner series lost its first three pulses (bench seed
    20,250,448 at 22,222 s, a 64 W pump: read as a weak pulse and two sure
    ones, 74.0 and 93.9 s in), and its rinse series was read as four sure
    pulses and its last weak (511.1 s, no reading of it with no heater on
    and the pump on half of it): with that weak pulse it was no sure
    series, and the short cleaner paired with nothing. A series with fewer sure pulses than a whole one
    still asks the other to be read all sure: a shot cut up by a heater and
    its flushes read as a short series with a weak pulse beside another
    holding weak pulses (``_short_weak_held``: 21,010,003). Recognized where
    power counts (every 5 s): bench seed 155 -> 156 of 180, dev 20M 153
    unchanged, 21M 140 -> 141, 22M 148 -> 151 of 192, regression 5M
    150 -> 154, 6M 148 -> 149, 7M 140 -> 141, third check 150M 150
    unchanged, 162M 141 -> 143, 166M 137 -> 139 of 174, 175M 140
    unchanged; none lost trace by trace (bench, dev and regression
    seeds), none invented (ordinary days and backflush days; 166M's two
    slow PIDs' as before).
    """
    sure = sum(not h.weak for h in series)
    return rules.sure_whole and not missed and sure >= rules.pulses_min


def _hole_series[T](series: list[_Held[T]], hole: float, rules: PatternRules) -> bool:
    """Whether two pulses and a long hole stand as a series, the rest missed (``hole_series_min``).

    The caller asks only of a series read sure, none missed (no long pause,
    no head, no short series), no blip. ``hole``: the longest hole it
    bridged (``bridge``, ``darken``), between its pulses or after its last.
    Every 5 s a heater switching through a series leaves a stretch no band
    explains, where two or three pulses and their pauses hide: a dual
    boiler's rinse read as a pulse, a hole of 28 s (1,347-1,534 W, its
    heater on through three pulses) and a pulse, of the true five (bench
    seed 20,250,409 at 29,193 s); a heat exchanger's cleaner as a pulse, a
    hole of 24 s and a pulse, of four (dev seed 20,000,003 at 21,935 s); a
    dual boiler's cleaner as two pulses and a hole of 28 s (788-1,407 W,
    the heater on as the third began), of four (dev seed 21,000,015 at
    31,202 s). Two pulses and a hole were no series though the other was
    read whole. They stand with the pulses they lack counted missed; the
    other series must be read sure (or whole by its sure pulses,
    ``_sure_whole``) and whole, none missed (``_hole_paired``): flushes
    around a shot read as a hole make such a series, but no ordinary day
    reads a whole series beside them. Recognized where power counts (every
    5 s): see ``pulses.constants.SLOW_HOLE_SERIES``.
    """
    return (
        rules.hole_series_min > 0 and len(series) == 2 and hole >= rules.hole_series_min
    )


def _short_weak_held(
    rinse_short: bool, cleaner_short: bool, cleaner_sure: bool, rinse_sure: bool
) -> bool:
    """Whether a series that stood short with a weak pulse (``short_weak``) may pair.

    ``rinse_short``, ``cleaner_short``: each series stood so; ``cleaner_sure``,
    ``rinse_sure``: each held no weak pulse as read. The other series must
    be read sure (and whole: the short one's missed pulse spent the
    budget). Every 5 s a series of three, one read only in a heater's band
    or as two pulses merged into a long piece, was no series (bench seed
    20,250,417 at 30,889 s, a heat exchanger's rinse: two sure pulses and a
    weak one after a cleaner series of five sure); a short series with a
    weak pulse beside another with weak pulses is what a shot cut up by a
    heater and its flushes read as (``SLOW_SHORT_SERIES``: 21,010,003).
    """
    return (not rinse_short or cleaner_sure) and (not cleaner_short or rinse_sure)


def _weak_held(weak: int, pulses: int, rules: PatternRules, missed: int = 0) -> bool:
    """Whether a series of ``pulses`` may hold ``weak`` of them weak (``weak_max``, ``weak_even_max``).

    ``missed``: the pulses it lacks (long pauses bridged). A series leaning on
    a missed pulse may hold no more weak pulses than sure ones: every 5 s a
    rotary heat exchanger's ordinary day read a shot's piece (sure), a flush
    over its heater and a heater's cycle (both weak) with a pause of 34 s
    between the last two as a rinse series of one sure pulse, two weak and
    one missed (regression seed 8,010,013 at 125,915 s, a backflush
    invented). A weak pulse fills a series, never makes one; with one sure
    pulse the weak and the missed made it.
    """
    if missed and 2 * weak > pulses:
        return False
    return weak <= rules.weak_max or (
        weak <= rules.weak_even_max and 2 * weak <= pulses
    )


def _trailing_weak_shed[T](
    series: list[_Held[T]], out: Outcome[T], rules: PatternRules, missed: int = 0
) -> list[_Held[T]]:
    """The series without the weak pulses after its last sure one, if then it may hold the rest.

    Those are released; else the series is left whole (``_without_weak``
    judges it). Every 5 s the group flushes after a rinse series read as
    partial pulses (weak: no reading half the pump's) within a pause of it,
    and ran into it: with them a series held more weak pulses than it may,
    and without any weak one its sure pulses were too far apart (bench seed
    20,250,414 at 27,590 s: a rinse series of six, two weak, then three flush
    pieces, two weak: four weak of nine). Only the weak pulses after the last
    sure one go: a flush piece read sure, and the weak ones before it, stay
    in the series (there eight pulses, the rinse's six and two pieces). A
    series with no sure pulse sheds nothing here.
    """
    n = len(series)
    while n and series[n - 1].weak:
        n -= 1
    kept = series[:n]
    if n in (0, len(series)) or not _weak_held(
        sum(h.weak for h in kept), n, rules, missed
    ):
        return series
    out.released += _uncounted(series[n:])
    return kept


def _without_weak[T](
    series: list[_Held[T]], out: Outcome[T], pause_max: float
) -> list[_Held[T]]:
    """The series judged on its sure pulses alone: the weak ones are released.

    Its sure pulses still make a series only where no pause between them
    (a weak pulse taken out) is longer than ``pause_max``; else none.
    """
    sure = [h for h in series if not h.weak]
    out.released += _uncounted([h for h in series if h.weak])
    if any(b.started - a.ended > pause_max for a, b in pairwise(sure)):
        out.released += _uncounted(sure)
        return []
    return sure


def _uncounted[T](held: list[_Held[T]]) -> list[T]:
    """The runs among ``held`` that the caller has not counted yet."""
    return [h.item for h in held if not h.counted]
