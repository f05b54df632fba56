"""An excursion cut into pulses at its dips, each timed by its energy.

Pure functions of an excursion's segments: unknown readings take the lower
neighbour, a dip cuts, each pulse's on-time is its energy over the pump's
power, dated around its centre of mass. A slow plug says which readings
may cut and which dips are deep enough (``slow_plug``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from .constants import CLEAN_FRACTION, DIP
from .records import Pulse, Segment


def split_pulses(
    segments: list[Segment],
    cuttable: Sequence[bool] | None = None,
    deep: Callable[[float, float], bool] | None = None,
) -> list[Pulse]:
    """Cut an excursion into pulses at its dips; unknown readings take the lower neighbour.

    A dip is a run of readings lower than the highest reading before it (since
    the last cut) and the highest after it by ``DIP`` or more; its on-time
    goes half to each side. Only a reading with no heater on may be the
    cut: a heater's band drifts with the mains, a dip in it may be the drift
    (``cuttable``, if given, says which may: on a slow plug, ``in_band_cuts``).
    ``deep(before, after)``, if given, says which dips cut (on a slow plug,
    ``slow_dip``).
    """
    if deep is None:
        deep = _deep
    if all(f is None for _, _, f, _ in segments):
        return []
    # Unknown readings: the lower of the nearest known readings on either side
    # (never more pump than the readings around it show).
    fractions: list[float] = []
    last: float | None = None
    for i, (_, _, f, _) in enumerate(segments):
        if f is not None:
            fractions.append(f)
            last = f
            continue
        following = next(
            (g for _, _, g, _ in segments[i + 1 :] if g is not None), last or 0.0
        )
        fractions.append(min(last if last is not None else following, following))
    n = len(fractions)
    # Highest before each reading (left) and after it (right).
    right = [0.0] * n
    peak = 0.0
    for i in range(n - 1, -1, -1):
        right[i] = peak
        peak = max(peak, fractions[i])
    cuts: list[int] = []
    peak = 0.0
    in_dip = False
    for i, f in enumerate(fractions):
        may_cut = segments[i][3] if cuttable is None else cuttable[i]
        if deep(peak - f, right[i] - f) and may_cut:
            # A dip of several readings is cut once, at its lowest.
            if not in_dip:
                cuts.append(i)
                in_dip = True
            elif f < fractions[cuts[-1]]:
                cuts[-1] = i
            continue
        if in_dip:
            peak, in_dip = 0.0, False  # the next pulse
        peak = max(peak, f)
    pulses: list[Pulse] = []
    single = n == 1
    bounds = [-1, *cuts, n]
    for a, b in pairwise(bounds):
        energy = moment = 0.0
        clean = False
        for j in range(max(a, 0), min(b, n - 1) + 1):
            start, end, f, plain = segments[j]
            share = 0.5 if j in (a, b) else 1.0
            on = fractions[j] * (end - start) * share
            energy += on
            moment += on * (start + end) / 2
            clean = clean or (plain and f is not None and f >= CLEAN_FRACTION)
        if energy <= 0:
            continue
        centre = moment / energy
        pulses.append(
            Pulse(centre - energy / 2, centre + energy / 2, energy, clean, single)
        )
    return pulses


def _deep(before: float, after: float) -> bool:
    """Whether a dip is ``DIP`` below the peaks on both sides."""
    return min(before, after) >= DIP
