"""Runs a fall beside a heater shows whose rise no edge opened (every few seconds).

The edges call these when a pump's fall has no rise to pair: the pump's
start hid in a partial reading or in a heater's edge.
"""

from __future__ import annotations

from ...readings import DetectedRun
from ..constants import _ALONE_HELD_N
from ..records import _Heater, _Rise
from ..steps import _Edge
from .starts import _SlowStarts


class _FallRuns(_SlowStarts):
    """Runs a fall beside a heater shows whose rise no edge opened (every few seconds)."""

    __slots__ = ()

    def _started_alone(
        self, edge: _Edge, at: float, watts: float
    ) -> DetectedRun | None:
        """A run read every few seconds: the pump alone, a heater on, the pump's fall.

        A 5 s reading of the pump alone between the standby and a heater's
        rise holds no level (one reading, partial ones around it), so no
        edge opened the run; its fall beside the heater then has no rise.
        Back through the last readings: the level before the fall, at most
        two partial readings of the heater's rise, one to three readings of
        the fall's own step over the standby, at most one partial one, the
        standby. Every reading is then a state of the machine (Hart's) or
        between two, and the fall leaves that heater alone on. Never where a
        run was read already.
        """
        if not self._seconds_apart or self._ambiguous:
            return None
        base = self._base
        tol = self._tol_lv
        if edge.after - base < self._heater_min() - tol:
            return None  # a heater stays on
        level = edge.before
        alone = base + watts
        near = max(0.12 * watts, 6.0)  # a quiet standby and the pump alone
        readings = [w for w in self._recent if w[0] <= edge.at]
        readings.reverse()
        i, n = 0, len(readings)
        while i < n and abs(readings[i][1] - level) <= tol:
            i += 1
        if i == 0:
            return None
        j = i
        while j < n and alone + near < readings[j][1] < level - tol:
            j += 1
        if j - i > 2:
            return None
        start = self._from_standby(readings, j, watts, near, single=True)
        return self._new_run(start, at, watts)

    def _alone_from_standby(
        self, edge: _Edge, at: float, watts: float
    ) -> DetectedRun | None:
        """A run read every few seconds: the pump alone from the standby and back, its rise taken into a heater's fall.

        A heater falling to the standby a reading or two before the pump
        starts leaves the standby read once: no level of its own, so the
        heater's fall and the pump's rise are one edge, which no known
        heater explains when the mains moved the heater (dev seed
        20,000,044, a thermostat at 120 V, its heater learnt at 1,023 W:
        1,085, 192, 5, 32, 52, 52, 53, 53, 30, 5 W, a 25.8 s shot lost).
        The pump's fall to the standby then has no run. Back from the fall:
        ``_ALONE_HELD_N`` or more whole readings of the pump alone (no
        heater is that small), at most one partial reading that dates the
        start by its share, and the standby read at least once: the pump
        rose from the standby alone. Never where a run was read already.
        """
        if not self._seconds_apart or self._ambiguous:
            return None
        base = self._base
        if abs(edge.after - base) > self._tol_lv:
            return None  # to the standby only
        if abs(watts - self._pump_watts) > self._ptol():
            return None
        near = max(0.12 * watts, 6.0)  # a quiet standby and the pump alone
        readings = [w for w in self._recent if w[0] <= edge.at]
        readings.reverse()
        start = self._from_standby(
            readings, 0, watts, near, single=False, least=_ALONE_HELD_N, most=None
        )
        return self._new_run(start, at, watts)

    def _hid_start(
        self, rise: _Rise, heater: _Heater, normalised: float, held: float, watts: float
    ) -> bool:
        """Whether a known heater and the pump's start account for a rise.

        The rise less the pump's fall is that heater's size; or, the rise
        from the standby read while a vibratory pump still ramped (short of
        its step), the level the pump fell from is that heater's and the
        pump's: the level the rise led to once the ramp was done.
        """
        tol = 0.5 * heater.tol(0.4 * self._pump_watts)
        if abs(normalised - heater.size) <= tol:
            return True
        short = (1.0 - self._low()) * watts * self._k  # what a ramp may leave out
        return (
            abs(held - heater.size) <= tol
            and abs(rise.before - self._base) <= self._tol_lv
            and -short - tol <= normalised - heater.size <= tol
        )
