"""A slow PID's idle pulses: whether they show, and the standby between them.

A PID driving its heater by a slow time-proportional window pulses every
few seconds; its pulses, read whole or averaged by the plug, are what makes
the idle noise. These rules tell such pulses (once per window, never back
at a standby, averaged bursts) and read the standby between them.
"""

from __future__ import annotations

from collections.abc import Sequence
import itertools
import math
from typing import Final

from ..readings import Reading
from .constants import (
    _AFTER_FULL_S,
    _ALIASED_PULSE_READINGS,
    _AVERAGED_PARTIALS,
    _FULL_OUTPUT_S,
    _FUZZY_STANDBY,
    _HEATER_UNSEEN_W,
    _PID_PULSES_PER_MIN,
    _PULSE_READINGS,
    _RECENT_PULSES_PER_MIN,
    _RECENT_PULSES_S,
    _STANDBY_SHARE,
    _UNHELD_NOISE,
    _WHOLE_AGAIN,
    _WINDOW_READINGS,
    _WINDOWED_AGREE,
    _WINDOWED_PULSES,
    _WINDOWED_SHARE,
    CAL_MAX_W,
)
from .levels import (
    _gaps,
    _idle_minute,
    _level,
    _never_unchanged,
    _skips_unchanged,
    _standby_level,
    _tol,
)


def _standby_under_pulses(
    idle: Sequence[Reading], until: float, back_within: int = _PULSE_READINGS
) -> tuple[list[float], float, float, float] | None:
    """The idle readings' watts, their standby, its band and the share of time held there.

    Asked only where a PID's pulses show (``_pid_pulses``, each back within
    ``back_within`` readings), twenty readings or more: None otherwise. The
    standby is the median of the readings near the lowest; a silence after
    a reading at it (on change: the value held) counts up to 30 s.
    """
    if len(idle) < 20:
        return None
    values = [float(r.watts or 0.0) for r in idle]
    low = min(values)
    base = _level([(w, None) for w in values], low, _tol(low))
    if not _pid_pulses(idle, until, base, back_within=back_within):
        return None
    near = max(_tol(base), 10.0)
    held = total = 0.0
    for a, b in itertools.pairwise(idle):
        gap = min(b.at - a.at, 30.0)  # a silence on change: the value held
        total += gap
        if abs(float(a.watts or 0.0) - base) <= near:
            held += gap
    if total <= 0.0:
        return None
    return values, base, near, held / total


_PARTIAL_HEATER: Final = 0.7
"""A level held beside the pump's fall under this share of the run's top: a heater's part."""


def _fall_in_bursts(
    valid: Sequence[Reading], after: float, base: float, level: float
) -> bool:
    """Whether the pump's paired fall came down to a heater's part that held: a fast PID's.

    A slow PID switches its one heater whole: a level the readings held
    either side of the pump's fall is the standby or the heater whole above
    it (about 40 slow PIDs' paired falls on dev 20M-22M: the standby, or
    0.84 of the run's top or more; no slow PID's calibration changes on dev
    20M-29M or regression 5M-9M at 1 s, 2 s and on change). An SSR driven faster than
    the plug reads leaves the readings its bursts' average, any share of the
    heater, held or not (Hart): a fall to such a level is a duty's change,
    not the pump's. Seed 119000042 (every 2 s, a 1,189 W heater): its
    idle bursts, quantised, left the standby held half the time; the fall
    paired with the run's rise came 24 s after the run, from 596 to 492 W
    (0.40 of the run's 1,220 W top), and it saved 104.2 W for a 40.8 W pump.
    ``level``: the level after the fall; ``base``: the standby.
    """
    top = max((float(r.watts or 0.0) for r in valid if r.at >= after), default=0.0)
    share = level - base
    return CAL_MAX_W < share < _PARTIAL_HEATER * (top - base)


def _standby_between_pulses(
    idle: Sequence[Reading], until: float, *, read_twice: bool = False
) -> float | None:
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
    A window just over the plug's interval slides across the readings, and
    each pulse is read in part by three readings in a row, the standby held
    between (dev 22,000,043 every 2 s, a 2.36 s window: 113, 179 and 109 W,
    then four readings at 7.9 W, half the idle time; refused too noisy at
    187.1 W for a 184.9 W pump, 8 of 10 shots read at that step): such
    pulses count (``_ALIASED_PULSE_READINGS``) where the standby holds
    ``_STANDBY_SHARE`` of the time, never by the window's period (21,000,042,
    a 2.48 s window, the standby held 0.25 of the time: 240.3 W read for a
    53.2 W pump from a pulse's three readings before the run).
    ``read_twice``: the run read the pump alone twice (``_after_full_output``).
    """
    idle = _after_full_output(idle, read_twice=read_twice)
    seen = _standby_under_pulses(idle, until)
    aliased = seen is None
    if aliased:
        seen = _standby_under_pulses(idle, until, _ALIASED_PULSE_READINGS)
    if seen is None:
        return None
    values, base, near, held = seen
    if held < (_STANDBY_SHARE if aliased else _WINDOWED_SHARE):
        return None
    if held < _STANDBY_SHARE and not _once_per_window(idle, base, near):
        return None
    at = [w for w in values if abs(w - base) <= near]
    mean = sum(at) / len(at)
    sd = math.sqrt(sum((w - mean) ** 2 for w in at) / len(at))
    return 2.5 * sd


def _after_full_output(
    idle: Sequence[Reading], *, read_twice: bool = False
) -> Sequence[Reading]:
    """The idle readings after the heater last held whole for half a minute.

    At its heat-up (or recovering after a shot) a PID drives its heater at
    full output for minutes; only after it does it pulse. Those minutes in
    the idle window are no share of the time the standby holds between
    pulses: counted, they refused a slow PID whose pulses after them held
    the standby 0.48 of the time (dev 25000011 every 2 s: the heater at
    990-1,012 W until 218 s before the click, then pulses back at 3-4 W,
    0.17 of the whole window; 143.5 W saved for 142.7 W, 8 of 10 shots read
    at that step; 25000049 every 1 s, 0.29 → 0.61, 130.7 W for 130.6 W).
    Read from what follows only when that lasts ``_AFTER_FULL_S`` or more
    and its pulses start ``_WINDOW_READINGS`` readings apart or more
    (``_pulse_period``): a window of two readings leaves no two of the pump
    alone between its pulses, and such machines read few shots even at
    their true step (29000000 every 1 s, 4 of 10 and a false one; 21000000,
    201.5 W paired for 60.9 W). Nor after a fast PID's full output: its
    readings after it averaged bursts (``_bursts_averaged``), or, once
    back at the standby, never at the level held again (a slow PID switches
    its heater whole, and its pulses read ``_WHOLE_AGAIN`` of that level
    above the standby or more: 0.93-1.02 on dev and regression; a fast
    PID's duty falls away from it: regression 7000042 every 2 s, 0.20, its
    bursts averaged at 104 and 203 W; judged after its full output it
    calibrated at 106.1 W for 48.1 W; dev 23000051, 92.5 W for 168.7 W, 6
    false shots). The held stretch is a level: readings each within a
    tolerance of the one before. All the idle readings otherwise.
    ``read_twice``: the run read the pump alone twice at its step
    (``pulsed_run._read_alone_twice``), so a window of two readings hid it
    no more: the pulses are read from after the full output whatever their
    period (dev 26000001 every 1 s, a 141.6 W pump read alone at 146 W
    twice, calibrated at 140.9 W; regression 5000035 every 2 s, 179.9 W for
    179.5 W; 21000000's 201.5 W for 60.9 W read alone once).
    """
    values = [float(r.watts or 0.0) for r in idle]
    if len(values) < 20:
        return idle
    low = min(values)
    start: int | None = None
    end: int | None = None
    first = 0  # where the held stretch that ends at ``end`` began
    last = low
    for k, (r, w) in enumerate(zip(idle, values, strict=True)):
        if w - low <= CAL_MAX_W or abs(w - last) > _tol(w):
            # Under a heater's size, or a level that did not hold: a fast
            # PID's bursts averaged at a high duty move every reading.
            start = None
        if w - low > CAL_MAX_W and start is None:
            start = k
        if start is not None and r.at - idle[start].at >= _FULL_OUTPUT_S:
            first, end = start, k
        last = w
    if end is None or idle[-1].at - idle[end].at < _AFTER_FULL_S:
        return idle
    held = sorted(values[first : end + 1])
    level = held[len(held) // 2]
    after = idle[end + 1 :]
    if _bursts_averaged(after):
        return idle  # a fast PID's bursts after its heat-up, averaged
    near = max(_tol(low), 10.0)
    back = next(
        (k for k in range(end + 1, len(values)) if values[k] - low <= near), None
    )
    if back is None or max(values[back:], default=low) - low < _WHOLE_AGAIN * (
        level - low
    ):
        return idle  # never the heater whole again once pulsing: a fast PID's duty
    base = _level([(w, None) for w in values], low, _tol(low))
    period = _pulse_period(after, base, max(_tol(base), 10.0))
    if period is None or (period < _WINDOW_READINGS and not read_twice):
        return idle
    return after


def _pulse_starts_apart(
    idle: Sequence[Reading], base: float, near: float
) -> list[float]:
    """The times between the starts of the excursions from ``base``, sorted."""
    starts = [
        b.at
        for a, b in itertools.pairwise(idle)
        if abs(float(a.watts or 0.0) - base) <= near
        and float(b.watts or 0.0) - base > near
    ]
    return sorted(b - a for a, b in itertools.pairwise(starts))


def _pulse_period(idle: Sequence[Reading], base: float, near: float) -> float | None:
    """The median time between the pulses' starts, in reporting intervals (None: none)."""
    apart = _pulse_starts_apart(idle, base, near)
    gaps = _gaps(idle)
    if not apart or not gaps:
        return None
    return apart[len(apart) // 2] / gaps[len(gaps) // 2]


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
    apart = _pulse_starts_apart(idle, base, near)
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


def _bursts_on_change(idle: Sequence[Reading], until: float) -> bool:
    """Whether a plug reporting on change reads a fast PID's bursts, averaged.

    An SSR switched faster than the plug measures leaves each reading an
    average of its bursts (Hart: a load whose readings are its duty's share
    of the heater, never the heater's whole level; a slow PID's pulses recur
    once per window and return to an exact standby). On change, two marks
    of it among the pulses ``_pid_pulses`` counts: the readings at the
    standby do not hold it, ``_FUZZY_STANDBY`` of them lie over 1 W above
    its median (a burst or two averaged in: 90000014, 0.37, calibrated at
    22.8 W for 62.2 W; slow PIDs 0.09 at most, dev 20M-29M and regression
    5M-9M); or the standby holds under ``_WINDOWED_SHARE`` of the time and
    nine pulses in ten top under ``_HEATER_UNSEEN_W`` (20000022: 0.16 and
    235 W, 133.2 W for 53.3 W; 9000015: 0.07 and 89 W, 68.9 W for 151.9 W;
    the slow PIDs held so little read their heater whole, 990 W or more).
    Bursts that move every reading leave the plug no silence to skip: it
    reports every second, and no two readings in a row agree
    (``_never_unchanged``; 96000046: 0.37, 199.9 W for 59.1 W).
    """
    if not _skips_unchanged(_gaps(idle)) and not _never_unchanged(idle):
        return False
    seen = _standby_under_pulses(idle, until)
    if seen is None:
        return False
    values, base, near, held = seen
    at = sorted(w for w in values if abs(w - base) <= near)
    standby = at[len(at) // 2] if at else base
    if sum(1 for w in at if w - standby > 1.0) >= _FUZZY_STANDBY * max(len(at), 1):
        return True
    if held >= _WINDOWED_SHARE:
        return False
    peaks: list[float] = []
    top: float | None = None
    for w in values:
        if w - base > near:
            top = w if top is None else max(top, w)
        elif top is not None:
            peaks.append(top)
            top = None
    if len(peaks) < 5:
        return False
    peaks.sort()
    return peaks[int(0.9 * len(peaks))] - base < _HEATER_UNSEEN_W


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


def _pulsing_standby(valid: Sequence[Reading], after: float) -> float | None:
    """The standby level, when the idle minute before ``after`` shows a slow PID's pulses."""
    idle = _idle_minute(valid, after)
    if len(idle) < 5:
        return None
    base = _standby_level(idle)
    return base if _pid_pulses(valid, after, base) else None


def _pid_pulses(
    valid: Sequence[Reading],
    after: float,
    base: float,
    per_min: float = _PID_PULSES_PER_MIN,
    back_within: int = _PULSE_READINGS,
) -> bool:
    """Whether the idle readings before ``after`` show a slow PID's heater pulses.

    Excursions above the idle level ``base`` that are back within
    ``back_within`` readings, twice a minute or more often: a PID's
    time-proportional window (a thermostat's heater holds its level for many
    readings, and cycles a minute or more apart).
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
        pulses += 0 < away <= back_within
        away = 0
    return pulses >= per_min * max((after - idle[0][0]) / 60.0, 1.0)


def _pulsing_lately(valid: Sequence[Reading], after: float) -> bool:
    """Whether 5 s readings show a slow PID's pulses often in the minutes before ``after``.

    A slow PID's window (about 10 s) read every 5 s leaves each pulse a
    reading or two at a partial level, the pump's size among them; two in a
    row read as the pump's start, three as a shot. After its heat-up the
    PID's duty is low and rises back toward its idle one: counted over the
    whole idle stretch (``_pid_pulses``, ``_blips``), the heat-up's minutes
    dilute the pulses of the last ones. Counted over the last
    ``_RECENT_PULSES_S`` s, excursions above the standby that are back
    within two readings, ``_RECENT_PULSES_PER_MIN`` a minute or more: the
    slow PIDs that calibrated and counted only false shots had 3.0-3.5
    (extra dev 90000053, 96000020: 1 and 2 false, none right; fresh
    109000028: 2 false of 4), those that counted right 1.0 and 2.0 (dev
    22000036, 28000020: 3 shots, none false); thermostats, heat exchangers
    and dual boilers that calibrated 1.5 at most (dev 20M-25M).
    """
    recent = [r for r in valid if after - _RECENT_PULSES_S <= r.at < after]
    minute = _idle_minute(valid, after)
    if not minute:
        return False
    return _pid_pulses(recent, after, _standby_level(minute), _RECENT_PULSES_PER_MIN)
