"""Steps between steady states, and when a plug's readings date them.

Pure arithmetic on an edge's readings (``_Edge.pts``: t0, w0, t1, w1, ...),
with no detector state: whether a reading shows a step whole or partial,
where inside a reading's averaging window the step came (``_crossing``,
``_step_time``), when the pump's part of a heater-and-pump edge switched
(``_pump_time``), and where readings fit two switchings in order
(``_two_steps``). Kept apart so that each rule can be read (and tested)
without the detector around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .constants import (
    _FAST_GAP_S,
    _MAINS_MOVE,
    _OFF_SHARE,
    _OVERSHOOT,
    _STILL_SHARE,
    _STILL_W,
    _TAIL_NEXT,
    _WHOLE,
)


@dataclass(frozen=True, slots=True)
class _Edge:
    """A step between two steady states, in normalised watts."""

    at: float
    """When the level started to move."""
    delta: float
    before: float
    after: float
    pts: tuple[float, ...]
    """The readings around the transient, flat: t0, w0, t1, w1, ..."""
    settled: bool = True
    """The level before it had held a while (three readings, or its time)."""
    k: float = 1.0
    """The heaters' scale it was read at: ``delta * k`` is at the reference volts."""


def _inside(pts: Sequence[float], low: float, high: float) -> int:
    """How many readings inside an edge (``pts``' fresh ones) lie strictly between ``low`` and ``high``."""
    return sum(1 for i in range(5, len(pts), 2) if low < pts[i] < high)


def _span(pts: Sequence[float], i: int, gap: float) -> float:
    """The interval that reading ``i`` closes, as the plug measures it.

    Its gap from the reading before, but never more than the plug's
    measuring period ``gap`` (a silence of a plug reporting on change is no
    longer interval) nor 5 s.
    """
    return min(pts[i] - pts[i - 2], gap, 5.0)


def _ramp_seconds(share: float, seconds: float, ramp: float) -> float:
    """How long before a reading a pump ramping from half its step started.

    The pump draws ``0.5 + 0.5 x / ramp`` of its step ``x`` s after its
    start, the whole step from ``ramp`` s on; the reading averages the last
    ``seconds`` and shows ``share`` of the step. Within the window that is
    ``0.5 t + 0.25 t**2 / ramp`` s of the step over ``seconds``; started
    before it, the window holds a later part of the ramp. Solved by
    halving (the share grows with ``t`` until the window holds the whole
    step). A reading that closes no interval (two points at one moment: a
    silence settled at a reading's own time, when a timer came late) dates
    nothing earlier.
    """
    if seconds <= 0.0:
        return 0.0

    def drawn(t: float) -> float:
        if t <= 0.0:
            return 0.0
        if t <= ramp:
            return 0.5 * t + 0.25 * t * t / ramp
        return 0.75 * ramp + (t - ramp)

    low, high = 0.0, seconds + ramp
    for _ in range(40):
        mid = 0.5 * (low + high)
        if (drawn(mid) - drawn(mid - seconds)) / seconds < share:
            low = mid
        else:
            high = mid
    return 0.5 * (low + high)


def _crossing(
    pts: Sequence[float],
    i: int,
    base: float,
    step: float,
    *,
    window: float | None,
    gap: float,
) -> float:
    """When a step began, given the first reading (index ``i``) that shows it.

    ``window`` is the share of its interval a reading averages over (1 for
    an energy meter's counter difference, about 0.5 for a 1 s average read
    every 2 s), None while not known (the reading itself dates the step). A
    partial reading dates the step inside the window by its share; a whole
    one only says the step came between the interval's start and the
    window's: the middle of that.
    """
    at = pts[i]
    if i < 2 or window is None:
        return at
    span = _span(pts, i, gap)
    share = (pts[i + 1] - base) / step
    if share > _OVERSHOOT:
        # Past the new level (a rotary pump's inrush): the step came inside
        # the window, its share there unknown.
        return at - 0.5 * window * span
    frac = min(max(share, 0.0), 1.0)
    if frac >= _WHOLE and window < 1.0:
        return at - 0.5 * (1.0 + window) * span
    return at - frac * window * span


def _step_time(
    pts: Sequence[float],
    base: float,
    step: float,
    *,
    window: float | None,
    gap: float,
    slow: bool = False,
) -> float:
    """When the level began to move from ``base`` by ``step``.

    A reading well past a rise's new level (a slow PID's heater pulse),
    followed by one part way up (the rise began inside that one), is no
    sign of the rise yet. Read every few seconds (``slow``), neither is a
    partial reading followed by another short of half the step
    (``_tail_before``).
    """
    shares = [(pts[i + 1] - base) / step for i in range(2, len(pts), 2)]
    for k, share in enumerate(shares):
        if share < 0.15:
            continue
        if slow and step > 0.0 and _tail_before(shares, k):
            continue
        later = next((x for x in shares[k + 1 :] if x >= 0.15), None)
        if step > 0.0 and share > 1.5 and later is not None and later <= 0.9:
            continue
        if (
            step > 0.0
            and share > 2.5
            and any(0.15 <= x <= 1.5 for x in shares[k + 1 :])
        ):
            # Past a pulse (more than a rotary pump's inrush), then the level:
            # the pulse told nothing of the step, the first reading at the level does.
            continue
        return _crossing(pts, 2 + 2 * k, base, step, window=window, gap=gap)
    return pts[-2]


def _tail_before(shares: Sequence[float], k: int) -> bool:
    """Whether a rise's partial reading ``k`` is followed by another short of half its step.

    One switching on reads as one partial reading at most, the next whole
    (a vibratory pump's ramp starts at half its step). A next reading under
    ``_TAIL_NEXT`` of the step shows the load off for half its interval or
    more: reading ``k`` held an earlier run's tail (a backflush's pulse, a
    flush), and the rise came later. Dual boiler 5000012 every 5 s: a pulse
    stopped 1.6 s into one reading (18 W over 3 W), the next began 2.1 s
    before the end of the next (19 W), then 51 W: read from the first, a
    pulse of 11.8 s was a 16.7 s shot. Regression 5M-9M every 5 s: dual
    boiler false shots 13 -> 12, no shot lost; dev 20M-29M unchanged
    (thermostat, heat exchanger, dual boiler).
    """
    return (
        shares[k] < _WHOLE
        and k + 1 < len(shares)
        and 0.15 <= shares[k + 1] < _TAIL_NEXT
    )


def _pump_time(
    pts: Sequence[float],
    base: float,
    heater: float,
    pump: float,
    *,
    averaging: bool,
    window: float | None,
    gap: float,
    standby: float | None = None,
    slow: bool = False,
) -> float:
    """When the pump's part of a heater-and-pump edge happened.

    A reading shows the pump alone (``base + pump``) or both (``base +
    heater + pump``); readings between are a heater's partial reading and
    tell nothing of the pump. A reading at the ``standby`` (one heater off
    before the other came on) shows a rising pump still off: it started
    after, within the next reading if that one shows it alone, partial.
    After a falling heater's last partial reading, a reading of the pump
    alone, partial, dates its start by its own share of the standby's step.
    A reading at the standby, or (heater and pump switching opposite ways)
    one of the heater whole with the pump as before, overrules a reading
    before it that looked like both: a heater's partial reading. Read
    every few seconds (``slow``), a later reading of the heater alone
    overrules one of the heater and part of a rising pump (``_off_after``).
    """
    half = 0.5 * abs(pump)
    both = heater + pump
    apart = heater * pump < 0.0  # one rose, the other fell
    moved = None  # the first reading that moved, if it showed neither
    first = 4
    if standby is not None and pump > 0.0:
        # Nothing on in a reading: a rising pump started after the last such.
        idle = [i for i in range(4, len(pts), 2) if pts[i + 1] - standby < 0.15 * pump]
        if idle and idle[-1] + 2 < len(pts):
            first = idle[-1] + 2
    for i in range(first, len(pts), 2):
        x = pts[i + 1] - base
        if standby is not None and pump > 0.0 and i >= 6:
            was = pts[i - 1] - standby
            now = pts[i + 1] - standby
            if was < 0.15 * pump:
                # After a reading of nothing on (a heater off, the other not yet):
                if now < 0.15 * pump:
                    moved = None  # still nothing on
                    continue
                if now <= pump + half:
                    # ... the pump alone, part way.
                    return _crossing(pts, i, standby, pump, window=window, gap=gap)
            elif (
                heater < 0.0
                and was > pump + half
                and 0.15 * pump <= now < _WHOLE * pump
            ):
                # A falling heater's last partial reading, then the pump
                # alone: dated by its own share of the standby's step.
                return _crossing(pts, i, standby, pump, window=window, gap=gap)
        if abs(x - heater) <= half:
            off = (x - heater) * pump
            if (
                window is not None
                and off >= max(0.25 * abs(pump), 15.0) * abs(pump)
                and not (slow and _off_after(pts, i, base + heater, pump))
            ):
                # The heater whole and part of the pump's switch: inside
                # this reading's window, by its share.
                return _crossing(pts, i, base + heater, pump, window=window, gap=gap)
            moved = None  # the heater alone: the pump switched after
        elif moved is None and abs(x) >= 0.15 * abs(pump):
            moved = i
        elif (
            slow
            and averaging
            and moved == i - 2
            and _pump_share_then_heater(pts, moved, base, heater, pump)
        ):
            # The pump's partial reading, then the heater's: its own share.
            return _crossing(pts, moved, base, pump, window=window, gap=gap)
        if apart and (x - 0.15 * pump) * pump >= 0.0 and abs(x) < abs(both):
            # Only the pump moves the level its way: it had switched by then.
            return _crossing(pts, i, base, pump, window=window, gap=gap)
        if abs(x - pump) <= half:
            return _crossing(pts, i, base, pump, window=window, gap=gap)
        if abs(x - both) <= half:
            later = (
                [pts[j + 1] - base for j in range(i + 2, len(pts), 2)] if apart else []
            )
            if any(abs(w - heater) <= 0.25 * abs(pump) for w in later):
                # A later reading of the heater whole, the pump as before:
                # this one was the heater's partial reading.
                continue
            if pump > 0.0 and any(w < both - half for w in later):
                # A later reading short of both by half the pump's step: the
                # pump was not on through it (it runs on once started), so
                # this one was the falling heater's partial reading (a
                # thermostat's 108 W, then 61 W and the 175 W level: a 22.7 s
                # shot dated 8 s early, its own start read as a pause and
                # dropped, dev 24000029; 20M-29M at 5 s: 1 shot, no false one).
                continue
            if slow and (j := _ran_on_past_rise(pts, i, base, heater, pump)):
                # The heater's rise first, the pump's stop in the next reading.
                return _crossing(pts, j, base + heater, pump, window=window, gap=gap)
            if averaging and abs(pts[i - 1] - base - heater) <= half:
                # The heater came first, the pump within this interval.
                return _crossing(pts, i, base + heater, pump, window=window, gap=gap)
            if moved is not None and moved < i:
                # A reading between showed part of both: the pump switched
                # around it, not at the first full reading after (inside
                # its window, by its share of both, on an averaging plug
                # read every second or two).
                if not averaging:
                    return pts[moved]
                if gap <= _FAST_GAP_S:
                    return _crossing(pts, moved, base, both, window=window, gap=gap)
            return _crossing(pts, i, base, both, window=window, gap=gap)
    return pts[-2]


def _pump_share_then_heater(
    pts: Sequence[float],
    i: int,
    level: float,
    heater: float,
    pump: float,
    *,
    whole_before: bool = False,
) -> bool:
    """Whether reading ``i`` is the pump's partial reading and the next the heater's, both switching one way from ``level``.

    Read every few seconds, a pump and a heater that switch in two
    readings' intervals leave one partial reading each, their order not
    known from the edge's size alone. Reading ``i`` strays from ``level``
    by less than the pump's step, past the noise: 0.15 of the step (what
    ``moved`` reads), and a level's own noise and the mains' drift
    (``_STILL_W`` and ``_STILL_SHARE`` of it: regression seed 8,000,044,
    a thermostat's pump calibrated at 29 W, read 1,372, 1,368, 1,362,
    1,133, 3 W, the mains' 10 W drift and the heater's fall taken for the
    pump's stop, a false 103 s shot). The next reading strays by the
    pump's step or more and still by less than the heater's. A heater that
    switched first would have moved the next reading by its whole step
    (off, or on and staying): only the pump switched in reading ``i``, and
    its share there dates it. Dev seed 21,000,013 every 5 s, a heat
    exchanger's 156 W pump beside its 1,398 W heater: 1,552, 1,444,
    1,149, 4 W; the pump stopped in the 1,444 W reading (0.32 of its step
    left), the heater in the next; a 25.8 s shot's stop was dated 8.6 s
    late, at the standby's first reading. With ``level`` a reading of both
    whole (``whole_before``), reading ``i`` may stray by the noise either
    way: the pump ran through it and stopped at its end (the share clamps
    to none). Every 5 s, duration error p95 (thermostat, heat exchanger,
    dual boiler): dev 20M-29M 5.99, 9.87, 10.11 s to 5.69, 9.20, 9.10 s;
    regression 5M-9M 6.05, 11.26, 12.83 s to 5.75, 10.41, 12.69 s;
    150M-157M 5.85, 9.10, 11.56 s to 5.64, 8.56, 11.15 s. Shots the same
    but for one heat exchanger's on dev (20,000,036) and one on 150M-157M
    (150,000,053): each start was dated 5-7 s late by a rise whose first
    reading fits the heater alone (3, 1,264, 1,371 W), and the stop dated
    as late had made up for it; no false shot more.
    """
    p, h = abs(pump), abs(heater)
    if heater * pump <= 0.0 or i + 3 >= len(pts):
        return False
    noise = max(0.15 * p, _STILL_W + _STILL_SHARE * level)
    low = -noise if whole_before else noise
    way = 1.0 if pump > 0.0 else -1.0  # (a fall's readings stray down)
    first = (pts[i + 1] - level) * way
    then = (pts[i + 3] - level) * way
    return low <= first <= p + noise and p - noise <= then < h - noise


def _ran_on_past_rise(
    pts: Sequence[float], i: int, base: float, heater: float, pump: float
) -> int:
    """The next reading, when it shows a falling pump still on after reading ``i`` at the level after a heater's rise.

    Read every few seconds, a heater rising and the pump stopping in one
    edge: reading ``i`` at the level after (the heater on and the pump
    off) may be the heater's partial reading with the pump still on.
    The next reading, inside the edge, standing over that level by more
    than the mains move a heater (``_MAINS_MOVE``) and by no more than the
    pump's step, holds the heater whole and part of the pump: it ran on
    past the heater's rise and stopped in that reading (regression seed
    6,000,053, a thermostat with a 145 W rotary pump: 152, 152, 1,198,
    1,302, 1,201 W, a 19.3 s shot's stop dated at the heater's rise, 11.1 s).
    Only a falling pump beside a rising heater (``pump`` negative,
    ``heater`` positive); a vibratory pump's share stays within the mains'
    move. 0: none.
    """
    j = i + 2
    if pump >= 0.0 or heater <= 0.0 or j + 2 >= len(pts):
        return 0  # (the last reading is the level after's own)
    over = pts[j + 1] - base - heater - pump
    return j if _MAINS_MOVE * heater < over <= -pump else 0


def _off_after(pts: Sequence[float], i: int, heater: float, pump: float) -> bool:
    """Whether a reading after reading ``i`` shows a rising pump off beside the heater.

    Read every few seconds, reading ``i`` holds the heater whole and a part
    of the pump's step: the pump's start inside it, or the tail of an
    earlier run (a flush, a backflush's pulse) that stopped in it. A later
    reading of the heater alone (``heater``, the level the pump rises
    from: within ``_OFF_SHARE`` of the pump's step) shows the pump off
    then; it runs on once started, so that part was the earlier run's, and
    the start comes later. Thermostat 7000029 every 5 s: a flush's last
    1.3 s in 1,427 W, the heater alone at 1,388 W, then the next flush
    (1,513 W, 1,508 W): a 7.45 s flush read as a 16.7 s shot from the
    first. Regression 5M-9M every 5 s: thermostat false shots 3 -> 2, no
    shot lost; dev 20M-29M unchanged (thermostat, heat exchanger, dual
    boiler).
    """
    return pump > 0.0 and any(
        abs(pts[j + 1] - heater) <= _OFF_SHARE * pump for j in range(i + 2, len(pts), 2)
    )


def _two_steps(
    values: Sequence[float],
    before: float,
    mid: float,
    after: float,
    *,
    most: tuple[int, int],
    tol: float,
) -> int | None:
    """Where readings fit two switchings in order, ``before`` to ``mid`` to ``after``.

    An averaging plug reads each switching as a few partial readings at
    most (``most``: for the first and the second), each between the levels
    around it; readings at ``mid`` (within ``tol``) may come between.
    Returns how many readings the first switching takes (one at least, and
    one at least left to the second but for a reading at ``mid`` last), or
    None when no split fits.
    """
    lo1, hi1 = min(before, mid) - tol, max(before, mid) + tol
    lo2, hi2 = min(mid, after) - tol, max(mid, after) + tol
    n = len(values)
    for k in range(n, 0, -1):
        head, tail = values[:k], values[k:]
        if not tail and abs(head[-1] - mid) > tol:
            continue
        if not all(lo1 <= v <= hi1 for v in head):
            continue
        if not all(lo2 <= v <= hi2 for v in tail):
            continue
        if sum(abs(v - mid) > tol for v in head) > most[0]:
            continue
        if sum(abs(v - mid) > tol for v in tail) > most[1]:
            continue
        return k
    return None
