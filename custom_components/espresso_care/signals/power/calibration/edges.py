"""The detector's edges over a calibration's readings, and the pump's share of one.

Calibration segments the readings with the detector's own steady-state
detection (``PumpDetector``), so that calibration and detection see one
signal alike. ``_PrefixEdges`` feeds one detector along for the many
prefixes a slow PID's floor check asks about.
"""

from __future__ import annotations

from collections.abc import Sequence
import copy
import itertools

from ..pump.detector import PumpDetector
from ..pump.steps import _Edge
from ..readings import Reading
from .constants import CAL_MAX_W, CAL_MIN_W


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
