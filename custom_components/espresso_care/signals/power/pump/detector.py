"""Read the pump's runs from a metering plug's power readings.

A pure module (no Home Assistant): the machine feeds ``PumpDetector`` the
plug's readings and gets back the pump runs it decided on. The class is
assembled from one layer per concern (see the package's docstring); this
module holds its public face: ``feed``, ``advance``, ``next_deadline`` and
the run in progress.

Method. This is nonintrusive appliance load monitoring in the manner of
G. W. Hart, "Nonintrusive appliance load monitoring", Proc. IEEE 80(12),
1992, pp. 1870-1891, cut down to one appliance of interest (the pump) among a
few others (one or two heaters). Taken from Hart:

* Steady-state detection (his edge detector). The readings are segmented into
  steady states: consecutive readings within a tolerance of the state's mean,
  at least two of them, or one held through a silence when the plug reports
  on change only (silence means "unchanged"). Readings between two steady
  states (an averaging plug's partial reading, a vibratory pump's ramp, a
  rotary pump's inrush) are a transient and ignored. An edge is the
  difference between consecutive steady-state means, dated by the first
  reading that moved. How a reading dates a step depends on the share of
  its interval the plug averages over (its window: whole for an energy
  meter's counter, half for a 1 s average read every 2 s), learnt from how
  often a clean heater step's first reading is partial: a partial reading
  dates the step inside the window by its share, a whole one in the middle
  of the part of the interval before the window, a rotary pump's inrush
  (past the new level) in the middle of the window. The interval is the
  plug's measuring period, which a plug reporting on change keeps between
  its silences.
  Two same-way edges that mean nothing alone and come within seconds are one
  slow step (a ramp) and merged. One addition for PID heaters driven in a
  slow time-proportional window: short heater pulses above a level (one or
  two readings) do not break it, so the level under them is still found.
* Normalised power: heaters are resistive, so their sizes are kept at a
  reference voltage (Hart's ``(V_ref / V)**2`` normalisation). When the plug
  reports volts, heaters draw ``P_nominal (V / V_nominal)**2`` at the
  socket's volts, those the plug reports (sagged under the machine's own
  current): an edge is read at the volts after it, the heaters on before it
  scaled from the volts before (what the mains' move or the sag did to them
  is taken out), and a run's base and heaters are kept normalised, so that
  its fall pairs with its rise at other volts. Without volts, heater sizes
  are followed as they drift.
* Cluster analysis: heater-sized edges (several times the pump's) are
  clustered online into at most two heater sizes, each an exponential average
  of its recent clean edges; the size of a heater that is on is taken from
  its own rising edge, or from the level itself when it is the only load.
* Appliance state tracking and on/off pairing with decomposition: every edge
  is explained as a sum of the pump's and the heaters' switching (a heater
  alone, the pump alone, a heater and the pump in one reporting interval, one
  heater handing over to the other) that leaves both levels around it a sum
  of the standby, the heaters and the pump (a state of the machine); an edge
  that two explanations fit, one with the pump and one without, is unsure
  and never starts or ends a run. A rising pump edge, from a level that held,
  is paired with the next falling one of about the same size (Hart's
  matching of ON/OFF events); the run is decided once the level after the
  fall holds too. An edge that nothing explains between them drops the run.
  A run is counted from two split edges only with volts (heater sizes then
  hold to a few watts) and a reading that showed the pump alone. When a split
  was not possible at the time, the run is decided afterwards: a falling
  pump edge with no pump on looks back to the heater edge that hid the
  start, and the heater's own falling edge must account for the rest (the
  sum of an appliance's cycle is zero, the rule behind Hart's finite-state
  appliance models). The same rule ends a run whose stop hid in a heater's
  rise that no known size explained: the heater's fall must be that rise
  and the pump's step. An edge that a heater alone explains a little off
  its size while the other heater is on (the plug's volts sag under it)
  makes a pump's edge there unsure.

A plug reporting every few seconds (an energy meter's 5 s averages) blurs a
shot whose heater switched in its first or last readings into no level the
edges can pair: once its readings settle, ``decoder`` explains the
last ones as the standby, the known heaters and the pump switching inside
the intervals (a factorial-HMM decoder on Hart's additive loads), and a run
it is sure of, that no run counted before overlaps, is counted late.

From the event-detection literature (GLR / CUSUM change detectors) comes the
live noise check: edges comparable to the pump's that nothing explains, and
transients that wander without settling (a PID driving an SSR faster than the
plug reports), are counted over a sliding window. When they come often
enough the detector is ``ambiguous`` and counts nothing (a run in progress is
dropped) until the signal has been clean for a while (hysteresis).

A false run is worse than a missed one: whatever cannot be explained drops
the run it touches.
"""

from __future__ import annotations

import math

from ..readings import DetectedRun
from .constants import MAX_RUN_S, TELL_READINGS
from .floor import _FloorRuns
from .live_level import pump_in_level
from .records import _Floor


class PumpDetector(_FloorRuns):
    """Online detector of the pump's runs in a plug's power readings.

    ``feed`` each reading (timestamps non-decreasing) and call ``advance`` at
    ``next_deadline`` when no reading came before it. Both return the runs
    decided by then: usually none, sometimes one, a reading or two after the
    pump stopped (or later, when a heater's edge hid the start).

    ``kind_bounds`` are the durations where the classifier downstream changes
    a run's kind: a run whose duration the readings cannot place on one side
    of a bound is withheld, not guessed.

    The public face is here, but for ``pump_watts`` (``state``), and
    ``ambiguous`` and ``noise_watts`` (``noise``), read by the layers below.
    """

    __slots__ = ()

    def reset(self) -> None:
        """Forget the run in progress and the level it was read against."""
        self._forget()
        self._floor = _Floor()

    @property
    def pump_on(self) -> bool | None:
        """Whether the pump runs now (None while unknown or ambiguous)."""
        if self._ambiguous or not self._known:
            return None
        return self._pump

    @property
    def level_shows_pump(self) -> bool | None:
        """Whether the level held now shows the pump by its size alone (``live_level``).

        For a listener that knows a press is due; None while unknown,
        ambiguous, or when the level says neither. While a slow PID's pulses
        alone pause the edges (``ambiguous`` stays false), the standby and
        the pump alone still show between the pulses (a 53 W pump read
        60 W for 6 s of each 8 s window, the heater's 1.2 kW pulses
        between): no level with a heater is read then.
        """
        if not self._known or self.ambiguous:
            return None
        k = self._k
        return pump_in_level(
            self._lv - self._base,
            self._pump_watts,
            self._ptol(),
            [] if self._ambiguous else [heater.size / k for heater in self._heaters],
        )

    @property
    def pump_seen(self) -> bool | None:
        """The level's own word where it has one (``level_shows_pump``), else ``pump_on``.

        What a listener that knows a switch is due follows (the guide): a
        press seen once the level shows the pump, a release once it shows a
        heater alone (a thermostat's heater coming on as the pump stopped
        keeps a run open until the heater falls). Runs are counted from
        ``pump_on`` alone.
        """
        level = self.level_shows_pump
        return self.pump_on if level is None else level

    @property
    def telling_delay(self) -> float:
        """How long after a switch the readings can tell of it, by the plug's interval (seconds).

        The step's reading, one to hold the level, one to settle it: about
        ``TELL_READINGS`` intervals (0 until a gap is seen). A listener
        waiting for a switch waits at least this long (a plug reading every
        5 s tells a press 14 s after it at the median, bench ``guided``).
        """
        return TELL_READINGS * self._gap

    @property
    def run_started(self) -> float | None:
        """When the run in progress started, by the readings' own clock (None: no run)."""
        return self._run_at if self._pump and self._known else None

    @property
    def run_ended(self) -> float | None:
        """When the pump's last falling step was, by the readings' own clock."""
        return self._fell_at

    @property
    def steady(self) -> bool:
        """Whether the last ``feed`` was only one more reading of the steady level.

        Then nothing a caller follows moved: no run decided, ``pump_on``,
        ``ambiguous`` and ``next_deadline`` as before the reading (no held edge
        or run to confirm, whose deadlines move with the readings' interval).
        A caller may skip its bookkeeping: most readings are such.
        """
        return self._quiet

    @property
    def next_deadline(self) -> float | None:
        """When ``advance`` should be called if no reading arrives before."""
        # (Asked before every reading: each ``min`` is written out, the
        # same values for fewer calls.)
        deadline = math.inf
        if self._tr:
            deadline = self._last_at + self._settle_wait()
        if (
            self._held is not None
            and (due := self._held_at + self._held_for(self._held)) < deadline
            and not self._rest_being_read(self._held)
        ):
            deadline = due
        if self._pump and (due := self._run_at + MAX_RUN_S) < deadline:
            deadline = due
        if self._pending is not None and (due := self._pending.until) < deadline:
            deadline = due
        if self._confirm is not None and self._confirm_holds(self._last_at):
            if (due := self._confirm.started + MAX_RUN_S) < deadline:
                deadline = due
            if (
                not self._ran_on_ripe
                and not self._tr
                and (due := self._lv_at + self._hold()) < deadline
            ):
                deadline = due
        elif (
            self._confirm is not None
            and not self._tr
            and (due := self._lv_at + self._hold()) < deadline
        ):
            deadline = due
        if (self._ambiguous or self._noise_ev) and self._noise_check < deadline:
            deadline = self._noise_check
        return None if deadline == math.inf else deadline

    def feed(
        self, at: float, watts: float | None, volts: float | None = None
    ) -> list[DetectedRun]:
        """Take one reading; return the runs decided now.

        (Most readings decide none: ``_once`` is skipped for them, a call
        fewer per reading on a plug that reports every few seconds.)
        """
        # (A run held at a heater's rise, ``_stop_in_rise_held``, is counted
        # only once decided: till then the decoder would read the readings
        # before it again.)
        # (No run held to confirm, most readings: nothing for it to let go.)
        waited = self._confirm is not None and self._confirm_waits(at)
        runs = self._read(at, watts, volts)
        apart = self._seconds_apart
        runs = self._floor_runs(runs, None if apart else at, watts)
        if apart and watts is not None and not self._held_level():
            if not waited:
                runs += self._decoded()
            runs += self._pump_then_heater()
            runs += self._heater_then_pump_off()
            runs += self._alone_then_heater()
            runs += self._pump_first_at_both_ends()
            runs += self._pump_first_one_fall()
            runs += self._heater_on_after_stop()
        return self._once(self._read_on(runs)) if runs else runs

    def advance(self, now: float) -> list[DetectedRun]:
        """Time passed without a reading: decide what the silence decides."""
        runs = self._floor_runs(self._advance_to(now), None, None)
        return self._once(self._read_on(runs)) if runs else runs

    def _read_on(self, runs: list[DetectedRun]) -> list[DetectedRun]:
        """The runs decided, less those whose stop a heater's rise reading shows sooner (``_stopped_at_rise``)."""
        return [run for run in runs if not self._stopped_at_rise(run)]
