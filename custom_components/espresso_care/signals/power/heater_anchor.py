"""A shot read over a heater against that heater read alone before and after it.

A pure module (no Home Assistant). A heat exchanger's pressurestat switches
its heater on while the brew water draws the boiler's heat: read every 5 s,
a shot is often a rise of the heater and the pump in one reading, readings
of both whole, and their fall in one reading again. Neither edge is the
pump's alone, and the pump's step (a vibratory one's is 3-5 % of the heater)
is within what the mains may move a heater's learnt size by over minutes:
the decoder (``decoder``) explains such readings as the heater alone.

The mains moves a heater by far less within a minute or two (the volts wander
a fraction of a percent): the heater's short cycles just before and just
after the shot, each read whole in one reading at least, read its size at
the volts of the shot. Readings of the heater and the pump whole, three or
more in a row (the pump ran 15 s at least: a shot), that stand the pump's
step over both those readings, which agree with each other, are a shot
(Hart's additive loads, the heater's size taken from its own neighbouring
cycles rather than from a learnt band). Beside a single learnt heater, one
short cycle read within a minute of the shot, the standby read between, will
do when the other side has none. The pump is often read alone first (the
heater follows the brew water's draw): the heater's rise reading then held
the pump whole too.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
import itertools
from typing import Final

from . import decoder

_AGREE_W: Final = 5.0  # W: whole readings of one level agree so (noise, rounding) ...
_AGREE: Final = 0.006  # ... or this share of it (the volts' wander in 15 s)
_AGREE_PUMP: Final = 0.15  # ... and never past this share of the pump's step
_STEP: Final = 0.2  # of the pump's step: the heater readings beside a plateau agree so
_UNDER: Final = 0.5
"""Of the pump's step: a plateau may stand this much short of a step over its heater readings (``_stands_over``)."""
_OVER: Final = 0.6
"""Of the pump's step: ... and this much past a step over them (a calibration read low)."""
_LONG_N: Final = 3
"""Fresh readings of a plateau: so many held the pump 15 s or more whole, no flush (``_anchors_agree``)."""
_LONG_AGREE: Final = 0.5
"""Of the pump's step: the heater readings beside such a plateau agree so (``_anchors_agree``)."""
_PAUSED: Final = 0.8  # of the pump's step: a pump-alone reading under it paused
_HEATER: Final = 4.0  # pump steps over the standby: a heater's reading at least
_WHOLE_N: Final = 3  # whole readings of the heater and the pump: a shot's length
_SHOWN: Final = 0.5  # of the pump's step: a reading of the pump alone on, at least ...
_ALONE: Final = 1.3  # ... and at most (no heater in it)
_IDLE: Final = 0.15
"""Of the pump's step: a reading under it over the standby shows the pump off (``_tail_to_standby``)."""
_NEAR_S: Final = 120.0  # s from the plateau: a heater read alone so near it
_ONE_S: Final = 60.0  # s from the plateau: a heater's lone peak read so near it
_OTHER_S: Final = 30.0  # ... the other side read so long, no heater's cycle seen
_MAINS: Final = 0.05  # of a heater's learnt size: the mains may move it so
_WHOLE_ALONE: Final = 0.8
"""Of the pump's step: a reading of the pump alone this much or more read it on throughout (``_one_reading``)."""
_RISE_UNDER: Final = 0.5
"""Of the pump's step: the heater's rise reading lies so far under the heater alone, a part of it (``_one_reading``)."""
_BEYOND_N: Final = 3
"""Readings beyond a shot read in one reading that must show no pump alone (``_quiet_beyond``)."""


def _agree(a: float, b: float, pump: float) -> bool:
    """Whether two readings read one level (within the noise and a few seconds' volts).

    (Comparisons, not ``min``/``max``/``abs``: the plateau scans call it for
    each reading over a heater, each time a 5 s plug's readings settle.)
    """
    diff, top = (a - b, a) if a >= b else (b - a, b)
    tol = _AGREE * top
    if not tol > _AGREE_W:
        tol = _AGREE_W
    cap = _AGREE_PUMP * pump
    return diff <= (cap if cap < tol else tol)


def _whole_heater(
    watts: Sequence[float], stale: Sequence[bool], i: int, base: float, pump: float
) -> bool:
    """Whether fresh reading ``i`` reads a heater alone whole (a level, or a cycle's peak).

    Two fresh readings in a row that agree read a level; one reading above
    both its neighbours, each above the standby (a rise and a fall read in
    part, neither of them a level: ``_level_beside``), read the heater on
    through its whole interval.
    """
    w = watts[i]
    if stale[i] or w - base < _HEATER * pump or not 0 < i < len(watts) - 1:
        return False
    before = watts[i - 1]
    k = _next_fresh(stale, i)
    if k is None:
        return False
    after = watts[k]
    if (not stale[i - 1] and _agree(w, before, pump)) or _agree(w, after, pump):
        return True
    return (
        base + _AGREE_W < before < w
        and base + _AGREE_W < after < w
        and not _level_beside(watts, stale, i - 1, -1, base=base, pump=pump)
        and not _level_beside(watts, stale, k, 1, base=base, pump=pump)
    )


def _level_beside(
    watts: Sequence[float],
    stale: Sequence[bool],
    k: int,
    step: int,
    *,
    base: float,
    pump: float,
) -> bool:
    """Whether reading ``k``, beside a peak, reads a heater's level with the fresh reading beyond it.

    Then the heater was on through that level and the peak alike: the peak
    read it and another load, no heater alone (``_whole_heater``). A flush
    in the heater's next cycle after a shot reads so: dev seed 26,000,044
    (a heat exchanger, a 61.9 W vibratory pump): 342, 1,440, 1,385, 1,378,
    1,218 W after a shot of 1,452-1,466 W, the heater alone 1,401 W before
    it. Taken as the heater alone, the 1,440 W reading disagreed with the
    one before by 0.63 of the pump's step and a 29.2 s shot was lost; the
    level after it reads the heater. Every 5 s, dev seeds 20M-29M: heat
    exchanger shots +5; regression 5M-9M +1; false shots the same. The
    bench seed lost one (20,250,464, a pump calibrated 30.0 W for 43.3 W:
    a flush's peak 1,265 W had stood a shot of 1,303 W a step over; the
    heater's level after it, 1,249 W, leaves it 1.8 calibrated steps over,
    past ``_OVER``).
    """
    if stale[k] or watts[k] - base < _HEATER * pump:
        return False
    m = k + step
    while 0 <= m < len(watts) and stale[m]:
        m += step
    return 0 <= m < len(watts) and _agree(watts[k], watts[m], pump)


def _next_fresh(stale: Sequence[bool], i: int) -> int | None:
    """The first fresh reading after reading ``i`` (None: none).

    A stale repeat tells nothing of its interval: a reading's neighbour after
    it is the next fresh one. A repeat is seldom stale (a 5 s plug repeats
    its last value about once in 70 readings, and a heater's level read to
    the watt repeats by chance about once in ten): taken as the reading's
    neighbour, a heater read whole in two readings that happened to agree to
    the watt was no level and no peak (dev seed 22,000,004: 193, 1,407,
    1,407, 930 W, 40 s before a 25.8 s shot, which lost its anchor before).
    """
    n = len(stale)
    for k in range(i + 1, n):
        if not stale[k]:
            return k
    return None


def _peak(watts: Sequence[float], i: int, pump: float) -> bool:
    """Whether reading ``i`` is a short cycle's peak: both its neighbours read it in part."""
    w = watts[i]
    return all(watts[k] < w and not _agree(watts[k], w, pump) for k in (i - 1, i + 1))


def _pump_through(beside: float, edge: float, base: float, pump: float) -> bool:
    """Whether a heater's rise (fall) reading ``edge`` held the pump on throughout.

    The reading ``beside`` it, before the rise (after the fall), shows the
    pump alone on (a part of its step at least, none of a heater's): the
    pump ran on across ``edge``, which holds its step whole and a part of
    the heater's.
    """
    return _alone_on(beside, base, pump) and edge >= beside + _SHOWN * pump


def _alone_on(w: float, base: float, pump: float) -> bool:
    """Whether a reading ``w`` shows the pump alone on: a part of its step, no heater's."""
    return base + _SHOWN * pump <= w <= base + _ALONE * pump


def _tail_to_standby(watts: Sequence[float], k: int, base: float, pump: float) -> bool:
    """Whether a pump-alone reading ``k`` after a heater's fall goes straight to the standby.

    Asked where the fall's reading stands less than the pump's step under
    the plateau: the heater was on through it, so the pump stopped inside
    it (the pump running on instead needs the heater off in the last few
    hundredths of that reading). One reading at the pump's level after it
    and then the standby, no partial reading of the pump's stop between, is
    the heater's tail: the last part of an interval of a 1.2-1.5 kW heater
    reads a pump's watts, and a heater that heated against the brew water's
    draw often goes off soon after it ends (dev seed 29,000,061, a heat exchanger
    with a 141 W rotary pump: 1,522, 1,524, then 1,448, 151, 8 W; a 14.9 s
    shot read over the heater to the tail, 22.5 s). Only once the reading
    after it was read.
    """
    return k + 1 < len(watts) and watts[k + 1] - base < _IDLE * pump


def _paused_before(watts: Sequence[float], i: int, base: float, pump: float) -> bool:
    """Whether the pump alone read before a plateau's rise (reading ``i``) paused just before it.

    ``_pump_through`` takes the pump-alone reading before the rise as the
    run's start, read in part. When the reading before that one already
    showed the pump alone (itself after no heater's fall, which a heater
    read in part may fake), the pump was on before it: that reading short
    of the pump's step (under ``_PAUSED`` of it) shows it off for part of its
    interval, a pause, and a backflush's pulse and the next one, the
    heater on between them, read as one shot over it (dev 24000045 heat
    exchanger, rotary, pulses of 11.2 s and 10.9 s read as a 21.0 s shot:
    140 W, 101 W, then the heater; 25000060, vibratory: 36 W, 35 W of 53 W).
    Dev seeds 20M-29M every 5 s: heat exchanger false shots 12 -> 10,
    shots recalled 1,321 as before; dual boiler unchanged; regression
    5M-9M unchanged.
    """
    if i < 4:
        return False
    beside, earlier, prior = watts[i - 2], watts[i - 3], watts[i - 4]
    return (
        _alone_on(earlier, base, pump)
        and prior <= base + _ALONE * pump
        and beside < base + _PAUSED * pump
    )


def _stands_over(level: float, anchor: float, pump: float, *, loose: bool) -> bool:
    """Whether a plateau stands the pump's step over a heater's reading alone beside it.

    The step a 5 s plug's calibration saved may be a tenth or more off
    the pump's (a heater's share drifting with the unseen mains), and
    in the minute or two between the plateau and its anchors the mains
    move a 1.2-1.5 kW heater by a quarter to a half of a vibratory
    pump's step: plateaus of true shots stood 0.5-1.5 steps over anchors
    that agreed with each other (dev seed 20,000,004, a heat exchanger
    whose 58.9 W pump was calibrated 50.4 W: the heater alone 1,320 W
    25 s before the shot and 1,319 W 45 s after it, the shot 1,388-1,394 W,
    1.44 steps over both; a 33.3 s shot lost). The anchors agreeing within
    ``_STEP`` say the heater held its size through, so a plateau half a
    step or more over both is a load beyond the heater: on the 165 heat
    exchangers with a shot missed every 5 s on the dev and regression
    seeds no plateau of a heater alone stood 0.4 of a step over such
    readings, six stood 0.3 over (the mains rising in a heater's level
    and back). Twice the step is no pump's (``_OVER``). Only ``loose``:
    beside readings of a learnt heater alone (``_learnt``); else within
    ``_STEP`` of the step.
    """
    excess = level - anchor - pump
    if not loose:
        return abs(excess) <= _STEP * pump
    return -_UNDER * pump <= excess <= _OVER * pump


def _anchors_agree(
    anchored: Sequence[float], fresh: int, pump: float, *, loose: bool
) -> bool:
    """Whether the heater's readings alone beside a plateau of ``fresh`` readings agree.

    Within ``_STEP`` of the pump's step they read one heater size at the
    volts of the plateau. The mains may move a heater by half a vibratory
    step in the two minutes between them (dev seed 20,000,020: a 48.1 W
    pump, the heater alone 1,335 W 85 s before an 18.5 s shot and 1,316 W
    80 s after it, the shot 1,371-1,373 W for three readings). A plateau
    of ``_LONG_N`` fresh readings or more held the pump whole 15 s at
    least, so it is no flush read long by a heater's partial fall taken
    for the pump alone (dev seed 29,000,061, a 14.9 s run: 1,522, 1,524,
    1,448, then 151 W, read 22.5 s, its heater readings 0.204 of a step
    apart, just past ``_STEP``): beside it they may disagree by
    ``_LONG_AGREE``, as the plateau still stands half a step over each
    (``_stands_over``). Only ``loose`` (``_learnt``).
    """
    bound = _LONG_AGREE if loose and fresh >= _LONG_N else _STEP
    return max(anchored) - min(anchored) <= bound * pump


def _learnt(anchored: Sequence[float], base: float, heaters: Sequence[float]) -> bool:
    """Whether the readings beside a plateau each read a learnt heater alone (within the mains' ``_MAINS``).

    Only then may the plateau stand off a step over them (``_stands_over``,
    ``_anchors_agree``): a dual boiler's readings beside a plateau may be
    its two heaters on together, the mains moving them by a pump's half
    step (dev seed 26,000,044: 2,113 and 2,118 W beside 2,140-2,151 W, a
    48.7 W pump), or its brew heater and the pump in two shots beside the
    steam heater's cycle (29,000,013: 1,150 and 1,142 W beside 1,266-
    1,271 W, a 171.2 W pump, the brew heater 940 W); both read as false
    shots.
    """
    return bool(heaters) and all(
        any(abs(w - base - h) <= _MAINS * h for h in heaters) for w in anchored
    )


def _share(watts: float, base: float, pump: float) -> float:
    """The share of its interval a reading of the pump alone held it."""
    return min(max((watts - base) / pump, 0.0), 1.0)


def _another_heater(
    level: float, anchor: float, base: float, heaters: Sequence[float]
) -> bool:
    """Whether ``level`` may be a learnt heater alone other than the one ``anchor`` reads.

    A dual boiler's steam heater may be its brew heater and about a rotary
    pump's step: its plateau between the brew heater's cycles is no shot.
    Asked only when neither edge showed the pump alone (``_pump_through``):
    a heat exchanger's detector may learn its heater and the pump together
    as a second heater, and a shot on that level was lost (dev seed
    27,000,060, a 47.0 W vibratory pump: 1,278 and 1,383 W learnt, the
    heater alone 1,313-1,314 W either side of a shot read 51, 971, 1,368,
    1,374, 1,050 W, the 51 W reading the pump alone; a 21.1 s shot). Every
    5 s, dev seeds 20M-29M: heat exchanger shots +2, dual boiler +1;
    regression 5M-9M heat exchanger +4; false shots the same.
    """
    return any(
        abs(level - base - h) <= _MAINS * h
        for h in heaters
        if abs(anchor - base - h) > _MAINS * h
    )


def _anchors(
    times: Sequence[float],
    watts: Sequence[float],
    stale: Sequence[bool],
    plateau: tuple[int, int],
    *,
    base: float,
    pump: float,
    one: bool,
) -> list[int]:
    """The heater's readings alone whole that read its size beside the plateau (none: unsure).

    The nearest before the plateau and the nearest after it, each within
    ``_NEAR_S``. One of them alone will do beside a single learnt heater
    (``one``: a dual boiler's second heater is no volts' move away) when it
    is a short cycle's peak within ``_ONE_S``, with the standby read
    between (a cycle of its own, not a stretch the mains moved), and the
    other side was read ``_OTHER_S`` long (its heater's next cycle, read
    later, may tell otherwise).
    """
    i, j = plateau
    n = len(watts)
    before = (k for k in range(i - 2, -1, -1) if times[i] - times[k] <= _NEAR_S)
    after = (k for k in range(j + 2, n) if times[k] - times[j] <= _NEAR_S)
    found = [
        k
        for ks in (before, after)
        for k in itertools.islice(
            (k for k in ks if _whole_heater(watts, stale, k, base, pump)), 1
        )
    ]
    if len(found) != 1:
        return found
    k = found[0]
    lo, hi = (k, i) if k < i else (j, k)
    if (
        one
        and times[hi] - times[lo] <= _ONE_S
        and (times[-1] - times[j] if k < i else times[i] - times[0]) >= _OTHER_S
        and _peak(watts, k, pump)
        and any(watts[m] <= base + _ALONE * pump for m in range(lo, hi))
    ):
        return found
    return []


def alone_before(
    times: Sequence[float],
    watts: Sequence[float],
    before: float,
    *,
    base: float,
    pump: float,
) -> float | None:
    """The last reading of a heater alone whole before ``before``, within ``_NEAR_S`` (None: none).

    ``times[i]`` ends reading ``i``. Read so near, it holds the heater's size
    at the volts of that moment (``_whole_heater``), which a size learnt from
    edges over hours may miss by a small pump's step.
    """
    stale = decoder.stale_repeats(watts)
    for k in range(len(watts) - 2, 0, -1):
        if times[k] >= before:
            continue
        if before - times[k] > _NEAR_S:
            return None
        if _whole_heater(watts, stale, k, base, pump):
            return watts[k]
    return None


def pump_over_alone(
    times: Sequence[float],
    watts: Sequence[float],
    level: float,
    before: float,
    *,
    base: float,
    pump: float,
) -> bool:
    """Whether ``level`` stands the pump's step over the heater read alone whole just before ``before``.

    The last heater reading alone whole within ``_NEAR_S`` before
    (``alone_before``), its size at the volts of the moment, and the level
    within ``_STEP`` of the pump's step over it (``_stands_over``): the
    heater and the pump, not the heater alone that a flush stopped (or
    started) in the heater's edge reading leaves.
    """
    alone = alone_before(times, watts, before, base=base, pump=pump)
    return alone is not None and _stands_over(level, alone, pump, loose=False)


def over_heater(
    times: Sequence[float],
    watts: Sequence[float],
    *,
    base: float,
    pump: float,
    period: float,
    after: float,
    heaters: Sequence[float] = (),
) -> list[tuple[float, float]]:
    """Shots read as the pump's step over a heater read alone just before and after.

    ``times[i]`` ends reading ``i``, the average over the ``period`` before;
    only plateaus after ``after`` (a run the detector forgot) are given. A
    plateau: two or more readings in a row that agree (``_held_readings``), a
    heater's size over the standby, with a lower reading on either side (the
    loads' rise and fall), that held the pump whole ``_WHOLE_N`` readings with
    the rise's and the fall's when the pump was read alone beside them
    (``_pump_through``). It is a shot when the readings of a heater alone
    whole beside it (``_anchors``) agree with each other and lie the pump's
    step under it (``_anchors_agree``, ``_stands_over``: looser beside a
    learnt heater), and it is no other learnt heater's (``heaters``, over the
    standby) alone. A plateau of one reading may be a shot too, when the pump
    shows alone whole on one side and steps down to the heater alone on the
    other (``_one_reading``).
    """
    n = len(watts)
    stale = decoder.stale_repeats(watts)
    heater = _HEATER * pump
    out: list[tuple[float, float]] = []
    # The times never go back: the readings a period or less after ``after``
    # come first, none of them a plateau's first (found at once).
    i = max(1, bisect.bisect_left(times, after, key=lambda t: t - period))
    while i < n - 1:
        w = watts[i]
        if stale[i] or w - base < heater:
            i += 1
            continue
        # The plateau from reading i: fresh readings agreeing with its first.
        j = i
        fresh = [w]
        while j + 1 < n and (stale[j + 1] or _agree(watts[j + 1], w, pump)):
            j += 1
            if not stale[j]:
                fresh.append(watts[j])
        if len(fresh) == 1 and j == i and 2 < i < n - 3:
            one = _one_reading(
                times, watts, stale, i, base=base, pump=pump, period=period
            )
            if one is not None:
                out.append(one)
        held = _held_readings(i, j)
        if j + 2 >= n or i < 2 or held < 2:
            i = j + 1
            continue
        level = sum(fresh) / len(fresh)
        if not (watts[i - 1] < level and watts[j + 1] < level):
            i = j + 1
            continue
        # The rise's (the fall's) reading held the pump whole too when the
        # reading before it (after it) shows the pump alone on.
        rise = _pump_through(watts[i - 2], watts[i - 1], base, pump)
        fall = _pump_through(watts[j + 2], watts[j + 1], base, pump) and not (
            watts[j + 1] >= level - pump and _tail_to_standby(watts, j + 2, base, pump)
        )
        if rise and _paused_before(watts, i, base, pump):
            i = j + 1
            continue  # a pulse, a pause, and the next over the heater
        whole = held + rise + fall
        if whole < _WHOLE_N:
            i = j + 1
            continue
        anchors = _anchors(
            times, watts, stale, (i, j), base=base, pump=pump, one=len(heaters) <= 1
        )
        anchored = [watts[k] for k in anchors]
        loose = _learnt(anchored, base, heaters)
        if (
            anchors
            and _anchors_agree(anchored, len(fresh), pump, loose=loose)
            and all(_stands_over(level, w, pump, loose=loose) for w in anchored)
            and (
                rise
                or fall
                or not _another_heater(level, watts[anchors[0]], base, heaters)
            )
        ):
            # The pump ran through the plateau; its ends hid in the readings
            # either side, with the heater's (their middles), or in those of
            # it alone beside them (by their share of its step).
            started = (
                _alone_edge(
                    times, watts, i - 2, -1, base=base, pump=pump, period=period
                )
                if rise
                else times[i - 1] - 0.5 * period
            )
            ended = (
                _alone_edge(times, watts, j + 2, 1, base=base, pump=pump, period=period)
                if fall
                else times[j] + 0.5 * period
            )
            out.append((started, ended))
        i = j + 1
    return out


def _held_readings(i: int, j: int) -> int:
    """The readings of a plateau from reading ``i`` to ``j``, its repeats to the watt among them.

    A repeat is taken for a stale meter's (``decoder.stale_repeats``), which
    tells nothing of its own interval: the plateau's level (its mean) and
    ``_LONG_N`` (the anchors' looser agreement) count fresh readings only.
    Its length does not: a 5 s plug repeats a stale value about once in 70
    readings, while a level held steady is read to the watt again far more
    often (``_next_fresh``), and a shot whose plateau happened to repeat
    was read as one reading and lost (dev seed 23,000,028, a heat exchanger
    with a vibratory pump calibrated 52.1 W: 534, 534, 1,496, 1,496, 1,496,
    443 W, the heater alone 1,426 W a minute before and 1,433 W a minute
    after; a 23.2 s shot). Every 5 s, dev seeds 20M-29M: heat exchanger
    shots 1,378 -> 1,387, dual boiler 1,198 -> 1,200; regression 5M-9M:
    heat exchanger 653 -> 657; thermostats the same, false shots the same.
    """
    return j - i + 1


def _one_reading(
    times: Sequence[float],
    watts: Sequence[float],
    stale: Sequence[bool],
    i: int,
    *,
    base: float,
    pump: float,
    period: float,
) -> tuple[float, float] | None:
    """A shot over a heater whose heater and pump held whole in one reading only, ``i`` (None: none).

    The brew water's draw switches a heat exchanger's heater on a few
    seconds into the shot, and the shot may end well inside the heater's
    cycle: the pump alone read whole (``_WHOLE_ALONE``), the heater's rise
    read in part, one reading of both, the pump's stop read in part, then
    the heater alone to its fall; or the mirror of it. One reading is no
    plateau (``over_heater`` wants two), but the pump shows at both ends
    inside the readings: read alone whole on one side, and on the other as
    the step from reading ``i`` down to the heater alone in the same cycle,
    which the mains never make within ten seconds (dev seed 22,000,004, a
    45.6 W pump: 51, 1,279, 1,525, 1,498, 1,466, 273 W; an 18.0 s shot
    lost). The pump read whole, the rise holding it, and reading ``i``
    make 15 s: a shot. Guards, each from a flush read long on the dev and
    regression seeds: the rise reading lies ``_RISE_UNDER`` under the
    heater alone (a heater's rise read in a sliver looks like the pump
    alone: its next reading is then the heater whole), and the heater's
    own readings alone beyond this cycle (``_beyond_cycle``) stand the
    pump's step under reading ``i`` too (a flush then a heater's short
    cycle, its last reading a part of the fall, reads the same shape;
    regression 8,000,029: 160, 246, 1,337, 1,275, 1,232, 4 W, a 12.6 s
    run), and the readings beyond the pump read alone show no pump alone
    (``_quiet_beyond``: a backflush's pulses). Dev seeds 20M-29M every 5 s:
    heat exchanger shots 1,365 -> 1,375, dual boiler 1,175 -> 1,180;
    regression 5M-9M: 644 -> 650, 610 -> 612; false shots as before.
    """
    w = watts[i]
    if _agree(watts[i - 1], w, pump) or _agree(watts[i + 1], w, pump):
        return None
    for step in (1, -1):  # the heater alone after reading ``i``, or before it
        part, alone, further = watts[i + step], watts[i + 2 * step], watts[i + 3 * step]
        rise, shown = watts[i - step], watts[i - 2 * step]
        if (
            stale[i + 2 * step]
            or not _whole_alone(shown, base, pump)
            or rise > alone - _RISE_UNDER * pump
            or alone - base < _HEATER * pump
            or not alone <= part < w
            or not _stands_over(w, alone, pump, loose=True)
            or not (_agree(further, alone, pump) or further < alone - pump)
        ):
            continue
        anchored = _beyond_cycle(times, watts, stale, i, base=base, pump=pump)
        if not anchored or not all(
            _stands_over(w, a, pump, loose=True) for a in anchored
        ):
            continue
        # The pump's ends: past its readings alone whole, by its share of
        # the one beyond them, and by the stop's (start's) share of the step
        # from the heater alone.
        k = _whole_alone_to(watts, i - 2 * step, -step, base=base, pump=pump)
        if not _quiet_beyond(watts, k - step, step, base=base, pump=pump):
            continue
        shown_s = _beyond_share(watts, k - step, base=base, pump=pump)
        part_s = (part - alone) / (w - alone)
        if step == 1:
            return times[k] - (1.0 + shown_s) * period, times[i] + part_s * period
        return times[i - 1] - part_s * period, times[k] + shown_s * period
    return None


def _whole_alone_to(
    watts: Sequence[float], k: int, way: int, *, base: float, pump: float
) -> int:
    """The last of the pump's readings alone whole from reading ``k`` on, going ``way`` (-1: back)."""
    while 0 <= k + way < len(watts) and _whole_alone(watts[k + way], base, pump):
        k += way
    return k


def _beyond_share(watts: Sequence[float], k: int, *, base: float, pump: float) -> float:
    """The share of its interval reading ``k``, beyond the pump's readings alone whole, held the pump (0: none, or a heater's)."""
    if 0 <= k < len(watts) and watts[k] - base < pump:
        return _share(watts[k], base, pump)
    return 0.0


def _alone_edge(
    times: Sequence[float],
    watts: Sequence[float],
    k: int,
    way: int,
    *,
    base: float,
    pump: float,
    period: float,
) -> float:
    """When the pump started (``way`` -1) or stopped (1), read from reading ``k`` of it alone beside a plateau.

    One reading, before the plateau's rise or after its fall, is dated by
    its share of the step. A reading whole may have others of the pump
    alone beyond it (a vibratory pump runs alone a reading or three before
    the heater comes on, or on after it went off): the end is the last
    whole one's, and the share of a partial one beyond it, as in
    ``_one_reading``. Dev seed 20,000,020, a heat exchanger's 48 W pump:
    1,054, 25, 55, 54 W, then the heater's rise, the start dated at the
    last of them, 7.6 s late; dev seed 21,000,021, a heat exchanger's
    151 W pump: 1,417, 1,256, then 159, 160, 159 W, the stop dated at the
    first of them, 16.1 s early.
    """
    far = _whole_alone_to(watts, k, way, base=base, pump=pump)
    if far == k or not _whole_alone(watts[k], base, pump):
        share = _share(watts[k], base, pump) * period
        return times[k] - share if way < 0 else times[k - 1] + share
    beyond = _pure_share(watts, far + way, way, base, pump)
    if way < 0:
        return times[far] - (1.0 + beyond) * period
    return times[far] + beyond * period


def _pure_share(
    watts: Sequence[float], k: int, way: int, base: float, pump: float
) -> float:
    """``_beyond_share`` where reading ``k`` held no heater's switching (0: it may have).

    One switching leaves at most one partial reading (Hart's states): the
    reading beyond ``k`` (``way``: -1 before it) is the standby, or a
    heater's switching read in part (a pump's step and more off the
    reading beyond it), so the heater had switched before ``k``'s interval
    and ``k`` is the pump's part alone. A heater's level whole beyond it
    may have switched inside ``k`` (extra dev seed 154,000,013 every 5 s: the
    brew heater's 1,025 W, then 143 W, the heater's tail with the pump's
    start, then 195, 196 W; read as the pump's share, the start moved 9 s
    early and the shot was lost).
    """
    n, far = k + way, k + 2 * way
    if not 0 <= n < len(watts):
        return 0.0
    if watts[n] - base > _IDLE * pump and not (
        0 <= far < len(watts) and watts[n] < watts[far] - pump
    ):
        return 0.0
    return _beyond_share(watts, k, base=base, pump=pump)


def _quiet_beyond(
    watts: Sequence[float], k: int, step: int, *, base: float, pump: float
) -> bool:
    """Whether the ``_BEYOND_N`` readings beyond reading ``k`` (away from the shot) show no pump alone.

    A backflush's pulses read as the pump alone whole, a pause hidden in
    the heater's edge reading, and the next pulse over the heater: the
    shape of a shot read in one reading (extra dev seed 70,000,060, a
    64 W pump: 1,242, 1,251, 1,301, 436, 63, 35, 7, 7, 43, 70 W, pulses
    of 6.3 and 7.3 s read as an 18.0 s shot). The series goes on beside
    it; a shot's readings beyond its pump are the standby or a heater's
    (a heater's edge read in a sliver of it may look like the pump alone:
    a reading beside a heater's is no pump's here).
    """
    n = len(watts)
    for m in range(k - step, k - step * (_BEYOND_N + 1), -step):
        if not 0 < m < n - 1:
            return False
        if _alone_on(watts[m], base, pump) and all(
            watts[x] - base < _HEATER * pump for x in (m - 1, m + 1)
        ):
            return False  # (a reading beside a heater's may be a sliver of it)
    return True


def _whole_alone(w: float, base: float, pump: float) -> bool:
    """Whether a reading ``w`` read the pump alone on throughout its interval (``_WHOLE_ALONE``)."""
    return _WHOLE_ALONE * pump <= w - base <= _ALONE * pump


def _beyond_cycle(
    times: Sequence[float],
    watts: Sequence[float],
    stale: Sequence[bool],
    i: int,
    *,
    base: float,
    pump: float,
) -> list[float]:
    """The heater's nearest readings alone whole, one each side, in its cycles beyond reading ``i``'s.

    Within ``_NEAR_S`` of reading ``i``, past a reading under a heater's
    size (the cycle's end): the heater's size at the volts of the shot,
    read where no pump can hide.
    """
    found: list[float] = []
    n = len(watts)
    for ks in (range(i - 1, -1, -1), range(i + 1, n)):
        ended = False
        for k in ks:
            if abs(times[k] - times[i]) > _NEAR_S:
                break
            if watts[k] - base < _HEATER * pump:
                ended = True
            elif ended and _whole_heater(watts, stale, k, base, pump):
                found.append(watts[k])
                break
    return found
