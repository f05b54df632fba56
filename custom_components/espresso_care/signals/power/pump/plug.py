"""How the plug reports, and the tolerances and levels every rule reads.

The lowest behaviour layer: whether the plug reports on change or every
few seconds, how long a silence holds a level, the share of its interval a
reading averages over (``_window``) and so when a reading dates a step,
the tolerances around the pump's step, the known heaters and levels, and
the bookkeeping of a run (open, stop, confirm). Every concern above calls
these; they call nothing above.
"""

from __future__ import annotations

from collections.abc import Sequence
import math

from ..readings import DetectedRun
from .constants import (
    _EPS,
    _FAST_GAP_S,
    _HOLD_MAX_S,
    _LOST_REPORTS_S,
    _PARTIAL_WHOLE,
    _SMALL_PUMP,
    _STILL_SHARE,
    _STILL_W,
    NOISE_WINDOW_S,
)
from .state import _DetectorState
from .steps import _Edge, _pump_time, _step_time


class _Plug(_DetectorState):
    """The plug's timing, the tolerances, the known levels and a run's bookkeeping."""

    __slots__ = ()

    @property
    def _on_change(self) -> bool:
        """Whether the plug reports on change (a held reading may be a partial one)."""
        return self._silence > 0.05

    @property
    def _averaging(self) -> bool:
        """Whether the plug averages over its interval: a switching reads partial.

        A quick running mean of the clean large steps whose first reading
        was partial (``_avg_score``) at 0.3 or more; a plug that samples
        reads none.
        """
        return self._avg_score >= 0.3

    @property
    def _seconds_apart(self) -> bool:
        """Whether a periodic plug reports every few seconds (an energy meter's 5 s).

        Its readings blur a short pulse and the pauses around it; the rules
        that read runs from single readings are for it alone.
        """
        # (``_on_change`` written out: asked for every reading.)
        return self._gap > _FAST_GAP_S and not self._silence > 0.05

    def _hold(self) -> float:
        """Silence after which the last reading counts as a steady state."""
        # (``_on_change`` and ``max`` written out: asked for most readings,
        # where the calls cost more than the sums. The same values.)
        if self._silence > 0.05:
            hold = 1.5 * self._gap
            return 1.2 if hold < 1.2 else hold  # on change: silence is unchanged
        # Periodic: a dropped reading is no silence. Until the interval is
        # known, a state that stays several seconds without a new one held
        # (Home Assistant writes no unchanged state: a plug may fall silent).
        hold = max(2.6 * self._gap, 2.0)
        return min(hold, _HOLD_MAX_S) if self._gaps < 30 else hold

    def _settle_wait(self) -> float:
        """Silence after which a transient's last reading counts as a steady state.

        ``_hold``, longer while a plug reporting every second or two has read
        the new level once only, after at most one reading on the way: a
        dropped report is no silence there, and that reading may be a partial
        one (``_continues_edge``). Dev thermostat 20,000,001 every second, a
        124.5 W rotary pump: 51, 169.2 W (its inrush), 3 s of nothing, 128.9 W:
        the 169.2 W level held by the silence alone, then -40 W, no run; its
        heater's fall read 1,303 W, then 1,126.5 W and a 3.6 s stall, then
        the rest: the calibration run lost, three shots and a flush with it.
        At most ``_LOST_REPORTS_S`` more (6.6 s every second): a ramp's part
        read 7 s before its rest still stands apart (``_ramp_part``).
        """
        hold = self._hold()
        if (
            self._cd_n != 1
            or self._tr_n > 2
            or self._gap > _FAST_GAP_S
            or self._on_change  # (its silence is an unchanged power)
        ):
            return hold
        return hold + _LOST_REPORTS_S

    def _continues_edge(self, watts: float) -> bool:
        """Whether a reading after a silence goes on from the level before as the candidate did.

        On, or past (an overshoot that settles back), the side the
        transient's one candidate reading moved to: the same edge, read
        across lost reports (``_settle_wait``).
        """
        dev = watts - self._lv
        moved = self._cd_sum / self._cd_n - self._lv
        return dev * moved > 0.0 and abs(dev) > self._tol_lv

    def _floor_next(self) -> float:
        """The longest gap between two readings in a row."""
        gap, period = self._gap, self._period
        return 1.5 * (period if gap < period else gap) + _EPS  # (``max``, written out)

    def _step_at(self, pts: Sequence[float], base: float, step: float) -> float:
        """``_step_time`` as this plug reads: its interval, and whether it averages."""
        return _step_time(
            pts,
            base,
            step,
            window=self._window,
            gap=self._period,
            slow=self._seconds_apart,
        )

    def _edge_from(
        self,
        pts: tuple[float, ...],
        seen: float,
        before: float,
        after: float,
        *,
        settled: bool,
        k: float,
    ) -> _Edge:
        """The edge from ``before`` to ``after``, dated where ``pts`` leave the level ``seen``.

        ``seen`` is the level as read; ``before`` the same level at the
        volts after the step (they differ where the mains moved a heater).
        """
        return _Edge(
            self._step_at(pts, seen, after - seen),
            after - before,
            before,
            after,
            pts,
            settled,
            k,
        )

    def _pump_at(
        self, pts: Sequence[float], base: float, heater: float, pump: float
    ) -> float:
        """``_pump_time`` as this plug reads: its interval, and whether it averages."""
        return _pump_time(
            pts,
            base,
            heater,
            pump,
            averaging=self._averaging,
            window=self._window,
            gap=self._period,
            standby=self._base,
            slow=self._seconds_apart,
        )

    @property
    def _window(self) -> float | None:
        """The share of its interval a reading averages over (``_crossing``).

        A step that comes at a random moment reads partial in the first
        reading with a chance of its window's share of the interval (times
        ``_PARTIAL_WHOLE``, the part of a window where the share is told from
        none or whole); near a whole one (the estimate wanders by a tenth or
        two), a whole window, and near none, not known (a sampling plug: the
        reading that shows a step dates it, as the paths that date by a
        reading do). Until a few steps were seen: a whole window once most
        of them read partial, else not known.
        """
        if self._partial_n < 5:
            return 1.0 if self._averaging else None
        window = self._partial / _PARTIAL_WHOLE
        if window < 0.25:
            return None  # samples, or nearly: the reading dates the step
        return 1.0 if window > 0.7 else window

    def _quiet_standby(self, base: float, now: float) -> bool:
        """Whether ``base`` is the standby, read often and calmly enough to show a pulse.

        Readings further apart than ``_FAST_GAP_S`` (an energy meter's 5 s)
        blur a short pulse and the pauses around it; a PID's pulses or noisy
        readings make one a guess.
        """
        return not (
            self._ambiguous
            or self._gap > _FAST_GAP_S
            or abs(base - self._base) > self._tol_lv
            or self._pulsing(now)
        )

    def _pulsing(self, now: float) -> bool:
        """Whether heater pulses came and went lately (a PID's slow window)."""
        return self._pulses > 0.3 and now - self._pulse_at < NOISE_WINDOW_S

    @property
    def _known_heaters(self) -> list[float]:
        """The sizes of the heaters seen twice or more, in normalised watts."""
        k = self._k
        return [h.size / k for h in self._heaters if h.weight >= 2.0]

    def _known_level(self, level: float) -> bool:
        """Whether a level is the standby's or the standby and one known heater's."""
        tol = self._tol_lv
        base = self._base
        if abs(level - base) <= tol:
            return True
        k = self._k
        # (A loop, not ``any`` over a generator: asked for most readings
        # of a slow PID's floor, where making the generator costs more
        # than the sums.)
        for h in self._heaters:
            if (
                h.weight >= 2.0
                and abs(level - base - h.size / k) <= tol + 0.02 * h.size
            ):
                return True
        return False

    def _confirmed(self) -> list[DetectedRun]:
        run = self._confirm
        self._confirm = None
        return [] if run is None or self._ambiguous else [run]

    def _pump_in(self, level: float) -> bool:
        """Whether a level is nearer the standby and known heaters with the pump."""
        # (Each rest, the level less the standby and a known heater or
        # none, followed in one loop rather than lists and ``min`` over
        # generators: the same sums and comparisons, for fewer calls.)
        p = self._pump_watts
        rest = level - self._base
        with_pump = abs(rest - p)
        without = abs(rest)
        k = self._k
        for h in self._heaters:
            if h.weight >= 2.0:
                x = rest - h.size / k
                if (d := abs(x - p)) < with_pump:
                    with_pump = d
                if (d := abs(x)) < without:
                    without = d
        return with_pump < without

    def _at_volts_after(self, level: float) -> float:
        """The level before an edge as it would read at the volts after it.

        Heaters are resistive and see the socket's volts, those the plug
        reports (P = P_nominal (V / V_nominal)**2 at each reading's own
        volts): the heaters on before the edge moved with the volts too
        (the mains, the sag under a heater or the pump switching). Heater
        sizes are then compared at the volts after the edge.
        """
        if not self._vref2:
            return level
        v0 = self._v_lv
        v1 = self._v_last
        self._k = self._vref2 / (v1 * v1)
        self._v_lv = v1
        heat = level - self._base - (self._pump_watts if self._pump else 0.0)
        if heat <= 0.0:
            return level
        return level + heat * ((v1 / v0) ** 2 - 1.0)

    def _slack(self) -> float:
        """What a plug reporting on change leaves unsaid (its threshold)."""
        return 6.0 if self._silence > 0.05 else 0.0  # (``_on_change``, written out)

    def _low(self) -> float:
        """How far short of the step a pump's rise may be (a vibratory one's ramp)."""
        return 0.55 if self._pump_watts < _SMALL_PUMP else 0.75

    def _ptol(self) -> float:
        tol = 0.25 * self._pump_watts
        return (5.0 if tol < 5.0 else tol) + self._slack()  # (``max``, written out)

    def _heater_min(self) -> float:
        return max(300.0, 4.0 * self._pump_watts)

    def _stop(self, at: float) -> None:
        """The pump is taken as off from ``at`` (a fall, or a run dropped)."""
        if self._pump:
            self._pump = False
            self._fell_at = at

    def _open_run(self, at: float, watts: float, pure: bool, base: float) -> None:
        self._pump = True
        self._run_at = self._run_from = at
        self._run_w = watts
        self._run_pure = pure
        self._run_unsure = False
        self._run_split = False
        self._run_lead = self._run_spread = self._run_early = 0.0
        self._run_base = self._run_before = self._normalised(base)
        self._run_heat = 0.0
        self._run_heater = None
        self._run_mag = self._run_other = 0.0
        self._run_fell = -math.inf

    def _near_kind_bound(self, duration: float, spread: float) -> bool:
        """Whether a bound of ``kind_bounds`` lies within ``spread`` of ``duration``."""
        return any(abs(duration - bound) < spread for bound in self.kind_bounds)

    def _normalised(self, level: float) -> float:
        """A level's heaters (above the standby) at the reference volts."""
        return (level - self._base) * self._k

    def _run_level(self) -> float:
        """The level the run's pump stands on, at the volts of now.

        The run's base and its heaters' edges are kept at the reference
        volts (heaters are resistive): the mains and the sag under the
        pump and the heaters move their watts during a run.
        """
        return self._base + (self._run_base + self._run_heat) / self._k

    def _past_noise(self, level: float) -> float:
        """How far a reading strays from ``level`` to be a partial one, not its noise."""
        return max(4.0 * self._sd, _STILL_W + _STILL_SHARE * level)

    def _kind_between(self, shortest: float, longest: float) -> bool:
        """Whether a bound of ``kind_bounds`` makes runs of these two lengths of two kinds."""
        return any(shortest < bound <= longest for bound in self.kind_bounds)

    def _still(self, watts: float) -> float:
        """How far two readings of one level at ``watts`` may stray (the floor's)."""
        pump, level = (
            0.1 * self._pump_watts,
            _STILL_W + _STILL_SHARE * watts,
        )
        return level if pump < level else pump  # (``max``, written out)
