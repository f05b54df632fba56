"""The pump's step from a rise and a fall paired around the heaters' edges.

When no sharp fall to a level that holds is read (``fall``), the detector's
edges are paired, a heater's size taken out of an edge that carries both
(``_paired_step``), and a stop hidden in a heater's rise or in two heaters'
edges is looked for.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..pump.detector import PumpDetector
from ..pump.steps import _Edge
from ..readings import Reading
from .constants import (
    _ALONE_SHARE,
    _FALL_ANEW_LOW,
    _FALL_ANEW_MAX,
    _FALL_ANEW_UNDER,
    CAL_MAX_S,
    CAL_MAX_W,
    CAL_MIN_S,
    CAL_MIN_W,
    PUMP_MAX_W,
)
from .edges import _pump_part
from .fall import _heater_step
from .levels import _distinct, _idle_minute, _level, _standby_level, _tol


def _held_paired_step(
    valid: Sequence[Reading],
    edges: Sequence[_Edge],
    det: PumpDetector,
    after: float,
    *,
    longest: float,
    slow: bool,
    sure: bool = False,
) -> tuple[float, float] | None:
    """``_paired_step``, once the fall's level held a few readings: the step and the fall's time.

    ``_plateau``, which scales a heater's share to the mains, may still read
    it until then.
    """
    paired = _paired_step(edges, det, after, longest, slow=slow, sure=sure)
    if (
        paired is not None
        and paired[1] < valid[max(0, len(valid) - 4)].at
        and _read_anew(valid, paired[2], paired[1])
        and not _mains_sag(valid, *paired)
    ):
        if not slow:
            anew = _fall_beside_heater(valid, edges, paired, after)
            if anew is not None:
                return anew, paired[1]
        return paired[0], paired[1]
    return None


def _fall_beside_heater(
    valid: Sequence[Reading],
    edges: Sequence[_Edge],
    paired: tuple[float, float, float],
    after: float,
) -> float | None:
    """The paired fall beside a heater, read again from the readings either side of it.

    The detector's edge may take a partial reading of the stop into the
    level after it (its mean with the next): a vibratory pump's small step
    beside a heater comes out 10-20 % short. The readings that held before
    the edge and those after it (a partial one of the stop left out, a
    stale repeat dropped; each heater share scaled to their mean volts, as
    ``_plateau`` reads a fall beside a heater) give the step, when it is
    longer than the edge's by up to a half (``_FALL_ANEW_MAX``). A plug
    reporting every second or two, or on change (every second while a
    heater's level moves; the readings asked for either side hold the
    levels or nothing is read again); not a slow plug's, too few around
    the edge.
    """
    step, over, _ = paired
    fall = next(
        (e for e in edges if e.delta < 0.0 and over in (e.at, e.pts[-2])),
        None,
    )
    if fall is None or fall.after <= CAL_MAX_W:
        return None
    earlier = [r for r in valid if r.at < after]
    idle = _idle_minute(earlier, after)
    if not idle and earlier:
        # On change, a silent minute held the last level sent.
        idle = [float(earlier[-1].watts or 0.0)]
    if not idle:
        return None
    base = _standby_level(idle)
    xs = _distinct(valid, after)
    before = [(w, v) for at, w, v in xs if at <= fall.at][-5:]
    later = [(w, v) for at, w, v in xs if at > fall.at][:6]
    if len(before) < 3 or len(later) < 4:
        return None
    big = _level(before[-3:], 0.0, 0.0)
    rest = _level(later[1:], 0.0, 0.0)
    edge = max(6.0, 0.15 * step)
    if rest + edge < later[0][0] < big - edge:
        later = later[1:]  # a partial reading of the stop
    ons = [(w, v) for w, v in before if abs(w - big) <= _tol(big)]
    offs = [(w, v) for w, v in later if abs(w - rest) <= _tol(rest)]
    if len(ons) < 2 or len(offs) < 3:
        return None
    anew = _heater_step(ons, offs, base, big, _tol(big))
    if _edge_far_over(step, anew):
        return anew
    if not step <= anew <= min(CAL_MAX_W, step * _FALL_ANEW_MAX):
        return None
    return anew


def _edge_far_over(step: float, anew: float) -> bool:
    """Whether the edge's ``step`` lies far over the fall read again (``anew``): the mains read as the pump.

    The detector's edge reads its level before at the volts of one reading
    after the fall, and its level after from the first two readings: when
    the mains stepped up across the stop, the heater's share rose with it
    and the edge read that rise as the pump's (dev 21,000,022, a dual boiler
    on change, a 44.6 W pump: the run's level 2,196.4, 2,207.5, 2,212.8 W at
    223.3-223.4 V, the level after 2,165.6-2,182.1 W at 223.4-224.2 V; the
    edge 60.3 W, 2 of 10 shots; the levels read again, each reading scaled
    to their mean volts, 42.9 W). A partial reading of the stop only makes
    an edge short, so a re-read this far under it (``_FALL_ANEW_LOW`` to
    ``_FALL_ANEW_UNDER`` of it) is no partial reading's doing; nearer the
    edge, the edge stands.
    """
    return (
        anew >= CAL_MIN_W and _FALL_ANEW_LOW * step <= anew <= _FALL_ANEW_UNDER * step
    )


def _paired_step(
    edges: Sequence[_Edge],
    det: PumpDetector,
    after: float,
    longest: float = CAL_MAX_S,
    *,
    slow: bool = False,
    sure: bool = False,
) -> tuple[float, float, float] | None:
    """A rise and a fall of one size after ``after``, heaters' edges taken out.

    Returns the step, when the fall was over and the level it fell from: on a
    slow plug the fall's last reading (a fall merged from two parts 5 s apart,
    the mains' and the pump's, must not be taken before ``_plateau`` can read
    the pump's own). ``sure``: only heaters seen more than once.
    """
    k = det._k
    heaters = [h.size / k for h in det._heaters if not sure or h.weight >= 2.0]
    for i, rise_edge in enumerate(edges):
        if rise_edge.at < after - 1.0:
            continue
        if not slow and _heater_alone(rise_edge.delta, det):
            continue
        rise, rise_alone = _pump_part(rise_edge, heaters, rising=True)
        if not rise:
            if rise_edge.delta < CAL_MIN_W:
                continue
            # A heater of a size not known yet came on with the pump: its
            # fall, if alone, still tells the step.
            rise = rise_edge.delta
        for fall_edge in edges[i + 1 :]:
            duration = fall_edge.at - rise_edge.at
            if duration > longest + 2.0:
                break
            fall, fall_alone = _pump_part(fall_edge, heaters, rising=False)
            over = fall_edge.pts[-2] if slow else fall_edge.at
            if not fall and 0.0 < fall_edge.delta < 300.0:
                break  # another rise that no heater explains: not this one
            if not fall or not (rise_alone or fall_alone):
                continue
            hidden = rise > CAL_MAX_W and fall_alone  # the rise held a heater
            if hidden and _heater_fall(rise_edge, fall):
                return None  # a heater's fall: the run's edges are the heater's
            if duration >= CAL_MIN_S - 1.5 and (
                hidden or abs(rise - fall) <= max(0.3 * max(rise, fall), 8.0)
            ):
                level = fall_edge.before
                if hidden:
                    return fall, over, level
                # A vibratory pump's ramp can leave its rise short: the fall
                # (sharp) is the step; a rise only for a rotary pump's size.
                if fall_alone:
                    both = rise_alone and rise > fall
                    return (0.5 * (rise + fall) if both else fall), over, level
                if rise >= 100.0:
                    return rise, over, level
                return None
        # No fall for this rise (its pump's share was a heater's size
        # misread): a later rise may still be the pump's.
    return None


def _heater_fall(rise: _Edge, fall: float) -> bool:
    """Whether a fall after a rise that held a heater lies far above the pump read alone in it.

    The pump started alone, a heater came on a reading or two later (cold
    water drawn in) within the rise: the last of the rise's readings a
    pump's size above the level before it (under ``PUMP_MAX_W``, before the
    first past it) is the pump's level, or its ramp's read in part: more
    than ``_ALONE_SHARE`` of the step (regression 7000046, a heat exchanger
    on change: 26.6 W a second into a vibratory pump's ramp, 0.55 of its
    48.1 W; six tenths refused it). A fall well above it is the
    heater's own: a slow PID's heater easing off (dev 26000010, periodic
    2 s: the pump read alone at 56.6 W, a fall of 241.2 W saved for a
    66.9 W pump). No reading alone: nothing to check.
    """
    alone = _ramp_end(rise, PUMP_MAX_W)
    return alone is not None and alone < _ALONE_SHARE * fall


def _heater_alone(rise: float, det: PumpDetector) -> bool:
    """Whether a rise is a heater seen more than once, to within a reading's noise.

    Its pump-sized rest beside the other heater is no pump's: on a dual
    boiler a heater that came on by the click, then handed over to the other
    as the pump started, left a fall of the hand-over less the pump that
    pairs with that rest (209 W saved for a 45 W pump). Two heaters known
    only, and a plug reporting every second or two (a slow plug's rise may
    merge the pump's ramp into a level that only looks like a heater's).
    """
    k = det._k
    return len(det._heaters) >= 2 and any(
        h.weight >= 2.0 and abs(rise - h.size / k) <= 0.5 * CAL_MIN_W
        for h in det._heaters
    )


def _mains_sag(
    valid: Sequence[Reading], step: float, fell: float, level: float
) -> bool:
    """Whether a fall beside a heater is the mains sagging under it.

    A heater's share follows the square of the volts: a 970 W level fell
    30 W as the mains went from 230.7 to 226.3 V, after the pump's own stop
    had come out too small to pair (29.8 W saved for a 53 W pump). The pump
    stopping lifts the volts, never lowers them.
    """
    if level <= CAL_MAX_W:
        return False
    before = [r for r in valid if r.at <= fell and r.volts is not None][-1:]
    after = [r for r in valid if r.at > fell and r.volts is not None][:2]
    if not before or len(after) < 2:
        return False
    v0, v1 = float(before[0].volts or 0.0), float(after[-1].volts or 0.0)
    if not 0.0 < v1 < v0:
        return False
    sag = level * (1.0 - (v1 / v0) ** 2)
    return abs(step - sag) <= max(0.3 * step, 8.0)


def _read_anew(valid: Sequence[Reading], level: float, fell: float) -> bool:
    """Whether the level before a fall at ``fell`` was more than one value repeated.

    A stale meter repeating one value (a heater's partial reading) makes a
    level that never held. (One reading then a silence, on change, may.)
    """
    values = [
        r.watts
        for r in valid
        if fell - CAL_MAX_S <= r.at < fell
        and r.watts is not None
        and abs(r.watts - level) <= _tol(level)
    ]
    return len(set(values)) >= 2 or len(values) < 2


def _stop_in_heater(edges: Sequence[_Edge], after: float) -> float | None:
    """The step of a run whose stop hid in a heater's rise, from the heater's cycle.

    The pump rose alone; a heater came on (cold water drawn in) and the pump
    stopped within that edge, which is then the heater's size less the
    pump's; the heater's own fall back to the level the run left gives its
    size (the sum of an appliance's cycle is zero, as in Hart's finite-state
    models). The pump's rise, short of the step while a vibratory pump
    ramps, must agree within a third; no other edge may come between.
    """
    for i, rise in enumerate(edges):
        if rise.at < after - 1.0 or not CAL_MIN_W <= rise.delta <= CAL_MAX_W:
            continue
        rest = edges[i + 1 : i + 3]
        if len(rest) < 2:
            return None
        heater, fall = rest
        if heater.delta <= CAL_MAX_W or -fall.delta <= CAL_MAX_W:
            return None
        # (A heater's cycle sums to zero at one volts: each edge normalised.)
        step = -fall.delta * fall.k / heater.k - heater.delta
        if not CAL_MIN_W <= step <= CAL_MAX_W or heater.at - rise.at < 1.0:
            return None
        if abs(fall.after - rise.before) > _tol(rise.before):
            return None  # not back to the level the run left: something else on
        if not 0.6 * step <= rise.delta <= 1.3 * step:
            return None
        return step
    return None


def _hidden_in_two_heaters(edges: Sequence[_Edge], after: float) -> float | None:
    """The step of a run whose start and stop hid in two heaters' rises (a dual boiler).

    The pump ramped up alone for a reading or two, a heater came on within
    that edge, and the pump stopped inside the other heater's rise. Each
    heater's cycle sums to zero (Hart's finite-state appliances, each edge
    normalised to one volts): the first rise less its heater's fall is the
    pump's start, the second rise less its fall the pump's stop, of one size
    (the level back where the run left it). The pump's last reading alone
    in the first rise must agree, as far as a vibratory pump's ramp allows.
    """
    first = next(
        (i for i, e in enumerate(edges) if e.at >= after - 1.0 and e.delta > 0.0), None
    )
    if first is None:
        return None
    rise = edges[first]
    cycle: list[_Edge] = []
    for e in edges[first:]:
        if CAL_MIN_W <= abs(e.delta) <= CAL_MAX_W:
            return None  # a pump-sized edge of its own: not this case
        if abs(e.delta) > CAL_MAX_W:
            cycle.append(e)
        if e.delta < 0.0 and abs(e.after - rise.before) <= _tol(rise.before):
            break
    else:
        return None  # not back at the level the run left yet
    rises = [e.delta * e.k for e in cycle if e.delta > 0.0]
    falls = [-e.delta * e.k for e in cycle if e.delta < 0.0]
    if len(rises) != 2 or len(falls) != 2 or cycle[0] is not rise:
        return None
    alone = _ramp_end(rise)
    if alone is None:
        return None
    steps = [
        (rises[0] - falls[a], falls[1 - a] - rises[1])
        for a in (0, 1)
        if 0.6 * (rises[0] - falls[a]) <= alone
    ]
    fits = [
        0.5 * (on + off)
        for on, off in steps
        if CAL_MIN_W <= on <= CAL_MAX_W
        and alone <= on + max(6.0, 0.1 * on)
        and abs(on - off) <= max(6.0, 0.15 * on)
    ]
    return fits[0] if len(fits) == 1 else None


def _ramp_end(edge: _Edge, top: float = CAL_MAX_W) -> float | None:
    """The last reading inside a rise that showed the pump alone, above the level before.

    None when no reading between the two levels lay in a pump's range (up
    to ``top`` above the level) before the first that rose past it (a
    heater's partial).
    """
    alone: float | None = None
    for w in edge.pts[5::2]:
        x = w - edge.before
        if x > top:
            break
        if x >= CAL_MIN_W:
            alone = x
    return alone
