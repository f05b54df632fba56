"""The one signal a machine counts its shots from.

A machine counts from exactly one signal, so the same shot is never counted
twice: a sensor on the brew switch if there is one, else the plug's power
meter, else the pump relay. On/off sources go through the run tracker of
``shots``; the power meter through the pure detector of ``power.pump``. A
run that overlaps a program of ours, or during which the signal went
unavailable, is dropped.

Where both a meter and an on/off source exist, each run the on/off source
sees teaches the meter the pump's step in watts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
import math
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from ..deadline import Deadline
from ..relays.base import RelayUpdate
from ..shots import PumpRun, PumpRunTracker, classify
from .base import BinarySource, PowerMeter, SignalKind
from .power.calibration import learn_pump_watts
from .power.pump.detector import PumpDetector
from .power.readings import DetectedRun, Reading

# How much of the meter's history is kept: calibration measures idle noise in it.
RECENT_SECONDS = 600.0
# How many program windows are remembered (a late power decision checks them).
PROGRAM_WINDOWS = 16
# A run seen on an on/off source is measured on the meter this long after its
# end, once the meter has reported the falling step too.
LEARN_DELAY_SECONDS = 15.0
# Until measured: how late the power detector tells a switch of the pump.
POWER_SWITCH_DELAY_SECONDS = 3.0
# Weight of a shorter delay in the learned switch delay.
SWITCH_DELAY_WEIGHT = 0.2


class PowerCounting(StrEnum):
    """Whether counting by power works now, and if not, why."""

    COUNTING = "counting"
    NEEDS_CALIBRATION = "needs_calibration"
    AMBIGUOUS = "ambiguous"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class ShotRules:
    """The classifier's bounds in seconds."""

    shot_min: float
    shot_max: float


@dataclass(slots=True)
class SignalHooks:
    """What the signal tells the machine."""

    # A classified run that no program made.
    run: Callable[[PumpRun], None]
    # The pump was seen running at this moment.
    activity: Callable[[datetime], None]
    # A pump step measured on the meter during a run an on/off source saw.
    learned: Callable[[float], None]
    # Counting by power paused or resumed.
    changed: Callable[[], None]
    # The counting signal saw the pump switch on (True) or off, at the
    # signal's own moment of the switch (programs' runs included).
    switched: Callable[[bool, datetime], None] = field(default=lambda _on, _at: None)


def choose_kind(*, brew: bool, meter: bool, pump: bool) -> SignalKind:
    """The signal a machine counts from, in order of preference."""
    if brew:
        return SignalKind.BREW_SENSOR
    if meter:
        return SignalKind.POWER
    if pump:
        return SignalKind.PUMP_RELAY
    return SignalKind.NONE


class ShotSignal:
    """Turns the chosen source into classified runs, and keeps the meter's recent readings."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        source: BinarySource | None,
        kind: SignalKind,
        meter: PowerMeter | None,
        hooks: SignalHooks,
        rules: Callable[[], ShotRules],
        pump_watts: float,
        refused: bool,
    ) -> None:
        self._hass = hass
        self.kind = kind
        self.source = source
        self.meter = meter
        self._hooks = hooks
        self._rules = rules
        self._tracker = PumpRunTracker()
        self._recent: deque[Reading] = deque()
        self._program_windows: deque[list[float]] = deque(maxlen=PROGRAM_WINDOWS)
        self._unsubs: list[CALLBACK_TYPE] = []
        # When the detector next wants ``advance``.
        self._deadline = Deadline(hass, self._async_deadline)
        self._detector: PumpDetector | None = None
        # The detector whose state ``_after_detector`` last followed.
        self._followed: PumpDetector | None = None
        self._pump_watts = pump_watts
        self.refused = refused
        self._was_on: bool | None = None
        # The moment (the readings' clock) of the last switch told, or of a
        # program's start: no switch is dated before it.
        self._switch_told = -math.inf
        # A power meter tells a switch a reading or two late (an on/off source at once).
        self._switch_delay = (
            POWER_SWITCH_DELAY_SECONDS if kind is SignalKind.POWER else 0.0
        )
        if kind is SignalKind.POWER and pump_watts > 0:
            self._detector = PumpDetector(pump_watts, kind_bounds=self._kind_bounds())

    # --- life cycle ----------------------------------------------------------

    async def async_start(self) -> None:
        """Follow the source and the meter (the machine has started them)."""
        if self.source is not None:
            self._tracker = PumpRunTracker(self.source.is_on)
            self._unsubs.append(self.source.async_add_listener(self._async_changed))
        if self.meter is not None:
            self._unsubs.append(
                self.meter.async_add_reading_listener(self._async_reading)
            )

    async def async_stop(self) -> None:
        """Stop following; forget any run in progress."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self._deadline.cancel()

    # --- state -----------------------------------------------------------------

    @property
    def counting(self) -> PowerCounting | None:
        """For a power signal, whether it counts now; None for the other signals."""
        if self.kind is not SignalKind.POWER:
            return None
        if self.refused:
            return PowerCounting.REFUSED
        if self._detector is None:
            return PowerCounting.NEEDS_CALIBRATION
        if self._detector.ambiguous:
            return PowerCounting.AMBIGUOUS
        return PowerCounting.COUNTING

    @property
    def active_kind(self) -> SignalKind:
        """The signal counting now.

        A power signal that does not count yet (no ``pump_watts``) or is paused
        leaves the counting to the pump relay, where there is one: one signal
        at a time, so a shot is never counted twice.
        """
        if (
            self.kind is SignalKind.POWER
            and self.counting is not PowerCounting.COUNTING
            and self.source is not None
        ):
            return SignalKind.PUMP_RELAY
        return self.kind

    @property
    def pump_watts(self) -> float:
        """The pump's step the detector looks for (0: not known yet)."""
        return self._pump_watts

    def power_pump_watts(self) -> float:
        """The pump's step while power counts now (else 0): backflushes read from power then.

        (Counting by power makes ``active_kind`` the power too.)
        """
        if self.counting is PowerCounting.COUNTING:
            return self._pump_watts
        return 0.0

    def set_pump_watts(self, watts: float, *, refused: bool) -> None:
        """A new pump step (options or learning), and whether counting by power is refused."""
        before = self.counting
        self.refused = refused
        if watts != self._pump_watts:
            self._pump_watts = watts
            if self.kind is SignalKind.POWER:
                if watts <= 0:
                    self._detector = None
                elif self._detector is None:
                    self._detector = PumpDetector(
                        watts, kind_bounds=self._kind_bounds()
                    )
                    self._replay()
                else:
                    self._detector.pump_watts = watts
        if self._detector is not None:
            # (Called on every change of the options: the shot's bounds too.)
            self._detector.kind_bounds = self._kind_bounds()
        if self.counting != before:
            self._hooks.changed()

    def _kind_bounds(self) -> tuple[float, float]:
        """Where a run's kind changes: the detector withholds a run it cannot place."""
        rules = self._rules()
        return (rules.shot_min, rules.shot_max)

    def _replay(self) -> None:
        """A new detector reads the last ten minutes first, counting nothing from them.

        An unchanged power writes no new state, so without its history the
        detector would take its first reading for the idle level, even with
        the pump running. Runs before the pump's step was known (the
        calibration run among them) are not counted.
        """
        detector = self._detector
        assert detector is not None
        for reading in self._recent:
            detector.feed(reading.at, reading.watts, reading.volts)
        self._was_on = detector.pump_on

    def recent_readings(self) -> list[Reading]:
        """The meter's readings of the last ten minutes, oldest first."""
        return list(self._recent)

    @callback
    def note_program(self, active: bool) -> None:
        """A program of ours started or ended: runs overlapping it are its own."""
        now = dt_util.utcnow().timestamp()
        if active:
            self._program_windows.append([now, float("inf")])
            # A person answers the program's prompts: a pump run the detector
            # dates back past the program's start (a heater's rise that hid
            # it) is dated from the start, or the first pulse ends early.
            self._switch_told = max(self._switch_told, now)
        elif self._program_active:
            self._program_windows[-1][1] = now

    @property
    def _program_active(self) -> bool:
        """Whether a program of ours runs now."""
        windows = self._program_windows
        return bool(windows) and windows[-1][1] == float("inf")

    def _made_by_program(self, started: float, ended: float) -> bool:
        return any(
            start <= ended and started <= end for start, end in self._program_windows
        )

    # --- on/off sources ----------------------------------------------------------

    @callback
    def _async_changed(self, update: RelayUpdate) -> None:
        rules = self._rules()
        if update.is_on:
            self._hooks.activity(update.changed_at)
        if update.is_on is not None and self.active_kind is not SignalKind.POWER:
            self._hooks.switched(update.is_on, update.changed_at)
        started = self._tracker.started
        run = self._tracker.update(
            update.is_on,
            update.changed_at,
            program_active=self._program_active,
            shot_min=rules.shot_min,
            shot_max=rules.shot_max,
        )
        if run is not None and self.active_kind is not SignalKind.POWER:
            self._hooks.run(run)
        if update.is_on is False and started is not None and self.meter is not None:
            self._learn_later(started, update.changed_at)

    def _learn_later(self, started: datetime, ended: datetime) -> None:
        """Measure the run's step on the meter once its falling edge has been reported."""

        @callback
        def learn(_now: datetime) -> None:
            self._unsubs.remove(cancel)
            watts = learn_pump_watts(
                list(self._recent), started.timestamp(), ended.timestamp()
            )
            if watts is not None:
                self._hooks.learned(watts)

        cancel = async_call_later(self._hass, LEARN_DELAY_SECONDS, learn)
        self._unsubs.append(cancel)

    # --- the power meter -------------------------------------------------------

    @callback
    def _async_reading(self, reading: Reading) -> None:
        """One reading of the meter: keep it, and feed the detector (a hot path)."""
        at = reading.at
        recent = self._recent
        recent.append(reading)
        horizon = at - RECENT_SECONDS
        while recent[0].at < horizon:
            recent.popleft()
        detector = self._detector
        if detector is None or self.kind is not SignalKind.POWER:
            return
        ambiguous = detector.ambiguous
        runs = detector.feed(at, reading.watts, reading.volts)
        deadline = self._deadline.at
        if (
            detector.steady
            and detector is self._followed
            and (deadline is None or deadline > at)
        ):
            # One more reading of the steady level: what ``_after_detector``
            # follows stands as it was after the reading before.
            return
        self._after_detector(detector, runs, ambiguous, at)

    @callback
    def _async_deadline(self, at: float) -> None:
        """The detector's deadline has come: silence means "unchanged"."""
        detector = self._detector
        if detector is None:
            return
        ambiguous = detector.ambiguous
        runs = detector.advance(at)
        self._after_detector(detector, runs, ambiguous, at)

    def _after_detector(
        self,
        detector: PumpDetector,
        runs: list[DetectedRun],
        was_ambiguous: bool,
        at: float,
    ) -> None:
        # While a program of ours runs (its pulses are never counted), a
        # person asked to press is seen as soon as the level shows the pump,
        # not only once a run can be paired and dated (``live_level``).
        is_on = detector.pump_seen if self._program_active else detector.pump_on
        if is_on is not self._was_on:
            if is_on:
                self._hooks.activity(dt_util.utc_from_timestamp(at))
            if is_on is not None:
                # The switch is dated by the step's own moment, a reading or
                # two before the detector could tell; never before the last
                # switch told (a fall before a level's "on" is an older run's).
                dated = detector.run_started if is_on else detector.run_ended
                if dated is not None and dated < self._switch_told:
                    dated = None
                moment = at if dated is None else min(dated, at)
                if dated is not None and self._was_on is not None:
                    self._learn_switch_delay(at - moment)
                self._switch_told = moment
                self._hooks.switched(is_on, dt_util.utc_from_timestamp(moment))
            self._was_on = is_on
        if runs:
            self._count(runs)
        deadline = detector.next_deadline
        if deadline is not None and deadline <= at:
            # Not moved on by this reading or silence: wait for the next reading.
            deadline = None
        self._deadline.want(deadline)
        self._followed = detector
        if detector.ambiguous is not was_ambiguous:
            self._hooks.changed()

    @property
    def switch_delay(self) -> float:
        """How long after a switch of the pump the signal tells of it (seconds).

        Learned from the switches told, and by power never less than the
        plug's interval allows (``telling_delay``): every 5 s the first
        press is told 14 s after it at the median, and a guide asking again
        after 3 s of delay would ask a person already holding brew.
        """
        detector = self._detector
        if detector is None:
            return self._switch_delay
        return max(self._switch_delay, detector.telling_delay)

    def _learn_switch_delay(self, sample: float) -> None:
        """Follow a longer delay at once, a shorter one slowly."""
        old = self._switch_delay
        self._switch_delay = max(sample, old + SWITCH_DELAY_WEIGHT * (sample - old))

    def _count(self, runs: list[DetectedRun]) -> None:
        rules = self._rules()
        for found in runs:
            if self._made_by_program(found.started, found.ended) or self.refused:
                continue
            duration = found.ended - found.started
            self._hooks.run(
                PumpRun(
                    classify(duration, rules.shot_min, rules.shot_max),
                    duration,
                    dt_util.utc_from_timestamp(found.started),
                    dt_util.utc_from_timestamp(found.ended),
                )
            )

    def diagnostics(self) -> dict[str, Any]:
        """Which signal counts, how it is doing, and its sources."""
        detector = self._detector
        return {
            "kind": self.kind,
            "active": self.active_kind,
            "counting": self.counting,
            "pump_watts": self._pump_watts,
            "noise_watts": detector.noise_watts if detector else None,
            "pump_on": detector.pump_on if detector else self._tracker.is_on,
            "source": self.source.diagnostics() if self.source else None,
            "meter": self.meter.diagnostics() if self.meter else None,
            "recent_readings": len(self._recent),
        }
