"""Ground-truth power traces of a home espresso machine behind a metering plug.

Why: the pump detector (``signals/power/pump/``) has to be measured against
pump runs whose true start, end and kind are known, on machines whose heaters
behave like real ones. Recorded traces have no ground truth and no variety, so
this module simulates the machine physically and the plug as a meter:

* **Boilers** follow a first-order thermal model, ``C dT/dt = P_heater -
  G (T - T_room) - flow c (T - T_inlet)``, solved exactly between events. A
  heat-up from cold, a warm restart and the heater switching on a few seconds
  into a shot (cold water drawn into the boiler) all emerge from it.
* **Heater control** per family: a bang-bang thermostat (``thermostat``), a
  pressurestat on one big boiler (``heat_exchanger``), two thermostats
  (``dual_boiler``, sometimes with brew priority, sometimes both heaters at
  once), and a PID driving a slow time-proportional window (``pid_slow``) or a
  fast SSR burst (``pid_fast``).
* **Pumps**: ``vibratory`` (40-70 W, ramps up over 1-3 s as pressure builds)
  and ``rotary`` (120-200 W, inrush of 1.5-2x for under a second).
* **Mains**: the voltage wanders slowly (220-240 V, or 110-125 V on one
  machine in ten), and the machine's own current sags it through the line's
  resistance. Heaters are resistive: they scale with the square of the
  voltage at the socket, the sagged one the plug measures and reports.
* **Plugs** (``PLUG_MODELS``): ``periodic_1`` reports the last 1 s average
  every second (a Shelly), ``periodic_2`` the last 1 s average every 2 s (a
  Shelly polled every 2 s: half the signal is never seen), ``periodic_5`` the
  average over the whole 5 s interval (an energy meter's counter difference),
  ``on_change`` the last 1 s average whenever it moved more than 5 W from the
  last value sent, and never in silence (Home Assistant would not write an
  unchanged state anyway). All add noise of a few W, round, drop a few
  readings, and the periodic ones sometimes repeat a stale value.
  ``LivePlug`` reads a ``MachineModel`` the same way as it runs, for a
  closed loop (a person pressing brew as a guided program asks).
* **Usage**: days of power on, heat-up, groups of shots with flushes, idle
  gaps, sometimes a warm restart, a hand-made backflush, power off. Nights
  are shortened to 10-30 min of trace time; the machine is cold again at the
  next power-on.

Everything is the standard library and deterministic for a seed. A machine's
physics and usage depend on ``(family, pump, seed)`` only, so the same seed
seen through the four plugs is the same day of espresso (but for the user's
calibration runs: the options flow asks a plug reporting every 5 s for
several, ``SLOW_RUNS``).
"""

from __future__ import annotations

import argparse
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
import math
import random
import sys
from typing import Final, TextIO

FAMILIES: Final[tuple[str, ...]] = (
    "thermostat",
    "heat_exchanger",
    "dual_boiler",
    "pid_slow",
    "pid_fast",
)
PUMPS: Final[tuple[str, ...]] = ("vibratory", "rotary")
PLUGS: Final[tuple[str, ...]] = ("periodic_1", "periodic_2", "periodic_5", "on_change")
KINDS: Final[tuple[str, ...]] = ("shot", "flush", "backflush_pulse")
CALIBRATION: Final = "calibration"
"""Kind of the user's calibration run (kept out of ``Trace.runs``)."""

WATER_HEAT: Final = 4.186
"""Specific heat of water, J/(g K)."""
_FLOW: Final = {"shot": 2.5, "flush": 7.0, "backflush_pulse": 0.3, CALIBRATION: 7.0}
"""Water drawn through the boiler(s) while the pump runs, g/s, by run kind."""
_INF: Final = math.inf


@dataclass(frozen=True, slots=True)
class TrueRun:
    """One pump run as it really happened, in seconds since the trace start."""

    started: float
    ended: float
    kind: str

    @property
    def duration(self) -> float:
        """How long the pump ran, s."""
        return self.ended - self.started


@dataclass(frozen=True, slots=True)
class Report:
    """One plug reading: ``at`` is the moment it was measured (plus jitter)."""

    at: float
    watts: float
    volts: float | None


@dataclass(frozen=True, slots=True)
class PlugModel:
    """How a metering plug turns the true power into readings."""

    name: str
    interval: float
    """Seconds between measurements (on-change plugs measure every second)."""
    window: float
    """Seconds averaged by a reading (ending at the measurement)."""
    on_change: float | None
    """Report only when the value moved by more than this many W."""
    resolution: float
    """Readings are rounded to this many W."""
    volts: bool
    """Whether the plug also reports its voltage."""
    drop: float
    """Probability that a reading never arrives."""
    repeat: float
    """Probability that a reading repeats the previous value (stale meter)."""
    jitter: float = 0.05
    """Up to this many s between measurement and the timestamp given."""


PLUG_MODELS: Final[dict[str, PlugModel]] = {
    "periodic_1": PlugModel("periodic_1", 1.0, 1.0, None, 0.1, True, 0.01, 0.015),
    "periodic_2": PlugModel("periodic_2", 2.0, 1.0, None, 0.1, True, 0.01, 0.015),
    "periodic_5": PlugModel("periodic_5", 5.0, 5.0, None, 1.0, False, 0.01, 0.015),
    # Pushed over TCP: a notification is rarely lost, never repeated.
    "on_change": PlugModel("on_change", 1.0, 1.0, 5.0, 0.1, True, 0.003, 0.0),
}


@dataclass(frozen=True, slots=True)
class BoilerSpec:
    """One boiler and its heater."""

    name: str
    heater_watts: float
    """At the nominal voltage."""
    capacity: float
    """Heat capacity of water and metal, J/K."""
    loss: float
    """Conductance to the room, W/K."""
    setpoint: float
    hysteresis: float
    """Thermostat band, K (centred on the setpoint)."""
    draw: float
    """Share of the pumped water's heat taken from this boiler (0 to 1)."""


@dataclass(frozen=True, slots=True)
class MachineSpec:
    """Everything fixed about one simulated machine."""

    family: str
    pump: str
    boilers: tuple[BoilerSpec, ...]
    pump_watts: float
    pump_ramp: float
    """Vibratory: ramp-up time, s; rotary: inrush time, s."""
    inrush: float
    pump_wobble: float
    flow_scale: float
    standby_watts: float
    nominal_volts: float
    volts_low: float
    volts_high: float
    line_ohms: float
    ambient: float
    inlet: float
    priority: bool
    """Dual boiler: the steam heater waits while the brew heater is on."""
    pid_period: float
    """Seconds between PID updates (pid_slow: its window)."""
    pid_burst: float
    """pid_fast: the SSR's burst window, s (duty is quantised to its half-cycles)."""
    kp: float
    ti: float
    td: float
    sensor_noise: float


def _rng(*parts: object) -> random.Random:
    """A generator seeded from a string: stable across runs and hash seeds."""
    return random.Random("|".join(str(p) for p in parts))


def _check(family: str, pump: str, plug: str | None = None) -> None:
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}, expected one of {FAMILIES}")
    if pump not in PUMPS:
        raise ValueError(f"unknown pump {pump!r}, expected one of {PUMPS}")
    if plug is not None and plug not in PLUGS:
        raise ValueError(f"unknown plug {plug!r}, expected one of {PLUGS}")


type _Span = tuple[float, float]
type _Ranges = tuple[_Span, _Span, _Span, _Span, _Span, float]
"""heater W, capacity J/K, setpoint °C, hysteresis K, idle loss W, draw."""

_BOILERS: Final[dict[str, tuple[tuple[str, _Ranges], ...]]] = {
    "thermostat": (
        ("boiler", ((1000, 1400), (5000, 10000), (95, 105), (3, 6), (60, 120), 1)),
    ),
    # A pressurestat senses steam pressure, which follows the water at once: a
    # narrow band, so the heater cycles every 30-90 s. The brew water crosses
    # the boiler in a heat exchanger and takes part of the heat.
    "heat_exchanger": (
        (
            "boiler",
            ((1200, 1500), (15000, 20000), (118, 125), (0.4, 1), (150, 250), 0.7),
        ),
    ),
    "dual_boiler": (
        ("brew", ((900, 1100), (4000, 6000), (92, 96), (1.5, 3), (30, 60), 1)),
        ("steam", ((1200, 1400), (13000, 16000), (122, 128), (2, 4), (80, 140), 0)),
    ),
    "pid_slow": (
        ("boiler", ((1000, 1400), (5000, 9000), (92, 100), (0, 0), (50, 100), 1)),
    ),
    "pid_fast": (
        ("boiler", ((1000, 1400), (5000, 9000), (92, 100), (0, 0), (50, 100), 1)),
    ),
}


def machine_spec(family: str, pump: str, seed: int) -> MachineSpec:
    """Draw one machine of ``family`` with a ``pump``: its sizes, losses, tuning."""
    _check(family, pump)
    r = _rng("machine", family, pump, seed)
    u = r.uniform
    ambient, inlet = u(18, 25), u(12, 20)

    def boiler(name: str, ranges: _Ranges) -> BoilerSpec:
        heater, capacity, setpoint, hysteresis, idle_loss, draw = ranges
        sp = u(*setpoint)
        loss = u(*idle_loss) / (sp - ambient)
        return BoilerSpec(
            name, u(*heater), u(*capacity), loss, sp, u(*hysteresis), draw
        )

    boilers = tuple(boiler(name, ranges) for name, ranges in _BOILERS[family])
    us = r.random() < 0.1
    nominal = 120.0 if us else 230.0
    low, high = (110.0, 125.0) if us else (220.0, 240.0)
    vibratory = pump == "vibratory"
    slow = family == "pid_slow"
    return MachineSpec(
        family=family,
        pump=pump,
        boilers=boilers,
        pump_watts=u(40, 70) if vibratory else u(120, 200),
        pump_ramp=u(1, 3) if vibratory else u(0.3, 0.9),
        inrush=1.0 if vibratory else u(1.5, 2.0),
        pump_wobble=u(0.01, 0.03) if vibratory else u(0.005, 0.015),
        flow_scale=u(0.8, 1.2),
        standby_watts=u(2, 8),
        nominal_volts=nominal,
        volts_low=low,
        volts_high=high,
        line_ohms=u(0.1, 0.4) * (0.5 if us else 1.0),
        ambient=ambient,
        inlet=inlet,
        priority=family == "dual_boiler" and r.random() < 0.5,
        pid_period=u(2, 10) if slow else r.choice((0.5, 1.0)),
        pid_burst=u(0.1, 0.5),
        kp=u(0.15, 0.3),
        ti=u(40, 120),
        td=u(0.5, 3),
        sensor_noise=u(0.03, 0.1),
    )


class _Boiler:
    """A boiler's state: temperature, thermostat contact, heater output."""

    __slots__ = ("call", "level", "spec", "temp")

    def __init__(self, spec: BoilerSpec, temp: float) -> None:
        self.spec = spec
        self.temp = temp
        self.call = False
        """Thermostat contact closed (bang-bang families)."""
        self.level = 0.0
        """Heater output 0..1 actually applied."""


class MachineModel:
    """The machine, advanced event by event; also drives a live dev instance.

    Time is any monotonic clock in seconds; the model starts at the first
    time it is given. Between events (heater switching, PID ticks, pump
    steps, voltage changes) every quantity is constant or exponential, so
    the model is exact and cheap: a day costs a few thousand events.
    """

    def __init__(
        self,
        family: str,
        pump: str,
        *,
        seed: int = 0,
        spec: MachineSpec | None = None,
        record: bool = False,
    ) -> None:
        _check(family, pump)
        self.spec = spec if spec is not None else machine_spec(family, pump, seed)
        s = self.spec
        self._rng = _rng("engine", family, pump, seed)
        self._boilers = [_Boiler(b, s.ambient) for b in s.boilers]
        self._pid = family in ("pid_slow", "pid_fast")
        self._fast = family == "pid_fast"
        self._bursts = max(1, round(s.pid_burst * 2 * 50))
        self._started = False
        self._t = 0.0
        self._powered = False
        self._pump_on = False
        self._pump_kind = "shot"
        self._pump_started = 0.0
        self._pump_level = 0.0
        self._next_pump = _INF
        self._volts = (s.volts_low + s.volts_high) / 2 + self._rng.uniform(-3, 3)
        self._heat_scale = (self._volts / s.nominal_volts) ** 2  # at the socket
        self._next_volt = _INF
        self._next_tick = _INF
        self._heater_off_at = _INF
        self._integral = 0.0
        self._last_measured = 0.0
        self._power = 0.0
        self._plug_volts = self._volts
        self._energy = 0.0
        self._power_on_at = 0.0
        self._heat_pending = False
        self.heat_up_end: float | None = None
        """When the current session's heat-up ended (None while heating or off)."""
        self.heat_up_ends: list[tuple[float, float]] = []
        """``(power_on_at, first_heat_up_end)`` of every session so far."""
        self._record = record
        self.seg_at: list[float] = []
        self.seg_watts: list[float] = []
        self.seg_volts: list[float] = []

    # Public API ---------------------------------------------------------

    @property
    def now(self) -> float:
        """The time the model has reached."""
        return self._t

    @property
    def powered(self) -> bool:
        """Whether the machine's main switch is on."""
        return self._powered

    @property
    def temperatures(self) -> tuple[float, ...]:
        """Boiler temperatures, °C (brew first on a dual boiler)."""
        return tuple(b.temp for b in self._boilers)

    @property
    def pump_running(self) -> bool:
        """Whether the pump runs (switched on by ``set_pump``)."""
        return self._pump_on

    @property
    def heater_on(self) -> bool:
        """Whether any heater draws power now."""
        return any(b.level > 0 for b in self._boilers)

    def advance(self, at: float) -> None:
        """Run the model up to ``at`` (monotonic)."""
        self._advance(at)

    def set_power(self, on: bool, at: float) -> None:
        """The main switch; powering on starts a heat-up, off drops everything."""
        self._advance(at)
        if on == self._powered:
            return
        self._powered = on
        if on:
            self._power_on_at = at
            self._heat_pending = True
            self.heat_up_end = None
            self._integral = 0.0
            self._last_measured = self._boilers[0].temp
            for b in self._boilers:
                b.call = b.temp < b.spec.setpoint - b.spec.hysteresis / 2
            if self._pid:
                self._next_tick = at
            else:
                self._apply_thermostats()
                if not any(b.level for b in self._boilers):
                    self._heat_up_done()
        else:
            self._heat_pending = False
            self._pump_on = False
            self._next_pump = self._next_tick = self._heater_off_at = _INF
            for b in self._boilers:
                b.call = False
                b.level = 0.0
        self._update_power()

    def set_pump(self, on: bool, at: float, kind: str = "shot") -> None:
        """Start or stop the pump; ``kind`` sets the water drawn (shot, flush...)."""
        self._advance(at)
        if not self._powered or on == self._pump_on:
            return
        self._pump_on = on
        if on:
            self._pump_kind = kind
            self._pump_started = at
            self._step_pump()
        else:
            self._next_pump = _INF
            self._pump_level = 0.0
        self._update_power()

    def power_at(self, at: float) -> float:
        """The true power at ``at`` in W, after advancing to it."""
        self._advance(at)
        return self._power

    def voltage_at(self, at: float) -> float:
        """The voltage at the plug at ``at`` in V, after advancing to it."""
        self._advance(at)
        return self._plug_volts

    def energy_at(self, at: float) -> float:
        """Energy used since the model started, J: a live plug's average is its slope."""
        self._advance(at)
        return self._energy

    def cool_fully(self, at: float) -> None:
        """The machine stood off long enough (a night) to reach room temperature."""
        self._advance(at)
        if not self._powered:
            for b in self._boilers:
                b.temp = self.spec.ambient

    # Engine --------------------------------------------------------------

    def _start(self, at: float) -> None:
        self._started = True
        self._t = at
        self._next_volt = at + self._rng.uniform(4, 25)
        self._update_power()

    def _advance(self, to: float) -> None:
        if not self._started:
            self._start(to)
            return
        if to < self._t:
            raise ValueError(f"time went backwards: {to} < {self._t}")
        s = self.spec
        boilers = self._boilers
        exp, log = math.exp, math.log
        while True:
            nxt = min(
                to,
                self._next_volt,
                self._next_pump,
                self._next_tick,
                self._heater_off_at,
            )
            flow = 0.0
            if self._pump_on:
                flow = _FLOW[self._pump_kind] * s.flow_scale * WATER_HEAT
            # Exact solution per boiler: T -> teq with time constant tau.
            flip: _Boiler | None = None
            params: list[tuple[float, float]] = []
            for b in boilers:
                bs = b.spec
                g_water = flow * bs.draw
                g = bs.loss + g_water
                heat = b.level * bs.heater_watts * self._heat_scale
                teq = (heat + bs.loss * s.ambient + g_water * s.inlet) / g
                tau = bs.capacity / g
                params.append((teq, tau))
                if self._powered and not self._pid:
                    if b.call:
                        high = bs.setpoint + bs.hysteresis / 2
                        if b.temp >= high:
                            cross = 0.0
                        elif teq <= high:
                            cross = _INF
                        else:
                            cross = tau * log((b.temp - teq) / (high - teq))
                    else:
                        low = bs.setpoint - bs.hysteresis / 2
                        if b.temp <= low:
                            cross = 0.0
                        elif teq >= low:
                            cross = _INF
                        else:
                            cross = tau * log((b.temp - teq) / (low - teq))
                    if self._t + cross <= nxt:
                        nxt = self._t + cross
                        flip = b
            dt = nxt - self._t
            if dt > 0:
                for b, (teq, tau) in zip(boilers, params, strict=True):
                    b.temp = teq + (b.temp - teq) * exp(-dt / tau)
                self._energy += self._power * dt
                self._t = nxt
            changed = False
            if flip is not None:
                fs = flip.spec
                flip.call = not flip.call
                # The contact just closed (at low) or opened (at high).
                flip.temp = (
                    fs.setpoint + (-fs.hysteresis if flip.call else fs.hysteresis) / 2
                )
                self._apply_thermostats()
                if self._heat_pending and not any(b.level for b in boilers):
                    self._heat_up_done()
                changed = True
            t = self._t
            if self._next_volt <= t:
                self._step_volts()
                changed = True
            if self._next_pump <= t:
                self._step_pump()
                changed = True
            if self._heater_off_at <= t:
                self._heater_off_at = _INF
                boilers[0].level = 0.0
                if self._heat_pending:
                    self._heat_up_done()
                changed = True
            if self._next_tick <= t:
                self._pid_tick()
                changed = True
            if changed:
                self._update_power()
            if t >= to:
                return

    def _apply_thermostats(self) -> None:
        brew_on = False
        for i, b in enumerate(self._boilers):
            blocked = i == 1 and self.spec.priority and brew_on
            b.level = 1.0 if b.call and not blocked else 0.0
            if i == 0:
                brew_on = b.level > 0

    def _heat_up_done(self) -> None:
        self._heat_pending = False
        self.heat_up_end = self._t
        self.heat_up_ends.append((self._power_on_at, self._t))

    def _pid_tick(self) -> None:
        s = self.spec
        b = self._boilers[0]
        period = s.pid_period
        measured = b.temp + self._rng.gauss(0, s.sensor_noise)
        error = b.spec.setpoint - measured
        derivative = (measured - self._last_measured) / period
        self._last_measured = measured
        out = s.kp * error + self._integral - s.kp * s.td * derivative
        # Conditional integration: no wind-up while saturated or far away.
        if abs(error) < 5 and (0 < out < 1 or (out >= 1) != (error > 0)):
            self._integral = min(
                0.6, max(0.0, self._integral + s.kp / s.ti * error * period)
            )
        out = min(1.0, max(0.0, out))
        self._next_tick = self._t + period
        if self._fast:
            n = self._bursts
            level = min(n, math.floor(out * n + self._rng.random())) / n
            b.level = level
            if self._heat_pending and level < 1:
                self._heat_up_done()
            return
        on_for = out * period
        if on_for >= period - 0.02:
            b.level = 1.0
        elif on_for < 0.02:
            b.level = 0.0
            if self._heat_pending:
                self._heat_up_done()
        else:
            b.level = 1.0
            self._heater_off_at = self._t + on_for

    def _step_volts(self) -> None:
        s, r = self.spec, self._rng
        mid = (s.volts_low + s.volts_high) / 2
        v = self._volts + r.gauss(0, 0.35) + 0.03 * (mid - self._volts)
        if r.random() < 0.015:
            v += r.gauss(0, 2.5)  # a neighbour's load switched
        self._volts = min(s.volts_high, max(s.volts_low, v))
        self._next_volt = self._t + r.uniform(4, 25)

    def _step_pump(self) -> None:
        s = self.spec
        base = s.pump_watts
        since = self._t - self._pump_started
        if since < s.pump_ramp - 1e-9:
            if s.pump == "vibratory":
                self._pump_level = base * (0.5 + 0.5 * since / s.pump_ramp)
                self._next_pump = self._t + min(0.25, s.pump_ramp - since)
            else:
                half = s.pump_ramp / 2
                first = since < half - 1e-9
                self._pump_level = base * (s.inrush if first else (1 + s.inrush) / 2)
                self._next_pump = self._pump_started + (half if first else s.pump_ramp)
        else:
            self._pump_level = base * (1 + self._rng.gauss(0, s.pump_wobble))
            self._next_pump = self._t + 0.5

    def _update_power(self) -> None:
        s = self.spec
        mains = self._volts
        volts = mains
        power = 0.0
        if self._powered:
            other = s.standby_watts + self._pump_level
            heaters = sum(b.level * b.spec.heater_watts for b in self._boilers)
            # The heaters see the socket's voltage: the mains' less the line's
            # drop under the machine's own current (a fixed point; the drop
            # is a few per cent, so three steps settle it).
            for _ in range(3):
                power = other + heaters * (volts / s.nominal_volts) ** 2
                volts = mains - s.line_ohms * power / volts
            self._heat_scale = (volts / s.nominal_volts) ** 2
            power = other + heaters * self._heat_scale
        self._power = power
        self._plug_volts = volts
        if self._record:
            if self.seg_at and self.seg_at[-1] == self._t:
                self.seg_watts[-1] = power
                self.seg_volts[-1] = self._plug_volts
            else:
                self.seg_at.append(self._t)
                self.seg_watts.append(power)
                self.seg_volts.append(self._plug_volts)


# Plug ---------------------------------------------------------------------


def sample(
    plug: PlugModel,
    seg_at: list[float],
    seg_watts: list[float],
    seg_volts: list[float],
    *,
    end: float,
    rng: random.Random,
) -> list[Report]:
    """What ``plug`` reports of a piecewise-constant true power up to ``end``."""
    energy = [0.0, *accumulate(
        seg_watts[i] * (seg_at[i + 1] - seg_at[i]) for i in range(len(seg_at) - 1)
    )]  # fmt: skip
    start = seg_at[0]

    def energy_at(t: float) -> float:
        i = bisect_right(seg_at, t) - 1
        if i < 0:
            return 0.0
        return energy[i] + seg_watts[i] * (t - seg_at[i])

    reports: list[Report] = []
    meter = _Meter(plug, rng)
    step, window = plug.interval, plug.window
    t = start + max(window, rng.uniform(0, step))
    e_prev = energy_at(t - window)

    def volts_at(at: float) -> float:
        return seg_volts[max(bisect_right(seg_at, at) - 1, 0)]

    while t <= end:
        e_now = energy_at(t)
        avg = (e_now - e_prev) / window
        e_prev = e_now if window == step else energy_at(t + step - window)
        report = meter.read(t, avg, volts_at)
        if report is not None:
            reports.append(report)
        t += step
    return reports


class _Meter:
    """What a plug makes of one measured average: noise, rounding, on-change, staleness, loss.

    Shared by ``sample`` (a recorded day) and ``LivePlug`` (a machine read
    live), so both report alike; the random draws come in one fixed order.
    """

    def __init__(self, plug: PlugModel, rng: random.Random) -> None:
        self.plug = plug
        self._gauss, self._rand = rng.gauss, rng.random
        self._last: float | None = None
        self._sent: float | None = None

    def read(
        self, t: float, avg: float, volts_at: Callable[[float], float]
    ) -> Report | None:
        """The report of the average ``avg`` measured at ``t``; None if none arrives."""
        plug, gauss, rand = self.plug, self._gauss, self._rand
        res = plug.resolution
        value = (
            round((avg + gauss(0, 0.3 + 0.002 * avg)) / res) * res
            if avg > 0.05
            else 0.0
        )
        value = max(0.0, value)
        if plug.on_change is not None:
            if self._sent is not None and abs(value - self._sent) <= plug.on_change:
                return None
            self._sent = value
        elif self._last is not None and rand() < plug.repeat:
            value = self._last
        if rand() < plug.drop:
            return None
        volts = round(volts_at(t) + gauss(0, 0.1), 1) if plug.volts else None
        self._last = value
        return Report(t + rand() * plug.jitter, value, volts)


class LivePlug:
    """A metering plug reading a ``MachineModel`` as it runs, for a closed loop.

    Each reading averages the model's energy over the plug's window, read at
    the window's two ends, so a pump switched between readings shows as a
    plug would show it. Ask for the readings up to a moment before switching
    anything at that moment.
    """

    def __init__(
        self, plug: PlugModel, model: MachineModel, rng: random.Random, start: float
    ) -> None:
        self.plug = plug
        self._model = model
        self._meter = _Meter(plug, rng)
        self._next = start + max(plug.window, rng.uniform(0, plug.interval))
        self._opened: float | None = None

    def until(self, at: float) -> list[Report]:
        """The readings measured up to ``at``."""
        reports: list[Report] = []
        plug, model = self.plug, self._model
        while True:
            t = self._next
            if self._opened is None:
                if t - plug.window > at:
                    break
                self._opened = model.energy_at(t - plug.window)
            if t > at:
                break
            energy = model.energy_at(t)
            avg = (energy - self._opened) / plug.window
            self._opened = energy if plug.window == plug.interval else None
            report = self._meter.read(t, avg, model.voltage_at)
            if report is not None:
                reports.append(report)
            self._next = t + plug.interval
        return reports


@dataclass(frozen=True, slots=True)
class Stalls:
    """Bursts in which every report is lost: Wi-Fi dropping out, Home Assistant busy.

    The plug's own drops are single readings, each on its own (``PlugModel.drop``);
    a Wi-Fi retry or roam, or Home Assistant's event loop held up (a recorder
    commit, a slow integration), loses every report for a few seconds. The
    guided end-to-end run's plug, read every second, once went silent ~4 s right
    after the pump's first reading, and the detector missed the 27 s run
    (commit 623da4e). A stall starts after a pause drawn from an exponential of
    ``every`` s on average (from the end of the one before), and lasts
    ``shortest`` to ``longest`` s, uniformly: by default a stall every two
    minutes, 2-6 s long, 3 % of the time silent, so that about one shot in four
    has one within it or at its edges (a stress, not a typical home).
    """

    every: float = 120.0
    shortest: float = 2.0
    longest: float = 6.0


def stall_spans(trace: Trace, stalls: Stalls) -> list[tuple[float, float]]:
    """``(start, end)`` of every stall up to the trace's end.

    Drawn from their own stream, seeded from the machine and the trace's seed
    (not the plug: the same day seen through every plug stalls alike), so the
    trace itself, and every figure measured without stalls, stays as it was.
    """
    r = _rng("stalls", trace.family, trace.pump, trace.seed)
    rate = 1.0 / stalls.every
    spans: list[tuple[float, float]] = []
    at = r.expovariate(rate)
    while at < trace.end:
        end = at + r.uniform(stalls.shortest, stalls.longest)
        spans.append((at, end))
        at = end + r.expovariate(rate)
    return spans


def stalled_reports(trace: Trace, stalls: Stalls | None = None) -> list[Report]:
    """The trace's reports with every one measured within a stall lost.

    A plug reporting on change pushes over a connection that survives a few
    seconds' outage (ESPHome, a Shelly's WebSocket): when it is back Home
    Assistant gets the plug's state, so the last report a stall swallowed
    arrives at its end (without this, a pump that started in a stall and
    then held steady would never be reported at all). A periodic plug's next
    reading, measured anew, follows by itself.
    """
    spans = stall_spans(trace, stalls or Stalls())
    resend = PLUG_MODELS[trace.plug].on_change is not None
    kept: list[Report] = []
    i = 0
    swallowed: Report | None = None

    def back(at: float) -> None:
        """The link is back at ``at``: the state the plug holds, if Home Assistant's differs."""
        if (
            resend
            and swallowed is not None
            and at <= trace.end
            and (not kept or kept[-1].watts != swallowed.watts)
        ):
            kept.append(Report(at, swallowed.watts, swallowed.volts))

    for report in trace.reports:
        while i < len(spans) and spans[i][1] < report.at:
            back(spans[i][1])
            swallowed = None
            i += 1
        if i < len(spans) and spans[i][0] <= report.at:
            swallowed = report
            continue
        kept.append(report)
    if i < len(spans):
        back(spans[i][1])
    return kept


# Usage ----------------------------------------------------------------------


@dataclass(slots=True)
class _Act:
    pause: float
    """Seconds after the previous act ended (or the group started)."""
    kind: str
    seconds: float


@dataclass(slots=True)
class _Day:
    sessions: list[list[list[_Act]]] = field(default_factory=list)
    """Power-on sessions, each a list of groups of acts."""
    backflushes: int = 0


SLOW_RUNS: Final = 3
"""Separate runs the options flow asks of a plug reporting every few seconds."""
SLOW_RUN_S: Final = 30.0
"""... each of about this many seconds (``power.calibration.CAL_RUN_SLOW_S``),"""
SLOW_PAUSE_S: Final = 30.0
"""... with a pause of about this many seconds between (``CAL_PAUSE_SLOW_S``)."""


def _slow_plug(plug: str) -> bool:
    """Whether the flow asks this plug for several runs (it reports every few seconds)."""
    return PLUG_MODELS[plug].interval >= 4.0


def _calibration_runs(
    asked: float, plug: str, rng: random.Random, runs: int
) -> list[tuple[float, float]]:
    """The user's pump runs when the options flow asks: (start offset, seconds) each.

    ``asked``: how long a user runs it when asked for about 10 s (8-14 s):
    one run. The flow asks a plug that reports every few seconds for
    ``SLOW_RUNS`` runs of about ``SLOW_RUN_S`` s, ``SLOW_PAUSE_S`` s apart
    (``power.calibration.calibration_runs``): the first as long as asked
    (scaled), the others and the pauses by hand from ``rng`` (as far off
    what was asked: 0.8-1.4 times a run, 0.7-1.6 times a pause). ``runs``
    1 there: the single run it asked for before.
    """
    if not _slow_plug(plug):
        return [(0.0, asked)]
    made = [(0.0, asked / 10.0 * SLOW_RUN_S)]
    for _ in range(runs - 1):
        at, seconds = made[-1]
        pause = rng.uniform(0.7, 1.6) * SLOW_PAUSE_S
        made.append((at + seconds + pause, rng.uniform(0.8, 1.4) * SLOW_RUN_S))
    return made


def _flow_wait(plug: str, runs: int) -> float:
    """How long the options flow waits for a calibration before saying it saw none.

    ``power.calibration.calibration_wait_seconds``: 60 s for a 10 s run, or
    for a plug that reports every few seconds its runs and pauses (as long as
    a user makes them) and 50 s.
    """
    if not _slow_plug(plug):
        return 60.0
    if runs == 1:
        return SLOW_RUN_S + 50.0
    made = 1.4 * runs * SLOW_RUN_S + 1.6 * (runs - 1) * SLOW_PAUSE_S
    return round(made) + 50.0


def _shot_seconds(r: random.Random) -> float:
    x = r.random()
    if x < 0.03:
        return r.uniform(12, 18)  # choked or stopped early
    if x < 0.10:
        return r.uniform(40, 100)  # lungo, slow pour
    return min(40.0, max(18.0, r.gauss(28, 5)))


def _flush_seconds(r: random.Random) -> float:
    return r.triangular(1, 8, 2.5)


def _split(r: random.Random, total: int, parts: int) -> list[int]:
    counts = [total // parts] * parts
    for i in r.sample(range(parts), total % parts):
        counts[i] += 1
    return counts


def _group_acts(r: random.Random, shots: int, pre_flush: float) -> list[_Act]:
    acts: list[_Act] = []
    for i in range(shots):
        first = i == 0
        if r.random() < pre_flush:
            acts.append(
                _Act(0 if first else r.uniform(40, 200), "flush", r.uniform(2, 6))
            )
            acts.append(_Act(r.uniform(10, 40), "shot", _shot_seconds(r)))
        else:
            acts.append(
                _Act(0 if first else r.uniform(40, 240), "shot", _shot_seconds(r))
            )
        if r.random() < 0.75:
            acts.append(_Act(r.uniform(5, 60), "flush", _flush_seconds(r)))
            if r.random() < 0.25:
                acts.append(_Act(r.uniform(3, 20), "flush", _flush_seconds(r)))
    return acts


def hand_backflush(r: random.Random) -> list[_Act]:
    """A backflush done by hand: pulses, a rinse pause, pulses, group flushes."""
    acts: list[_Act] = []
    for series in range(2):
        for i in range(r.randint(4, 6)):
            if i == 0:
                pause = 0.0 if series == 0 else r.uniform(30, 600)
            else:
                pause = r.uniform(4, 15)
            acts.append(_Act(pause, "backflush_pulse", r.uniform(5, 12)))
    for i in range(r.randint(2, 4)):
        acts.append(
            _Act(
                r.uniform(5, 30) if i == 0 else r.uniform(3, 15),
                "flush",
                r.uniform(2, 6),
            )
        )
    return acts


def _plan(
    r: random.Random,
    *,
    family: str,
    shots: int,
    flushes: int | None,
    hand_backflushes: int,
    days: int,
) -> list[_Day]:
    pre_flush = 0.5 if family == "heat_exchanger" else 0.15
    plan = [_Day() for _ in range(days)]
    for day, n in zip(plan, _split(r, shots, days), strict=True):
        sessions = [n]
        if n >= 2 and r.random() < 0.2:
            later = r.randint(1, min(2, n - 1))
            sessions = [n - later, later]
        for count in sessions:
            groups: list[list[_Act]] = []
            left = count
            while left > 0:
                size = min(left, r.choices((1, 2, 3), (0.5, 0.35, 0.15))[0])
                groups.append(_group_acts(r, size, pre_flush))
                left -= size
            day.sessions.append(groups)
    for i in range(hand_backflushes):
        plan[int((i + 0.5) * days / hand_backflushes)].backflushes += 1
    if flushes is not None:
        _fit_flushes(r, plan, flushes)
    return plan


def _fit_flushes(r: random.Random, plan: list[_Day], wanted: int) -> None:
    """Add or remove flushes until the plan holds exactly ``wanted``."""
    groups = [g for d in plan for s in d.sessions for g in s]
    slots = [(g, a) for g in groups for a in g if a.kind == "flush"]
    r.shuffle(slots)
    while len(slots) > wanted:
        group, act = slots.pop()
        i = group.index(act)
        group.pop(i)
        if i < len(group) and i == 0:
            group[0].pause = 0
    while len(slots) < wanted:
        if not groups:
            groups = [[]]
            plan[0].sessions.append(groups)
        group = r.choice(groups)
        act = _Act(r.uniform(5, 30) if group else 0, "flush", _flush_seconds(r))
        group.insert(r.randint(1, len(group)) if group else 0, act)
        slots.append((group, act))


@dataclass
class Trace:
    """One machine over some days, seen through one plug, with ground truth."""

    family: str
    pump: str
    plug: str
    seed: int
    pump_watts: float
    """Nominal steady pump step, W (what a calibration should find)."""
    heater_watts: tuple[float, ...]
    """Each heater at the nominal voltage, W."""
    standby_watts: float
    nominal_volts: float
    interval: float
    """The plug's measurement interval, s."""
    reports: list[Report]
    runs: list[TrueRun]
    heat_up_ends: list[tuple[float, float]]
    """``(power_on_at, first_heat_up_end)`` per power-on: the heater (all of them)
    first switched off, or the PID first dropped below full output."""
    power_periods: list[tuple[float, float]]
    """``(on, off)`` of every power-on session."""
    calibration_click: float | None
    """When the user started the calibration (pump started after it): the last try."""
    calibration_run: TrueRun | None
    end: float
    spec: MachineSpec
    truth_at: list[float] = field(repr=False)
    truth_watts: list[float] = field(repr=False)
    calibration_tries: list[tuple[float, TrueRun]] = field(default_factory=list)
    """Every calibration run with its try's click, the first first (the last is the
    above): several a try from a plug reporting every few seconds (``SLOW_RUNS``)."""

    def true_power(self, at: float) -> float:
        """The true (noise-free, instantaneous) power at ``at``, W."""
        i = bisect_right(self.truth_at, at) - 1
        return self.truth_watts[i] if i >= 0 else 0.0


def generate(
    family: str,
    pump: str,
    plug: str,
    *,
    seed: int,
    shots: int = 20,
    flushes: int | None = None,
    hand_backflushes: int = 0,
    days: int | None = None,
    calibration: bool = True,
    calibration_tries: int = 1,
    calibration_runs: int | None = None,
) -> Trace:
    """Simulate ``days`` of use (``shots`` / 5 if None) of one machine through ``plug``.

    ``flushes`` None lets flushes happen naturally (most shots get one or two,
    heat exchangers a cooling flush first); a number makes it exact.
    Backflush group flushes come on top. With ``calibration`` the user runs
    the pump as the flow asks (8-14 s; on a 5 s plug ``SLOW_RUNS`` runs) on the first
    day, a few minutes after the heat-up; with ``calibration_tries`` above 1
    the flow said "no pump seen" and the user tried again, as its error asks,
    once the flow's wait was over (the day until the first retry is the same,
    its own draws kept apart so that the rest of the day is too, only later).
    ``calibration_runs``: the runs the user makes each try, as the flow asks
    (None: ``SLOW_RUNS`` on a plug reporting every few seconds, else one); 1
    on such a plug is the single 24-42 s run it asked for before (the days
    the 5 s detector's tests were found on).
    """
    _check(family, pump, plug)
    if calibration_runs is None:
        calibration_runs = SLOW_RUNS if _slow_plug(plug) else 1
    spec = machine_spec(family, pump, seed)
    model = MachineModel(family, pump, seed=seed, spec=spec, record=True)
    r = _rng("usage", family, pump, seed)
    n_days = days if days is not None else max(1, round(shots / 5))
    plan = _plan(
        r,
        family=family,
        shots=shots,
        flushes=flushes,
        hand_backflushes=hand_backflushes,
        days=n_days,
    )
    runs: list[TrueRun] = []
    power_periods: list[tuple[float, float]] = []
    cal_click: float | None = None
    cal_run: TrueRun | None = None
    cal_tries: list[tuple[float, TrueRun]] = []
    model.advance(0.0)
    t = r.uniform(60, 300)

    def do(act: _Act, at: float) -> float:
        model.set_pump(True, at, act.kind)
        model.set_pump(False, at + act.seconds)
        runs.append(TrueRun(at, at + act.seconds, act.kind))
        return at + act.seconds

    for d, day in enumerate(plan):
        if d:
            model.cool_fully(t + 60)
            t += r.uniform(600, 1800)
        for s, groups in enumerate(day.sessions):
            if s:
                t += r.uniform(180, 1200)  # switched off a few minutes: still warm
            on_at = t
            model.set_power(True, on_at)
            if s == 0 and r.random() < 0.12 and (cal_click or not calibration):
                t = on_at + r.uniform(90, 300)  # impatient: does not wait
            else:
                while model.heat_up_end is None and model.now < on_at + 3600:
                    model.advance(model.now + 15)
                ready = (
                    model.heat_up_end if model.heat_up_end is not None else model.now
                )
                t = max(model.now, ready + r.uniform(30, 900) if s == 0 else ready)
            if calibration and cal_click is None:
                heated = model.heat_up_end if model.heat_up_end is not None else t
                cal_click = max(t, heated + r.uniform(120, 600))
                started = cal_click + r.uniform(2, 8)
                asked = r.uniform(8, 14)
                by_hand = _rng("calibration runs", family, pump, seed)
                retry = _rng("calibration retry", family, pump, seed)
                for n in range(calibration_tries):
                    if n:
                        wait = _flow_wait(plug, calibration_runs)
                        cal_click = cal_click + wait + retry.uniform(5, 30)
                        started = cal_click + retry.uniform(2, 8)
                        asked = retry.uniform(8, 14)
                    made = _calibration_runs(asked, plug, by_hand, calibration_runs)
                    for at, seconds in made:
                        model.set_pump(True, started + at, CALIBRATION)
                        model.set_pump(False, started + at + seconds)
                        cal_run = TrueRun(
                            started + at, started + at + seconds, CALIBRATION
                        )
                        cal_tries.append((cal_click, cal_run))
                assert cal_run is not None
                last_end = cal_run.ended
                # What follows does not depend on the plug (the same day
                # through every plug): it comes after a 10 s run's end.
                # (Several runs from a slow plug may take longer: the day
                # waits for their end.)
                t = max(started + asked + r.uniform(60, 600), last_end + 60.0)
            for g, group in enumerate(groups):
                if g:
                    t += r.uniform(180, 1800)
                for act in group:
                    t = do(act, t + act.pause)
            if s == 0:
                for _ in range(day.backflushes):
                    t += r.uniform(120, 900)
                    for act in hand_backflush(r):
                        t = do(act, t + act.pause)
            t += r.uniform(120, 1200)
            model.set_power(False, t)
            power_periods.append((on_at, t))
    end = t + r.uniform(60, 300)
    model.advance(end)
    plug_model = PLUG_MODELS[plug]
    reports = sample(
        plug_model,
        model.seg_at,
        model.seg_watts,
        model.seg_volts,
        end=end,
        rng=_rng("plug", family, pump, plug, seed),
    )
    return Trace(
        family=family,
        pump=pump,
        plug=plug,
        seed=seed,
        pump_watts=spec.pump_watts,
        heater_watts=tuple(b.heater_watts for b in spec.boilers),
        standby_watts=spec.standby_watts,
        nominal_volts=spec.nominal_volts,
        interval=plug_model.interval,
        reports=reports,
        runs=runs,
        heat_up_ends=list(model.heat_up_ends),
        power_periods=power_periods,
        calibration_click=cal_click,
        calibration_run=cal_run,
        end=end,
        spec=spec,
        truth_at=model.seg_at,
        truth_watts=model.seg_watts,
        calibration_tries=cal_tries,
    )


def _cli(argv: list[str] | None = None) -> int:
    """Print a trace as CSV (``at,watts,volts``), the true runs as comments."""
    p = argparse.ArgumentParser(
        prog="python -m simulator.espresso", description=_cli.__doc__
    )
    p.add_argument("--family", choices=FAMILIES, default="thermostat")
    p.add_argument("--pump", choices=PUMPS, default="vibratory")
    p.add_argument("--plug", choices=PLUGS, default="periodic_1")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--shots", type=int, default=5)
    p.add_argument("--days", type=int, default=None)
    p.add_argument("--backflushes", type=int, default=0)
    p.add_argument("--calibration-tries", type=int, default=1)
    p.add_argument("--calibration-runs", type=int, default=None)
    p.add_argument(
        "--stalls", action="store_true", help="lose the reports in stalls (Stalls)"
    )
    args = p.parse_args(argv)
    trace = generate(
        args.family,
        args.pump,
        args.plug,
        seed=args.seed,
        shots=args.shots,
        days=args.days,
        hand_backflushes=args.backflushes,
        calibration_tries=args.calibration_tries,
        calibration_runs=args.calibration_runs,
    )
    if args.stalls:
        trace.reports = stalled_reports(trace)
    try:
        _write_csv(trace, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # piped into head: fine
        sys.stdout = None
    return 0


def _write_csv(trace: Trace, out: TextIO) -> None:
    out.write(
        f"# {trace.family} {trace.pump} {trace.plug} seed {trace.seed}: pump "
        f"{trace.pump_watts:.1f} W, heaters {[round(w) for w in trace.heater_watts]} W, "
        f"standby {trace.standby_watts:.1f} W\n"
    )
    for on, end in trace.heat_up_ends:
        out.write(f"# heat-up {on:.1f} -> {end:.1f}\n")
    for click, c in trace.calibration_tries:
        out.write(
            f"# calibration click {click:.1f}, run {c.started:.1f}-{c.ended:.1f}\n"
        )
    for run in trace.runs:
        out.write(
            f"# {run.kind} {run.started:.1f}-{run.ended:.1f} ({run.duration:.1f} s)\n"
        )
    out.write("at,watts,volts\n")
    for rep in trace.reports:
        volts = "" if rep.volts is None else f"{rep.volts:.1f}"
        out.write(f"{rep.at:.3f},{rep.watts:g},{volts}\n")


if __name__ == "__main__":
    sys.exit(_cli())
