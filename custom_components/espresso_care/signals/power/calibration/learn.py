"""The pump's step learnt at the edges of runs that a relay or a brew sensor dated."""

from __future__ import annotations

from collections.abc import Sequence

from ..readings import Reading
from .constants import CAL_MAX_W, CAL_MIN_W
from .levels import _flat, _gaps, _valid


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
