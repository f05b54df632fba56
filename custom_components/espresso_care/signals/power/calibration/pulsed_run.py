"""The pump's run among a slow PID's pulses: its floor and its readings.

Between a slow PID's pulses the pump is read alone: the run's floor
(``_run_floor``) checks a step read at the fall, and single readings that
pair between the pulses give the step when nothing else does
(``_pulsed_pump``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..readings import Reading
from .constants import (
    _ALONE_TWICE,
    _FLOOR_READINGS,
    _RAMP_MAX_S,
    CAL_MAX_S,
    CAL_MAX_S_SLOW,
    CAL_MAX_W,
    CAL_MIN_S,
    CAL_MIN_W,
    PUMP_MAX_W,
)
from .levels import (
    _distinct,
    _gaps,
    _idle_minute,
    _skips_unchanged,
    _standby_level,
    _tol,
    _unchanged_after,
)
from .noise import _steady_share
from .pid_pulses import _after_full_output, _pid_pulses


def _pulsed_pump(valid: Sequence[Reading], after: float) -> float | None:
    """The pump's step between a slow PID's pulses, from readings that pair.

    A slow PID pulses its heater through the run (cold water drawn in): the
    pump's level seldom holds two readings and its fall hides in the
    heater's. Single readings still tell the step: of the pump alone above
    the standby level, and of the heater and the pump, both whole, against
    the heater's own level once the run is over (Hart's pairing, at each
    reading's volts: a heater's level moves with the mains). At least three
    must agree within 10 % (6 W at least), one of each kind (a partial reading of a heater
    agrees with one of them by chance, not with two). Where the idle readings
    show the PID's pulses, one of each kind will do: a run of about ten
    seconds among pulses every few seconds seldom shows more.
    """
    idle = _idle_minute(valid, after)
    xs = _distinct(valid, after)
    if len(idle) < 5 or len(xs) < 4:
        return None
    base = _standby_level(idle)
    run = _run_stretch(xs, base)
    if run is None:
        return None
    first, last = run
    gaps = _gaps(valid)
    silence = _unchanged_after(gaps)
    pulsing = _pulsing_idle(valid, after, base)
    # A ramp and a partial reading tell only where the idle level held (a
    # fast PID's readings, averaged, seldom do; on change, silence hides it).
    settled = not pulsing and (
        _skips_unchanged(gaps)
        or _steady_share([r for r in valid if r.at < after]) >= 0.8
    )
    # Where two readings pair, none of a vibratory pump's ramp may.
    past = first + 1
    while past < last and xs[past][0] - xs[first][0] < _RAMP_MAX_S:
        past += 1
    for end in range(first + 2, len(xs)):
        heater = _heater_after(xs, end, base, silence, steady=settled)
        if heater is None:
            continue
        if not CAL_MIN_S - 0.5 <= xs[end][0] - xs[first][0] <= CAL_MAX_S + 6.0:
            continue
        # Its first reading may be partial (a ramp, an inrush): left out.
        step = _paired_readings(
            xs[first + 1 : min(end, last)],
            base,
            *heater,
            before=xs[first][1] if settled else None,
        )
        if step is None and pulsing:
            step = _paired_readings(
                xs[past : min(end, last)],
                base,
                *heater,
                needed=2,
                early=xs[first + 1 : min(past, end, last)],
            )
        if step is not None:
            return step
    if not pulsing:
        return None
    paired = _paired_before(valid, xs, (first, past, last), base)
    return (
        paired if paired is not None else _floor_between_pulses(xs, first, last, base)
    )


def _pulsing_idle(valid: Sequence[Reading], after: float, base: float) -> bool:
    """Whether the idle readings show a slow PID's pulses, or do after its full output.

    At its heat-up a PID holds its heater whole for minutes, and only after
    it does it pulse: those minutes in the ten the flow reads thin the
    pulses out under twice a minute (dev 29,000,003 every 2 s, a 186.8 W
    pump: the heater held at 1,345-1,377 W until 250 s before the click,
    then pulses of a reading or two back at the 3.7 W standby), and the
    run's readings were paired as if no PID pulsed (three to agree, not
    two; refused three times). The pulses are also counted from after the
    heater last held whole (``_after_full_output``): 186.1 W, 8 of 10 shots.
    """
    if _pid_pulses(valid, after, base):
        return True
    idle = [r for r in valid if r.at < after]
    return _pid_pulses(_after_full_output(idle), after, base)


def _read_alone_twice(valid: Sequence[Reading], after: float, step: float) -> bool:
    """Whether two of the run's readings read the pump alone at ``step``.

    A slow PID whose window spans two readings pulses every other one: the
    pump is seldom read alone between its pulses, and a step paired among
    them may be a pulse's partial reading (dev 21000000 every 1 s, 201.5 W
    paired for a 60.9 W pump, one reading of the run at it). Two readings
    of the run within ``_ALONE_TWICE`` of the step above the standby say the
    pump showed between the pulses after all (dev 26000001 every 1 s: 146 W
    twice over a 4.9 W standby, 140.9 W for 141.6 W).
    """
    seen = _slow_run(valid, after)
    if seen is None:
        return False
    base, run = seen
    near = [w for _, w, _ in run if abs(w - base - step) <= _ALONE_TWICE * step]
    return len(near) >= 2


def _slow_run(
    valid: Sequence[Reading], after: float
) -> tuple[float, list[tuple[float, float, float | None]]] | None:
    """The idle minute's standby and the user's run, read as long as a slow PID's may last.

    None without an idle minute or a run.
    """
    idle = _idle_minute(valid, after)
    if not idle:
        return None
    base = _standby_level(idle)
    xs = _distinct(valid, after, CAL_MAX_S_SLOW)
    run = _run_stretch(xs, base)
    return None if run is None else (base, xs[run[0] : run[1]])


def _run_floor(
    valid: Sequence[Reading], after: float, base: float
) -> tuple[bool, float | None] | None:
    """The pump's level alone between a slow PID's pulses, read over the run.

    A slow PID pulses its heater through the run (cold water drawn in), and
    a step read at one edge may be a pulse's partial reading, an inrush or a
    ramp; the readings between the run's first and its last (each may be
    partial) that fall between the pulses read the pump alone: the run's
    floor. Three of them that agree (within 5 %, 4 W at least; a reading on
    change followed by a silence is one for each of the plug's intervals it
    held, two at least: seed 23000022 held the pump's 41 W for 3 s and
    calibrated at a partial 30 W), the level most of them agree on
    (the lowest of equals), tell the step: heater pulses read in part spread
    above it, seldom twice at one level. ``base``: the standby level. None
    when there is no run yet (a stretch of seconds away from the standby);
    else whether the floor is settled (found, or the run over) and the floor
    (None when none held so, or when the heater's pulses ran on after the
    run: no floor within the run's longest).
    """
    xs = _distinct(valid, after)
    run = _run_stretch(xs, base) if len(xs) >= 4 else None
    if run is None:
        return None
    first, last = run
    if xs[last - 1][0] - xs[first][0] > CAL_MAX_S:
        return True, None
    gaps = _gaps(valid)
    silence = _unchanged_after(gaps)
    # On change, the plug measured at its interval through a silence, each
    # measurement within its threshold of the reading (elsewhere a silence
    # may be a stale meter's repeats, dropped by ``_distinct``: two).
    interval = gaps[len(gaps) // 4] if _skips_unchanged(gaps) else 0.0

    def readings(gap: float) -> int:
        """How many measurements a reading stands for, followed by ``gap`` s of silence."""
        if gap < silence:
            return 1
        return max(2, round(gap / interval)) if interval > 0.0 else 2

    inner = [
        (xs[k][1] - base, readings(xs[k + 1][0] - xs[k][0]))
        for k in range(first + 1, last - 1)
    ]
    alone = sorted((x, n) for x, n in inner if CAL_MIN_W <= x <= PUMP_MAX_W)
    best: list[float] = []
    for x, _ in alone:
        near = [(y, n) for y, n in alone if abs(y - x) <= max(4.0, 0.05 * x)]
        if sum(n for _, n in near) >= max(_FLOOR_READINGS, len(best) + 1):
            best = [y for y, n in near for _ in range(n)]
    floor = best[len(best) // 2] if best else None
    return last < len(xs) or floor is not None, floor


def _floor_between_pulses(
    xs: Sequence[tuple[float, float, float | None]], first: int, last: int, base: float
) -> float | None:
    """The pump's level read alone twice between a slow PID's pulses, the run over.

    No reading of the heater held (each pulse read in part), so no pairing:
    but between the pulses the level falls to the pump's alone, not to the
    standby, while the pump runs. Two such readings, a pulse between them,
    that agree within a tenth (6 W at least) and are the lowest of the run's
    stretch (the rest a heater's, more than a pump above them), and the
    stretch back at the standby: the later is the step (past a ramp).
    """
    if last >= len(xs):
        return None  # not back at the standby yet
    run = [w - base for _, w, _ in xs[first + 1 : last]]
    lows = [k for k, x in enumerate(run) if CAL_MIN_W <= x <= CAL_MAX_W]
    if len(lows) != 2 or lows[1] - lows[0] < 2:
        return None
    a, b = run[lows[0]], run[lows[1]]
    if abs(a - b) > max(6.0, 0.1 * max(a, b)):
        return None
    rest = [x for k, x in enumerate(run) if k not in lows]
    if any(x - max(a, b) <= CAL_MAX_W for x in rest):
        return None
    return b


def _paired_before(
    valid: Sequence[Reading],
    xs: Sequence[tuple[float, float, float | None]],
    run: tuple[int, int, int],
    base: float,
) -> float | None:
    """``_pulsed_pump``'s pairing against the heater's level read before the run.

    The heater's level may not hold after the run (its pulses read in part),
    but a PID's longer pulses before it held it (``_idle_heater``). The run
    must be over: back at the standby level. ``run``: the indices of its
    first reading, of the first past its ramp, and of the one back.
    """
    first, past, last = run
    if last >= len(xs) or not (
        CAL_MIN_S - 0.5 <= xs[last][0] - xs[first][0] <= CAL_MAX_S + 6.0
    ):
        return None
    heater = _idle_heater(valid, xs[0][0], base)
    if heater is None:
        return None
    return _paired_readings(
        xs[past:last], base, *heater, needed=2, early=xs[first + 1 : past]
    )


def _idle_heater(
    valid: Sequence[Reading], before: float, base: float
) -> tuple[float, float] | None:
    """The heater's level and its volts, from readings of it whole before ``before``.

    The highest reading above the standby by more than a pump, if three or
    more agree with it (each scaled to the volts of the latest): a pulse's
    partial readings spread below it.
    """
    high = [
        (r.watts, r.volts)
        for r in valid
        if r.at < before and r.watts is not None and r.watts - base > CAL_MAX_W
    ]
    if len(high) < 3 or any(v is None for _, v in high):
        return None
    volts = float(high[-1][1] or 0.0)
    scaled = sorted(
        base + (w - base) * (volts / float(v or volts)) ** 2 for w, v in high
    )
    top = scaled[-1]
    near = [w for w in scaled if top - w <= _tol(top)]
    return (sum(near) / len(near), volts) if len(near) >= 3 else None


def _run_stretch(
    xs: Sequence[tuple[float, float, float | None]], base: float
) -> tuple[int, int] | None:
    """The user's run: the first stretch of readings above ``base`` lasting seconds.

    An idle pulse returns to the standby level within a reading or two; the
    pump's run never does (nor, after it, a heater still on). Returns the
    indices of its first reading and of the reading back at ``base``.
    """
    first: int | None = None
    for k, (_, w, _) in enumerate(xs):
        if w - base > _tol(base):
            first = k if first is None else first
            continue
        if first is not None and xs[k - 1][0] - xs[first][0] >= CAL_MIN_S - 1.0:
            return first, k
        first = None
    if first is None or xs[-1][0] - xs[first][0] < CAL_MIN_S - 1.0:
        return None
    return first, len(xs)


def _paired_readings(
    run: Sequence[tuple[float, float, float | None]],
    base: float,
    heater: float,
    volts: float,
    *,
    needed: int = 3,
    before: float | None = None,
    early: Sequence[tuple[float, float, float | None]] = (),
) -> float | None:
    """``_pulsed_pump``'s step from the run's readings, the heater's level known.

    ``before``: the reading before the run's first (None: no PID's pulses
    to tell a ramp from); a reading of the pump
    alone that rose from the one before it (a vibratory pump's ramp) counts
    only within a tenth of the median of those beside the heater: read
    before the ramp's end, it lies lower (no floor of 6 W then). ``early``:
    the run's readings within a ramp's seconds of its start, which count
    beside the heater only (a rotary pump's level with the heater, read
    early, pairs with its level alone read later; a ramp's pairs with none).
    """
    beside = [
        w - base - (heater - base) * (v / volts) ** 2
        for _, w, v in [*early, *run]
        if v is not None and w - base > CAL_MAX_W
    ]
    beside = [x for x in beside if CAL_MIN_W <= x <= CAL_MAX_W]
    mid = sorted(beside)[len(beside) // 2] if beside else 0.0
    ws = [w for _, w, _ in run]
    prev = [before, *ws][: len(ws)]
    alone = [
        w - base
        for w, p in zip(ws, prev, strict=True)
        if CAL_MIN_W <= w - base <= CAL_MAX_W
        and (
            before is None
            or p is None
            or w - p <= max(6.0, 0.1 * (w - base))
            or abs(w - base - mid) <= 0.1 * mid
        )
    ]
    for pair in beside:
        near = max(0.1 * pair, 6.0)
        a = sorted(x for x in alone if abs(x - pair) <= near)
        b = [x for x in beside if abs(x - pair) <= near]
        if a and len(a) + len(b) >= needed:
            return a[len(a) // 2]  # the pump's own level; the pairs confirm it
    return None


def _heater_after(
    xs: Sequence[tuple[float, float, float | None]],
    at: int,
    base: float,
    silence: float,
    *,
    steady: bool = False,
) -> tuple[float, float] | None:
    """The heater's own level, and its volts, if it held from ``xs[at]`` on.

    A heater's size above ``base``, read twice in a row (or once, then a
    silence) or three times between its pulses' partial readings (which
    never meet at the top twice but by chance), and no reading after it
    above it: the pump no longer ran. The level is the mean of the readings
    at it (each scaled to ``volts``). ``steady``: no PID pulses its heater,
    so a later reading of it lower by half its noise or more says ``xs[at]``
    was a partial reading of the pump's stop (the pump's share in part).
    """
    _, w, volts = xs[at]
    if volts is None or w - base <= CAL_MAX_W or at + 1 >= len(xs):
        return None
    tol = _tol(w)
    held: list[float] = []
    for _, later, v in xs[at:]:
        if v is None:
            return None
        scaled = base + (later - base) * (volts / v) ** 2
        if scaled > w + tol:
            return None
        if steady and CAL_MAX_W < scaled - base < w - base - 0.5 * tol:
            return None  # still falling: a partial reading of the stop
        if scaled >= w - tol:
            held.append(scaled)
    nxt_at, nxt, nxt_volts = xs[at + 1]
    apart = abs(base + (nxt - base) * (volts / (nxt_volts or volts)) ** 2 - w) > tol
    if apart and nxt_at - xs[at][0] < silence and len(held) < 3:
        return None
    return sum(held) / len(held), volts
