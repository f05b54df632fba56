"""The machine's heat-up, read from its power: when it ends, and when the next one will.

Pure Python, no Home Assistant: ``routine.py`` feeds it power readings and the
plug's on/off moments (POSIX seconds, the states' own timestamps) and arms the
timers it asks for.

When the first heat-up after power-on ends
------------------------------------------
From power-on the heater runs flat out. The heat-up ends when it first leaves
full output:

* a thermostat, a heat exchanger's pressurestat, a dual boiler: every heater
  switches off. The power falls by a heater-sized step to the idle level
  (standby, perhaps the pump: under ``IDLE_WATTS``) and stays there for
  ``HOLD_SECONDS``. A pump stopping is a step too, but never down to idle
  while a heater is on;
* a PID: the controller starts to modulate. The readings fall below the full
  level and do not settle: they dip again after coming back (a slow
  time-proportional window) or keep falling (a fast SSR, which the plug
  averages), for ``CONFIRM_SECONDS``. The output falls gradually, so the end
  is dated at the last reading still within ``FULL_EDGE`` of full.

A fall onto a steady lower level that is not idle is one heater of a dual
boiler switching off while the other heats on (or a rotary pump stopping):
that level becomes the full level and the heat-up goes on. A single low
reading followed by full power is a glitch. The end is dated at the first
reading below full, however late the decision comes; silence (a plug that
reports only changes) means "unchanged". Where the plug reports its voltage,
readings are scaled to the voltage at power-on, so mains drift is no step.

When the next heat-up will end
------------------------------
A boiler off for ``off`` seconds has lost a share ``1 - exp(-off/τ)`` of its
heat above the room (Newton's cooling), and the heater has to put that share
back, so ``heat-up(off) ≈ cold * (1 - exp(-off/τ))``. ``cold`` is the median of
the last ``MEDIAN_OF`` learned heat-ups, each divided by its own factor (only
those with a factor of at least ``MIN_FACTOR``, so a short warm restart cannot
blow up). τ starts at ``DEFAULT_TAU`` (an hour: a small boiler of brass or
steel loses most of its heat in two to three hours) and is learned from warm
restarts: ``τ = -off / ln(1 - duration / cold)``, median, clamped. An unknown
off time (the first start, or Home Assistant was down) counts as cold.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
import math
from statistics import median
from typing import Any, Final


class HeatUpState(StrEnum):
    """What the machine is doing about its temperature."""

    OFF = "off"
    HEATING = "heating"
    READY = "ready"


class ReadyBy(StrEnum):
    """How the machine knows it is ready."""

    POWER = "power"  # the power meter shows the heat-up's end
    DELAY = "delay"  # no meter: a fixed delay after power-on


class EndedBy(StrEnum):
    """How a heat-up's end was recognised."""

    HEATER_OFF = "heater_off"
    MODULATING = "modulating"
    WARM = "warm"  # the heater never had to come on
    TIMEOUT = "timeout"


# A heater is 800 W or more, the pump and the electronics 250 W at most.
IDLE_WATTS: Final = 250.0
# Below (1 - FULL_DROP) x the full level, the heater has left full output.
FULL_DROP: Final = 0.08
# A PID's output falls gradually: its fall began after the last reading this close to full.
FULL_EDGE: Final = 0.02
# A plateau: readings within ±STEADY_SPREAD of each other for STEADY_SECONDS.
STEADY_SPREAD: Final = 0.03
STEADY_SECONDS: Final = 4.0
# A rise of a heater's size (never a pump's) held this long: the new full level.
RISE_WATTS: Final = 600.0
RISE_SECONDS: Final = 2.0
# Idle this long after leaving full output: every heater is off.
HOLD_SECONDS: Final = 8.0
# Below full and not settling for this long: a PID modulating.
CONFIRM_SECONDS: Final = 20.0
# Back at full for this long after one low reading: a glitch.
CANCEL_SECONDS: Final = 15.0
# How late a reading may arrive: time-based decisions wait this much longer.
LATE_SECONDS: Final = 1.5
# A heat-up never seen to end is given up after this long, and not learned.
MAX_HEAT_UP_SECONDS: Final = 3600.0

DEFAULT_TAU: Final = 3600.0
MIN_TAU: Final = 15 * 60.0
MAX_TAU: Final = 4 * 3600.0
MEDIAN_OF: Final = 10
KEEP: Final = 20
MIN_FACTOR: Final = 0.5


@dataclass(frozen=True, slots=True)
class HeatUpEnd:
    """The end of a heat-up: when, and how it was recognised."""

    at: float
    ended_by: EndedBy


class HeatUpDetector:
    """Finds the end of the first heat-up after one power-on, reading by reading."""

    def __init__(self, power_on_at: float) -> None:
        self.power_on_at = power_on_at
        self.end: HeatUpEnd | None = None
        # The heater's full level in W (voltage-scaled), once seen.
        self.full: float | None = None
        # Seen twice: a first reading may straddle the power-on.
        self._full_confirmed = False
        self._ref_volts: float | None = None
        self._last: float | None = None  # the value in force; None: unknown
        self._last_at = power_on_at
        self._idle_since: float | None = None
        self._above_since: float | None = None
        self._above_min = 0.0
        # The candidate end: when the heater left full output.
        self._left_at: float | None = None
        self._returned_at: float | None = None
        self._recent: deque[tuple[float, float]] = deque()
        # Readings at full output (before a fall), to date a gradual fall.
        self._at_full: deque[tuple[float, float]] = deque(maxlen=30)
        self._fall_began: float | None = None
        # The readings are decided up to here.
        self._until = power_on_at

    def feed(
        self, at: float, watts: float | None, volts: float | None = None
    ) -> HeatUpEnd | None:
        """One reading; returns the end once it is decided (once)."""
        if self.end is not None or at < self._last_at:
            return None
        if watts is None or not math.isfinite(watts) or watts < 0:
            self._last, self._last_at = None, at
            self._idle_since = None
            return self._decide(at)
        value = self._scaled(watts, volts)
        self._step(at, value)
        self._last, self._last_at = value, at
        return self._decide(at)

    def check(self, now: float) -> HeatUpEnd | None:
        """Decide by time: the last value held until ``now`` (less the lateness)."""
        if self.end is not None:
            return None
        return self._decide(max(now - LATE_SECONDS, self._last_at))

    @property
    def next_check(self) -> float | None:
        """When ``check`` could decide without a new reading."""
        if self.end is not None:
            return None
        moments = [self.power_on_at + MAX_HEAT_UP_SECONDS]
        if self._last is not None:
            if self._idle_since is not None:
                moments.append(self._idle_since + HOLD_SECONDS)
            if self._left_at is not None:
                if self._returned_at is not None:
                    moments.append(self._returned_at + CANCEL_SECONDS)
                else:
                    moments.append(self._left_at + CONFIRM_SECONDS)
                    moments.append(self._last_at + STEADY_SECONDS)
        return min(m for m in moments if m > self._until) + LATE_SECONDS

    # --- readings -------------------------------------------------------------

    def _scaled(self, watts: float, volts: float | None) -> float:
        """The reading at the voltage of power-on: a heater's power goes with V²."""
        if volts is None or not math.isfinite(volts) or volts <= 0:
            return watts
        if self._ref_volts is None:
            self._ref_volts = volts
        return watts * (self._ref_volts / volts) ** 2

    def _idle(self, value: float) -> bool:
        full = self.full if self.full is not None else 1000.0
        return value < min(IDLE_WATTS, 0.35 * full)

    def _step(self, at: float, value: float) -> None:
        full = self.full
        if full is None:
            if not self._idle(value):
                self.full = value
                self._idle_since = None
            elif self._idle_since is None:
                self._idle_since = at
            return
        low = value < full * (1 - FULL_DROP)
        if self._left_at is None:
            if low:
                self._leave(at, value)
            else:
                self._follow(at, value, full)
            return
        self._recent.append((at, value))
        if not low:
            self._idle_since = None
            if self._returned_at is None:
                self._returned_at = at
            return
        if self._returned_at is not None:
            # Down, up and down again: a PID modulating its heater.
            self._finish(self._modulation_began(self._left_at), EndedBy.MODULATING)
            return
        if self._idle(value):
            if self._idle_since is None:
                self._idle_since = at
        else:
            self._idle_since = None

    def _follow(self, at: float, value: float, full: float) -> None:
        """At full output: track slow drift, and a second heater switching on."""
        if value <= full * (1 + FULL_DROP):
            self._above_since = None
            self.full = full + 0.1 * (value - full)
            self._full_confirmed = True
            self._at_full.append((at, value))
            return
        if not self._full_confirmed:
            self.full = value
            return
        if value < full + RISE_WATTS:
            self._above_since = None  # the pump on top: not the heater's level
            return
        if self._above_since is None:
            self._above_since, self._above_min = at, value
            return
        self._above_min = min(self._above_min, value)
        if at - self._above_since >= RISE_SECONDS:
            self.full = self._above_min
            self._above_since = None

    def _leave(self, at: float, value: float) -> None:
        """The first reading below full: the heat-up may have ended."""
        self._above_since = None
        # The fall happened since the last reading, within the plug's window.
        self._left_at = max(self._last_at, at - 1.0)
        # A gradual fall began after the last reading still at full, within
        # the window of the reading after it: a plug's usual interval (a long
        # silence before it meant "unchanged").
        full = self.full or value
        times = [t for t, _ in self._at_full]
        gaps = [b - a for a, b in pairwise(times)]
        window = min(10.0, max(1.0, median(gaps))) if gaps else 1.0
        self._fall_began = None
        later = at
        for t, v in reversed(self._at_full):
            if v >= full * (1 - FULL_EDGE):
                self._fall_began = max(t, later - window)
                break
            later = t
        self._returned_at = None
        self._recent = deque([(at, value)])
        self._idle_since = at if self._idle(value) else None

    # --- decisions ------------------------------------------------------------

    def _decide(self, until: float) -> HeatUpEnd | None:
        """Every decision the readings up to ``until`` allow."""
        self._until = max(self._until, until)
        if self.end is None and self._last is not None:
            if self.full is None:
                if (
                    self._idle_since is not None
                    and until - self._idle_since >= HOLD_SECONDS
                ):
                    self._finish(self.power_on_at, EndedBy.WARM)
            elif self._left_at is not None:
                self._decide_left(until, self._left_at)
        if self.end is None and until - self.power_on_at >= MAX_HEAT_UP_SECONDS:
            self._finish(until, EndedBy.TIMEOUT)
        return self.end

    def _decide_left(self, until: float, left_at: float) -> None:
        if self._idle_since is not None and until - self._idle_since >= HOLD_SECONDS:
            self._finish(left_at, EndedBy.HEATER_OFF)
        elif self._returned_at is not None:
            if until - self._returned_at >= CANCEL_SECONDS:
                self._left_at = self._returned_at = None  # a glitch
        elif (level := self._plateau(until)) is not None:
            # One heater of two switched off (or the pump stopped): heating on.
            self.full = level
            self._left_at = None
            self._idle_since = None
        elif until - left_at >= CONFIRM_SECONDS:
            self._finish(self._modulation_began(left_at), EndedBy.MODULATING)

    def _plateau(self, until: float) -> float | None:
        """The level the power stepped down to and stayed at, unless idle.

        A heater switching off gives at most one reading between the levels
        (a plug's average straddling the step), then the new level at once; a
        PID's fall is gradual. So every reading since the fall, or since the
        one after it, must sit on the plateau for STEADY_SECONDS: three
        readings, or one and silence (a plug that reports changes only).
        """
        readings = list(self._recent)
        first = readings[0][1]
        skip = 1  # the straddling reading, and stale repeats of it
        while skip < len(readings) and abs(readings[skip][1] - first) <= 0.01 * first:
            skip += 1
        for since in (0, skip):
            after = readings[since:]
            if not after or until - after[0][0] < STEADY_SECONDS:
                continue
            if len(after) < 3 and until - after[-1][0] < STEADY_SECONDS:
                continue  # three readings, or silence: "unchanged"
            low = min(value for _, value in after)
            high = max(value for _, value in after)
            if not self._idle(low) and high <= low * (1 + 2 * STEADY_SPREAD):
                return (low + high) / 2
        return None

    def _modulation_began(self, left_at: float) -> float:
        """A PID's output fell gradually: since the last reading still at full."""
        began = self._fall_began
        return left_at if began is None else min(left_at, began)

    def _finish(self, at: float, ended_by: EndedBy) -> None:
        self.end = HeatUpEnd(max(at, self.power_on_at), ended_by)


# --- learning and estimating ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeatUp:
    """One learned heat-up: power-on, its length, how long the machine was off before."""

    at: float
    seconds: float
    off_seconds: float | None  # None: unknown, counted as cold

    def as_dict(self) -> dict[str, Any]:
        """Serialise for the store."""
        return {"at": self.at, "seconds": self.seconds, "off_seconds": self.off_seconds}


def heat_lost(off_seconds: float | None, tau: float) -> float:
    """The share of its heat a boiler off this long has lost (1: cold)."""
    if off_seconds is None:
        return 1.0
    return 1.0 - math.exp(-max(off_seconds, 0.0) / tau)


def _cold(history: Sequence[HeatUp], tau: float) -> float | None:
    equivalents = [
        h.seconds / lost
        for h in history[-MEDIAN_OF:]
        if (lost := heat_lost(h.off_seconds, tau)) >= MIN_FACTOR
    ]
    return median(equivalents) if equivalents else None


def _tau(history: Sequence[HeatUp], cold: float) -> float | None:
    taus = [
        -h.off_seconds / math.log(1.0 - share)
        for h in history
        if h.off_seconds is not None
        and h.off_seconds > 0
        and 0.1 <= (share := h.seconds / cold) <= 0.9
    ]
    return min(MAX_TAU, max(MIN_TAU, median(taus))) if taus else None


@dataclass(frozen=True, slots=True)
class Learned:
    """What the past heat-ups say: a cold heat-up's length and the cooling time constant."""

    cold_seconds: float | None
    tau: float
    count: int

    def estimate(self, off_seconds: float | None) -> float | None:
        """How long a heat-up after ``off_seconds`` off will take; None before any."""
        if self.cold_seconds is None:
            return None
        return self.cold_seconds * heat_lost(off_seconds, self.tau)


def learn(history: Sequence[HeatUp]) -> Learned:
    """Fit the cold heat-up and τ to the history (a few alternating rounds)."""
    tau = DEFAULT_TAU
    cold = _cold(history, tau)
    for _ in range(3):
        if cold is None or (new_tau := _tau(history, cold)) is None:
            break
        tau = new_tau
        cold = _cold(history, tau) or cold
    return Learned(cold, tau, len(history))


# --- stored state -------------------------------------------------------------------


@dataclass(slots=True)
class HeatUpData:
    """What the routine keeps across restarts (POSIX seconds)."""

    powered_on_at: float | None = None
    powered_off_at: float | None = None
    # The end of the current power-on's heat-up, once seen.
    ended_at: float | None = None
    history: list[HeatUp] = field(default_factory=list)

    def remember(self, heat_up: HeatUp) -> None:
        """Learn one more heat-up, keeping the newest ``KEEP``."""
        self.history = [*self.history, heat_up][-KEEP:]

    def as_dict(self) -> dict[str, Any]:
        """Serialise for the store."""
        return {
            "powered_on_at": self.powered_on_at,
            "powered_off_at": self.powered_off_at,
            "ended_at": self.ended_at,
            "history": [h.as_dict() for h in self.history],
        }

    @classmethod
    def from_dict(cls, raw: Any) -> HeatUpData:
        """Parse leniently: anything malformed is dropped, never the whole store."""
        if not isinstance(raw, Mapping):
            return cls()
        return cls(
            powered_on_at=_seconds(raw.get("powered_on_at")),
            powered_off_at=_seconds(raw.get("powered_off_at")),
            ended_at=_seconds(raw.get("ended_at")),
            history=list(_heat_ups(raw.get("history"))),
        )


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def _heat_ups(raw: Any) -> Iterable[HeatUp]:
    if not isinstance(raw, list):
        return
    for item in raw[-KEEP:]:
        if not isinstance(item, Mapping):
            continue
        at, seconds = _seconds(item.get("at")), _seconds(item.get("seconds"))
        if at is None or seconds is None:
            continue
        yield HeatUp(at, seconds, _seconds(item.get("off_seconds")))
