"""Hand-made backflushes recognized in a metering plug's readings themselves.

Pure Python with no Home Assistant import. ``PumpDetector`` needs steady
levels: a 5-12 s pulse reported every 5 s is one or two partial readings, so
it sees few of a backflush's pulses. This reads the pump's share of each
reading instead, as a matched filter of the pump's size would: the reading
above the level before it, divided by ``pump_watts``, is the fraction of the
reading's interval the pump ran (0 to 1). Readings the pump alone cannot
explain (a heater switching, a PID's burst) are unknown, not guessed: a
heater that stays on becomes the new level to read the pump above.

An excursion (fractions above zero) ends at the first reading with the pump
off. It is cut into pulses at its dips (a pause shorter than two readings
shows only as a dip), each pulse's on-time is the sum of its fractions times
their intervals (the energy over the pump's power, true even when no
reading is steady), dated around its centre of mass. The pulses go to the
same ``BackflushRecognizer`` as the runs of the other signals do, so the
pattern (two series of pulses, cleaner then rinse) is the one rule.

Precision first: a reading that cannot be read leaves a hole that may hide
a pulse or a pause, never one that makes a pulse; a long excursion (a shot)
between the series cancels, as a run would. A backflush needs the readings
still before it and in its rinse pause: a slow PID's heater bursts, averaged
over a plug's interval, read as pump-sized pulses at the heater's cadence
all the time it idles.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise
import math
from typing import Final

from ....backflush_pattern import BackflushRecognizer, PatternRules, Recognized
from .slow_plug import (
    FLOOR_MAX,
    OFF_FRACTION,
    RefusedLately,
    doubtful,
    gentle_enough,
    heater_cycle,
    heater_follows,
    heater_hole,
    heater_off_band,
    heater_pair,
    heater_pumped,
    heater_split,
    heater_switched,
    heater_unpumped,
    hole_split,
    in_band_cuts,
    merged_hole,
    slow_dip,
    stretch_floor,
    within_two_pulses,
)

# Readings further below the level than this (in pump steps) lower the level.
BELOW: Final = 0.35
# Readings further above the level than this (in pump steps) are not the pump alone.
ABOVE: Final = 1.25
# Readings alike (within this many pump steps) and this many in a row, each
# a part of the pump's step up to ``PART_MAX``, are a new level, not the pump
# (it is on or off but for the edges).
ALIKE: Final = 0.1
ALIKE_READINGS: Final = 3
PART_MAX: Final = 0.75
# Pump-off readings in a row in a heater's band before a pulse's rise that
# make it the pulse's frame (see ``_framed``).
FRAME_READINGS: Final = 2
# A pulse is sure with a reading with no heater on and at least this fraction
# (else weak: it may fill a series of sure ones, never make one), or, on a
# fast plug with the mains known, with such a reading all in one heater's
# band, risen from it and fallen back to it (see ``_framed``).
CLEAN_FRACTION: Final = 0.5
# A dip this much (in pump steps) below the peaks on both sides splits a pulse.
DIP: Final = 0.3
# The longest a reading may stand for (s): longer silence of an on-change
# plug means the value held; a periodic plug's dropped reading is one hole.
HOLD_MAX: Final = 60.0
# A heater's step is at least this many pump steps.
HEATER_MIN: Final = 3.0
# A heater candidate this close (in pump steps) to one seen before is that heater.
CANDIDATE: Final = 1.5
# Two unexplained readings this close (in pump steps) are a heater's new level.
STEADY: Final = 0.3
# How many heater levels (each heater, both together) are remembered.
HEATERS_MAX: Final = 4
# Unknown readings (a heater on) longer than this end an excursion.
UNKNOWN_MAX: Final = 20.0
# An excursion with less on-time than this (s) is noise, not a run: it
# neither makes a pulse nor breaks a series.
NOISE_SECONDS: Final = 2.0
# How long unexplained readings are remembered (s): longer than a backflush.
# (An unexplained reading strictly between its neighbours, which differ by at
# least a heater's step ``HEATER_MIN``, is that heater switching inside the
# reading, not noise: a PID's burst averaged over a reading is a bump between
# readings alike, never such a step. On a plug reporting every
# ``FAST_INTERVAL`` s or faster, around weak pulses the edges count all the
# same: a heater switching is what cuts a shot into such pieces, and there
# the rule for them is already the looser one.)
ODD_SECONDS: Final = 900.0
# Weight of each quiet reading in the spread followed.
SPREAD_WEIGHT: Final = 0.05
# A backflush found where quiet readings stray further than this is refused:
# a PID's heater, averaged over the plug's interval, wanders by the pump's size.
# A confirmed one (``CONFIRMED_MIN``) stands whatever the spread: the
# detector paired the pump's own step under enough of its pulses, and a
# slow PID's idle wander (0.031-0.040 around four hand-made backflushes on
# the bench and dev seeds, just past the bound) is what it stood among.
SPREAD_MAX: Final = 0.03
# Noise is counted from this long (s) before a backflush to its end.
NOISE_BEFORE: Final = 600.0
# A backflush found where more of the readings than this were unexplained is refused.
ODD_SHARE_MAX: Final = 0.015
# On a plug reporting every ``FAST_INTERVAL`` s or faster, a backflush of
# sure pulses (none weak) may have up to ``ODD_SHARE_FAST`` of them: there a
# PID's burst reads as a heater's size, not a pulse, and the odd readings are
# a heater's switching edges (a heat exchanger's pressurestat cycles every
# 30-90 s); a PID's cadence is refused by the quiet rule below.
FAST_INTERVAL: Final = 2.5
# A plug reporting slower than this, up to ``FAST_INTERVAL`` (every 2 s),
# has rules of its own (``_confirm_weak``, ``note_run``): there a heater
# coming on with a pulse leaves it weak, and the detector now and then pairs
# a pulse's rise with a later fall. A 1 s plug, at its target, keeps its
# rules.
TWO_SECOND_MIN: Final = 1.5
ODD_SHARE_FAST: Final = 0.035
# On a slower plug, a backflush with every pulse seen, at most one weak and
# at most ``SINGLE_MAX`` read in a single reading may have as many: a pump
# pulse of 5 s or more spans two of its readings, a PID's burst (shorter
# than a reading), averaged, shows in one, so its pulse-like readings are
# mostly single ones.
SINGLE_MAX: Final = 1
# A run the detector saw longer than this (s): two pulses merged with the
# pause between at most, so a shot. A backflush with weak pulses (seen only
# above a heater), or pulses sure only by their frame in a heater's band,
# around one is refused: a shot cut up by a heater's switching reads there
# as pulses. On a plug reporting every
# ``FAST_INTERVAL`` s or faster the detector times a run within a reading or
# two, and two pulses merged are at most 12 + 4 + 12 s: there a run longer
# than ``LONG_RUN_FAST`` is a shot. There, when every pulse the pattern
# holds overlaps such a run, they are the shot cut up by a heater: withdrawn,
# lest they make a cleaner series taking a backflush's after it for a rinse.
LONG_RUN_SECONDS: Final = 40.0
LONG_RUN_FAST: Final = 30.0
# A run the detector saw at least this long (s) that the pulses fed to the
# pattern cover less than ``SHOT_COVERED`` of is a shot the train cut up (a
# heater's band learned a pump step off reads the pump as off in it): a
# backflush overlapping it is refused whatever its pulses. Two backflush
# pulses (5-12 s) the detector merged across their pause (4 s or more) are
# mostly covered by the pulses read. Only on a plug reporting every
# ``FAST_INTERVAL`` s or faster: a slower plug's run may take a reading more
# at each end.
SHOT_RUN: Final = 15.0
SHOT_COVERED: Final = 0.5
# Readings in a row at the plug's floor (the lowest reading yet, plus
# ``OFF_FRACTION`` of the pump's step): the pump was off, whatever heater
# was on before. A run the detector saw around such readings paired a rise
# with a later fall across the pause (a heater's stretch between hiding
# them): on a 2 s plug it is taken for no run (see ``note_run``).
FLOOR_READINGS: Final = 3
# A backflush is recognized only after this long (s) of readings followed
# before its first pulse, in which at most ``BEFORE_MAX`` pulses (of any
# size, noise included) began, and with at most ``BETWEEN_MAX`` pulses not
# its own between its first and last: a PID idling pulses its heater every
# window, which, averaged over a plug's interval, reads as pump-sized pulses
# before, between and after any series it makes; a person's backflush begins
# after the machine stood still (a shot, a flush or two) and its rinse pause
# is still.
QUIET_SECONDS: Final = 300.0
BEFORE_MAX: Final = 10
BETWEEN_MAX: Final = 8
# On a plug reporting every ``FAST_INTERVAL`` s or faster, a backflush with
# at least ``STURDY_MIN`` pulses of ``STURDY_SECONDS`` or more fed in its
# span, each ``STURDY_PAUSE`` or more from the next, and none weak (a piece
# of a shot a heater cut up may be one), is sturdy: it stands
# though the readings around it were not still, nor few of them odd. Read
# there, a slow PID's bursts are pulses of 2-4 s (a burst or a few merged),
# seldom 5 s or more, and then among more of them shorter (at most
# ``SHORT_PER_LONG`` shorter ones fed per long one); a shot its heater cut
# up reads as long pieces a second or two apart (a backflush's pauses are
# 3 s or more). Under a slow PID's bursts the train reads one or two of a
# backflush's eight pulses (at least) short, a burst's reading beside the
# pump's edge taking its share: ``STURDY_FEW`` long pulses are enough where
# the detector timed no run in its span ``SHOT_RUN`` s or more. A shot such
# a heater cut into long pieces several seconds apart (flushes after it
# making up a series) is such a run.
STURDY_SECONDS: Final = 5.0
STURDY_MIN: Final = 8
STURDY_FEW: Final = 6
STURDY_PAUSE: Final = 2.5
SHORT_PER_LONG: Final = 0.5
# On a plug reporting every ``FAST_INTERVAL`` s or faster, a backflush with
# at least ``CONFIRMED_MIN`` pulses fed in its span, and at least
# ``CONFIRMED_SHARE`` of its pulses, each seen by the pump detector as a run
# of its own (one run of ``pulse_min`` to ``CONFIRMED_RUN_MAX`` s over it,
# over no other pulse) is confirmed: it stands though the readings around it
# were not still, nor few of them odd, as a sturdy one does. A slow PID's
# bursts read pulse-sized by the train (2-4 s, its heater's stretch beside
# the pump's share) but seldom as a pump step the detector pairs (two at
# most in a find on the bench seed, ordinary use or not); a person's pulses,
# read a little short under the heater's bursts (so not sturdy), mostly are.
CONFIRMED_MIN: Final = 6
CONFIRMED_SHARE: Final = 0.5
CONFIRMED_RUN_MAX: Final = 18.0
# How long the pulses' starts are remembered (s): a backflush (two series
# and the rinse pause) and the quiet time before it.
PULSES_SECONDS: Final = 1800.0
# Weight of each new gap in the reporting interval followed.
INTERVAL_WEIGHT: Final = 0.1
# A level followed from this fraction of the way to each quiet reading.
LEVEL_WEIGHT: Final = 0.5

# The pattern's bounds for pulses read from power: a pulse's on-time is
# measured, its edges are estimated, so pauses are allowed a little shorter.
POWER_RULES: Final = PatternRules(
    pulse_min=2.5,
    pulse_max=16.0,
    pause_min=0.5,
    pause_max=22.0,
    latency=0.0,
)
# Weak pulses (read only above a heater) a series may hold on a plug
# reporting slower than every ``FAST_INTERVAL`` s: there a thermostat's
# heater, on for a minute when the series draws water, leaves two of a
# series' pulses read only in its band as often as one, and three of a
# series of six or more now and then (a thermostat's, a dual boiler's: seed
# 20,000,021), as many as its sure ones at most (``SLOW_WEAK_EVEN``): a
# shot a heater cut up reads as weak pieces around few sure ones.
# Recognized where power counts: dev seeds 20M-23M 409 -> 423 of 726,
# regression 5M-6M 217 -> 219 of 360, none invented (three weak a series
# whatever its sure ones: 434 and 222, but a series of one sure pulse and
# three weak is what the framed and confirmed tests refuse).
SLOW_WEAK_MAX: Final = 2
SLOW_WEAK_EVEN: Final = 3
# There too a series may read one pulse short with no pause long enough to
# show where (two pulses merged into one piece of a pulse's length, one hidden
# under a heater's edge): a series of ``pulses_min`` - 1 sure pulses stands,
# the pulse counted missed (``PatternRules.short_series``), so the other
# series must be whole (seed 20,000,000, a thermostat's cleaner series).
# Recognized where power counts: dev seeds 20M-23M 431 -> 477 of 726,
# regression 5M-6M 223 -> 245 of 360; none invented (weak pulses allowed in the
# short series too: 20M-21M 214 -> 247, but a heat exchanger's ordinary days
# made one, 21,010,003).
SLOW_SHORT_SERIES: Final = True


@dataclass(frozen=True, slots=True)
class Pulse:
    """One pulse read from power: its estimated start and end (s), and on-time."""

    started: float
    ended: float
    on_seconds: float
    # Seen on a reading with no heater on (at least half the interval on):
    # a heater's band alone is not trusted to make a pulse.
    clean: bool = True
    # Read in one reading alone (an excursion of a single reading).
    single: bool = False


# One reading's interval: start, end, the pump's fraction (None: unknown),
# and whether it was read above the pump-off level (no heater on).
Segment = tuple[float, float, float | None, bool]


class _Excursion:
    """Readings while the pump may be running."""

    __slots__ = (
        "bands",
        "frame",
        "lowest",
        "same",
        "segments",
        "unexplained",
        "unknown",
    )

    def __init__(self, frame: float | None = None) -> None:
        self.segments: list[Segment] = []
        # The band each segment was read in (heater step, 0 the level; None: unexplained).
        self.bands: list[float | None] = []
        self.unknown = 0.0
        # The band (heater step, 0 the level) of the pump-off reading before
        # it, and whether every reading since was read in that same band.
        self.frame = frame
        self.same = frame is not None
        # The lowest band (heater step, 0 the level) a reading of it was read in.
        self.lowest = math.inf
        # The highest a reading of it no band explained stood above the
        # level (W; 0 if none).
        self.unexplained = 0.0


def split_pulses(
    segments: list[Segment],
    cuttable: Sequence[bool] | None = None,
    deep: Callable[[float, float], bool] | None = None,
) -> list[Pulse]:
    """Cut an excursion into pulses at its dips; unknown readings take the lower neighbour.

    A dip is a run of readings lower than the highest reading before it (since
    the last cut) and the highest after it by ``DIP`` or more; its on-time
    goes half to each side. Only a reading with no heater on may be the
    cut: a heater's band drifts with the mains, a dip in it may be the drift
    (``cuttable``, if given, says which may: on a slow plug, ``in_band_cuts``).
    ``deep(before, after)``, if given, says which dips cut (on a slow plug,
    ``slow_dip``).
    """
    if deep is None:
        deep = _deep
    if all(f is None for _, _, f, _ in segments):
        return []
    # Unknown readings: the lower of the nearest known readings on either side
    # (never more pump than the readings around it show).
    fractions: list[float] = []
    last: float | None = None
    for i, (_, _, f, _) in enumerate(segments):
        if f is not None:
            fractions.append(f)
            last = f
            continue
        following = next(
            (g for _, _, g, _ in segments[i + 1 :] if g is not None), last or 0.0
        )
        fractions.append(min(last if last is not None else following, following))
    n = len(fractions)
    # Highest before each reading (left) and after it (right).
    right = [0.0] * n
    peak = 0.0
    for i in range(n - 1, -1, -1):
        right[i] = peak
        peak = max(peak, fractions[i])
    cuts: list[int] = []
    peak = 0.0
    in_dip = False
    for i, f in enumerate(fractions):
        may_cut = segments[i][3] if cuttable is None else cuttable[i]
        if deep(peak - f, right[i] - f) and may_cut:
            # A dip of several readings is cut once, at its lowest.
            if not in_dip:
                cuts.append(i)
                in_dip = True
            elif f < fractions[cuts[-1]]:
                cuts[-1] = i
            continue
        if in_dip:
            peak, in_dip = 0.0, False  # the next pulse
        peak = max(peak, f)
    pulses: list[Pulse] = []
    single = n == 1
    bounds = [-1, *cuts, n]
    for a, b in pairwise(bounds):
        energy = moment = 0.0
        clean = False
        for j in range(max(a, 0), min(b, n - 1) + 1):
            start, end, f, plain = segments[j]
            share = 0.5 if j in (a, b) else 1.0
            on = fractions[j] * (end - start) * share
            energy += on
            moment += on * (start + end) / 2
            clean = clean or (plain and f is not None and f >= CLEAN_FRACTION)
        if energy <= 0:
            continue
        centre = moment / energy
        pulses.append(
            Pulse(centre - energy / 2, centre + energy / 2, energy, clean, single)
        )
    return pulses


def _deep(before: float, after: float) -> bool:
    """Whether a dip is ``DIP`` below the peaks on both sides."""
    return min(before, after) >= DIP


def _sure(pulse: Pulse, excursion: _Excursion) -> Pulse:
    """The pulse as sure if a reading of its excursion shows the pump on long enough."""
    if pulse.clean or all(
        f is None or f < CLEAN_FRACTION for _, _, f, _ in excursion.segments
    ):
        return pulse
    return Pulse(pulse.started, pulse.ended, pulse.on_seconds, True, pulse.single)


def _remember(starts: deque[float], at: float, keep: float = PULSES_SECONDS) -> None:
    """Add a pulse's start; forget those more than ``keep`` seconds before it."""
    starts.append(at)
    while starts[0] < at - keep:
        starts.popleft()


def _starts_in(starts: deque[float], found: Recognized) -> int:
    """How many of the pulses ``starts`` remembers began during a find."""
    return sum(found.started <= at <= found.ended for at in starts)


def _remember_run(
    runs: deque[tuple[float, float]],
    started: float,
    ended: float,
    keep: float = ODD_SECONDS,
) -> None:
    """Add a run; forget those that ended more than ``keep`` seconds before it."""
    runs.append((started, ended))
    while runs[0][1] < ended - keep:
        runs.popleft()


def _two_second(interval: float) -> bool:
    """Whether a plug reporting every ``interval`` s is a 2 s one (``TWO_SECOND_MIN``)."""
    return TWO_SECOND_MIN < interval <= FAST_INTERVAL


class PowerBackflushes:
    """Reads pump pulses from a plug's readings and recognizes hand-made backflushes.

    ``feed`` every reading (its own timestamp, watts, volts if known) and call
    ``advance`` at ``next_deadline`` when no reading came; both return a
    backflush recognized by then, or None. ``reset`` forgets everything (a
    program ran, counting by power paused).
    """

    __slots__ = (
        "_alike",
        "_at",
        "_band",
        "_band_before",
        "_candidates",
        "_clean",
        "_cycles",
        "_excursion",
        "_fed",
        "_floor",
        "_floor_at",
        "_floors",
        "_framed_at",
        "_given",
        "_heaters",
        "_held",
        "_interval",
        "_last",
        "_learned",
        "_level",
        "_long_runs",
        "_odd",
        "_older",
        "_pattern",
        "_pending",
        "_pulses",
        "_raw",
        "_refused",
        "_rose",
        "_rules",
        "_runs",
        "_shot_runs",
        "_since",
        "_singles",
        "_slow",
        "_steady",
        "_steady_before",
        "_stretch_low",
        "_stretches",
        "_unexplained",
        "_volts",
        "_watts",
        "pump_watts",
        "spread",
    )

    def __init__(self, pump_watts: float, rules: PatternRules = POWER_RULES) -> None:
        self.pump_watts = pump_watts
        # The rules given (a fast plug's); a slow plug's allow more weak pulses.
        self._given = self._rules = rules
        self._slow = False
        self._pattern: BackflushRecognizer[Pulse] = BackflushRecognizer(rules)
        self._at: float | None = None
        self._since = 0.0  # the first reading followed since the last reset
        # When each pulse read lately began (noise and weak ones too).
        self._pulses: deque[float] = deque()
        # When each pulse fed to the pattern from a single reading began.
        self._singles: deque[float] = deque()
        self._last: float | None = None  # the last reading's fraction (None: unknown)
        self._raw: float | None = None  # the same, before the alike rule read it off
        self._level: float | None = None  # the pump-off level
        # Each heater's step above the level (W), most recently learned first.
        self._heaters: list[float] = []
        # Heater steps seen once, each with its last reading's time.
        self._candidates: list[tuple[float, float]] = []
        # On a slow plug, the heaters' steps learned lately, each with the
        # span of the readings it was learned from (first, last, step).
        self._learned: deque[tuple[float, float, float]] = deque()
        # When readings were unexplained (a heater switching), lately.
        # (and whether each was a heater's edge).
        self._odd: deque[tuple[float, bool]] = deque()
        # When weak pulses that were a heater's own cycle began, lately.
        self._cycles: deque[float] = deque()
        # An unexplained reading waiting for the next one (its time, the
        # reading before it, its own watts): a heater's edge or noise.
        self._pending: tuple[float, float, float] | None = None
        self._watts = 0.0  # the last reading (scaled to the mains)
        self._clean = True  # the last reading was read with no heater on
        self._alike = 0  # readings alike in a row, a part of the pump's step
        # How far quiet readings stray from the level, in pump steps (followed).
        self.spread = 0.0
        self._unexplained: float | None = None  # the last reading no band explained
        # The unexplained reading just before it (None: it followed one
        # explained), and whether that one rose from the level (the pump and
        # every heater off the reading before it).
        self._older: float | None = None
        self._rose = False
        self._volts: float | None = None  # the mains the readings are scaled to
        self._interval = 0.0
        self._excursion: _Excursion | None = None
        # The band the last reading was read in (heater step, 0 the level;
        # None: unexplained), and the one before it.
        self._band: float | None = 0.0
        self._band_before: float | None = 0.0
        # Pump-off readings in a row in the last reading's band (and as of
        # the reading before): a heater's band is trusted as a pulse's frame
        # after ``FRAME_READINGS`` of them (one may be a heater's edge that
        # happened to read there, a shot running on).
        self._steady = 0
        self._steady_before = 0
        # On a slow plug, the heater's stretch so far: its band's step (W) and
        # its lowest reading (pump steps above the level; ``stretch_floor``).
        self._stretch_low: tuple[float, float] | None = None
        # When each pulse read above a heater and taken as sure began, lately.
        self._framed_at: deque[float] = deque()
        # Pieces left out as a heater's stretch on a fast plug, lately (start, end).
        self._stretches: deque[tuple[float, float]] = deque()
        self._held = False  # the segment being added is a silence held
        # Runs longer than a pulse could be, lately (start, end), from ``note_run``.
        self._long_runs: deque[tuple[float, float]] = deque()
        # Runs of ``SHOT_RUN`` s or more, lately, and the pulses fed to the
        # pattern lately (start, end).
        self._shot_runs: deque[tuple[float, float]] = deque()
        self._fed: deque[tuple[float, float]] = deque()
        # The lowest reading yet (scaled to the mains), the first of the
        # readings in a row at it (and how many), and the stretches of
        # ``FLOOR_READINGS`` or more of them lately (first, last reading's time).
        self._floor = math.inf
        self._floor_at: tuple[float, int] | None = None
        self._floors: deque[tuple[float, float]] = deque()
        # Every run the detector saw lately (start, end), from ``note_run``.
        self._runs: deque[tuple[float, float]] = deque()
        # Finds the checks refused lately (kept through a reset: the machine's
        # heater is the same).
        self._refused = RefusedLately()

    def reset(self) -> None:
        """Forget the readings and pulses so far (they may be a program's)."""
        self._pattern = BackflushRecognizer(self._rules)
        self._at = self._last = self._level = self._unexplained = None
        self._excursion = None
        self._band = None  # the band before the next excursion is unknown
        self._stretch_low = None
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

    def _confirm_weak(self, started: float, ended: float) -> None:
        """A weak pulse held that the detector saw as a run of its own: sure, as if framed.

        A heater that comes on with a pulse (a boiler refilling as the pump
        draws) leaves it read only in its band, never framed there: weak,
        and two such in a series were too many (five backflushes lost so
        on dev seeds 20M-22M: a thermostat's, two heat exchangers', two dual
        boilers'). The detector pairs the pump's own step and times such
        a pulse as a run of ``pulse_min`` to ``CONFIRMED_RUN_MAX`` s over it
        alone (``_seen_alone``); a shot a heater cut up is one run over its
        pieces. The pulse is remembered as framed: a run longer than two
        pulses around the find still refuses it (``_checked``).
        """
        fed = self._fed
        over = [(a, b) for a, b in fed if a <= ended and started <= b]
        if len(over) != 1:
            return
        a, b = over[0]
        if self._seen_alone(a, b, fed) and self._pattern.confirm(a, b):
            _remember(self._framed_at, a)

    @property
    def next_deadline(self) -> float | None:
        """When ``advance`` should be called if no reading comes before.

        None while an excursion is open: its pulses, not known yet, may
        continue the series.
        """
        if self._excursion is not None:
            return None
        return self._pattern.next_deadline

    def advance(self, now: float) -> Recognized | None:
        """Silence until ``now``: a series no pulse continued may close."""
        if self._excursion is not None:
            return None
        return self._judged(self._pattern.advance(now).recognized)

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
        found: Recognized | None = None
        if gap > 1.5 * interval:
            # Silence: the value before held (on change), or a reading dropped.
            held = previous + min(gap - interval, HOLD_MAX)
            self._held = True
            found = self._segment(previous, held, self._last, last_clean) or found
            self._held = False
            previous = held
        found = self._segment(previous, at, fraction, self._clean) or found
        self._last = fraction
        self._watts = watts
        if (deadline := self.next_deadline) is not None and deadline <= at:
            found = self._pattern.advance(at).recognized or found
        return self._judged(found)

    def _follow_floor(self, at: float, watts: float) -> None:
        """Note readings in a row at the floor (``FLOOR_READINGS``)."""
        self._floor = floor = min(self._floor, watts)
        if watts > floor + OFF_FRACTION * self.pump_watts:
            self._floor_at = None
            return
        first, count = self._floor_at or (at, 0)
        self._floor_at = first, count + 1
        if count + 1 < FLOOR_READINGS:
            return
        floors = self._floors
        if floors and floors[-1][0] == first:
            floors.pop()
        _remember_run(floors, first, at, PULSES_SECONDS)

    def _floor_inside(self, started: float, ended: float) -> bool:
        """Whether ``FLOOR_READINGS`` readings in a row at the floor fell inside a run.

        Readings a reading's length in from its edges: a run timed a reading
        early or late takes a reading at the floor there.
        """
        interval = self._interval
        first, last = started + 2 * interval, ended - interval
        # The first and last readings' times apart, less half a reading's slack.
        span = (FLOOR_READINGS - 1.5) * interval
        return any(min(b, last) - max(a, first) >= span for a, b in self._floors)

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
            )
            if slow
            else given
        )
        self._pattern = BackflushRecognizer(self._rules)

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

    def _segment(
        self, start: float, end: float, fraction: float | None, clean: bool
    ) -> Recognized | None:
        excursion = self._excursion
        if fraction is not None and fraction < OFF_FRACTION:
            if excursion is None:
                return None
            self._excursion = None
            self._follow_frame(excursion)
            return self._close(excursion)
        if excursion is None:
            if fraction is None:
                return None  # a heater while the pump is off
            steady = not self._held and self._steady_before >= FRAME_READINGS
            excursion = self._excursion = _Excursion(
                self._band_before if steady else None
            )
        self._follow_frame(excursion)
        if self._band is not None:
            excursion.lowest = min(excursion.lowest, self._band)
        excursion.segments.append((start, end, fraction, clean))
        excursion.bands.append(self._band)
        if fraction is None:
            if (watts := self._unexplained) is not None and self._level is not None:
                excursion.unexplained = max(excursion.unexplained, watts - self._level)
            excursion.unknown += end - start
            if excursion.unknown > UNKNOWN_MAX:
                self._excursion = None
                return self._close(excursion)
        return None

    def _follow_frame(self, excursion: _Excursion) -> None:
        """The excursion leaves its frame at a reading in another band, or a silence held."""
        if self._held or not self._same_band(excursion.frame, self._band):
            excursion.same = False

    def _same_band(self, a: float | None, b: float | None) -> bool:
        """Whether two readings were read in one band (None: unexplained, in none)."""
        return a is not None and b is not None and abs(a - b) < STEADY * self.pump_watts

    def _framed(self, excursion: _Excursion) -> bool:
        """Whether its pulses may be sure though read above a heater: framed in its band.

        The readings rose from one heater's band (the pump off, the heater
        on), were all read in it and fell back to it: a pump pulse with the
        heater steady on. A shot cut up by a heater switching is bounded by
        the heater's edge (a band changed, a reading unexplained). Only on a
        fast plug with the mains known: a heater's band follows the mains,
        and a slower plug's readings mix the pump's edges with the heater's.
        """
        return (
            excursion.same
            and excursion.frame is not None
            and excursion.frame > 0
            and self._interval <= FAST_INTERVAL
            and self._volts is not None
        )

    def _noted(self, at: float, *, edge: bool = False) -> None:
        """Something at ``at`` that is neither the pump nor a heater: noise (or an edge)."""
        odd = self._odd
        odd.append((at, edge))
        while odd[0][0] < at - ODD_SECONDS:
            odd.popleft()

    def _judged(self, found: Recognized | None) -> Recognized | None:
        """``_checked``; on a slow plug, refused when a find was refused lately, else gentler."""
        if found is None:
            return None
        slow = self._interval > FAST_INTERVAL
        lately = slow and self._refused.before(found.started)
        # Pulses read apart around a heater's stretch (``heater_split``) may
        # stand by the gentle checks as any others.
        if self._checked(found) is None and not (
            slow and not lately and self._checked_gently(found)
        ):
            self._refused.note(found.ended)
            return None
        return None if lately else found

    def _checked_gently(self, found: Recognized) -> bool:
        """The checks as ``gentle_enough`` has them, where no find was refused lately."""
        since = found.started - NOISE_BEFORE
        odd = sum(since <= at <= found.ended and not edge for at, edge in self._odd)
        odd += self._cycles_against(found, since)
        readings = max(1.0, (found.ended - since) / max(self._interval, 0.1))
        singles = self._singles_in(found)
        if not gentle_enough(odd / readings, self.spread, singles, found.pulses):
            return False
        if found.weak and self._long_run_over(found, LONG_RUN_SECONDS):
            return False
        return self._quiet_around(found)

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
        if self.spread > SPREAD_MAX and not confirmed:
            return None
        longest = LONG_RUN_FAST if self._interval <= FAST_INTERVAL else LONG_RUN_SECONDS
        framed = _starts_in(self._framed_at, found) > 0
        if (found.weak or framed) and self._long_run_over(found, longest):
            return None
        if self._cut_shot(found) or self._shot_in_stretch(found):
            return None
        return found if self._quiet_around(found, sturdy=sturdy) else None

    def _cycles_against(self, found: Recognized, since: float) -> int:
        """The heater's cycles read from ``since`` to a find's end, if it is ``doubtful``.

        A find leaning on two pulses or more not seen clean leans on the
        heater: its cycles around it are odd readings there, as before.
        """
        if not doubtful(found.weak, found.missed):
            return 0
        return sum(since <= at <= found.ended for at in self._cycles)

    def _singles_in(self, found: Recognized) -> int:
        """The pulses read in a single reading during a find."""
        return _starts_in(self._singles, found)

    def _long_run_over(self, found: Recognized, longest: float) -> bool:
        """Whether a run longer than ``longest`` overlaps a find."""
        return any(
            s <= found.ended and found.started <= e and e - s > longest
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

    def _close(self, excursion: _Excursion) -> Recognized | None:
        found: Recognized | None = None
        rules = self._rules
        pulses = self._pulses
        read = split_pulses(
            excursion.segments,
            in_band_cuts(excursion.segments, excursion.bands, self._same_band)
            if self._interval > FAST_INTERVAL
            else None,
            partial(slow_dip, DIP) if self._interval > FAST_INTERVAL else None,
        )
        if self._interval > FAST_INTERVAL:
            # A piece too long for a pulse is cut at a heater's edges; one
            # kept whole, none of its pieces over two pulses, where a hole
            # is (as an excursion of pulses only is).
            parts = [excursion.segments]
            if any(pulse.on_seconds > rules.pulse_max for pulse in read):
                parts = heater_split(excursion.segments, PART_MAX)
            if len(parts) == 1 and within_two_pulses(
                [pulse.on_seconds for pulse in read], rules.pulse_max
            ):
                parts = hole_split(excursion.segments, rules.pulse_max)
            if len(parts) > 1:
                read = [pulse for part in parts for pulse in split_pulses(part)]
        if self._framed(excursion):
            read = [_sure(pulse, excursion) for pulse in read]
            for pulse in read:
                if pulse.clean:
                    _remember(self._framed_at, pulse.started)
        slow = self._interval > FAST_INTERVAL
        heater = slow and not all(clean for _, _, _, clean in excursion.segments)
        for pulse in read:
            _remember(pulses, pulse.started)
            weak = not pulse.clean and pulse.on_seconds <= rules.pulse_max
            if slow and (
                heater_hole(
                    on_seconds=pulse.on_seconds,
                    clean=pulse.clean,
                    unknown=excursion.unknown,
                    pulse_max=rules.pulse_max,
                )
                or merged_hole(
                    on_seconds=pulse.on_seconds,
                    heater=heater,
                    pulse_max=rules.pulse_max,
                )
            ):
                continue  # neither a pulse nor a shot
            if (
                not slow
                and not pulse.clean
                and not excursion.unknown
                and pulse.on_seconds > rules.pulse_max
            ):
                # Too long for a pulse, never read with the pump alone on,
                # every reading in a heater's band: one learned about a pump
                # step off reads the heater's stretch as the pump. Neither a
                # pulse nor a shot, as ``heater_hole`` has it on a slower
                # plug (a dual boiler's stretch in the rinse pause cancelled
                # the cleaner series waiting, bench seed 20,250,439); see
                # ``_shot_in_stretch``. Unexplained readings in it (a slow
                # PID's bursts) keep it a shot: left out, they regrouped a
                # PID's idle bursts into an invented backflush (22,010,017).
                _remember_run(
                    self._stretches, pulse.started, pulse.ended, PULSES_SECONDS
                )
                continue
            if weak or pulse.on_seconds < NOISE_SECONDS:
                # A wobble of the mains, a heater's edge, or seen only in a
                # heater's band: remembered as noise.
                if (
                    slow
                    and weak
                    and heater_cycle(excursion.lowest, HEATER_MIN * self.pump_watts)
                ):
                    # The heater's own cycle, not noise (kept as odd readings are).
                    _remember(self._cycles, pulse.started, ODD_SECONDS)
                else:
                    # On a slow plug, a piece a heater switched in: its edge.
                    self._noted(
                        pulse.started,
                        edge=slow
                        and heater_switched(
                            excursion.unexplained, HEATER_MIN * self.pump_watts
                        ),
                    )
                if not weak or pulse.on_seconds < rules.pulse_min:
                    continue
                # Pulse-sized in a heater's band: it may fill a series of
                # pulses seen clean, never make one (a shot cut up by a
                # heater's switching looks like pulses there).
            if pulse.on_seconds < rules.pulse_min:
                # Above noise, short of a pulse (a slow PID's burst read at
                # 1-2 s): it neither makes nor breaks a series, as a shot
                # would; the quiet rule counts it.
                continue
            if pulse.single:
                _remember(self._singles, pulse.started)
            fed = self._fed
            fed.append((pulse.started, pulse.ended))
            while fed[0][0] < pulse.started - PULSES_SECONDS:
                fed.popleft()
            pattern = self._pattern
            if (deadline := pattern.next_deadline) is not None and (
                deadline <= pulse.started
            ):
                found = pattern.advance(pulse.started).recognized or found
            found = (
                pattern.feed(pulse, pulse.started, pulse.ended, weak=weak).recognized
                or found
            )
        return found
