"""The idle noise a calibration weighs against the pump's step.

Unexplained steps comparable to the pump's (``_idle_noise``), pump-sized
excursions and back (``_blips``, part of a PID heater's pulses), and the
share of readings that held a level (``_steady_share``). Noise comparable
to the step refuses the calibration: counting by power would guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..pump.constants import _NOISE_RATE_PER_MIN
from ..pump.detector import PumpDetector
from ..pump.steps import _Edge
from ..readings import Reading
from .constants import _BLIP_READINGS, _OPENED_EDGE_PTS
from .edges import _hand_overs
from .levels import _tol


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

    The first edge counts only from a level that held (``_opened_mid_edge``).
    """
    explained = _heaters_explain(heaters, step)
    sizes = sorted(
        abs(e.delta)
        for e in edges
        if e.at < until
        and not _opened_mid_edge(e, edges)
        and 0.3 * step <= abs(e.delta) < max(300.0, 4.0 * step)
        and not explained(abs(e.delta))
    )
    if not sizes or span <= 0.0:
        return 0.0
    typical = min(sizes[len(sizes) // 2], 2.0 * step)
    rate = len(sizes) / max(span / 60.0, 1.0)
    return typical * min(1.0, rate / _NOISE_RATE_PER_MIN)


def _opened_mid_edge(edge: _Edge, edges: Sequence[_Edge]) -> bool:
    """Whether ``edge`` is the rest of an edge the idle readings opened in.

    On change, a standby held for longer than the readings kept has no
    reading in them, so they may open with a heater's rise half read: the
    first edge then climbs from a level that never held, the rest of the
    heater (fresh seed 137,000,023, a thermostat: 1,035 then 1,317.6 W, a
    284 W step beside a 165 W rotary pump), and read as noise it refused
    the calibration as too noisy. Only an edge read whole within two
    readings (``_OPENED_EDGE_PTS``): a fast PID's bursts from an opening
    reading wander for many (72 points in a test's), and are noise.
    """
    return edge is edges[0] and not edge.settled and len(edge.pts) <= _OPENED_EDGE_PTS


def _heaters_explain(heaters: Sequence[float], step: float) -> Callable[[float], bool]:
    """Whether a step's size is a heater's edge or a hand-over between two of ``heaters``.

    Only heaters well above the step count: a size like the pump's explains
    nothing.
    """
    big = [h for h in heaters if h > 1.5 * step]
    known = [*big, *_hand_overs(big)]

    def explained(size: float) -> bool:
        return any(abs(size - k) <= max(15.0, 0.05 * k) for k in known)

    return explained


def _check_noise(check: PumpDetector, step: float, heaters: Sequence[float]) -> float:
    """The live noise of a detector fed the idle stretch, less hand-overs between ``heaters``.

    That detector learns a heater's size at its edges to and from the
    standby: a dual boiler heating up from before the idle ten minutes (the
    steam heater on, handing over to the brew heater and back, and only then
    off) has shown neither when it hands over, and each hand-over counts as
    an unexplained step. The heaters seen over the whole window explain them,
    as in ``_idle_noise``: dev 21,000,041 every second handed over 276-279 W
    four times (heaters seen 1,269 and 989 W), 27.9 W of noise beside a
    196.4 W step (188.5 W rotary pump), refused as too noisy on its only
    try, and its ten shots lost.
    """
    return check.noise_watts_less(_heaters_explain(heaters, step))


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


def _steady_share(readings: Sequence[Reading]) -> float:
    """The share of the readings in a level that held: four in a row within its noise."""
    values = [float(r.watts or 0.0) for r in readings]
    steady = [False] * len(values)
    for i in range(len(values) - 3):
        four = sorted(values[i : i + 4])
        if four[-1] - four[0] <= _tol(four[1]):
            steady[i : i + 4] = [True] * 4
    return sum(steady) / len(values) if values else 1.0
