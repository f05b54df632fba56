"""Measure the pump's step from a metering plug: calibration and learning.

A pure module (no Home Assistant), beside the detector it serves
(``pump``): the options flow's ``calibrate`` step reads the pump's
step from a short run the user makes, with the idle minutes before it for the
noise; ``learn_pump_watts`` reads it at the edges of a run that a relay or a
brew sensor dated. Both refuse rather than guess: a step that the heaters'
edges could explain, or idle noise comparable to the step (a PID driving an
SSR faster than the plug reports), gives an error, and counting by power is
then refused.

The readings are segmented into edges by the detector's own steady-state
detection (``PumpDetector``), so that calibration and detection see one signal
alike; the rest pairs the run's rise and fall around the heaters' edges.
"""

from __future__ import annotations

from collections.abc import Sequence
import copy
from dataclasses import dataclass
import itertools
import math
from typing import Final

from .pump.constants import _NOISE_RATE_PER_MIN, _SMALL_PUMP, MAX_WATTS
from .pump.detector import PumpDetector
from .pump.steps import _Edge
from .readings import Reading

# What a calibration accepts.
CAL_MIN_W: Final = 20.0
CAL_MAX_W: Final = 400.0
PUMP_MAX_W: Final = 250.0  # a step the flow saves: home pumps draw 40-200 W
CAL_MIN_S: Final = 3.0
CAL_MAX_S: Final = 30.0
CAL_MAX_S_SLOW: Final = 45.0  # (the flow asks a slow plug for a longer run)
# The run the options flow asks for (s), and from a plug reporting slowly
# (every ``SLOW_PLUG_S`` s or more): ``CAL_RUNS_SLOW`` runs, each about
# ``CAL_RUN_SLOW_S`` s, ``CAL_PAUSE_SLOW_S`` s apart.
CAL_RUN_S: Final = 10
CAL_RUN_SLOW_S: Final = 30
CAL_RUNS_SLOW: Final = 3
CAL_PAUSE_SLOW_S: Final = 30
SLOW_PLUG_S: Final = 4.0
_BLIP_READINGS: Final = 3  # an excursion longer than this is a new level
_RAMP_MAX_S: Final = 3.0  # a vibratory pump's ramp lasts up to this long
_PID_PULSES_PER_MIN: Final = 2.0  # idle pulses that show a slow PID (calibration)
_NOISY_W: Final = 25.0  # idle noise at which a calibration refuses, whatever the step
_FLOOR_READINGS: Final = 3  # a slow PID's run floor: readings at the pump's level
_FLOOR_AGREES: Final = 0.1  # a step this near the run's floor stands
_STANDBY_SHARE: Final = 0.4  # idle time at the standby between a slow PID's pulses
_WINDOWED_SHARE: Final = 0.2  # ... enough when the pulses recur once per window
_WINDOWED_PULSES: Final = 10  # pulse-to-pulse intervals that show the window
_WINDOWED_AGREE: Final = 0.8  # share of them at the window's period
_WINDOW_READINGS: Final = 2.5  # a window shorter than this many readings hides the pump
_AVERAGED_PARTIALS: Final = 1.6  # partial readings per standby one: a fast PID's
_UNHELD_NOISE: Final = 0.25  # share of the step: pulses never back at a standby hide it
_ALONE_AGREES: Final = 0.3  # a pump read alone at its start stands this near the fall
_UNDER_STEP: Final = 0.5  # a run reading between two lies above this share of a step
_RUNS_AGREE: Final = 0.15  # two runs' steps this near (of the larger) stand


@dataclass(frozen=True, slots=True)
class Calibration:
    """The outcome of a calibration: the pump's step and the idle noise."""

    pump_watts: float | None
    noise_watts: float
    error: str | None
    """None, "no_pump_seen" or "too_noisy"."""


def _valid(readings: Sequence[Reading]) -> list[Reading]:
    """The readings in time order, those the detector would take."""
    out = [
        r
        for r in readings
        if r.watts is not None and math.isfinite(r.at) and 0.0 <= r.watts <= MAX_WATTS
    ]
    out.sort(key=lambda r: r.at)
    return out


def _edges(
    readings: Sequence[Reading], pump_watts: float
) -> tuple[PumpDetector, list[_Edge]]:
    """Run a detector over the readings; return it and every edge it saw."""
    det = PumpDetector(pump_watts)
    edges: list[_Edge] = []
    det._record = edges
    _feed(det, readings)
    if readings:
        _finish(det, readings[-1])
    return det, edges


def _feed(det: PumpDetector, readings: Sequence[Reading]) -> None:
    """Feed a detector the readings, advancing it at its deadlines."""
    for r in readings:
        deadline = det.next_deadline
        if deadline is not None and deadline < r.at:
            det.advance(deadline)
        det.feed(r.at, r.watts, r.volts)


def _finish(det: PumpDetector, last: Reading) -> None:
    """Decide what a detector still holds at the last reading it was fed."""
    det.advance(last.at)
    det._release()


class _PrefixEdges:
    """``_edges(valid[:k], CAL_MIN_W)`` for many ``k``, each reading fed once.

    ``_checked_by_floor`` calibrates every prefix of the readings since the
    click: the detector fed the first ``k`` readings is the one fed the
    first ``k - 1`` and one more, so one detector is fed along, and a copy
    of it finished (as ``_edges`` finishes its own) for each prefix asked.
    A shorter prefix than the one fed so far starts the feeding again.
    """

    def __init__(self, valid: Sequence[Reading]) -> None:
        self._valid = valid
        self._done: dict[int, tuple[PumpDetector, list[_Edge]]] = {}
        self._fed = 0
        self._det, self._edges = _edges((), CAL_MIN_W)

    def __call__(self, k: int) -> tuple[PumpDetector, list[_Edge]]:
        """The detector fed the first ``k`` readings and every edge it saw."""
        done = self._done.get(k)
        if done is None:
            if k < self._fed:
                self._fed = 0
                self._det, self._edges = _edges((), CAL_MIN_W)
            _feed(self._det, self._valid[self._fed : k])
            self._fed = k
            # (One copy of both: the copy's edges are the ones it records.)
            det, edges = copy.deepcopy((self._det, self._edges))
            if k:
                _finish(det, self._valid[k - 1])
            done = self._done[k] = det, edges
        return done


def _pump_part(
    edge: _Edge, heaters: Sequence[float], rising: bool
) -> tuple[float, bool]:
    """The pump's share of an edge: the edge itself, or beside a heater's.

    Returns the share (0 when none fits) and whether the edge was the pump's
    alone; a heater may have switched either way in the same edge.
    """
    x = edge.delta if rising else -edge.delta
    swaps = _hand_overs(heaters)
    # One heater handing over to the other (a dual boiler): their difference
    # may be the size of a rotary pump's step.
    if any(abs(abs(x) - d) <= max(20.0, 0.06 * d) for d in swaps):
        return 0.0, False
    if CAL_MIN_W <= x <= CAL_MAX_W:
        return x, True
    best = 0.0
    for size in (*heaters, *swaps):
        for rest in (x - size, x + size):
            if CAL_MIN_W <= rest <= CAL_MAX_W and (not best or rest < best):
                best = rest
    return best, False


def _hand_overs(heaters: Sequence[float]) -> list[float]:
    """The steps of one heater handing over to another: their differences."""
    return [abs(a - b) for a, b in itertools.combinations(heaters, 2)]


def _idle_noise(
    edges: Sequence[_Edge],
    until: float,
    step: float,
    span: float,
    heaters: Sequence[float] = (),
) -> float:
    """Unexplained steps comparable to ``step`` before ``until``, weighted by rate.

    A heater's edge is explained, and so is a hand-over between two heaters
    (a dual boiler): ``heaters`` are the sizes seen, those well above the
    step only (a size like the pump's explains nothing). Seen once is
    enough: dev 22000031 (dual boiler, rotary, on change) handed over 287 W
    four times in its idle ten minutes, 25.4 W of noise beside a 189 W step
    for heaters seen once each (1290, 1007 W), and was refused.
    """
    big = [h for h in heaters if h > 1.5 * step]
    known = [*big, *_hand_overs(big)]

    def explained(size: float) -> bool:
        return any(abs(size - k) <= max(15.0, 0.05 * k) for k in known)

    sizes = sorted(
        abs(e.delta)
        for e in edges
        if e.at < until
        and 0.3 * step <= abs(e.delta) < max(300.0, 4.0 * step)
        and not explained(abs(e.delta))
    )
    if not sizes or span <= 0.0:
        return 0.0
    typical = min(sizes[len(sizes) // 2], 2.0 * step)
    rate = len(sizes) / max(span / 60.0, 1.0)
    return typical * min(1.0, rate / _NOISE_RATE_PER_MIN)


def _tol(level: float) -> float:
    """How far two readings of one level may lie apart (noise, drift)."""
    return 8.0 + 0.01 * abs(level)


_WAIT: Final = (math.nan, math.nan)
"""``_plateau``: the fall is found, the level after it needs more readings."""


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
            prev = xs[i - 1][1]
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
            elif (
                abs(prev - big) > agree
                and not under
                and not _alone_before_heater(xs[rise : i + 1], base, step)
            ):
                continue
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
            ons = [(w, v) for _, w, v in xs[max(rise + 1, i - 4) : i + 1]]
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
    return any(-CAL_MAX_W < d < -max(2.0 * tol, CAL_MIN_W) for d in apart[1:4])


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


def _rise(
    xs: Sequence[tuple[float, float, float | None]], base: float, start: int
) -> int | None:
    """The first reading from ``start`` on that rose clearly above ``base``."""
    over = max(_tol(base), 10.0)
    return next((k for k in range(start, len(xs)) if xs[k][1] - base > over), None)


def _level(
    readings: Sequence[tuple[float, float | None]], near: float, agree: float
) -> float:
    """The median of the readings within ``agree`` of ``near`` (all if 0)."""
    values = sorted(w for w, _ in readings if not agree or abs(w - near) <= agree)
    return values[len(values) // 2]


def _idle_minute(valid: Sequence[Reading], after: float) -> list[float]:
    """The watts read in the idle minute before the click at ``after``."""
    return [float(r.watts or 0.0) for r in valid if after - 60.0 <= r.at < after]


def _standby_level(idle: Sequence[float]) -> float:
    """The standby of idle readings: the median of those near the lowest."""
    low = min(idle)
    return _level([(w, None) for w in idle], low, _tol(low))


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
    """
    if any(abs(x[1] - base) <= _tol(base) for x in xs[1:-1]):
        return None
    values: list[float] = []
    read: list[int] = []  # the readings they come from
    for k in range(len(xs) - 1):
        w = xs[k][1] - base
        if CAL_MIN_W * 0.5 < w < CAL_MAX_W:
            values.append(w)
            read.append(k)
            if xs[k + 1][0] - xs[k][0] >= silence:
                values.append(w)  # held through the silence
                read.append(k)
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


def _blips(
    valid: Sequence[Reading], until: float, step: float, *, new_levels: bool = False
) -> float:
    """Excursions like the pump's and back, a minute, before ``until``.

    Like the pump's: a third of ``step`` or more, never more than 2.5 times
    it (a heater's pulse read whole, or most of it, is no pump's). With
    ``new_levels`` (a plug reporting every few seconds, whose 5 s averages
    of a slow PID's pulses look like the pump's level), they are counted at
    the idle level the run left: an excursion longer than a few readings
    (a heat-up ending) is a new level, and the count starts again there.
    """
    idle = [(r.at, float(r.watts or 0.0)) for r in valid if r.at < until]
    if len(idle) < 10:
        return 0.0
    since, level = idle[0]
    count = 0
    peak = 0.0
    away = 0  # readings off the level in a row
    for at, w in idle:
        dev = abs(w - level)
        if dev >= max(0.3 * step, 8.0):
            peak = max(peak, dev)
            away += 1
            if new_levels and away > _BLIP_READINGS:
                since, level, count, peak, away = at, w, 0, 0.0, 0
        else:
            away = 0
            if peak and peak <= 2.5 * step:
                count += 1
            peak = 0.0
            level += 0.3 * (w - level)
    return count / max((until - since) / 60.0, 1.0)


def _gaps(readings: Sequence[Reading]) -> list[float]:
    """The seconds between consecutive readings, sorted (quantiles read the plug)."""
    return sorted(b.at - a.at for a, b in itertools.pairwise(readings))


def _hold_silence(gaps: Sequence[float]) -> float:
    """A silence after a reading this long says its level held (``gaps`` sorted).

    Two and a half of the plug's usual intervals (the lower quartile of its
    gaps), at least 3 s: longer than a dropped reading leaves.
    """
    return max(3.0, 2.5 * gaps[len(gaps) // 4]) if gaps else math.inf


def _reports_slowly(readings: Sequence[Reading]) -> bool:
    """Whether the readings come ``SLOW_PLUG_S`` apart or more, even the closest.

    A low quantile of the gaps: a plug reporting on change is silent while
    nothing changes, but reports each second while something does.
    """
    gaps = _gaps(readings)
    return len(gaps) >= 10 and gaps[len(gaps) // 10] >= SLOW_PLUG_S


def calibration_runs(readings: Sequence[Reading]) -> int:
    """How many separate runs to ask the user for, from the idle readings before.

    One; ``CAL_RUNS_SLOW`` from a plug that reports every few seconds: the
    mains moves a heater's share by 8-30 W between the last reading before
    the pump's stop and the first after (a 45 W pump's 18-60 %), and one
    unseen step of it decided a single run's value (dev 20M-29M at 5 s: 75 of
    480 machines saved a step more than 10 % off). The median of separate
    runs (``SeveralRuns``) needs two such steps.
    """
    return CAL_RUNS_SLOW if _reports_slowly(_valid(readings)) else 1


def calibration_run_seconds(readings: Sequence[Reading]) -> int:
    """How long to ask the user to run the pump (each run), from the idle readings.

    About 10 s; about ``CAL_RUN_SLOW_S`` s from a plug that reports every few
    seconds: each of its readings averages seconds of power, so a 10 s run
    is two or three readings, the pump's partial ones among the heater's
    (which cold water starts a few seconds in). A longer run gives levels
    that hold on both sides of the pump's stop (Hart's steady states).
    """
    return CAL_RUN_SLOW_S if _reports_slowly(_valid(readings)) else CAL_RUN_S


def calibration_wait_seconds(run_seconds: int, runs: int = 1) -> int:
    """How long the flow waits for ``runs`` runs of about ``run_seconds`` each.

    The user starts within seconds, may run half as long again as asked,
    and the level after the run must hold a few readings: 60 s for 10 s.
    Several runs add theirs and the pauses between (``CAL_PAUSE_SLOW_S``)
    as long as a user makes them (up to 1.4 times a run, 1.6 times a pause).
    """
    if runs == 1:
        return run_seconds + 50
    return round(1.4 * runs * run_seconds + 1.6 * (runs - 1) * CAL_PAUSE_SLOW_S) + 50


def calibrate(readings: Sequence[Reading], *, pump_started_after: float) -> Calibration:
    """Measure the pump's step from a short run the user made.

    ``readings``: an idle stretch (the minutes before ``pump_started_after``)
    and the window in which the user ran the pump for about 10 s (3-30 s
    accepted), or about 30 s from a plug reporting every few seconds
    (``calibration_run_seconds``; up to 45 s accepted). Called again on every
    new reading, it gives a step only once the run is over and the level after
    it held. The step is read at the run's sharp fall (``_plateau``): the
    median of the last readings that held before it (past a vibratory pump's
    ramp, a rotary one's inrush, a stale repeated value) less the level after,
    with a heater's share scaled to the mains when the plug reports volts
    (beside a heater, the mean of several readings each side, each scaled by
    its own volts); when the pump was seen alone before a heater came on, that
    level is the step (``_alone_then_heater``, also between a slow PID's
    pulses). Failing that, a rise and a fall of about one size once a heater's
    edge is taken out (``_paired_step``), once the level after it held a few
    readings; then a stop hidden in a heater's rise (``_stop_in_heater``), or
    single readings that pair between a slow PID's pulses (``_pulsed_pump``);
    last, the pairing again with only the heaters seen more than once.
    Every 5 s, a small pump read alone between its start and a heater's
    replaces a step that lies more than a tenth off it (``_alone_at_start``).
    Beside a slow PID's pulses, the step is checked against the run's floor,
    the pump read alone between them (``_checked_by_floor``).
    A step that a reading early in the run lies well under, between two
    readings that held it (``_read_under``: a heater's share in the step),
    asks for the run again ("no_pump_seen"): never a wrong figure.
    The noise is what the idle stretch holds of unexplained steps, of
    pump-sized pulses (part of a PID heater's) and of spread.

    Errors:
    "no_pump_seen" when there is no such run, "too_noisy" when the noise is
    half the step or more, or 25 W whatever the step (a PID driving an SSR
    fast).
    """
    valid = _valid(readings)
    result = _calibrate(valid, pump_started_after)
    if result.pump_watts is not None and not _reports_slowly(
        [r for r in valid if r.at < pump_started_after]
    ):
        base = _pulsing_standby(valid, pump_started_after)
        if base is not None:
            result = _checked_by_floor(valid, pump_started_after, base)
    if result.pump_watts is not None and _read_under(
        valid, pump_started_after, result.pump_watts
    ):
        return Calibration(None, result.noise_watts, "no_pump_seen")
    return result


class SeveralRuns:
    """Calibrate several separate runs one after the other; the median is the step.

    The options flow asks a plug reporting every few seconds for
    ``calibration_runs`` runs: each is measured by ``calibrate`` as a run of
    its own, against the same idle minutes before the click, the readings
    of the runs before left out (no idle noise) but the last at the level
    they left. The next run starts after the last reading that did not rise
    from that level, as if clicked then (the level before it is read at its
    own readings, not at a partial one of the previous fall: dev 20000029,
    a rotary pump's third run refused). A run measured before its stop
    (the pump read alone before a heater came on) is followed by its fall
    first, at half its step or more (regression 9000020: the rest of the
    first run was read as the second, 29.0 W for 48.8 W, median 34.0; dev
    20000020 through ``test_power_calibration_alone_at_start``'s trace was
    refused, now 48.0 W for 49.5 W). One unseen mains step spoils one
    run's step, not the median: dev 20M-29M at 5 s (thermostat, heat
    exchanger, dual boiler; three 30 s runs 30 s apart), machines saved more
    than 10 % off 77 -> 24 of 480 against the first run alone. Fed every
    new reading (``add``), it gives a verdict once every run is measured or
    a run is too noisy; ``verdict`` is the one when the flow's wait is over.

    Runs lost in the one wait (dev 20M-29M at 5 s, first try: 154 of 480
    machines had fewer than three measured) are not what leaves machines
    off: of the 21 saved more than 10 % off, 15 had all three measured, and
    19 had two or more runs more than 10 % off themselves (20 of the 21
    vibratory pumps, a small step beside a heater). Measuring the runs lost
    (a run started before the verdict on the one before), or prompting each
    run in turn, left 27 and 46 of 480 more than 10 % off against 24.

    Nor are the runs' ends: a vibratory pump's run is off by a reading's
    noise beside the heater (a few W) whatever they are (dev: 110 of 362
    runs with the heater at both ends more than 10 % off, 76 of 251 with
    the standby before it and the heater after). The mean of the runs
    within 30 % of the median (a mains step's run left out) saved dev 24 ->
    21 of 480 more than 10 % off (regression 5M-9M 20 -> 18 of 240), the
    mean of three that spread less than 30 % of it 24 -> 21 (20 -> 20), and
    dev recalled 6 and 3 shots more; but each added a false shot on dev
    (dual boiler 14 -> 15: 29000060, saved 65.6 W for 65.7 W against
    71.0 W, reads a heater's hand-over as a run) and cost 6 and 4 shots on
    regression (dual boiler 583 -> 578, 579): the detector answers a few
    tenths of a W (dev 21000012, heat exchanger, 36.0 -> 36.3 W: a false
    shot more). Left at the median.
    """

    def __init__(self, readings: Sequence[Reading], click: float, runs: int) -> None:
        self._idle = [r for r in readings if r.at < click]
        self._since = [r for r in readings if r.at >= click]
        self._runs = runs
        self._after = click
        self._steps: list[Calibration] = []
        self._last: Calibration | None = None
        self._rising: float | None = None
        """When the next run rose (its start no longer moves)."""
        self._peak: float | None = None
        """The run's top while its fall, after its step was measured, is awaited."""

    def add(self, reading: Reading) -> Calibration | None:
        """A new reading; the verdict once every run is measured (or too noisy)."""
        if self._peak is not None and reading.watts is not None:
            # Measured before its stop (the pump read alone before a heater
            # came on): the next run comes after the run's fall.
            self._peak = max(self._peak, reading.watts)
            self._after = math.nextafter(reading.at, math.inf)
            self._since = [reading]
            if self._peak - reading.watts >= 0.5 * float(
                self._steps[-1].pump_watts or 0.0
            ):
                self._peak = None
            return None
        if self._steps and reading.watts is not None and self._since:
            # Waiting for the next run: a reading that did not rise from the
            # level is idle, and the run starts after it (as if clicked then:
            # the level before the run is read at its last readings, not at
            # the previous run's fall, perhaps read in part).
            level = sorted(float(r.watts or 0.0) for r in self._since[-3:])
            base = level[len(level) // 2]
            if reading.watts - base <= max(_tol(base), 10.0) and self._rising is None:
                self._after = math.nextafter(reading.at, math.inf)
            else:
                self._rising = reading.at
        self._since.append(reading)
        result = calibrate([*self._idle, *self._since], pump_started_after=self._after)
        self._last = result
        if result.error == "too_noisy":
            return result
        if result.error is not None or result.pump_watts is None:
            return None
        self._steps.append(result)
        if len(self._steps) >= self._runs:
            return self.verdict()
        # The next run: from just after this reading, the level the run
        # left (the last readings at this one's level) read before it; from
        # after its fall if none came yet (a reading at the run's top).
        run = [float(r.watts or 0.0) for r in self._since if r.at >= self._after]
        top = max(run, default=0.0)
        if top - float(reading.watts or 0.0) < 0.5 * result.pump_watts:
            self._peak = top
        tol = _tol(float(reading.watts or 0.0))
        left = [
            r
            for r in self._since[-3:]
            if r.watts is not None and abs(r.watts - float(reading.watts or 0.0)) <= tol
        ]
        self._since = left
        self._after = math.nextafter(reading.at, math.inf)
        self._rising = None
        return None

    def verdict(self) -> Calibration:
        """The median of the runs measured; else the last run's verdict.

        Two runs measured (the third missed, or not made) must agree within
        ``_RUNS_AGREE`` (their mean is the step), else the user is asked
        again ("no_pump_seen"): one of them may be the spoilt one. One run
        measured is a single run's step, as asked of a fast plug.
        """
        if not self._steps:
            return self._last or Calibration(None, 0.0, "no_pump_seen")
        steps = sorted(float(c.pump_watts or 0.0) for c in self._steps)
        noise = max(c.noise_watts for c in self._steps)
        if len(steps) == 2:
            if steps[1] - steps[0] > _RUNS_AGREE * steps[1]:
                return Calibration(None, noise, "no_pump_seen")
            return Calibration(round((steps[0] + steps[1]) / 2.0, 1), noise, None)
        return Calibration(round(steps[len(steps) // 2], 1), noise, None)


def _read_under(valid: Sequence[Reading], after: float, step: float) -> bool:
    """Whether the run shows the pump's level well under ``step``: a heater's share in it.

    While the pump runs, a reading is its level at least (a heater adds to
    it), and a vibratory pump's ramp starts at half its level. A reading in
    the run's first seconds, above the standby by a pump's size (20 W) but
    under ``_UNDER_STEP`` of
    the step, between two readings that each lie a step or more above the
    standby (the pump ran on both sides), says the step holds a heater's
    share: a slow PID's pulse, read in part, taken for the pump's level (the
    bench seed's 233.4 W for 59.5 W, read alone at 59.6 W between pulses).
    The readings cannot tell the pump's own then: the user is asked to run
    it again.
    """
    idle = _idle_minute(valid, after)
    if not idle:
        return False
    base = _standby_level(idle)
    xs = _distinct(valid, after, CAL_MAX_S_SLOW)
    run = _run_stretch(xs, base)
    if run is None:
        return False
    # The run's first seconds, which the user's run outlasts (after it, a
    # PID's pulses read in part lie at any level); its first reading may be
    # a pulse's, read a second before the pump started, and the next the
    # pump's start, read in part: the reading under the step comes later.
    start = xs[run[0]][0]
    ws = [(at - start, w - base) for at, w, _ in xs[run[0] : run[1]]]
    return any(
        since <= CAL_MIN_S + 1.0
        and CAL_MIN_W <= x < _UNDER_STEP * step
        and min(a, b) >= step
        for (_, a), (since, x), (_, b) in zip(ws[1:], ws[2:], ws[3:], strict=False)
    )


def _calibrate(
    valid: Sequence[Reading],
    pump_started_after: float,
    step: float | None = None,
    prefixes: _PrefixEdges | None = None,
) -> Calibration:
    """``calibrate`` on valid readings, before its slow PID's floor; or at ``step``.

    ``prefixes``: the edges of prefixes of the readings that ``valid`` is
    one of (``_PrefixEdges``), when the caller calibrates many of them.
    """
    if not valid:
        return Calibration(None, 0.0, "no_pump_seen")
    det, edges = _edges(valid, CAL_MIN_W) if prefixes is None else prefixes(len(valid))
    idle = [r for r in valid if r.at < pump_started_after]
    # The idle stretch lasts until the click: a plug reporting on change is
    # silent while nothing changes (silence means unchanged).
    span = pump_started_after - idle[0].at if len(idle) > 1 else 0.0
    slow = _reports_slowly(idle)
    longest = CAL_MAX_S_SLOW if slow else CAL_MAX_S
    pulsed = False  # the step paired single readings among a PID's pulses
    if step is None:
        plateau = _plateau(valid, pump_started_after, longest)
        if plateau is _WAIT:
            return Calibration(None, 0.0, "no_pump_seen")  # not yet: a reading more
        if plateau is not None:
            step = plateau[0]
        else:
            step = _alone_then_heater(valid, pump_started_after, longest)
        if step is None:
            step = _held_paired_step(
                valid, edges, det, pump_started_after, longest=longest, slow=slow
            )
        if step is None:
            step = _stop_in_heater(edges, pump_started_after)
        if step is None:
            step = _hidden_in_two_heaters(edges, pump_started_after)
        if step is None:
            step = _pulsed_pump(valid, pump_started_after)
            pulsed = step is not None
        if step is None:
            step = _alone_between_heater(valid, pump_started_after, longest)
        if step is None:
            # A heater seen once (a partial reading's level, the heat-up's) may
            # have left a pump-sized rest of a heater's rise that came with the
            # pump: without it, that rise hid a heater and the fall is the step.
            step = _held_paired_step(
                valid,
                edges,
                det,
                pump_started_after,
                longest=longest,
                slow=slow,
                sure=True,
            )
        if step is not None and slow:
            step = _or_alone_at_start(valid, pump_started_after, longest, step)
    if step is None:
        # The spread of the idle readings (a heater on after the run, its
        # level noisier in watts, says nothing of the pump's visibility).
        spread = det._sd
        if idle:
            # (The idle readings come first: ``valid`` is in time order.)
            quiet = _edges(idle, CAL_MIN_W) if prefixes is None else prefixes(len(idle))
            spread = quiet[0]._sd
        noise = max(_idle_noise(edges, pump_started_after, 40.0, span), 2.5 * spread)
        pid = slow and _pid_averaged(idle)
        standby = None if slow else _standby_between_pulses(idle, pump_started_after)
        if standby is not None:
            noise = standby  # a slow PID's pulses: no noise, the run is still awaited
        error = "too_noisy" if noise >= 20.0 or pid else "no_pump_seen"
        return Calibration(None, round(noise, 1), error)
    check, _ = _edges(idle, step)
    if idle:
        # The detector's noise window (300 s) ends at the click, as it would
        # live: on change, the last idle reading may come minutes before it.
        check.advance(pump_started_after)
    # Heaters seen once explain a hand-over too (``_idle_noise``): a dual
    # boiler's steam heater handing over to the brew heater and back.
    heaters = [h.size / det._k for h in det._heaters]
    noise = max(
        check.noise_watts,
        _idle_noise(edges, pump_started_after, step, span, heaters),
    )
    apart = _pulses_apart(idle, step, check.noise_watts)
    if _blips(valid, pump_started_after, step, new_levels=slow) >= 4.0 and not apart:
        # Pulses like the pump's, one every quarter minute or more often (a
        # PID's heater): the pump's own would not stand out. (Fewer, a
        # reading or two long, pass: the detector steps over such pulses;
        # so do a slow PID's single readings between which the level holds.)
        noise = max(noise, 0.5 * step)
    if slow and (_steady_share(idle) < 0.6 or _pid_averaged(idle)):
        # Read every 5 s, the idle level seldom holds (a PID's heater, its
        # pulses averaged into levels of any size): no level to read the
        # pump's step against.
        noise = max(noise, 0.5 * step)
    if not slow and _bursts_averaged(idle):
        # Read every second or two, a fast PID's bursts average into partial
        # readings of any size, the pump's among them: nothing to pair.
        noise = max(noise, 0.5 * step)
    standby = None if slow else _standby_between_pulses(idle, pump_started_after)
    if standby is not None:
        # A slow PID's pulses of its one heater, back at the standby that
        # holds most of the time: a known appliance, not noise (the floor
        # reads the pump's runs under them); the noise is the standby's.
        noise = standby
        apart = True
    elif not slow and _unheld_pulses(idle, pump_started_after, noise, step):
        noise = max(noise, 0.5 * step)
    # The detector fed the idle readings may be ambiguous at the click: not
    # for a slow PID's pulses that stand apart, which it steps over.
    if step > PUMP_MAX_W and not pulsed:
        # No espresso machine's pump draws so much (40-200 W): a heater's
        # share misread as the pump's; the user is asked to run it again.
        # Before the noise check, which measured against a heater's size
        # counts the other heaters' edges (dev 24000006 and 26000014, dual
        # boilers on change: 390 and 315 W, noise 90 and 47 W, refused).
        return Calibration(None, round(noise, 1), "no_pump_seen")
    if noise >= min(0.5 * step, _NOISY_W) or (check.ambiguous and not apart):
        return Calibration(None, round(noise, 1), "too_noisy")
    if step > PUMP_MAX_W:
        # Paired among a PID's pulses, after the noise check: a fast PID's
        # readings stay too_noisy (dev 29000047, pid_fast on change: 349.4 W,
        # noise 77 W; asked again, a later reading paired 115.3 W for 140.3).
        return Calibration(None, round(noise, 1), "no_pump_seen")
    return Calibration(round(step, 1), round(noise, 1), None)


def _standby_between_pulses(idle: Sequence[Reading], until: float) -> float | None:
    """The standby's noise when a slow PID's pulses leave it held most of the time.

    A slow PID switches its one heater on for a part of each window of
    several seconds: read every second or two (or on change), its pulses are
    excursions of a reading or two, back at the standby, which holds
    ``_STANDBY_SHARE`` of the idle time or more (a fast PID's readings, each
    an average of its bursts, seldom fall to it: a quarter of the time at
    most); or ``_WINDOWED_SHARE`` when its pulses recur once per window
    (``_once_per_window``: the heat-up's tail, its longer pulses, in the idle
    minutes). Hart's known-load subtraction: those pulses are the heater's,
    and what is left to judge is the standby's spread (2.5 standard
    deviations). None when the standby does not hold so, or when no PID's
    pulses come twice a minute (``_pid_pulses``: a thermostat's heater holds
    its level for minutes, and its noise is judged as before).
    """
    if len(idle) < 20:
        return None
    values = [float(r.watts or 0.0) for r in idle]
    low = min(values)
    base = _level([(w, None) for w in values], low, _tol(low))
    if not _pid_pulses(idle, until, base):
        return None
    near = max(_tol(base), 10.0)
    held = total = 0.0
    for a, b in itertools.pairwise(idle):
        gap = min(b.at - a.at, 30.0)  # a silence on change: the value held
        total += gap
        if abs(float(a.watts or 0.0) - base) <= near:
            held += gap
    if total <= 0.0 or held < _WINDOWED_SHARE * total:
        return None
    if held < _STANDBY_SHARE * total and not _once_per_window(idle, base, near):
        return None
    at = [w for w in values if abs(w - base) <= near]
    mean = sum(at) / len(at)
    sd = math.sqrt(sum((w - mean) ** 2 for w in at) / len(at))
    return 2.5 * sd


def _once_per_window(idle: Sequence[Reading], base: float, near: float) -> bool:
    """Whether the idle pulses above ``base`` start at one period: a slow PID's window.

    A time-proportional window switches the heater on at each window's start
    for its duty's share (2-10 s windows): however long each pulse, the next
    starts one window later, so the starts of the excursions from the
    standby recur at one period, read to a reading: ``_WINDOWED_AGREE`` of
    the intervals between them (``_WINDOWED_PULSES`` or more) lie within one
    reporting interval of each other (a skipped window, no pulse in it, is
    the rest), and the window spans three readings or more (pulses every
    other reading leave no two of the pump's alone: seed 5000008 calibrated
    at 244.3 W for 47.4 W). A fast PID's bursts, averaged into the readings,
    leave the standby after any number of readings (at most 0.62 in one
    interval's band on the dev and bench seeds, a slow PID's 0.85 or more);
    a thermostat's heater cycles minutes apart, too seldom to count.
    """
    starts = [
        b.at
        for a, b in itertools.pairwise(idle)
        if abs(float(a.watts or 0.0) - base) <= near
        and float(b.watts or 0.0) - base > near
    ]
    apart = sorted(b - a for a, b in itertools.pairwise(starts))
    gaps = _gaps(idle)
    if len(apart) < _WINDOWED_PULSES or not gaps:
        return False
    interval = gaps[len(gaps) // 2]
    if apart[len(apart) // 2] < _WINDOW_READINGS * interval:
        return False  # a pulse every other reading: the pump is never read alone
    width = interval + 0.25  # one reporting interval, and its jitter
    band = last = 0
    for first, x in enumerate(apart):
        while last < len(apart) and apart[last] <= x + width:
            last += 1
        band = max(band, last - first)
    return band >= _WINDOWED_AGREE * len(apart)


def _unheld_pulses(
    idle: Sequence[Reading], until: float, noise: float, step: float
) -> bool:
    """Whether a slow PID's pulses, averaged and never back at a held standby, hide the pump.

    Read every second or two, a slow PID's short window (2-3 s) leaves the
    readings partial ones as often as at the standby (``_pid_averaged``),
    and the standby seldom holds between the pulses
    (``_standby_between_pulses`` found none): the detector cannot step over
    them, and its noise at the step, ``_UNHELD_NOISE`` of it or more, says
    they may reach the pump's size. Seed 29000000 (every 1 s, 60.5 W for
    62.7 W, noise 24.2 W) counted no shot of its 10 and one on a backflush's
    pulse, at the true step too; the machines that read with such pulses
    had a noise of 0.04-0.12 of the step (dev 20M-29M, regression 5M-9M).
    It is the one machine of 480 it refuses, and its noise came mostly from
    the heat-up's tail early in the idle window (its last 5 minutes alone
    give 2.1 W): a refusal it deserved, found by a loose signature.
    A plug reporting on change is left out: its readings are partial ones
    by nature.
    """
    if noise < _UNHELD_NOISE * step or len(idle) < 20:
        return False
    if _skips_unchanged(_gaps(idle)) or not _pid_averaged(idle):
        return False
    minute = _idle_minute(idle, until)
    return bool(minute) and _pid_pulses(idle, until, _standby_level(minute))


def _partials(readings: Sequence[Reading]) -> tuple[int, int]:
    """Readings above the idle level that neither neighbour agrees with, and at it.

    A heater's pulse read in part leaves such a reading; a level that holds
    (the standby, a thermostat's heater) leaves none.
    """
    values = [float(r.watts or 0.0) for r in readings]
    low = min(values)
    idle = _level([(w, None) for w in values], low, _tol(low))
    at_idle = sum(1 for w in values if abs(w - idle) <= _tol(idle))
    partial = sum(
        1
        for a, w, b in zip(values, values[1:], values[2:], strict=False)
        if w - idle > _tol(idle) and abs(w - a) > _tol(w) and abs(w - b) > _tol(w)
    )
    return partial, at_idle


def _pid_averaged(readings: Sequence[Reading]) -> bool:
    """Whether 5 s readings show a slow PID's pulses averaged into partial levels.

    Readings above the idle level that neither neighbour agrees with (a
    heater's pulse read in part) two for every three at the idle level or
    more: a thermostat's heater (or a dual boiler's two) holds its levels
    and leaves one partial reading at each edge (a heat exchanger's, cycling
    often, up to one for two); a PID's pulses, shorter than a reading,
    leave mostly partials (from four for five).
    """
    if len(readings) < 20:
        return False
    partial, at_idle = _partials(readings)
    return 3 * partial >= 2 * at_idle


def _bursts_averaged(readings: Sequence[Reading]) -> bool:
    """Whether readings every second or two are a fast PID's bursts, averaged.

    An SSR switched faster than the plug measures leaves each reading an
    average of its bursts, of any size: few readings at the standby, most a
    partial level. A slow PID's pulses, read in part between readings of the
    standby, leave at most 1.4 partial readings for one at the standby (dev
    seeds 20M-25M, 1 s and 2 s plugs); a fast PID's that calibrated leave 1.9
    to 158 (seed 29000058 calibrated at 81.8 W for 54.1 W, and counted a shot
    on no run). A plug reporting on change is left out: it reports only what
    moved, so its readings are partial ones by nature.
    """
    gaps = _gaps(readings)
    if len(readings) < 20 or _skips_unchanged(gaps):
        return False
    partial, at_idle = _partials(readings)
    return partial >= _AVERAGED_PARTIALS * at_idle


def _pulses_apart(idle: Sequence[Reading], step: float, noise: float) -> bool:
    """Whether a slow PID's pulses, however many, stand apart from a level that holds.

    Read every second or two, a slow PID's short pulses are single partial
    readings, some of a pump's size (``_blips`` counts them). When the idle
    level holds between them (not ``_pid_averaged``: a fast PID's averaged
    readings are partial ones nearly all) and the detector's own noise at
    the step (``noise``) is under 5 W and a tenth of it, the detector steps
    over them and the pump's level stands out: neither the blips' count nor
    the detector's ambiguity at the click (a passing cluster of them)
    refuses it then.
    """
    return noise < min(5.0, 0.1 * step) and not _pid_averaged(idle)


def _steady_share(readings: Sequence[Reading]) -> float:
    """The share of the readings in a level that held: four in a row within its noise."""
    values = [float(r.watts or 0.0) for r in readings]
    steady = [False] * len(values)
    for i in range(len(values) - 3):
        four = sorted(values[i : i + 4])
        if four[-1] - four[0] <= _tol(four[1]):
            steady[i : i + 4] = [True] * 4
    return sum(steady) / len(values) if values else 1.0


def _held_paired_step(
    valid: Sequence[Reading],
    edges: Sequence[_Edge],
    det: PumpDetector,
    after: float,
    *,
    longest: float,
    slow: bool,
    sure: bool = False,
) -> float | None:
    """``_paired_step``, once the fall's level held a few readings.

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
                return anew
        return paired[0]
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
    longer than the edge's by up to a third. A plug reporting every second
    or two, or on change (every second while a heater's level moves; the
    readings asked for either side hold the levels or nothing is read
    again); not a slow plug's, too few around the edge.
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
    if not step <= anew <= min(CAL_MAX_W, step * 4.0 / 3.0):
        return None
    return anew


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


def _ramp_end(edge: _Edge) -> float | None:
    """The last reading inside a rise that showed the pump alone, above the level before.

    None when no reading between the two levels lay in a pump's range
    before the first that rose past it (a heater's partial).
    """
    alone: float | None = None
    for w in edge.pts[5::2]:
        x = w - edge.before
        if x > CAL_MAX_W:
            break
        if x >= CAL_MIN_W:
            alone = x
    return alone


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
    pulsing = _pid_pulses(valid, after, base)
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


def _pulsing_standby(valid: Sequence[Reading], after: float) -> float | None:
    """The standby level, when the idle minute before ``after`` shows a slow PID's pulses."""
    idle = _idle_minute(valid, after)
    if len(idle) < 5:
        return None
    base = _standby_level(idle)
    return base if _pid_pulses(valid, after, base) else None


def _checked_by_floor(
    valid: Sequence[Reading], after: float, base: float
) -> Calibration:
    """A step found beside a slow PID's pulses, checked against the run's floor.

    A step read before the run is seen (an idle pulse's partial readings read
    as a run) waits for it, and any waits for the floor or the run's end
    (``_run_floor``). The verdict is then the one the flow would have had at
    the first reading that gave a step, the run seen (``calibrate`` is called
    on every reading: waiting must not read the run anew from later readings,
    the heater's pulses after it among them); but a floor that disagrees with
    that step by more than a tenth is the step (an inrush, a pulse's partial
    reading read as the pump's level).
    """
    run = _run_floor(valid, after, base)
    if run is None or not run[0]:
        return Calibration(None, 0.0, "no_pump_seen")  # not yet: the run's floor
    floor = run[1]
    start = next((k for k, r in enumerate(valid) if r.at >= after), len(valid))
    prefixes = _PrefixEdges(valid)  # (each prefix's edges from one detector fed along)
    for k in range(start + 1, len(valid) + 1):
        early = _calibrate(valid[:k], after, prefixes=prefixes)
        if early.error == "too_noisy":
            return early
        if early.pump_watts is None or _run_floor(valid[:k], after, base) is None:
            continue
        if floor is not None and abs(floor - early.pump_watts) > _FLOOR_AGREES * floor:
            return _calibrate(valid, after, floor)
        return early
    return _calibrate(valid, after)


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


def _pid_pulses(valid: Sequence[Reading], after: float, base: float) -> bool:
    """Whether the idle readings before ``after`` show a slow PID's heater pulses.

    Excursions above the idle level ``base`` that are back within two
    readings, twice a minute or more often: a PID's time-proportional window
    (a thermostat's heater holds its level for many readings, and cycles a
    minute or more apart).
    """
    idle = [(r.at, float(r.watts or 0.0)) for r in valid if r.at < after]
    if len(idle) < 10:
        return False
    over = max(_tol(base), 10.0)
    pulses = away = 0
    for _, w in idle:
        if w - base > over:
            away += 1
            continue
        pulses += 0 < away <= 2
        away = 0
    return pulses >= _PID_PULSES_PER_MIN * max((after - idle[0][0]) / 60.0, 1.0)


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


def _skips_unchanged(gaps: Sequence[float]) -> bool:
    """Whether the plug reports on change: over a tenth of its (sorted) gaps skip one."""
    if not gaps:
        return False
    interval = gaps[len(gaps) // 4]
    return sum(1 for g in gaps if g > 1.8 * interval) > 0.1 * len(gaps)


def _unchanged_after(gaps: Sequence[float]) -> float:
    """A silence this long after a reading says the next measurement agreed.

    A plug reporting on change (many of its gaps, sorted, are skipped
    measurements) skips one when the value held: twice its interval.
    Otherwise a dropped reading is rare but possible: only a longer silence.
    """
    if not gaps:
        return math.inf
    if _skips_unchanged(gaps):
        return 1.8 * gaps[len(gaps) // 4]
    return _hold_silence(gaps)


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


def _distinct(
    valid: Sequence[Reading], after: float, longest: float = CAL_MAX_S
) -> list[tuple[float, float, float | None]]:
    """The readings of a calibration's window, a stale repeated value dropped."""
    xs: list[tuple[float, float, float | None]] = []
    for r in valid:
        if after <= r.at <= after + longest + 30.0:
            w = float(r.watts or 0.0)
            if xs and w == xs[-1][1]:
                continue  # a stale meter repeating itself shows nothing held
            xs.append((r.at, w, r.volts))
    return xs


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


def _flat(values: Sequence[float], spread: float) -> float | None:
    """The median of readings that hold within ``spread`` (None if they do not)."""
    if not values or values[-1] - values[0] > spread:
        return None
    return values[len(values) // 2]


def learn_pump_watts(
    readings: Sequence[Reading], started: float, ended: float
) -> float | None:
    """Measure the pump's step at the edges of a run known from another signal.

    The run's start and end come from a relay or a brew sensor. The step is
    the fall of the level where the pump stopped (sharp, unlike a vibratory
    pump's ramp at the start): the readings just before and just after it
    must each hold still, with no heater on after it (a heater's share of
    the level moves with the mains). The rise at the start, when its
    readings hold too, must agree. None when a heater masks the fall, the
    rise disagrees, or the step is not a pump's (20-400 W).
    """
    valid = _valid(readings)
    if len(valid) < 3 or not ended > started:
        return None
    gaps = _gaps(valid)
    gap = max(gaps[len(gaps) // 4], 0.5) if gaps else 1.0
    margin = gap + 1.0  # the other signal's and the plug's timestamps differ
    width = max(3.0 * gap, 4.0)

    def level(lo: float, hi: float) -> float | None:
        values = sorted(float(r.watts or 0.0) for r in valid if lo <= r.at <= hi)
        if not values:
            # A plug reporting on change: its last value holds through silence.
            last = [r for r in valid if r.at < lo]
            if not last or hi - last[-1].at > 60.0:
                return None
            values = [float(last[-1].watts or 0.0)]
        return _flat(values, 8.0 + 0.01 * values[-1])

    on = level(max(started + 3.0, ended - margin - width), ended - margin)
    off = level(ended + margin, ended + margin + width)
    if on is None or off is None:
        return None
    fall = on - off
    if not CAL_MIN_W <= fall <= CAL_MAX_W or off > 100.0:
        return None  # not a pump's step, or a heater on (its size moves with the mains)
    # Past a vibratory pump's ramp (up to 3 s) and a rotary one's inrush.
    start = max(3.0, margin)
    before = level(started - margin - width, started - margin)
    early = level(started + start, min(started + start + width, ended - margin))
    if before is not None and early is not None:
        rise = early - before
        if abs(rise - fall) > 0.3 * fall:
            return None  # a heater's edge beside the start, or not the pump
    return round(fall, 1)
