"""Backflushes read from a slow plug's readings (every 5 s): a heater's hole, a noisy machine, a quiet one.

Pure Python with no Home Assistant import. The rules ``train`` applies
on a plug reporting slower than every 2.5 s, where a 5-12 s pulse is one to
three readings, each the average of its interval.

* ``heater_hole``: a thermostat's or a heat exchanger's heater switching
  during a series leaves readings no band explains; the pump's share there
  is guessed (the lower neighbour), so the pulses and pauses around them
  read as one piece longer than a pulse, which broke the series as a shot
  does. A piece never read with the pump alone on (no clean reading) and
  with such readings in it says nothing sure of the pump: it neither makes
  a pulse nor breaks a series. (A shot begun with no heater on reads clean
  and still breaks it.)
* ``merged_hole``: a pause a heater's readings hid (the pump's share above
  a heater's band read as it was learned, at another mains, fills the dip)
  leaves two pulses read as one piece up to two pulses long, which broke the
  series as a shot does. Such a piece with readings above a heater in it
  neither makes a pulse nor breaks a series; a shot read with no heater on,
  or longer than two pulses, still breaks it.
* ``shot_piece``: a fast PID's heater, read as the pump, made excursions of
  100 s and more, cut at their dips into a piece of 41 s and three of a
  pulse's length, later four and a 47 s piece: fed as pulses, a cleaner and
  a rinse series the long piece closed, a backflush on an ordinary day (dev
  seed 20,010,008 at 231,909 s). An excursion with a piece read clean longer
  than two pulses is one run: its pieces of a pulse's length are its dips,
  never pulses. Recognized where power counts (every 5 s) unchanged on the
  bench, dev 20M-22M and regression 5M-7M seeds; invented on 20M's ordinary
  days 1 -> 0.
* ``within_two_pulses``: a heat exchanger's heater, on for a few seconds as the
  pump draws (one or two readings, never learned as a band), hides a pause
  with the pump full on each side: ``heater_split`` kept the piece whole
  (a shot the heater switched in reads so) and ``merged_hole`` left it
  out, so the pulses before and after the pause were both lost and the
  series read three (seed 20,000,043 at 27,767 s). An
  excursion none of whose pieces is longer than two pulses is read apart
  where ``hole_split`` cuts it (no pulse spans the stretch and the clean
  readings beside it); a longer one is a shot, kept whole. Recognized where
  power counts (every 5 s): bench seed 121 -> 123 of 180, dev seeds 20M
  130 -> 132 of 180, 21M 117 -> 119 of 174, regression 5M 130 -> 134 of
  180; invented unchanged (dev 20M's ordinary days: the one fast PID's,
  20,010,008, as before). Read apart whatever the pieces' length: 21M 120,
  but a second find on that fast PID's ordinary days.
* ``long_piece``: two pulses a pause shorter than a reading apart, or one
  whose edges were timed a reading wide, read as one clean piece a little
  longer than a pulse: a shot to the pattern, which broke the series and
  cancelled the cleaner series waiting (bench seed 20,250,438 at
  19,591 s, a rinse series read 8.9, 8.4, 16.5, 4.9, 14.0 s; 20,250,419
  at 59,613 s, a cleaner series begun by a piece of 17.1 s; 20,250,405 at
  38,689 s, pulses of 11.7 and 7.2 s 5 s apart read as 20.2 s). Up to
  ``SLOW_LONG_PULSE`` (a pulse and a reading) it is fed weak: it may fill
  a series, never make one. Recognized where power counts (every 5 s): see ``SLOW_LONG_PULSE``.
* ``parted``: the detector reads pulses with a heater's stretch between
  them as one run longer than ``LONG_RUN_SECONDS``, a shot to the checks,
  which refuse a find with a weak pulse under it; a run inside which two
  readings in a row read the pump off in one band (the heater alone) is
  pulses, no shot (bench seed 20,250,404 at 21,350 s). Recognized where
  power counts (every 5 s): bench seed 144 -> 145 of 180, regression 5M
  146 -> 147, 6M 147 -> 148, dev 20M 150 and 21M 136 unchanged; none
  invented.
* ``RefusedLately``: a slow PID's heater bursts, averaged over 5 s, read as
  clean pump-sized pulses all day; the pattern finds "backflushes" in them
  every hour or so and the checks around (odd readings, spread, quiet time)
  refuse them, but now and then one passes by a hair. A find refused less
  than ``REFUSED_SECONDS`` before another makes that one doubtful too: a
  person's backflush, read on a quiet machine, is seldom preceded by one
  the checks refused.
* ``gentle_enough``: the other way round, where no find was refused in the
  ``REFUSED_SECONDS`` before, the checks tuned against those PIDs (odd
  readings 1.5 %, the spread 0.03 pump steps) refused a third of the true
  backflushes a thermostat, heat exchanger or dual boiler makes every 5 s
  (its heater's edges, weak pulses, a pulse missed); there a find stands
  among up to ``GENTLE_ODD_SHARE`` odd readings and a spread of up to
  ``GENTLE_SPREAD``, the quiet time before it still required, with at most
  half of its pulses read in a single reading (a slow PID's burst is one
  reading, a person's 5-12 s pulse mostly two: seed 7,010,016). Among next
  to no odd readings (``STRAYED_ODD_SHARE``, 1 %) the spread may reach
  ``STRAYED_SPREAD``: a thermostat's or a dual boiler's level strays with
  its heater (true finds refused on dev seeds at 0.046-0.056 with no odd
  reading), while a PID's heater that strays the level leaves odd readings
  too (its finds on ordinary days, dev 20M: 1.7 % and more).
* ``heater_split``: with the mains unknown, a heater's band is learned off
  by up to the pump's size, so a pause read above the heater reads as the
  pump on and two pulses merge into one piece too long for a pulse. A piece
  that long is read apart around a heater's stretch inside it where a
  reading beside the stretch is a part of the pump's step (the pump rose or
  fell there); the stretch is left out. A backflush resting on such pieces
  had to pass the strict checks, lest a slow PID's heater, cut so too, pass
  the gentle ones (seed 21,010,006); with the bands learned as
  ``heater_pair`` and ``heater_follows`` have them, that PID's finds fail
  the gentle checks by their odd readings (8-28 %), and the strict ones
  refused a dual boiler's and a heat exchanger's backflushes (spread up to
  0.041, odd readings up to 3.4 %): such a find now faces the gentle checks
  as any other. Recognized where power counts: dev seeds 20M-23M
  392 -> 409 of 726, regression 5M-6M 213 -> 217 of 360; invented unchanged
  (none new; 1 s and 2 s unchanged: the gentle checks are a slow plug's).
* ``heater_off_band``: a heater's band learned a part of the pump's step
  off reads the pump part on as long as the heater stays on, a piece that
  grows into the pulses after it. Readings alike in one heater's band, each
  a part of the pump's step, are read as the pump off, as readings alike
  with no heater on move the level: a person's pulse is a reading or two,
  never three alike at a part of the pump (the band itself is left as
  learned: moving it changed how every later reading was read, and lost as
  many backflushes as it found).
* ``heater_cycle``: a heat exchanger's pressurestat cycles its heater
  (1-1.5 kW, many pump steps) every minute or so; with its band learned a
  part of the pump's step off, each cycle reads as a weak pulse, every
  reading of it in the heater's band, and was noted as noise: a dozen in
  the ten minutes before a backflush refused it by the odd readings' share.
  Such a piece is the heater's own switching, as an edge is, not the noise
  a slow PID's bursts make (those read in no band, or in bands a pump step
  or two above the level). It still may fill a series as a weak pulse.
  Only a find that is ``doubtful``, leaning on two pulses or more not seen
  clean (weak or missed), still counts the cycles as odd readings: it
  leans on the heater, and a shot its heater cut into pieces reads so
  (seed 21,000,003). Nor is a cycle read in one reading a single-reading
  pulse (``gentle_enough``'s, a slow PID's burst): a rotary heat
  exchanger's cycles beside and between its backflush's pulses, counted
  so, refused it (bench seed 20,250,407 at 24,898 s and 52,150 s).
  Recognized where power counts (every 5 s): bench seed 156 -> 158 of
  180, regression 5M 154 -> 156 (5,000,002 at 43,914 s and 50,128 s),
  6M 150 and 7M 141 unchanged, dev 20M 153, 21M 141 and 22M 151 of 192
  unchanged, third check 150M 150 -> 151 (150,000,043 at 30,392 s),
  166M 139 -> 140 of 174 (166,000,015 at 48,542 s); none lost trace by
  trace, none invented (ordinary days and backflush days; 166M's two slow
  PIDs' as before).
* ``cycles_enough``: those cycles, five to nine in the ten minutes before,
  still refused a heat exchanger's doubtful backflushes by the gentle
  checks' odd readings' share (3.7-5.2 %, next to no other odd reading:
  seeds 20,250,406 at 37,053 s, 20,250,436 at 29,441 s). A find whose odd
  readings are mostly its heater's cycles, at most ``CYCLES_NOISE_SHARE``
  besides, may stand among up to ``CYCLES_ODD_SHARE`` of them; a slow PID's
  finds among as many have more noise besides their cycles (ordinary days:
  2.4 % and more, seed 20,260,420 2.6 %; raising ``GENTLE_ODD_SHARE`` to
  4.5 % instead invented that one). Recognized where power counts (every
  5 s): bench seed 123 -> 126 of 180, dev seeds 20M 132 -> 137, 21M
  119 -> 123 of 174, 22M 135 -> 138 of 192, regression 5M 134 -> 136 of
  180; invented unchanged.
* ``heater_switched``: a piece too short for a pulse (or weak: read only
  above a heater) with a reading no band explained a heater's step or more
  above the level is a heater switching beside the pump (a thermostat's
  or a heat exchanger's heater coming on as a pulse ends, half the
  reading each), an edge as an unexplained reading between two a heater's
  step apart is: it was noted as noise, and the odd readings' share
  refused a heat exchanger's backflushes with a few such (seeds
  20,250,406 at 37,053 s, 21,000,002 at 32,796 s). A slow PID's bursts,
  averaged, stand a pump's step or two up: still noise. Heat exchangers'
  backflushes recognized where power counts: bench seed 14 -> 16 of 60,
  dev seeds 20M-23M 79 -> 89 of 240, regression 5M-6M 32 -> 36 of 120;
  the other families and the backflushes invented unchanged.
* ``in_band_cuts``: only a reading with no heater on cut an excursion at a
  dip (a heater's band drifts with the mains against a band learned at
  another time), so the pulses a heater's cycle spans read as one piece too
  long for a pulse, swallowed. A dip whose neighbours on both sides were
  read in the same heater's band is read against the heater's level of the
  moment, and cuts.
* ``stretch_floor``: a heater's band learned a part of the pump low (at
  another mains) reads the pump's pauses over the heater as that part on and
  its pulses past ``ABOVE`` (unexplained): a backflush's pulses over the
  heater ran into one piece (seed 20,250,444 at 18,832 s, a thermostat's
  band 20 W low under a 58 W pump). A reading in a heater's band is read
  against the stretch's lowest reading so far where that stood
  ``OFF_FRACTION`` to ``FLOOR_MAX`` above the band, and may stand that much
  more above it; the band itself is left as learned (moving it along found
  more but invented two). Not beside another band a part of a pump's step
  away (one heater learned twice: seed 20,100,019). Recognized where power
  counts: bench seed 98 -> 100 of 180, dev seeds 20M-23M 366 -> 368 of 732
  (23M 91 -> 90), regression 5M-6M 189 -> 192 of 360; invented 5 -> 4
  (23,010,017 no more; none new).
* ``slow_dip``: a pause of 4-5 s falls mostly in one reading, which reads
  well below the pulse before it, while the reading after it, partly the
  next pulse, stands less above it: two pulses read as one, too long for a
  pulse (a shot), when both sides had to be ``DIP`` deep. A dip at least
  ``DIP_SIDE`` deep on each side and twice ``DIP`` over both cuts.
* ``heater_pair``: a heater's band is learned from two unexplained readings
  alike in a row, seen twice. Every 5 s, two such readings are often not
  the heater full on: a stale meter repeating a reading to the watt (1.5 %
  of a 5 s plug's readings), or a heater's stretch of 5-10 s (a heat
  exchanger's pressurestat) split about evenly across two readings that
  rose from the level. Both left junk bands a part of the heater's step
  (heat exchanger 5,000,003: 309-969 W bands beside its 1,378 W heater),
  and the heater's own band fell out of the four remembered. Neither makes
  a band on a slow plug (a repeat after a third reading alike still does:
  a stale meter seldom repeats twice).
* ``heater_follows``: a heater's band follows the mains with each reading
  in it with the pump off; a reading further below it than ``OFF_FRACTION``
  is the heater switching inside the reading, and dragged the band down
  (heat exchanger 5,000,003: 1,338 -> 1,027 W in a day). On a slow plug
  only readings near the band move it.
  With both, recognized where power counts (every 5 s): bench seed 100 ->
  102 of 180 (heat exchanger 18 -> 25, dual boiler 38 -> 35, thermostat 44
  -> 42), dev seeds 20M-22M 278 -> 304 of 552, regression 5M-6M 192 -> 213
  of 360; backflushes invented on those seeds 3 -> 1 (ordinary use), 1 -> 0
  (backflush corpus), none new. The bench seed's heat exchanger 20,250,406
  at 37,053 s is refused since: its bands learned so, its heater's cycles
  read as weak pulses count against it (``heater_switched``'s test moved).
* ``heater_pumped``: a heater's band is learned from two unexplained
  readings alike (seen twice), and a heater that comes on during a shot (a
  boiler refilling as the pump draws) reads so with the pump on: the band
  learned is the heater and the pump (a dual boiler's 1,114 W beside its
  993 W brew heater and a 121 W pump, seed 20,000,005). With the mains
  unknown the highest band a reading fits is taken (the pump read the
  least), so the heater with a backflush's pulse on read as that band with
  the pump off (20,000,005 at 25,865 s). A band learned from readings that
  a run the detector timed spans (the pair that gave its step) is moved a
  pump's step down, to the heater alone, or dropped where a band lies there
  already (``heater_unpumped``), when the run is told or at once if it was;
  left as learned where another band lies within ``CANDIDATE`` pump steps
  of the heater alone (one heater learned at several mains). Recognized
  where power counts: dev seeds 20M-23M 423 -> 431 of 726, regression
  5M-6M 219 -> 223 of 360, bench seed 103 -> 105 of 180; invented
  unchanged (ordinary use 1, the same fast PID's, 20,010,008; backflush
  days 0). Moved whatever band lay near (or
  within ``PART_MAX``): 443 (435) of 726, but a heat exchanger's shots and
  a dual boiler's stretch read as pulses (an invented backflush on
  20,100,020, one lost on 20,000,044).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Final

# How long a refused find makes the next ones doubtful (s).
REFUSED_SECONDS: Final = 7200.0
# The odd readings' share and the spread (pump steps) a find may stand among
# where no find was refused lately.
GENTLE_ODD_SHARE: Final = 0.035
GENTLE_SPREAD: Final = 0.045
# The odd readings' share a find may stand among where they are mostly its
# heater's cycles (``cycles_enough``): at most ``CYCLES_NOISE_SHARE`` of
# the readings odd besides the cycles.
CYCLES_ODD_SHARE: Final = 0.055
CYCLES_NOISE_SHARE: Final = 0.012
# Among next to no odd readings, the spread such a find may stand with
# (``gentle_enough``).
STRAYED_ODD_SHARE: Final = 0.01
STRAYED_SPREAD: Final = 0.06
# How deep (pump steps) a slow plug's dip must be on each side at least.
DIP_SIDE: Final = 0.2
# A reading's pump share below this is the pump off (noise, a standby wobble).
OFF_FRACTION: Final = 0.2
# How far (pump steps) above a heater's band as learned its stretch's lowest
# reading may stand and still be the heater alone (the pump off).
FLOOR_MAX: Final = 0.5


def heater_hole(
    *, on_seconds: float, clean: bool, unknown: float, pulse_max: float
) -> bool:
    """Whether a piece read too long for a pulse is a heater's hole, not a shot.

    ``unknown``: the seconds of its excursion's readings no band explained;
    ``clean``: a reading of it showed the pump alone at least half on.
    """
    return on_seconds > pulse_max and not clean and unknown > 0


def merged_hole(*, on_seconds: float, heater: bool, pulse_max: float) -> bool:
    """Whether a piece read too long for a pulse may be two merged in a heater's readings.

    ``heater``: a reading of its excursion was read above a heater (or no
    band explained it). Up to two pulses long (``pulse_max`` each), it says
    nothing sure of the pump: neither a pulse nor a shot.
    """
    return heater and pulse_max < on_seconds <= 2 * pulse_max


def shot_piece(on_seconds: float, pulse_max: float) -> bool:
    """Whether a piece read clean is a shot's: longer than two pulses (``merged_hole``).

    An excursion with such a piece is one run: its pieces of a pulse's length
    are the same run's dips (a fast PID's heater cut up, read as the pump),
    never pulses. Fed as pulses, they made a series the shot closed.
    """
    return on_seconds > 2 * pulse_max


def long_piece(span: float, pulse_max: float, weak_pulse_max: float) -> bool:
    """Whether a piece read clean, a little longer than a pulse, is fed as a weak pulse.

    ``span``: its start to its end (s). Every 5 s a pulse's edges are timed
    a reading apart at worst, and two pulses a pause shorter than a reading
    apart read as one piece: a dual boiler's rinse series read 8.9, 8.4,
    16.5, 4.9 and 14.0 s, the third piece two pulses of 6.1 and 11.3 s with
    5 s between (bench seed 20,250,438 at 19,591 s). Longer than
    ``pulse_max``, the piece was a shot that broke the series and cancelled
    the cleaner series waiting; up to ``weak_pulse_max`` (0 on a faster
    plug: none) it may fill a series, never make one
    (``PatternRules.weak_pulse_max``).
    """
    return pulse_max < span <= weak_pulse_max


def within_two_pulses(on_seconds: Sequence[float], pulse_max: float) -> bool:
    """Whether none of an excursion's pieces is over two pulses long (each may be two merged: ``merged_hole``).

    ``on_seconds``: each piece's on-time (s). Such an excursion that
    ``heater_split`` kept whole is still read apart where ``hole_split``
    cuts it; a longer piece is a shot, kept whole.
    """
    return not any(shot_piece(on, pulse_max) for on in on_seconds)


def heater_off_band(before: float | None, band: float | None, tolerance: float) -> bool:
    """Whether two readings in a row were read in one heater's band (not the level).

    Readings alike there, each a part of the pump's step, are the pump off
    above a band learned off, not the pump.

    ``before``, ``band``: the heater's step each was read above (0 the
    level, None unexplained); ``tolerance``: how far (W) one heater's step
    may wander between them (it follows the mains).
    """
    return (
        before is not None
        and band is not None
        and before > 0
        and band > 0
        and abs(before - band) < tolerance
    )


def heater_cycle(lowest: float, heater_min: float) -> bool:
    """Whether a weak pulse is a heater's own cycle: every reading above a heater's step.

    ``lowest``: the lowest band (heater step, W; 0 the level) any reading of
    its excursion was read in; ``heater_min``: a heater's least step (W).
    """
    return lowest >= heater_min


def heater_edge(segments: Sequence[tuple[float, float, float | None, bool]]) -> bool:
    """Whether an excursion beside a lone reading of a heater full on is that heater's edge, not the pump.

    ``segments``: its readings (start, end, the pump's fraction, read with
    no heater on). One reading read clean (no heater on) beside the only
    reading of a heater full on, the pump off in it (the reading on its
    other side read no heater on), is the fraction of a second the heater
    ran in it: a heat exchanger's pressurestat cycles its heater (1-1.5 kW)
    for 5-7 s every minute or so, and every 5 s the readings on each side
    of its full reading hold a rotary pump's size of it, read as sure
    single pulses of 3-5 s (bench seed 20,250,407: 151, 1,365, 4 W, then
    172, 1,352, 3 W a cycle later, 65 s apart, around a 185 W pump's
    backflush). Counted by the quiet rule, those refused three of its
    backflushes (at 18,290, 33,232 and 46,522 s); fed, they joined its
    series as pulses. A person's pulse of 5 s or more spans two readings.
    A weak one (read in a heater's band) there is the heater's cycle
    (``heater_cycle``): still fed, as before (dropped, its weak pulse no
    longer broke a heat exchanger's shot pieces and flushes, which made a
    backflush on an ordinary day, seed 20,100,020 at 159,836 s), but it
    too is no slow PID's noise the quiet rule counts (without that, bench
    seed 154 of 180, 33,232 s refused). Read clean or weak, a heater's
    edge only where its full reading is the only one: a dual boiler's
    heater on for a minute, a pulse's share read beside its last reading
    with the pump on, lost a pulse so (bench seed 20,250,449 at 48,452 s).
    Recognized where power counts (every 5 s): bench seed 151 -> 155 of
    180 (20,250,407 three, 20,250,417 at 52,230 s), regression 5M
    149 -> 150; dev 20M-22M, regression 6M-7M, third check 150M, 162M
    and 166M unchanged; none lost on the bench seed; none invented
    (ordinary days and backflush days; 166M's two slow PIDs' as before).
    """
    return len(segments) == 1 and segments[0][3]


def heater_switched(unexplained: float, heater_min: float) -> bool:
    """Whether a heater switched in a piece: a reading of it no band explained stood a heater's step up.

    ``unexplained``: the highest such reading above the level (W, 0 if
    none); ``heater_min``: a heater's least step (W). A slow PID's burst,
    averaged over a reading, stands a pump's step or two up.
    """
    return unexplained >= heater_min


def parted(
    run: tuple[float, float], off_readings: Iterable[tuple[float, float]]
) -> bool:
    """Whether a run the detector timed holds readings of the pump off: pulses, not a shot.

    ``run``: its start and end (s); ``off_readings``: the readings (start,
    end) that read the pump off in the band the reading before read it off
    in too (the level, or a heater's band). Every 5 s the detector reads
    pulses with a heater's stretch between them as one run of 45-50 s, a
    shot to the checks (``_long_run_over``), while two readings inside it
    read the heater alone (bench seed 20,250,404 at 21,350 s: a thermostat's
    cleaner series, 1,199 W twice in its 1,194 W band between pulses of a
    42 W pump); a shot runs the pump from its start to its end.
    """
    started, ended = run
    return any(started <= a and b <= ended for a, b in off_readings)


def doubtful(weak: int, missed: int) -> bool:
    """Whether a find leans on two pulses or more not seen clean (weak or missed)."""
    return weak + missed > 1


def sure_pulses_enough(pulses: int, weak: int, missed: int, pulses_min: int) -> bool:
    """Whether a find's sure pulses alone are more than two series' worth (``pulses_min`` each), none missed.

    Such a find leans on none of its weak pulses, however many: its
    heater's cycles are not held against it as a ``doubtful`` find's are.
    Every 5 s a rotary heat exchanger's backflush read whole, each series
    with one pulse weak (bench seed 20,250,447 at 5,160 s: five and six
    pulses, nine sure), was refused by 2.6 % cycles beside 1.6 % other odd
    readings (``cycles_enough`` allows 1.2 %). A shot its heater cut up
    reads as weak pieces with a pulse missed (seed 21,000,003). Two series
    of four sure pulses and one weak each, among some noise, stay doubtful
    (``test_pulse_train_slow_plug``): a pulse to spare is asked. With none
    asked, regression seed 7,000,012 at 32,211 s stood too, and so did that
    test's readings. Recognized where power counts (every 5 s): bench seed
    150 -> 151 of 180, dev 20M 152 -> 153, 21M 139 -> 140, 22M 146 -> 148
    of 192 (22,000,001 at 12,843 s, and at 18,347 s, no longer refused
    lately), regression 5M-7M and third check 150M, 162M unchanged; none
    lost, none invented.
    """
    return not missed and pulses - weak > 2 * pulses_min


class RefusedLately:
    """When the pattern's finds were refused lately (their ends)."""

    __slots__ = ("_ends",)

    def __init__(self) -> None:
        self._ends: deque[float] = deque()

    def note(self, ended: float) -> None:
        """A find the checks refused, ended at ``ended``."""
        ends = self._ends
        ends.append(ended)
        while ends[0] < ended - REFUSED_SECONDS:
            ends.popleft()

    def before(self, started: float) -> bool:
        """Whether a find was refused in the ``REFUSED_SECONDS`` before ``started``."""
        return any(started - REFUSED_SECONDS <= at <= started for at in self._ends)


def cycles_enough(odd_share: float, cycles_share: float) -> bool:
    """Whether a find's odd readings are mostly its heater's cycles, few besides.

    ``odd_share``: the odd readings' share, the cycles counted
    (``heater_cycle``); ``cycles_share``: the cycles' own share.
    """
    return (
        odd_share <= CYCLES_ODD_SHARE and odd_share - cycles_share <= CYCLES_NOISE_SHARE
    )


def gentle_enough(
    odd_share: float,
    spread: float,
    singles: int,
    pulses: int,
    *,
    cycles_share: float = 0.0,
) -> bool:
    """Whether a find no refusal preceded may stand: odd readings, spread, single-reading pulses.

    ``cycles_share``: the share of the readings that are the heater's
    cycles, among the odd ones (``cycles_enough``).
    """
    odd = odd_share <= GENTLE_ODD_SHARE or cycles_enough(odd_share, cycles_share)
    gentle = odd and spread <= GENTLE_SPREAD
    # Next to no odd reading: only the level strayed.
    strayed = odd_share <= STRAYED_ODD_SHARE and spread <= STRAYED_SPREAD
    return (gentle or strayed) and 2 * singles <= pulses


def heater_split[S: tuple[float, float, float | None, bool]](
    segments: Sequence[S], partial: float
) -> list[list[S]]:
    """An excursion cut at the heater's stretches inside it that a pump's edge borders.

    ``segments``: (start, end, the pump's fraction or None, read with no
    heater on). A stretch of readings with a heater on (or switching) between
    readings with none, one of those a part of the pump's step (below
    ``partial``: the pump rose or fell by it), may hide a pause: its pump
    share is read against a heater's band learned at another mains, off by
    up to the pump's size. It is left out, a hole, and the readings on each
    side are read apart. A shot the heater switched in reads the pump full on
    both sides: kept whole (``within_two_pulses`` says where ``hole_split`` still
    cuts it).
    """
    return _cut_at_stretches(
        segments,
        lambda before, _, after: min(before[2] or 0.0, after[2] or 0.0) < partial,
    )


def hole_split[S: tuple[float, float, float | None, bool]](
    segments: Sequence[S], longest: float
) -> list[list[S]]:
    """An excursion read as pulse-sized cut at a heater's stretch one pulse cannot span.

    A pulse running through a stretch of readings with a heater on (or
    switching) ran all of it, and as much of the clean readings on each side
    as they show: longer than ``longest`` (the longest pulse), the pump
    stopped in the stretch, the two sides are two pulses (the stretch left
    out). An excursion of a shot reads longer than a pulse and is not asked
    here, but for one ``heater_split`` kept whole that ``within_two_pulses`` says
    may be two pulses merged.
    """

    def spanned(before: S, stretch: Sequence[S], after: S) -> bool:
        sides = _on(before) + _on(after)
        return sides + sum(end - start for start, end, _, _ in stretch) > longest

    return _cut_at_stretches(segments, spanned)


def _on(segment: tuple[float, float, float | None, bool]) -> float:
    """The pump's seconds in a reading read clean."""
    start, end, fraction, _ = segment
    return (fraction or 0.0) * (end - start)


def _cut_at_stretches[S: tuple[float, float, float | None, bool]](
    segments: Sequence[S],
    apart: Callable[[S, Sequence[S], S], bool],
) -> list[list[S]]:
    """The segments cut at each stretch not read clean that ``apart`` says hides a pause.

    ``apart(before, stretch, after)``: with the clean readings on each side
    (a fraction known, no heater on); such a stretch is left out, a hole.
    """
    parts: list[list[S]] = [[]]
    i, n = 0, len(segments)
    while i < n:
        if segments[i][3] and segments[i][2] is not None:
            parts[-1].append(segments[i])
            i += 1
            continue
        j = i
        while j < n and not (segments[j][3] and segments[j][2] is not None):
            j += 1
        if parts[-1] and j < n and apart(parts[-1][-1], segments[i:j], segments[j]):
            parts.append([])  # the stretch left out
        else:
            parts[-1] += segments[i:j]
        i = j
    return [part for part in parts if part]


def in_band_cuts(
    segments: Sequence[tuple[float, float, float | None, bool]],
    bands: Sequence[float | None],
    same: Callable[[float | None, float | None], bool],
) -> list[bool]:
    """Which readings may cut an excursion at a dip: clean ones, and those framed in one heater's band.

    A dip read in a heater's band may be its drift with the mains against a
    band learned at another time, so only readings with no heater on cut.
    But a dip whose neighbours on both sides were read in the same band is
    read against the heater's own level of the moment, as a dip with no
    heater on is against the level: a pause between two pulses the heater
    stayed on through. Without it, the pulses a heater's cycle spans read as
    one piece too long for a pulse, neither a pulse nor a shot: swallowed.

    ``bands``: each reading's band (heater step, 0 the level; None
    unexplained); ``same``: whether two bands are one.
    """
    n = len(segments)
    return [
        segment[3]
        or (
            0 < i < n - 1
            and (band := bands[i]) is not None
            and band > 0
            and same(bands[i - 1], band)
            and same(band, bands[i + 1])
        )
        for i, segment in enumerate(segments)
    ]


def slow_dip(dip: float, before: float, after: float) -> bool:
    """Whether a dip parts two pulses: ``before``, ``after`` pump steps below the peaks.

    ``dip``: the depth a dip needs on both sides on a fast plug. Every 5 s,
    a pause lies mostly in one reading, the one after it partly the next
    pulse: ``DIP_SIDE`` on one side is enough when the dip is twice ``dip``
    over both sides. A shot's steady readings dip so on neither side.
    """
    return min(before, after) >= DIP_SIDE and before + after >= 2 * dip


def stretch_floor(lowest: float | None) -> float:
    """How far (pump steps) to read a heater's stretch above its band as learned.

    ``lowest``: the lowest reading of the stretch so far (before this one),
    in pump steps above the band as learned (None: the stretch begins).
    A band learned low reads the pump off as a part of it on: that lowest
    reading, up to ``FLOOR_MAX`` above, is the heater alone.
    """
    if lowest is None or not OFF_FRACTION <= lowest <= FLOOR_MAX:
        return 0.0
    return lowest


def heater_pair(
    watts: float, before: float, older: float | None, *, rose: bool, tolerance: float
) -> bool:
    """Whether two unexplained readings in a row may be a heater's new level, every 5 s.

    ``watts``, ``before``: the readings (W); ``older``: the unexplained
    reading just before them, if any; ``rose``: the reading before them was
    the level (the pump and every heater off); ``tolerance``: how far apart
    (W) one level's readings may be. Not a stale repeat (to the watt; a third
    reading alike before them says the level held), nor a heater's short
    stretch split in two.
    """
    held = older is not None and abs(before - older) < tolerance
    stale = watts == before and not held
    return abs(watts - before) < tolerance and not stale and not rose


def heater_pumped(learned: tuple[float, float], run: tuple[float, float]) -> bool:
    """Whether a heater's band was learned from readings the pump ran through.

    ``learned``: the span (s) of the readings it was learned from (the first
    one's interval start to the last one's time); ``run``: a run the
    detector timed (start, end).
    """
    return run[0] <= learned[0] and learned[1] <= run[1]


def heater_unpumped(
    heaters: Sequence[float], step: float, pump: float, tolerance: float, apart: float
) -> list[float]:
    """The heaters' steps (W) with the band at ``step`` read as the heater alone.

    A pump's step (``pump``, W) lower, or dropped where a band lies there
    already (within ``tolerance`` W); the band at ``step`` is the one within
    ``tolerance`` of it (it may have followed the mains since), if any. Left
    as learned where another band lies within ``apart`` W of the heater
    alone: one heater learned at several mains, which one is it alone is
    unsure (moved so, a heat exchanger's shots cut up by its heater read as
    pulses over it, seed 20,100,020 in ordinary use, and a dual boiler's
    band 1.1 pump steps from another left its stretch unfloored, a weak
    pulse in a rinse pause, 20,000,044 at 42,700 s).
    """
    at = next((i for i, h in enumerate(heaters) if abs(h - step) < tolerance), None)
    if at is None:
        return list(heaters)
    alone = heaters[at] - pump
    rest = [h for i, h in enumerate(heaters) if i != at]
    if any(abs(h - alone) < tolerance for h in rest):
        return rest
    if any(abs(h - alone) < apart for h in rest):
        return list(heaters)
    return [alone if i == at else h for i, h in enumerate(heaters)]


def heater_follows(above: float) -> bool:
    """Whether a reading in a heater's band with the pump off moves the band, every 5 s.

    ``above``: how far (pump steps) the reading stood above the band; more
    than ``OFF_FRACTION`` below it, the heater switched inside the reading.
    """
    return above >= -OFF_FRACTION
