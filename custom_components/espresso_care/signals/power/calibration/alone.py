"""The pump read alone, before or between a heater's edges.

When cold water starts the heater a reading after the pump, or a heat
exchanger's heater goes off and on around the run, the fall is read beside
the heater, whose share the mains move by several W; the pump's own level,
read where no heater switched, is the step then.
"""

from __future__ import annotations

from collections.abc import Sequence
import itertools

from ..pump.constants import _SMALL_PUMP
from ..readings import Reading
from .constants import _ALONE_AGREES, CAL_MAX_S, CAL_MAX_W, CAL_MIN_W
from .levels import _distinct, _gaps, _hold_silence, _skips_unchanged, _tol


def _alone(
    xs: Sequence[tuple[float, float, float | None]], base: float, silence: float
) -> float | None:
    """The pump's level above ``base`` while it ran alone (no heater), if it held.

    ``xs``: the run's readings and the one after. The later half of the
    readings of the pump alone (past a vibratory pump's ramp, a rotary
    one's inrush), at least two that agree, or the last one when a silence
    of ``silence`` s followed it (a plug reporting on change: it held).
    Not the run's first two readings alone when they came within a second
    and a half (a plug reporting every second): a rotary pump's inrush may
    reach into both, the partial reading of its start and the next (206 W
    saved for a 193 W pump, a heater's rise next).
    None when a reading between the first and the one after is back at
    ``base``: the pump only adds, so the run had ended there, and what read
    alike around it were a slow PID's idle pulses (fresh seed 89000030, on
    change: pulses of 271 and 240 W with the standby between them, 4 s
    before a 45.8 W pump started, saved 239.6 W).
    The readings on either side of a heater's level are read apart, the
    later stretch first when it holds two: the reading before a heater's
    level and the one after it are partial ones of its edges, which may
    agree by chance (dev 95000006, dual boiler on change: 109.1 and 122.8 W
    around 960 W, 118.2 W saved for a 50.0 W pump); the pump read alone
    before a heater came on stands (dev 29000038: 61.9 W for 62.6 W).
    """
    if any(abs(x[1] - base) <= _tol(base) for x in xs[1:-1]):
        return None
    stretches: list[tuple[list[float], list[int]]] = [([], [])]
    for k in range(len(xs) - 1):
        w = xs[k][1] - base
        values, read = stretches[-1]  # (``read``: the readings they come from)
        if w >= CAL_MAX_W:
            if values:
                stretches.append(([], []))  # a heater's level: a stretch apart
            continue
        if CAL_MIN_W * 0.5 < w < CAL_MAX_W:
            values.append(w)
            read.append(k)
            if xs[k + 1][0] - xs[k][0] >= silence:
                values.append(w)  # held through the silence
                read.append(k)
    values, read = next(
        (s for s in reversed(stretches) if len(s[0]) >= 2), stretches[-1]
    )
    late = sorted(values[len(values) // 2 :] if len(values) >= 4 else values)
    if len(late) < 2 or late[-1] - late[0] > 6.0 + 0.1 * late[-1]:
        return None
    if len(values) < 4:
        if read == [0, 1] and xs[1][0] - xs[0][0] < 1.5:
            return None
        return values[-1]  # the latest: past a ramp's or an inrush's first reading
    return late[len(late) // 2]


def _alone_before_heater(
    xs: Sequence[tuple[float, float, float | None]], base: float, step: float
) -> bool:
    """Whether the pump was read alone at ``step`` just before a heater joined it.

    ``xs``: the run's readings up to the first full one of the heater and
    the pump. Read every 2 s, a vibratory pump's ramp and a heater that cold
    water starts seconds in leave one reading of the pump alone (after one
    of its ramp), one partial of the heater's rise, and one of both before
    the pump stops beside the heater: no level of the pump holds two
    readings. Its last reading alone, every reading before it no higher (a
    ramp), and the fall beside the heater agree within a tenth: Hart's
    pairing of the pump's rise and fall, each read once.
    """
    if len(xs) < 3:
        return False
    alone, partial, both = (w for _, w, _ in xs[-3:])
    pump = alone - base
    if abs(pump - step) > max(6.0, 0.1 * step) or both - alone <= CAL_MAX_W:
        return False
    margin = 0.1 * (both - alone)
    if not alone + margin < partial < both - margin:
        return False  # not a partial reading of the heater coming on
    ramp = [w - base for _, w, _ in xs[:-3]]
    return all(0.0 < w <= pump + _tol(alone) for w in ramp)


def _alone_then_heater(
    valid: Sequence[Reading], after: float, longest: float = CAL_MAX_S
) -> float | None:
    """The pump's level alone when a heater came on before it stopped.

    Cold water drawn into the boiler often starts the heater a few seconds
    into the run, so the run's fall is hidden beside the heater's edge. The
    level the run rose to from a level that held, before the heater's rise,
    is the pump's alone: it must have held itself (the next reading agrees
    closely, or a silence followed it on a plug reporting on change), the
    last such level before the heater (past a vibratory pump's ramp, a
    rotary one's inrush).
    """
    gaps = _gaps(valid)
    silence = _hold_silence(gaps)
    on_change = _skips_unchanged(gaps)
    xs: list[tuple[float, float]] = []
    for r in valid:
        if r.at <= after + longest + 30.0:
            w = float(r.watts or 0.0)
            if xs and w == xs[-1][1]:
                continue  # a stale meter repeating itself shows nothing held
            xs.append((r.at, w))
    for k in range(2, len(xs)):
        at, w = xs[k]
        prev_at, prev = xs[k - 1]
        if at < after or w - prev <= max(_tol(prev), 10.0):
            continue
        if abs(xs[k - 2][1] - prev) <= _tol(prev):
            base = xs[k - 2][1]  # (the later may be a partial reading)
        elif at - prev_at >= silence:
            base = prev
        else:
            continue
        level = _alone_level(xs, k, base, silence, longest, on_change=on_change)
        if level is not None:
            return level
    return None


def _alone_level(
    xs: Sequence[tuple[float, float]],
    rise: int,
    base: float,
    silence: float,
    longest: float,
    *,
    on_change: bool = False,
) -> float | None:
    """``_alone_then_heater`` from the rise at index ``rise`` above ``base``.

    The run's readings until the level is back at ``base`` (or for as long
    as a calibration run lasts) must hold a heater's (the pump's fall beside
    it is ``_plateau``'s otherwise); the first pump-sized level among them
    that held is the pump's: two readings whose shares above ``base`` agree
    within 5 % (of the share: beside a heater already on, 5 % of the whole
    reading would take an inrush for a level). Not the run's first two full
    readings when the heater's rise comes next: the first may hold a rotary
    pump's inrush and the second the heater's partial start (both high,
    agreeing by chance). On a plug reporting on change (``on_change``),
    counted from the first full reading: one under seven tenths of the next
    is a partial one of the start, the inrush in the next (205 W saved for
    a 168 W pump). Not every second or two: there the two readings after a
    partial start held the pump's level (three thermostats read 5-38 % off
    with it).
    """
    end = rise
    heater = 0
    over = False  # back at the idle level
    while end < len(xs) and xs[end][0] - xs[rise][0] <= longest:
        x = xs[end][1] - base
        if x <= max(_tol(base), 0.5 * CAL_MIN_W):
            over = True
            break
        if not heater and x >= CAL_MAX_W:
            heater = end
        end += 1
    if not heater:
        return None  # no heater came
    if not over:
        end = heater  # the run goes on: up to the heater's first reading
    partial = (
        on_change
        and rise + 1 < len(xs)
        and xs[rise][1] - base < 0.7 * (xs[rise + 1][1] - base)
    )
    first = rise + 1 if partial else rise  # the run's first full reading
    for k in range(rise, end):
        at, w = xs[k]
        nxt_at, nxt_w = xs[k + 1]
        if not CAL_MIN_W <= w - base <= CAL_MAX_W:
            continue
        if k == first and k + 2 == heater and not over:
            continue  # a rotary pump's inrush, then the heater's partial start
        if k + 1 < end and abs(nxt_w - w) <= 3.0 + 0.05 * (w - base):
            return nxt_w - base  # the later: past a ramp
        if nxt_at - at >= silence and k > rise:
            return w - base  # held through a silence (on change)
    return None


def _alone_at_start(
    valid: Sequence[Reading], after: float, longest: float
) -> float | None:
    """A small pump's share in the one full reading between its start and a heater's.

    Read every 5 s, cold water drawn into the boiler often starts the heater
    a reading after the pump: the run's fall is then read beside the heater,
    whose share the mains move by several W within ten seconds (a 45 W
    pump's fall read 10-30 % off), while the pump's own share does not move
    with them. The readings, none dropped: two at the level the run left;
    a partial one of the pump's start, a tenth or more of the next (the
    pump ran half a second or more in it: the rest of a vibratory pump's
    ramp, up to 3 s, costs the next reading a tenth at most); one
    full reading, pump-sized above the level (a small pump's: a rotary
    one's inrush may reach into it); then a partial reading of the heater's
    start, a tenth of the heater or more off either level (so it started
    after the full reading ended), and the heater with the pump.
    """
    gaps = _gaps(valid)
    if not gaps:
        return None
    most = 1.5 * gaps[len(gaps) // 2]  # no reading dropped between
    xs = [r for r in valid if after - 15.0 <= r.at <= after + longest]
    for k in range(2, len(xs) - 2):
        if xs[k].at < after:
            continue
        run = xs[k - 2 : k + 4]
        if len(run) < 6 or any(b.at - a.at > most for a, b in itertools.pairwise(run)):
            continue
        w = [float(r.watts or 0.0) for r in run]
        base = w[1]
        if abs(w[0] - base) > _tol(base):
            continue
        start, alone, rising, both = (x - base for x in w[2:])
        if not CAL_MIN_W <= alone < _SMALL_PUMP or both - alone <= CAL_MAX_W:
            continue
        if not 0.1 * alone <= start < alone - max(_tol(base), 0.1 * alone):
            continue
        margin = 0.1 * (both - alone)
        if alone + margin < rising < both - margin:
            return alone
    return None


def _or_alone_at_start(
    valid: Sequence[Reading], after: float, longest: float, step: float
) -> float:
    """``step``, or the pump read alone at its start when the two lie apart.

    The fall read beside a heater stands within a tenth of the pump read
    alone (one reading of it may lie that far off, a ramp's rest); further
    off, up to ``_ALONE_AGREES`` of the step, the mains moved the heater's
    share across the fall, and the reading alone is the step.
    """
    alone = _alone_at_start(valid, after, longest)
    if alone is not None and 0.1 * alone < abs(alone - step) <= _ALONE_AGREES * step:
        return alone
    return step


def _alone_between_heater(
    valid: Sequence[Reading], after: float, longest: float = CAL_MAX_S
) -> float | None:
    """The pump's level alone between a heater's fall and its next rise.

    A heat exchanger's heater, on at the click, may go off as the run
    starts and come on again (cold water drawn in) before it stops: the
    pump's start and stop both hide in the heater's edges, and no reading
    of the level the run left comes between. That level is the one the
    readings settle at once the heater is off again (four readings that
    agree), which the idle readings before the click also held. The
    readings between the heater's fall and its rise, pump-sized above it,
    are the pump alone: the last two must agree within 5 % of the share
    (past a ramp or an inrush); the later is the step.
    """
    tail = [float(r.watts or 0.0) for r in valid[-4:]]
    if len(tail) < 4 or max(tail) - min(tail) > _tol(min(tail)):
        return None
    base = sorted(tail)[1]
    idle = [float(r.watts or 0.0) for r in valid if after - 120.0 <= r.at < after]
    if sum(1 for w in idle if abs(w - base) <= _tol(base)) < 3:
        return None
    xs = _distinct(valid, after, longest)
    shares = [w - base for _, w, _ in xs]
    k = 0
    while k < len(xs):
        if not CAL_MIN_W <= shares[k] <= CAL_MAX_W:
            k += 1
            continue
        m = k
        while m + 1 < len(xs) and CAL_MIN_W <= shares[m + 1] <= CAL_MAX_W:
            m += 1
        fell = k > 0 and (shares[k - 1] > CAL_MAX_W or abs(shares[k - 1]) <= _tol(base))
        rose = m + 1 < len(xs) and shares[m + 1] > CAL_MAX_W
        if fell and rose and m > k:
            a, b = shares[m - 1], shares[m]
            if abs(b - a) <= 0.05 * b:
                return b
            return None
        k = m + 1
    return None
