"""A plug's readings as calibration reads them: levels, gaps, silences.

The arithmetic every rule shares: the readings the detector would take
(``_valid``), how far two readings of one level may lie apart (``_tol``),
the plug's intervals and what a silence after a reading says (on change,
that its level held), and a level's median or a flat stretch.
"""

from __future__ import annotations

from collections.abc import Sequence
import itertools
import math

from ..pump.constants import MAX_WATTS
from ..readings import Reading
from .constants import _CHANGE_W, _UNCHANGED_SHARE, CAL_MAX_S, SLOW_PLUG_S


def _valid(readings: Sequence[Reading]) -> list[Reading]:
    """The readings in time order, those the detector would take."""
    out = [
        r
        for r in readings
        if r.watts is not None and math.isfinite(r.at) and 0.0 <= r.watts <= MAX_WATTS
    ]
    out.sort(key=lambda r: r.at)
    return out


def _tol(level: float) -> float:
    """How far two readings of one level may lie apart (noise, drift)."""
    return 8.0 + 0.01 * abs(level)


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


def _skips_unchanged(gaps: Sequence[float]) -> bool:
    """Whether the plug reports on change: over a tenth of its (sorted) gaps skip one."""
    if not gaps:
        return False
    interval = gaps[len(gaps) // 4]
    return sum(1 for g in gaps if g > 1.8 * interval) > 0.1 * len(gaps)


def _never_unchanged(readings: Sequence[Reading]) -> bool:
    """Whether the plug reports on change though it spoke every second: no reading repeats.

    A fast PID's bursts move every reading by more than a plug's threshold
    for a change (5 W), so one reporting on change skips none
    (``_skips_unchanged`` does not tell it) but never sends two readings in
    a row within it: under ``_UNCHANGED_SHARE`` of consecutive pairs, a
    dropped reading's neighbours. A periodic plug reads the standby between
    bursts again and again: 0.042 of its pairs or more (fast and slow PIDs
    every 1 s and 2 s, dev 20M-29M and regression 5M-9M; on change 0.014
    at most).
    """
    if len(readings) < 20:
        return False
    ws = [float(r.watts or 0.0) for r in readings]
    near = sum(1 for a, b in itertools.pairwise(ws) if abs(b - a) <= _CHANGE_W)
    return near < _UNCHANGED_SHARE * (len(ws) - 1)


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


def _flat(values: Sequence[float], spread: float) -> float | None:
    """The median of readings that hold within ``spread`` (None if they do not)."""
    if not values or values[-1] - values[0] > spread:
        return None
    return values[len(values) // 2]
