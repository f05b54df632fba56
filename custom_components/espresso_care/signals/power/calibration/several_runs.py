"""Several runs of a plug reporting slowly, measured one after the other."""

from __future__ import annotations

from collections.abc import Sequence
import math

from ..readings import Reading
from .constants import _RUNS_AGREE
from .levels import _tol
from .measure import Calibration, calibrate


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
