"""The live noise check: when the readings are too noisy to count runs.

From the event-detection literature (GLR / CUSUM change detectors): edges
comparable to the pump's that nothing explains, and transients that wander
without settling, are counted over a sliding window; when they come often
enough the detector is ``ambiguous`` and counts nothing until the signal
has been clean for a while (hysteresis, ``_paused``). A slow PID's pulses,
which the floor explains, pause the edges only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
import math

from .constants import (
    _AMBIGUOUS_OFF,
    _AMBIGUOUS_ON,
    _CLEAN_FOR_S,
    _FLOOR_APART_S,
    _FLOOR_SHARE,
    _LEVEL_NOISE,
    _NOISE_RATE_PER_MIN,
    NOISE_WINDOW_S,
)
from .plug import _Plug
from .steps import _Edge


def _paused(
    paused: bool, clean_since: float, noise: float, pump: float, now: float
) -> tuple[bool, float]:
    """A noise check's pause with hysteresis: (paused, clean since).

    It starts when the noise reaches ``_AMBIGUOUS_ON`` of the pump's step and
    ends once the noise stayed under ``_AMBIGUOUS_OFF`` for ``_CLEAN_FOR_S``.
    """
    if noise >= _AMBIGUOUS_ON * pump:
        return True, math.inf
    if noise < _AMBIGUOUS_OFF * pump:
        if clean_since == math.inf:
            clean_since = now
        return paused and now - clean_since < _CLEAN_FOR_S, clean_since
    return paused, math.inf


class _Noise(_Plug):
    """Unexplained steps and wandering transients, and the pause they cause."""

    __slots__ = ()

    @property
    def ambiguous(self) -> bool:
        """True while the readings are too noisy to tell the pump apart.

        A slow PID's pulses alone pause the edges only: the floor still
        counts under them (``_update_floor_noise``).
        """
        return self._ambiguous and self._unsure

    @property
    def noise_watts(self) -> float:
        """The live noise: unexplained steps weighted by their rate, or the spread."""
        return self._with_spread(self._noise_ev)

    def noise_watts_less(self, explained: Callable[[float], bool]) -> float:
        """``noise_watts`` less the steps whose size ``explained`` tells.

        A calibration's check knows the heaters seen over its whole window,
        which explain hand-overs between them (``calibration.noise``).
        """
        events = [e for e in self._events if not explained(e[1])]
        return self._with_spread(self._events_noise(events, self._pump_watts))

    def _with_spread(self, events_noise: float) -> float:
        """A noise of steps, or the readings' spread if larger."""
        return max(events_noise, 2.5 * self._sd)

    def _wander(self, at: float) -> None:
        spread = self._tr_max - self._tr_min
        if spread >= 0.5 * self._pump_watts:
            self._event(at, spread)

    def _unexplained(self, at: float, size: float) -> None:
        if size >= 0.5 * self._pump_watts:
            self._event(at, size)
        if self._pump:
            if size < 0.55 * self._pump_watts and not self._vref2:
                # Without volts, the mains moving under a heater: pairing decides.
                self._run_unsure = True
            else:
                self._stop(at)  # the run is broken: drop it

    def _noise_in_run(self, edge: _Edge) -> bool:
        """Whether a small step nothing explains, in a run over kilowatts of heaters, is the plug's noise.

        With volts an unexplained step drops the run (``_unexplained``), but a
        plug's readings wander by a hundredth of the level (``_LEVEL_NOISE``):
        over 2 kW a third of a small vibratory pump's step, and a level read
        once or twice may stand that far from the last (dev
        29,000,006 on change, a dual boiler with a 64.8 W pump and both
        heaters on: 2,355, then 2,374, 2,366 W, a +20.8 W step; a 21.4 s shot
        lost). A step under a hundredth of the level and under half the
        pump's step is kept as the heaters' level moving, never the pump's.
        """
        if not (self._pump and self._vref2):
            return False
        size = abs(edge.delta)
        if size >= 0.5 * self._pump_watts or size >= _LEVEL_NOISE * edge.after:
            return False
        self._run_heat += edge.delta * self._k
        return True

    def _event(self, at: float, size: float) -> None:
        self._events.append((at, size, self._floor_explains(at, size)))
        self._events_seen += 1
        self._update_noise(at)

    def _floor_explains(self, at: float, size: float) -> bool:
        """Whether a step is a slow PID's heater pulse, which the floor reads.

        While a PID's pulses come and go, a step past half again the pump's
        stands apart from it: the edges cannot follow the pump among such
        pulses, but the floor reads its runs under them (a heater only adds).
        So is a step of any size within two readings of the standby read
        alone: a pulse shorter than a reading reads in part, at the pump's
        size as often as not, between readings of the standby; the floor
        counts a run only from readings of the pump alone that agree, and
        is not misled by it (dev 22,000,009 every second: single readings
        of 97-290 W between readings of a 7.6 W standby, a 166.7 W pump,
        paused counting for minutes and a 33.0 s shot with it), as long as
        the standby held alone most of the last minute (``_FLOOR_SHARE``):
        a fast PID's bursts read it a reading or two before a step often
        enough, and the noise check must pause counting among them (issue
        10; dev 21,000,057 every second at its true 180.1 W step: 80 % of
        the readings paused, 25 % without it). Either only while the
        readings fall back to the standby between pulses: a fast PID's,
        each a new average, seldom do.
        """
        if not self._pulsing(at):
            return False
        since = at - self._floor.quiet
        return (size > 1.5 * self._pump_watts and since <= _FLOOR_APART_S) or (
            since <= 2.0 * self._floor_next() and self._floor.standby >= _FLOOR_SHARE
        )

    @staticmethod
    def _events_noise(
        events: Iterable[tuple[float, float, bool]], pump: float
    ) -> float:
        """The unexplained steps' typical size, weighted by their rate."""
        # An event far from the pump's size (a heater's pulse read in
        # part, twice the step or more) passes for the pump less often
        # than one of its size: half its weight.
        sizes = sorted(
            min(s, 2.0 * pump) * (1.0 if abs(s - pump) <= 0.5 * pump else 0.5)
            for _, s, _ in events
        )
        if not sizes:
            return 0.0
        rate = len(sizes) / (NOISE_WINDOW_S / 60.0)
        return sizes[len(sizes) // 2] * min(1.0, rate / _NOISE_RATE_PER_MIN)

    def _update_noise(self, now: float) -> None:
        last = self._last_at
        self._noise_check = (last if now < last else now) + 5.0  # (``max``)
        events = self._events
        horizon = now - NOISE_WINDOW_S
        while events and events[0][0] < horizon:
            events.popleft()
            self._events_seen += 1
        p = self._pump_watts
        # Checked every 5 s; the events change far less often.
        if self._noise_of != (self._events_seen, p):
            self._noise_of = (self._events_seen, p)
            self._noise_ev = self._events_noise(events, p)
            self._noise_rest = self._events_noise([e for e in events if not e[2]], p)
        if self._checks_clean(p):
            return  # (most checks: ``_paused`` would keep both as they are)
        self._update_floor_noise(now)
        was = self._ambiguous
        self._ambiguous, self._clean_since = _paused(
            was, self._clean_since, self.noise_watts, p, now
        )
        if self._ambiguous and not was:
            self._pump = False
            self._pending = None

    def _checks_clean(self, pump: float) -> bool:
        """Whether both noise checks stay as they are: neither paused, both clean since a time.

        With the noise under ``_AMBIGUOUS_OFF`` of the pump's step (most
        machines, all along), ``_paused`` keeps both checks as they are:
        ``_update_noise`` runs every 5 s, and skips it then.
        """
        low = _AMBIGUOUS_OFF * pump
        # (``max`` of the three written out, as it compares them.)
        most = self._noise_ev
        most = self._noise_rest if self._noise_rest > most else most
        sd = 2.5 * self._sd
        most = sd if sd > most else most
        return (
            most < low
            and not (self._ambiguous or self._unsure)
            and math.inf not in (self._clean_since, self._unsure_clean)
        )

    def _update_floor_noise(self, now: float) -> None:
        """The noise check less the pulses the floor reads (``_floor_explains``).

        A slow PID's pulses pause the edges, yet the floor counts under
        them: counting is paused (``ambiguous``) only while the rest of the
        noise would pause it too, with the same hysteresis.
        """
        noise = self._with_spread(self._noise_rest)
        self._unsure, self._unsure_clean = _paused(
            self._unsure, self._unsure_clean, noise, self._pump_watts, now
        )
