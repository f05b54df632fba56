"""Read the pump's runs from a metering plug's power readings.

A pure module (no Home Assistant): the machine feeds it the plug's readings
and gets back the pump runs it decided on.

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
edges can pair: once its readings settle, ``power_decoder`` explains the
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

import bisect
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
import itertools
import math
from typing import Final

from . import heater_anchor, power_decoder

# Readings outside these are treated like unavailable.
MAX_WATTS: Final = 5000.0
MIN_VOLTS: Final = 80.0
MAX_VOLTS: Final = 300.0

# A pump run lasts this long.
MIN_RUN_S: Final = 0.8
MAX_RUN_S: Final = 150.0

KIND_BOUNDS_S: Final = (15.0, 120.0)
"""Durations where a run's kind changes (the default shot_min and shot_max)."""

NOISE_WINDOW_S: Final = 300.0
"""Unexplained steps are counted over this window for ``noise_watts``."""
_NOISE_RATE_PER_MIN: Final = 4.0  # steps a minute at which their size counts fully
_AMBIGUOUS_ON: Final = 0.4  # noise_watts / pump_watts that pauses counting
_AMBIGUOUS_OFF: Final = 0.25  # ... and below which counting may resume
_CLEAN_FOR_S: Final = 120.0  # ... once it stayed below for this long
_WANDER: Final = 4  # a transient this many readings long without settling wanders
_PENDING_S: Final = 300.0  # how long a run hidden by a heater waits for its proof
_EPS: Final = 1e-6
_HOLD_MAX_S: Final = 6.0  # silence this long means the last value held
_FAST_GAP_S: Final = 2.5  # readings this close show a short pulse and its pauses
_PAUSE_FLOOR: Final = 0.85  # of the pump's step: a reading below it ends a run
_PAUSE_FLOOR_PULSE: Final = 0.5  # ... a pulse's read every second (its end partial)
_PULSE_MIN_S: Final = 1.5  # a pulse too short to settle lasts this long ...
_PULSE_MAX_S: Final = 15.0  # ... and never as long as a shot
_WHOLE: Final = 0.9  # a reading showing this share of a step shows it whole
_OVERSHOOT: Final = 1.2  # ... and this share went past it
_PARTIAL_WHOLE: Final = 0.74  # partial first readings of a whole-averaging plug
_PARTIAL_WEIGHT: Final = 100  # steps in ``_window``'s running mean
_SMALL_PUMP: Final = 100.0  # W: a vibratory pump's step (a rotary one's is more)
_RAMP_SHORT: Final = 0.96  # a pump's reading below this share of its step: ramping
_RAMP_REST_S: Final = 5.0  # a vibratory pump's ramp is done this long after its start
_SPLIT_FALL_WHOLE: Final = 0.1  # a split fall's share this near its step: read whole
_RAMP_SEEN: Final = 0.25  # rises showing a ramp (a running mean) for a ramping pump
_RAMP_FIRST: Final = 0.7  # ... read every 2 s: rises whose first reading is partial
_RAMP_RISES: Final = 3  # ... once this many rises were read
_RAMP_S: Final = (1.0, 3.0)  # s: a vibratory pump's ramp from half its step ...
_RAMP_TYPICAL_S: Final = 2.0  # ... and typically
_INRUSH_S: Final = 0.25  # a rotary pump's inrush, in seconds of its step, at most ...
_INRUSH_SHARE: Final = 0.4  # ... and this share of its first reading's
_HIDDEN_STOP: Final = 1.5  # gaps between a run's last reading and its fall: hidden
_HIDDEN_PULSE: Final = 3.5  # ... and at most: longer, a heater's level held, read whole
_RESUME_S: Final = 2.5  # s: a user pauses at least this long between two runs
_OFF_READINGS: Final = 3  # readings at a state without the pump that show a run off
_PAUSED_SHARE: Final = 0.5  # of the step: a run's inner reading below it paused
_SERIES_LOOKBACK_S: Final = 90.0  # a backflush's pulses read back before a run
_SERIES_PAUSE_S: Final = 20.0  # ... at most this long apart
_READ_LONG_S: Final = 1.0  # a rotary pump's run read every 5 s: this much long at most
_DIP: Final = 0.25  # of the pump's step: a rise's reading falling back so far paused
_ALONE_CYCLES: Final = 10.0  # a heater's edges seen with no other: one heater
_LOOSE: Final = 0.025  # heaters' share of an edge that makes a pump's edge unsure
_PULSED_HEATER: Final = 0.02  # ... that a slow PID's heater pulse alone may stray by
_BESIDE_PUMP: Final = 0.01  # of a heater's size: its rise beside the pump strays so
_OWN_STEP: Final = 0.12  # of its own fall: a pump's step beside a heater strays less
# Of a heater's size: the mains may move it so, unseen without volts.
_MAINS_MOVE: Final = 0.05
_SHOWN: Final = 0.75  # of the pump's step: a reading of it alone (past a ramp's)
# Of the pump's step: a heater's rise during a run this far short of its size
# may have held the pump's stop (``_stop_in_heater_rise``).
_RISE_SHORT: Final = 0.2
# The share of a machine's shot-long runs ending with a heater that came on
# during them under which heater and pump are not tied; the share starts at
# a prior of one in four (``_stop_in_heater_rise``).
_TIED_SHARE: Final = 0.15
_TIED_PRIOR: Final = (1.0, 4.0)
# Of the pump's step: a heater's rise during a run so near its reading alone
# before the run is that heater alone, the pump running on (``_ran_on_under``).
_RAN_ON: Final = 0.3
_RECENT_N: Final = 40  # readings kept for ``_started_alone`` (200 s at 5 s)
_FLOOR_HITS: Final = 3  # readings of the pump alone that show a run by the floor
_FLOOR_AGREE: Final = 0.03  # of the pump's step: its readings alone agree so
_FLOOR_PULSE: Final = 300.0  # W from one reading to the next: a slow pulse's edge
_FLOOR_LATE: Final = 6.0  # s: a run's first reading of the pump alone comes this soon
_FLOOR_GAP: Final = 25.0  # s between two readings of the pump alone, at most
_FLOOR_APART_S: Final = 60.0  # s since the standby read alone: a slow PID's pulses
_FLOOR_HELD: Final = 10.0  # s of silence after the standby that held it
_FLOOR_DRIFT: Final = 0.01  # W/s the floor's standby may rise without a reading of it
_CYCLE_S: Final = 3600.0  # s apart at most: unseen heater-and-pump cycles of one size
_CYCLES: Final = 3  # ... this many of them make a heater (``_cycle_heater``)
_CYCLES_APART: Final = 5  # ... read every few seconds (``_cycles_needed``)
_IDLE_PERIOD: Final = (
    0.1  # of its period: a heater idling keeps to it (``_idle_cycle``)
)
# Decoded runs (``_decoded``), read every few seconds.
_DECODE_AGAIN_S: Final = 30.0  # s after readings settled: decoded once more
_DECODE_BEFORE: Final = 4  # readings decoded before the first off every heater's level
_DECODE_SETTLED: Final = 6  # readings with the pump off after a decoded run
_DECODED_MARGIN: Final = 30.0  # nats: the run explains the readings so much better
_DECODED_PAUSE: Final = 10.0  # nats: a pause leaving no shot costs at least so much
_DECODED_NEAR: Final = 2  # other pump runs near it: a backflush's pulses
_OFF_BELOW_W: Final = 1.5  # W below the standby at least: a reading of the machine off
_DECODED_PART_S: Final = 7.0  # s: a part a pause leaves: a flush's or a pulse's
_LIKE_HEATERS: Final = 0.5  # of the larger heater: the smaller one at least
_ONE_HEATER_WEIGHT: Final = 20.0  # a heater's weight (capped) once its size is sure
_LONE_HELD_S: Final = 60.0  # s a lone partial reading (on change) waits for the next
_PEAKS: Final = 4  # short heater pulses' peaks kept (``_heater_peak``) ...
_PEAKS_AGREE: Final = 0.01  # ... three of them this close read the heater whole
_PEAK_READINGS: Final = 3  # readings over the standby in such a pulse, at most
_PEAK_FRESH_S: Final = 900.0  # s: a heater read whole so lately holds its size ...
_PEAK_DRIFT: Final = 0.03  # ... to this share (the mains' move), less than the pump
_HELD_LEVEL_S: Final = 3600.0  # s a level held past any run is kept

# How an edge is explained (``_explain``).
_NOTHING: Final = 0  # nothing fits
_HEATERS: Final = 1  # heaters only
_PUMP: Final = 2  # the pump, perhaps with heaters
_UNSURE: Final = 3  # fits with and without the pump


@dataclass(slots=True)
class Reading:
    """One state of the power sensor; never changed once made (listeners share it).

    Not a frozen dataclass: one is made per state a plug writes (every second),
    and a frozen one takes twice as long to make.
    """

    at: float
    """POSIX seconds, the state's own timestamp."""
    watts: float | None
    """None while unavailable or unknown."""
    volts: float | None = None


@dataclass(frozen=True, slots=True)
class DetectedRun:
    """A run of the pump read from the power readings."""

    started: float
    ended: float
    watts: float
    """The pump's step measured for this run."""

    @property
    def duration(self) -> float:
        """Seconds the pump ran."""
        return self.ended - self.started


@dataclass(frozen=True, slots=True)
class _Edge:
    """A step between two steady states, in normalised watts."""

    at: float
    """When the level started to move."""
    delta: float
    before: float
    after: float
    pts: tuple[float, ...]
    """The readings around the transient, flat: t0, w0, t1, w1, ..."""
    settled: bool = True
    """The level before it had held a while (three readings, or its time)."""
    k: float = 1.0
    """The heaters' scale it was read at: ``delta * k`` is at the reference volts."""


def _inside(pts: Sequence[float], low: float, high: float) -> int:
    """How many readings inside an edge (``pts``' fresh ones) lie strictly between ``low`` and ``high``."""
    return sum(1 for i in range(5, len(pts), 2) if low < pts[i] < high)


def _span(pts: Sequence[float], i: int, gap: float) -> float:
    """The interval that reading ``i`` closes, as the plug measures it.

    Its gap from the reading before, but never more than the plug's
    measuring period ``gap`` (a silence of a plug reporting on change is no
    longer interval) nor 5 s.
    """
    return min(pts[i] - pts[i - 2], gap, 5.0)


def _ramp_seconds(share: float, seconds: float, ramp: float) -> float:
    """How long before a reading a pump ramping from half its step started.

    The pump draws ``0.5 + 0.5 x / ramp`` of its step ``x`` s after its
    start, the whole step from ``ramp`` s on; the reading averages the last
    ``seconds`` and shows ``share`` of the step. Within the window that is
    ``0.5 t + 0.25 t**2 / ramp`` s of the step over ``seconds``; started
    before it, the window holds a later part of the ramp. Solved by
    halving (the share grows with ``t`` until the window holds the whole
    step). A reading that closes no interval (two points at one moment: a
    silence settled at a reading's own time, when a timer came late) dates
    nothing earlier.
    """
    if seconds <= 0.0:
        return 0.0

    def drawn(t: float) -> float:
        if t <= 0.0:
            return 0.0
        if t <= ramp:
            return 0.5 * t + 0.25 * t * t / ramp
        return 0.75 * ramp + (t - ramp)

    low, high = 0.0, seconds + ramp
    for _ in range(40):
        mid = 0.5 * (low + high)
        if (drawn(mid) - drawn(mid - seconds)) / seconds < share:
            low = mid
        else:
            high = mid
    return 0.5 * (low + high)


def _crossing(
    pts: Sequence[float],
    i: int,
    base: float,
    step: float,
    *,
    window: float | None,
    gap: float,
) -> float:
    """When a step began, given the first reading (index ``i``) that shows it.

    ``window`` is the share of its interval a reading averages over (1 for
    an energy meter's counter difference, about 0.5 for a 1 s average read
    every 2 s), None while not known (the reading itself dates the step). A
    partial reading dates the step inside the window by its share; a whole
    one only says the step came between the interval's start and the
    window's: the middle of that.
    """
    at = pts[i]
    if i < 2 or window is None:
        return at
    span = _span(pts, i, gap)
    share = (pts[i + 1] - base) / step
    if share > _OVERSHOOT:
        # Past the new level (a rotary pump's inrush): the step came inside
        # the window, its share there unknown.
        return at - 0.5 * window * span
    frac = min(max(share, 0.0), 1.0)
    if frac >= _WHOLE and window < 1.0:
        return at - 0.5 * (1.0 + window) * span
    return at - frac * window * span


def _step_time(
    pts: Sequence[float], base: float, step: float, *, window: float | None, gap: float
) -> float:
    """When the level began to move from ``base`` by ``step``.

    A reading well past a rise's new level (a slow PID's heater pulse),
    followed by one part way up (the rise began inside that one), is no
    sign of the rise yet.
    """
    shares = [(pts[i + 1] - base) / step for i in range(2, len(pts), 2)]
    for k, share in enumerate(shares):
        if share < 0.15:
            continue
        later = next((x for x in shares[k + 1 :] if x >= 0.15), None)
        if step > 0.0 and share > 1.5 and later is not None and later <= 0.9:
            continue
        if (
            step > 0.0
            and share > 2.5
            and any(0.15 <= x <= 1.5 for x in shares[k + 1 :])
        ):
            # Past a pulse (more than a rotary pump's inrush), then the level:
            # the pulse told nothing of the step, the first reading at the level does.
            continue
        return _crossing(pts, 2 + 2 * k, base, step, window=window, gap=gap)
    return pts[-2]


def _pump_time(
    pts: Sequence[float],
    base: float,
    heater: float,
    pump: float,
    *,
    averaging: bool,
    window: float | None,
    gap: float,
    standby: float | None = None,
) -> float:
    """When the pump's part of a heater-and-pump edge happened.

    A reading shows the pump alone (``base + pump``) or both (``base +
    heater + pump``); readings between are a heater's partial reading and
    tell nothing of the pump. A reading at the ``standby`` (one heater off
    before the other came on) shows a rising pump still off: it started
    after, within the next reading if that one shows it alone, partial.
    After a falling heater's last partial reading, a reading of the pump
    alone, partial, dates its start by its own share of the standby's step.
    A reading at the standby, or (heater and pump switching opposite ways)
    one of the heater whole with the pump as before, overrules a reading
    before it that looked like both: a heater's partial reading.
    """
    half = 0.5 * abs(pump)
    both = heater + pump
    apart = heater * pump < 0.0  # one rose, the other fell
    moved = None  # the first reading that moved, if it showed neither
    first = 4
    if standby is not None and pump > 0.0:
        # Nothing on in a reading: a rising pump started after the last such.
        idle = [i for i in range(4, len(pts), 2) if pts[i + 1] - standby < 0.15 * pump]
        if idle and idle[-1] + 2 < len(pts):
            first = idle[-1] + 2
    for i in range(first, len(pts), 2):
        x = pts[i + 1] - base
        if standby is not None and pump > 0.0 and i >= 6:
            was = pts[i - 1] - standby
            now = pts[i + 1] - standby
            if was < 0.15 * pump:
                # After a reading of nothing on (a heater off, the other not yet):
                if now < 0.15 * pump:
                    moved = None  # still nothing on
                    continue
                if now <= pump + half:
                    # ... the pump alone, part way.
                    return _crossing(pts, i, standby, pump, window=window, gap=gap)
            elif (
                heater < 0.0
                and was > pump + half
                and 0.15 * pump <= now < _WHOLE * pump
            ):
                # A falling heater's last partial reading, then the pump
                # alone: dated by its own share of the standby's step.
                return _crossing(pts, i, standby, pump, window=window, gap=gap)
        if abs(x - heater) <= half:
            off = (x - heater) * pump
            if window is not None and off >= max(0.25 * abs(pump), 15.0) * abs(pump):
                # The heater whole and part of the pump's switch: inside
                # this reading's window, by its share.
                return _crossing(pts, i, base + heater, pump, window=window, gap=gap)
            moved = None  # the heater alone: the pump switched after
        elif moved is None and abs(x) >= 0.15 * abs(pump):
            moved = i
        if apart and (x - 0.15 * pump) * pump >= 0.0 and abs(x) < abs(both):
            # Only the pump moves the level its way: it had switched by then.
            return _crossing(pts, i, base, pump, window=window, gap=gap)
        if abs(x - pump) <= half:
            return _crossing(pts, i, base, pump, window=window, gap=gap)
        if abs(x - both) <= half:
            if apart and any(
                abs(pts[j + 1] - base - heater) <= 0.25 * abs(pump)
                for j in range(i + 2, len(pts), 2)
            ):
                # A later reading of the heater whole, the pump as before:
                # this one was the heater's partial reading.
                continue
            if averaging and abs(pts[i - 1] - base - heater) <= half:
                # The heater came first, the pump within this interval.
                return _crossing(pts, i, base + heater, pump, window=window, gap=gap)
            if moved is not None and moved < i:
                # A reading between showed part of both: the pump switched
                # around it, not at the first full reading after (inside
                # its window, by its share of both, on an averaging plug
                # read every second or two).
                if not averaging:
                    return pts[moved]
                if gap <= _FAST_GAP_S:
                    return _crossing(pts, moved, base, both, window=window, gap=gap)
            return _crossing(pts, i, base, both, window=window, gap=gap)
    return pts[-2]


def _two_steps(
    values: Sequence[float],
    before: float,
    mid: float,
    after: float,
    *,
    most: tuple[int, int],
    tol: float,
) -> int | None:
    """Where readings fit two switchings in order, ``before`` to ``mid`` to ``after``.

    An averaging plug reads each switching as a few partial readings at
    most (``most``: for the first and the second), each between the levels
    around it; readings at ``mid`` (within ``tol``) may come between.
    Returns how many readings the first switching takes (one at least, and
    one at least left to the second but for a reading at ``mid`` last), or
    None when no split fits.
    """
    lo1, hi1 = min(before, mid) - tol, max(before, mid) + tol
    lo2, hi2 = min(mid, after) - tol, max(mid, after) + tol
    n = len(values)
    for k in range(n, 0, -1):
        head, tail = values[:k], values[k:]
        if not tail and abs(head[-1] - mid) > tol:
            continue
        if not all(lo1 <= v <= hi1 for v in head):
            continue
        if not all(lo2 <= v <= hi2 for v in tail):
            continue
        if sum(abs(v - mid) > tol for v in head) > most[0]:
            continue
        if sum(abs(v - mid) > tol for v in tail) > most[1]:
            continue
        return k
    return None


class _Heater:
    """One heater: its size (a cluster of its edges) and whether it is on."""

    __slots__ = (
        "dev",
        "on",
        "on_at",
        "on_before",
        "on_size",
        "read_at",
        "seen",
        "size",
        "weight",
    )

    def __init__(self, size: float, dev: float) -> None:
        self.size = size
        self.weight = 1.0
        self.dev = dev  # how far its edges stray from its size (an average)
        self.on: bool | None = None
        self.on_size = 0.0  # the size of the edge that switched it on
        self.on_at = 0.0
        self.on_before = 0.0
        self.seen = 0.0  # when its last edge came
        self.read_at = -math.inf  # when a short pulse's reading read it whole

    def learn(self, size: float) -> None:
        """Follow the heater's size (an exponential average of its edges)."""
        self.weight = min(self.weight + 1.0, 20.0)
        self.dev += 0.3 * (abs(size - self.size) - self.dev)
        self.size += (size - self.size) * max(0.3, 1.0 / self.weight)

    def tol(self, cap: float) -> float:
        """How far an edge of this heater may stray from its size."""
        return min(cap, 3.0 * self.dev + 5.0)


class _Rise:
    """A heater-sized rise that nothing explained: the pump may hide in it."""

    __slots__ = ("at", "before", "k", "mag", "pts")

    def __init__(self, edge: _Edge) -> None:
        self.at = edge.at
        self.before = edge.before
        self.mag = edge.delta
        self.k = edge.k
        self.pts = edge.pts

    def at_scale(self, k: float) -> float:
        """Its size at the volts of the heaters' scale ``k`` (heaters are resistive)."""
        return self.mag * self.k / k


class _Pending:
    """A run whose start (or stop) hid in a heater's rise, waiting for its fall."""

    __slots__ = ("ended", "heater", "mag", "rise", "started", "stop", "until", "watts")

    def __init__(self, started: float, ended: float, watts: float, mag: float) -> None:
        self.started = started
        self.ended = ended
        self.watts = watts
        self.mag = (
            mag  # the rise that hid the start (a heater and the pump), normalised
        )
        self.heater: _Heater | None = None
        self.rise: _Rise | None = None
        self.stop = False  # the pump stopped inside the rise (a heater's less the pump)
        self.until = ended + _PENDING_S


@dataclass(slots=True)
class _Floor:
    """The readings' floor among a slow PID's short pulses (``_floor_reading``)."""

    low: float = -math.inf  # the last reading below half the pump's step
    start: float | None = None  # a run's start, while the readings stay over it
    first: float = 0.0  # the first reading over it
    before: float = 0.0  # the last reading below it, before
    hits: list[float] = field(default_factory=list)  # readings of the pump alone
    levels: list[float] = field(default_factory=list)  # ... what they read
    whole: list[float] = field(default_factory=list)  # a heater whole and the pump
    pulses: int = 0  # steps of a heater's pulse between two readings, in the run
    last: float = 0.0  # the last reading
    last_at: float = 0.0
    on: float = -math.inf  # the last reading of a known heater and the pump
    peak: float = -math.inf  # the run's highest reading (``_under_peak``)
    alone: float = -math.inf  # a reading at the peak less the pump's step ...
    alone_at: float = -math.inf  # ... and when
    base: float = math.inf  # the standby (``_floor_base``)
    at: float = -math.inf  # when it was read
    since: float = -math.inf  # the last run the floor decided
    until: float = -math.inf
    edges: float = -math.inf  # the end of the last run the edges decided
    held: DetectedRun | None = None  # a run decided, while the edges follow it
    quiet: float = -math.inf  # the last reading of the standby alone
    read: float = -math.inf  # the last reading


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


class PumpDetector:
    """Online detector of the pump's runs in a plug's power readings.

    ``feed`` each reading (timestamps non-decreasing) and call ``advance`` at
    ``next_deadline`` when no reading came before it. Both return the runs
    decided by then: usually none, sometimes one, a reading or two after the
    pump stopped (or later, when a heater's edge hid the start).

    ``kind_bounds`` are the durations where the classifier downstream changes
    a run's kind: a run whose duration the readings cannot place on one side
    of a bound is withheld, not guessed.
    """

    __slots__ = (
        "_ambiguous",
        "_avg_score",
        "_base",
        "_cache",
        "_cache_edge",
        "_cache_version",
        "_cd_at",
        "_cd_last",
        "_cd_n",
        "_cd_sum",
        "_clean_since",
        "_confirm",
        "_confirm_from",
        "_counted",
        "_cycle_at",
        "_cycle_n",
        "_cycle_size",
        "_cycled",
        "_decode_at",
        "_events",
        "_events_seen",
        "_fell_at",
        "_floor",
        "_gap",
        "_gaps",
        "_heaters",
        "_held",
        "_held_at",
        "_held_levels",
        "_idle",
        "_k",
        "_known",
        "_last_at",
        "_last_run",
        "_lv",
        "_lv_at",
        "_lv_n",
        "_near",
        "_noise_check",
        "_noise_ev",
        "_noise_of",
        "_noise_rest",
        "_over",
        "_over_w",
        "_partial",
        "_partial_n",
        "_peaks",
        "_pending",
        "_period",
        "_pm1_at",
        "_pm1_w",
        "_pm2_at",
        "_pts",
        "_pulse_at",
        "_pulses",
        "_pump",
        "_pump_watts",
        "_quiet",
        "_ramp_first",
        "_ramp_n",
        "_ramp_seen",
        "_recent",
        "_record",
        "_rises",
        "_run_at",
        "_run_base",
        "_run_before",
        "_run_fell",
        "_run_from",
        "_run_heat",
        "_run_heater",
        "_run_lead",
        "_run_lone",
        "_run_mag",
        "_run_other",
        "_run_pure",
        "_run_seen",
        "_run_shown",
        "_run_spread",
        "_run_two",
        "_run_unsure",
        "_run_w",
        "_sd",
        "_silence",
        "_stale",
        "_step_n",
        "_step_w",
        "_tied",
        "_tied_n",
        "_tol",
        "_tol_lv",
        "_tr",
        "_tr_max",
        "_tr_min",
        "_tr_n",
        "_unsure",
        "_unsure_clean",
        "_v_last",
        "_v_lv",
        "_version",
        "_vref2",
        "_wanted",
        "kind_bounds",
    )

    def __init__(
        self, pump_watts: float, *, kind_bounds: Sequence[float] = KIND_BOUNDS_S
    ) -> None:
        self.kind_bounds = tuple(kind_bounds)
        # What a decoded run must show to count (``_decoded``).
        self._wanted = power_decoder.Wanted(
            margin=_DECODED_MARGIN,
            paused=_DECODED_PAUSE,
            near=_DECODED_NEAR,
            part=_DECODED_PART_S,
            # Surely a shot: between the first bound and the next, if any.
            shortest=(*self.kind_bounds, 0.0)[0],
            longest=(*self.kind_bounds[1:], math.inf)[0],
        )
        self._sd = 1.0
        self._tol = self._tol_lv = 0.0
        self._lv = 0.0
        self._vref2 = 0.0
        self._k = 1.0
        self._base = 5.0  # the standby level (nothing on)
        self._version = 0  # counts the heaters' changes (for the cache)
        self._cache_edge: _Edge | None = None
        self._cache_version = -1
        self._cache: tuple[int, int, float, tuple[int, ...]] = (_NOTHING, 0, 0.0, ())
        self._v_last = self._v_lv = 0.0
        self._heaters: list[_Heater] = []
        self._events: deque[tuple[float, float, bool]] = deque(maxlen=2048)
        self._events_seen = 0  # events come and gone: the noise's cache key
        self._noise_of: tuple[int, float] | None = None
        self._noise_rest = 0.0  # the events' noise less the floor's pulses
        self._fell_at: float | None = None
        self._gap = 0.0
        self._period = 0.0  # the plug's shortest steady gap: its measuring period
        self._gaps = 0  # gaps seen (the interval is known after a few dozen)
        self._stale = False  # a repeated value in a transient was let pass
        self._silence = 0.0
        self._avg_score = 0.0
        # The share of clean large steps whose first reading was partial,
        # a slow running mean (``_window``).
        self._partial = 0.0
        self._partial_n = 0
        self._ambiguous = False
        self._clean_since = -math.inf
        self._unsure = False  # the noise less the floor's pulses pauses counting
        self._unsure_clean = -math.inf
        self._noise_ev = 0.0
        self._pulses = 0.0  # how often pulses come and go (an average by pulse)
        self._pulse_at = -math.inf
        self._noise_check = -math.inf
        self._last_at = -math.inf
        self._record: list[_Edge] | None = None
        self._floor = _Floor()
        self._ramp_seen = 0.0
        self._ramp_first = 0.0
        self._ramp_n = 0  # rises read every 2 s in ``_ramp_first``
        self._quiet = False
        # The last readings (a plug reporting every few seconds: ``_started_alone``).
        self._recent: deque[tuple[float, float]] = deque(maxlen=_RECENT_N)
        self._last_run: DetectedRun | None = None  # the last run decided (``_once``)
        self._cycle_size = 0.0  # an unseen heater-and-pump cycle (``_cycle_heater``)
        self._cycle_at = -math.inf
        self._cycle_n = 0
        self._cycled: _Heater | None = None  # the heater ``_learn_cycle`` learnt
        # The last short heater pulses' peaks over the standby (``_heater_peak``).
        self._peaks: deque[float] = deque(maxlen=_PEAKS)
        # The last cycles read as one heater's: when, and their size (``_idle_cycle``).
        self._idle: deque[tuple[float, float]] = deque(maxlen=3)
        # Levels held past any run, no known heater's: when, their size
        # (``_note_held_level``).
        self._held_levels: deque[tuple[float, float]] = deque(maxlen=3)
        # The runs decided lately (read every few seconds: ``_decoded``).
        self._counted: deque[tuple[float, float]] = deque(maxlen=8)
        self._decode_at = math.inf
        # Shot-long runs ending with a heater that came on in them, of all
        # (``_stop_in_heater_rise``).
        self._tied, self._tied_n = _TIED_PRIOR
        self.pump_watts = pump_watts  # checked; the tolerances and own step from it
        self._forget()

    # --- configuration -----------------------------------------------------

    @property
    def pump_watts(self) -> float:
        """The pump's step (W) the detector looks for."""
        return self._pump_watts

    @pump_watts.setter
    def pump_watts(self, value: float) -> None:
        if not value > 0:
            raise ValueError("pump_watts must be > 0")
        self._pump_watts = float(value)
        # Two readings of one state of the machine every few seconds agree
        # to this (``_cycle_in_readings`` and the rules after it read it at
        # most readings: kept, not recomputed).
        self._near = max(0.12 * self._pump_watts, 6.0)
        # The pump's own fall (``_off_step``): the calibrated step, then
        # clean runs' falls to the standby.
        self._step_w = self._pump_watts
        self._step_n = 1
        self._set_tolerance()

    def _set_tolerance(self) -> None:
        # The readings of one steady state stay within this of its mean.
        self._tol = max(0.25 * self._pump_watts, 4.0 * self._sd, 3.0)
        self._tol_lv = max(self._tol, 6.0 + 0.008 * self._lv)

    # --- state ---------------------------------------------------------------

    def _forget(self) -> None:
        """Forget the level, the transient, the heaters' states and the run."""
        self._known = False
        self._recent.clear()
        self._lv = 0.0
        self._lv_n = 0
        self._pm1_at = self._pm2_at = self._pm1_w = 0.0
        self._tr = False
        self._tr_n = 0
        self._tr_min = self._tr_max = 0.0
        self._cd_sum = self._cd_last = self._cd_at = 0.0
        self._lv_at = 0.0
        self._confirm: DetectedRun | None = None
        self._confirm_from = math.nan  # the level a held run fell from
        self._cd_n = 0
        self._over = 0
        self._over_w = 0.0
        self._pts: list[float] = []
        self._held: _Edge | None = None
        self._held_at = 0.0
        self._pump = False
        self._run_at = self._run_w = self._run_base = self._run_heat = 0.0
        self._run_pure = False
        self._run_seen = False
        self._run_lead = 0.0
        self._run_from = 0.0  # the edge a run opened at, before dating moved it
        self._run_spread = 0.0
        self._run_two = False
        self._run_lone = False
        self._run_unsure = False
        self._run_heater: _Heater | None = None
        self._run_mag = self._run_before = self._run_other = 0.0
        self._run_shown = 0.0
        self._pending: _Pending | None = None
        self._rises: list[_Rise] = []
        for heater in self._heaters:
            heater.on = None

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
    def ambiguous(self) -> bool:
        """True while the readings are too noisy to tell the pump apart.

        A slow PID's pulses alone pause the edges only: the floor still
        counts under them (``_update_floor_noise``).
        """
        return self._ambiguous and self._unsure

    @property
    def noise_watts(self) -> float:
        """The live noise: unexplained steps weighted by their rate, or the spread."""
        return max(self._noise_ev, 2.5 * self._sd)

    @property
    def next_deadline(self) -> float | None:
        """When ``advance`` should be called if no reading arrives before."""
        deadline = math.inf
        if self._tr:
            deadline = self._last_at + self._hold()
        if self._held is not None:
            deadline = min(deadline, self._held_at + self._held_for(self._held))
        if self._pump:
            deadline = min(deadline, self._run_at + MAX_RUN_S)
        if self._pending is not None:
            deadline = min(deadline, self._pending.until)
        if self._confirm is not None and not self._tr:
            deadline = min(deadline, self._lv_at + self._hold())
        if self._ambiguous or self._noise_ev:
            deadline = min(deadline, self._noise_check)
        return None if deadline == math.inf else deadline

    @property
    def _on_change(self) -> bool:
        """Whether the plug reports on change (a held reading may be a partial one)."""
        return self._silence > 0.05

    @property
    def _seconds_apart(self) -> bool:
        """Whether a periodic plug reports every few seconds (an energy meter's 5 s).

        Its readings blur a short pulse and the pauses around it; the rules
        that read runs from single readings are for it alone.
        """
        return self._gap > _FAST_GAP_S and not self._on_change

    def _hold(self) -> float:
        """Silence after which the last reading counts as a steady state."""
        if self._on_change:
            return max(1.5 * self._gap, 1.2)  # on change: silence is unchanged
        # Periodic: a dropped reading is no silence. Until the interval is
        # known, a state that stays several seconds without a new one held
        # (Home Assistant writes no unchanged state: a plug may fall silent).
        hold = max(2.6 * self._gap, 2.0)
        return min(hold, _HOLD_MAX_S) if self._gaps < 30 else hold

    # --- input -------------------------------------------------------------

    def feed(
        self, at: float, watts: float | None, volts: float | None = None
    ) -> list[DetectedRun]:
        """Take one reading; return the runs decided now.

        (Most readings decide none: ``_once`` is skipped for them, a call
        fewer per reading on a plug that reports every few seconds.)
        """
        runs = self._floor_runs(self._read(at, watts, volts), at, watts)
        if self._seconds_apart and watts is not None and not self._held_level():
            runs += self._decoded()
            runs += self._pump_then_heater()
            runs += self._alone_then_heater()
        return self._once(runs) if runs else runs

    def _held_level(self) -> bool:
        """Whether the last four readings hold one level, and the decoder is not due again.

        Read every few seconds, most readings are one more of a level (the
        standby, mostly). The rules that read runs from the last readings
        find none in four readings within ``_near`` and ``_tol`` of each
        other, and change nothing: ``_decoded`` needs the fourth reading
        back off the second by ``_tol`` (or its look again at
        ``_decode_at``), ``_alone_then_heater`` the fourth off the last by
        ``_near``, ``_pump_then_heater`` the third over the standby by
        ``_near`` and the last within it (four readings all on one side of
        that bound never are). Skipping them is exact: each bound is tested
        as the rules test it (a difference of the readings), and a float
        difference grows with its readings' (to the last bit).
        """
        recent = self._recent
        if len(recent) < 4 or self._decode_at <= recent[-1][0]:
            return False
        w1, w2, w3, w4 = recent[-1][1], recent[-2][1], recent[-3][1], recent[-4][1]
        high = max(w1, w2, w3, w4)
        low = min(w1, w2, w3, w4)
        near = self._near
        base = self._base
        return high - low <= min(near, self._tol) and (
            high - base <= near or low - base > near
        )

    def _once(self, runs: list[DetectedRun]) -> list[DetectedRun]:
        """The runs decided, less any over a run decided before (read every few seconds).

        A pump runs once at a time: the rules that read a run from the last
        readings (``_cycle_in_readings``) may decide it before the edges
        that read it later, which must not count it again. The decoder
        (``_decoded``) reads a run later still, after other runs were
        decided: it is checked against the last few.
        """
        if self._gap <= _FAST_GAP_S:
            return runs
        out: list[DetectedRun] = []
        last = self._last_run
        counted = self._counted
        for run in runs:
            if (
                last is not None
                and run.started < last.ended
                and run.ended > last.started
            ) or (
                self._seconds_apart
                and any(run.started < e and run.ended > s for s, e in counted)
            ):
                continue  # the decoder reads runs late: any of the last few
            out.append(run)
            last = run
            counted.append((run.started, run.ended))
        self._last_run = last
        return out

    def _decoded(self) -> list[DetectedRun]:
        """Shots the decoder reads where the edges read none (every few seconds).

        Once the readings settle (three of one level after a change), and
        again 30 s later, the last ones are explained as the standby, the
        known heaters and the pump switching inside the readings' intervals
        (``power_decoder``). A run is counted only when it explains them far
        better than any explanation without it, a fresh reading shows its
        step whole over heaters also read without it, no pause leaving two
        runs too short for a shot explains them nearly as well (for a run
        with no other near it, no pause leaving a part as short as a
        flush's: a heater switching in a shot makes a pause there cheap),
        it is not among a backflush's pulses, and it is surely a shot's
        length; no run counted before may overlap it (``_once``).
        """
        recent = self._recent
        if len(recent) < 8:
            return []
        at, w1 = recent[-1]
        w2 = recent[-2][1]
        w3 = recent[-3][1]
        tol = self._tol
        # (The change first: most readings hold the level, and it is cheaper.)
        settled = (
            abs(recent[-4][1] - w2) > tol and max(w1, w2, w3) - min(w1, w2, w3) <= tol
        )
        if not settled and not self._decode_at <= at:
            return []  # most readings: nothing to decode now
        if self._ambiguous or self._cycle_open(at):
            return []
        self._decode_at = at + _DECODE_AGAIN_S if settled else math.inf
        counted = self._counted[-1][1] if self._counted else -math.inf
        times = [r[0] for r in recent]
        watts = [r[1] for r in recent]
        over = self._over_heater(times, watts, counted)
        if over:
            return over
        # The readings up to the last run counted (their times never go back).
        skip = bisect.bisect_right(times, counted)
        pump = self._pump_watts
        heaters = self._known_heaters[:2]
        # A size under half the other's is no boiler's heater (a junk cluster).
        heaters = [h for h in heaters if h >= _LIKE_HEATERS * max(heaters, default=0.0)]
        first = power_decoder.may_hold_run(
            watts[skip:], base=self._base, heaters=heaters, pump=pump
        )
        if first is None:
            return []
        # A few readings before the first that may be the pump's, for context.
        skip = max(skip + first - _DECODE_BEFORE, 0)
        watts = watts[skip:]
        times = times[skip:]
        found = power_decoder.decode(
            times,
            watts,
            base=self._base,
            heaters=heaters,
            pump=pump,
            period=self._period,
            wanted=self._wanted,
            settled=_DECODE_SETTLED,
        )
        return [
            DetectedRun(run.started, run.ended, pump)
            for run in found
            if not self._from_power_on(run.started)
        ]

    def _from_power_on(self, started: float) -> bool:
        """Whether a decoded run starts before a level of the machine on was read.

        A reading well below the standby (under a quarter of it, and more
        than the plug's resolution of a watt or so apart: a standby of 2 W
        read 1 W is still on) is the machine switched off: the plug reads
        about nothing. Switched on, every heater comes on from cold in one
        interval: a pump starting with them, or in the next interval, shows
        no step of its own, and the decoder, fitting a heater's size to the
        stretch, may place a run's start there (the mains moving the heater
        by the pump's step later reads as its stop). Two readings of the
        machine on (a level) must come before the run: its start then shows.
        """
        off = min(0.25 * self._base, self._base - _OFF_BELOW_W)
        on = 0
        for at, watts in reversed(self._recent):
            if at >= started:
                continue
            if watts < off:
                return True
            on += 1
            if on >= 2:
                return False
        return False

    def _over_heater(
        self, times: list[float], watts: list[float], counted: float
    ) -> list[DetectedRun]:
        """Shots read over a heater against its cycles read alone around them (``heater_anchor``).

        A heat exchanger's heater switched on with the shot and off with
        it: the pump's step hides in the drift the decoder allows a heater's
        learnt size, not in the heater's own readings a minute apart.
        ``times``, ``watts``: the recent readings' (``_decoded`` reads them too).
        """
        found = heater_anchor.over_heater(
            times,
            watts,
            base=self._base,
            pump=self._pump_watts,
            period=self._period,
            after=counted,
            heaters=self._known_heaters,
        )
        return [DetectedRun(a, b, self._pump_watts) for a, b in found]

    def _read(
        self, at: float, watts: float | None, volts: float | None = None
    ) -> list[DetectedRun]:
        """``feed`` by steady states and their edges."""
        self._quiet = False
        gap = at - self._last_at
        if not gap >= 0.0 or at == math.inf:
            return []  # older than the last reading (or not a time at all)
        if watts is None or not 0.0 <= watts <= MAX_WATTS:
            self._last_at = at
            self._forget()
            return []
        if volts is not None and MIN_VOLTS <= volts <= MAX_VOLTS:
            if not self._vref2:
                self._vref2 = volts * volts
                self._v_lv = volts
            self._v_last = volts
        self._last_at = at
        self._recent.append((at, watts))
        # The typical gap (a low quantile: silences do not count) and how
        # often a much longer silence comes (a plug reporting on change).
        g = self._gap
        if 0.05 < gap < 3600.0:
            self._gaps += 1
            if g == 0.0:
                self._gap = min(gap, 30.0)
            elif gap < g:
                self._gap = g - 0.1 * (g - gap)
            else:
                self._gap = g + 0.02 * (min(gap, 4.0 * g) - g)
            # A low quantile that silences barely move: a plug reporting on
            # change still measures every second or so.
            q = self._period
            if q == 0.0 or gap < q:
                self._period = min(gap, 30.0) if q == 0.0 else q - 0.2 * (q - gap)
            else:
                self._period = q + 0.005 * (min(gap, 2.0 * q) - q)
        self._silence += 0.02 * ((1.0 if gap > 3.5 * g > 0.0 else 0.0) - self._silence)
        out: list[DetectedRun] = []
        settling = self._tr
        if settling:
            if gap < self._hold() - _EPS:
                return self._cycle_in_readings() + self._transient(at, watts, gap)
            out = self._settle_silent()
            if self._tr:
                return out + self._transient(at, watts, gap)
        if not self._known:
            self._known = True
            self._lv_at = at
            self._lv = watts
            self._tol_lv = max(self._tol, 6.0 + 0.008 * watts)
            self._lv_n = 1
            self._pm1_at = self._pm2_at = at
            self._pm1_w = watts
            return out
        dev = watts - self._lv
        tol = self._tol_lv
        if -tol <= dev <= tol:
            # The hot path: one more reading of the steady state.
            n = self._lv_n
            if n < 8:
                n += 1
                self._lv_n = n
            self._lv += dev / n
            self._sd += 0.01 * ((dev if dev > 0.0 else -dev) - self._sd)
            if volts is not None and self._vref2:
                self._v_lv += (self._v_last - self._v_lv) / n  # as the level
            self._pm2_at = self._pm1_at
            self._pm1_at = at
            self._pm1_w = watts
            confirm = self._confirm
            if confirm is not None and n >= 3:
                out += self._confirmed()
            if at >= self._noise_check:
                return out + self._tick(at)
            self._quiet = not settling and confirm is None and self._held is None
            return out
        # The start of a transient.
        self._tr = True
        self._tr_n = 1
        self._tr_min = self._tr_max = watts
        self._cd_sum = watts
        self._cd_n = 1
        self._cd_last = self._cd_at = at
        self._over = 0
        pts = self._pts
        pts.clear()
        pts += (self._pm2_at, self._lv, self._pm1_at, self._pm1_w, at, watts)
        return out + self._cycle_in_readings()

    def advance(self, now: float) -> list[DetectedRun]:
        """Time passed without a reading: decide what the silence decides."""
        return self._once(self._floor_runs(self._advance_to(now), None, None))

    def _advance_to(self, now: float) -> list[DetectedRun]:
        """``advance`` by steady states and their edges."""
        self._quiet = False
        if not now >= self._last_at:
            # Not later than the last reading: only what was due by then.
            return [] if math.isnan(now) else self._tick(self._last_at)
        out: list[DetectedRun] = []
        if self._tr and now >= self._last_at + self._hold() - _EPS:
            out += self._settle_silent()
        out += self._tick(now)
        return out

    def _step_at(self, pts: Sequence[float], base: float, step: float) -> float:
        """``_step_time`` as this plug reads: its interval, and whether it averages."""
        return _step_time(pts, base, step, window=self._window, gap=self._period)

    def _pump_at(
        self, pts: Sequence[float], base: float, heater: float, pump: float
    ) -> float:
        """``_pump_time`` as this plug reads: its interval, and whether it averages."""
        return _pump_time(
            pts,
            base,
            heater,
            pump,
            averaging=self._avg_score >= 0.3,
            window=self._window,
            gap=self._period,
            standby=self._base,
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
            return 1.0 if self._avg_score >= 0.3 else None
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
        return any(
            h.weight >= 2.0 and abs(level - base - h.size / k) <= tol + 0.02 * h.size
            for h in self._heaters
        )

    def _held_standby(self, edge: _Edge) -> bool:
        """Whether a run's fall left the standby, held, before ``edge`` (every few seconds).

        Read every 5 s, the standby after a run's stop may hold two readings
        and no more before the next edge (a flush after the shot): the time
        a level needs to hold (two and a half intervals) has not passed, but
        the level the fall reached is nothing on, read twice (``settled``).
        """
        return (
            self._seconds_apart
            and edge.settled
            and abs(edge.before - self._base) <= self._tol_lv
        )

    def _resumed(self, edge: _Edge) -> bool:
        """Whether a pump's rise soon after a held run's fall says the run went on.

        Read every second or two among a slow PID's pulses, a pulse's
        partial readings over a run may land twice in a row near the level
        less the pump's step: they settle as a level, and the run reads as
        stopped there. A rise of the pump's step alone back to the level
        the run fell from, sooner than a user pauses between two runs
        (``_RESUME_S``), says the pump never stopped.
        """
        run = self._confirm
        return (
            run is not None
            and self._gap <= _FAST_GAP_S
            and edge.at - run.ended < _RESUME_S
            and edge.before - self._base >= self._heater_min()
            and abs(edge.after - self._confirm_from) <= self._tol_lv
        )

    def _confirmed(self) -> list[DetectedRun]:
        run = self._confirm
        self._confirm = None
        return [] if run is None or self._ambiguous else [run]

    def _tick(self, now: float) -> list[DetectedRun]:
        """Decisions that come with time: held edges, stale runs, the noise."""
        out: list[DetectedRun] = []
        if (
            self._confirm is not None
            and not self._tr
            and now - self._lv_at >= self._hold() - _EPS
        ):
            out += self._confirmed()
        held = self._held
        if held is not None and now >= self._held_at + self._held_for(held) - _EPS:
            out += self._release()
        if self._pump and now - self._run_at >= MAX_RUN_S - _EPS:
            self._held_heaters()
            self._stop(now)  # too long for a pump run: it was not one
        pending = self._pending
        if pending is not None and now >= pending.until:
            self._pending = None
        self._update_noise(now)
        return out

    # --- steady-state detection --------------------------------------------

    def _transient(self, at: float, watts: float, gap: float) -> list[DetectedRun]:
        out: list[DetectedRun] = []
        if (
            watts == self._pts[-1]
            and not self._stale
            and not self._pump_level(watts)
            and not self._standby_repeat(watts)
        ):
            # The same value again: perhaps a stale meter repeating itself,
            # which shows no level holding. A third one will.
            self._stale = True
            return out
        self._stale = False
        tol = self._tol_lv
        self._tr_n += 1
        self._pts += (at, watts)
        if watts < self._tr_min:
            self._tr_min = watts
        elif watts > self._tr_max:
            self._tr_max = watts
        dev = watts - self._lv
        cd = self._cd_sum / self._cd_n
        dcd = watts - cd
        if -tol <= dev <= tol and abs(dev) <= abs(dcd):
            # Back at the steady level: the excursion was a blip.
            self._tr = False
            split = self._paused(self._lv)
            if split is None:
                split = self._blip_at_standby()
            elif not split and self._paused_beside_heater():
                split = None
            out = self._drop_paused() if split is None else split
            out += self._stopped_among_pulses()
            n = self._lv_n
            if n < 8:
                n += 1
                self._lv_n = n
            self._lv += dev / n
            self._pm2_at = self._pm1_at
            self._pm1_at = at
            self._pm1_w = watts
            pulse = self._short_pulse()
            if pulse is not None:
                out += pulse
            elif self._tr_max - self._lv >= 0.5 * self._pump_watts:
                # A pulse above the level and back (a slow PID's heater):
                # the share of the last minutes' pulses that came close
                # together (within a minute of the one before).
                close = 1.0 if at - self._pulse_at < 60.0 else 0.0
                self._pulses += 0.2 * (close - self._pulses)
                self._pulse_at = at
                if self._seconds_apart:
                    self._heater_peak()
            if self._tr_n > 2 * _WANDER:  # (counted once at _WANDER already)
                self._wander(at)
            return out
        # A new level holds still: two readings within the noise of each other
        # (a ramp's readings, an averaging plug's partial one, do not).
        still = max(0.1 * self._pump_watts, 6.0 + 0.008 * watts, 3.0 * self._sd)
        still = min(still, tol)
        if -still <= dcd <= still and not self._between_states(
            (self._cd_sum + watts) / (self._cd_n + 1), at
        ):
            self._cd_sum += watts
            self._cd_n += 1
            self._cd_last = at
            self._over = 0
            return self._settle()
        if (
            self._over
            and abs(watts - self._over_w) <= still
            and not self._between_states(0.5 * (self._over_w + watts), at)
        ):
            # The readings above the candidate are a level of their own.
            self._cd_sum = self._over_w + watts
            self._cd_n = 2
            self._cd_last = self._cd_at = at
            self._over = 0
            return self._settle()
        if dcd > tol and self._over < 2 and self._heaters and self._cd_n:
            # A heater's pulse over the candidate (a PID's slow window).
            self._over += 1
            self._over_w = watts
            return out
        # Still moving: a new candidate.
        tr_n = self._tr_n
        if tr_n == _WANDER or (tr_n >= 3 * _WANDER and tr_n % _WANDER == 0):
            # Once for a transient that a ramp and a heater's edge may make,
            # then steadily for one that never settles (a fast PID).
            self._wander(at)
        self._cd_sum = watts
        self._cd_n = 1
        self._cd_last = self._cd_at = at
        self._over = 0
        return out

    def _heater_peak(self) -> None:
        """Learn a heater's size from the peaks of its short cycles (read every few seconds).

        A dual boiler's brew heater cycles at idle for about two of an
        energy meter's 5 s readings: no steady state of its own, so no edge
        of it alone teaches its size, and a shot's rise and fall (the brew
        heater coming on with the pump, cold water reaching its boiler)
        teach their sum with the pump's step instead, which then explains
        such shots away or leaves the heater's rise beside the pump
        unexplained. A reading wholly inside the heater's on time reads its
        size; partial ones read less, and seldom alike: three of the last
        pulses from the standby whose peaks agree to a percent, none of the
        others above them, read the heater whole. Only beside a larger
        heater known, past this one and the pump's step (a dual boiler's
        steam heater): a heat exchanger's or a thermostat's one heater
        cycles as briefly at times, its size learnt from its edges.
        """
        base = self._lv
        if (
            self._pump
            or abs(base - self._base) > self._tol_lv
            or self._tr_n > _PEAK_READINGS + 1
        ):
            return
        peak = self._tr_max - base
        if peak < self._heater_min():
            return
        peaks = self._peaks
        top = max(peaks, default=0.0)
        agreed = [w for w in peaks if abs(w - peak) <= _PEAKS_AGREE * peak]
        peaks.append(peak)
        if len(agreed) < 2 or top > peak + _PEAKS_AGREE * peak:
            return
        k = self._k
        p = self._pump_watts
        past = peak + p + max(self._ptol(), _PEAK_DRIFT * peak)
        if not any(h.weight >= 2.0 and h.size / k > past for h in self._heaters):
            return
        peaks.clear()  # (each pulse read whole teaches once)
        size = (peak + sum(agreed[-2:])) / 3.0
        if p < _SMALL_PUMP:
            # A cluster of this heater's size and the pump's step, not seen
            # alone often, was learnt from shots' edges (the heater on and
            # off with the pump): the heater read whole takes its place
            # (beside a small pump only: ``_read_lately``).
            ptol = self._ptol()
            for h in self._heaters:
                if (
                    h.weight < _ALONE_CYCLES
                    and abs(h.size / k - size - p) <= ptol
                    and abs(h.size / k - size) > self._cluster_tol(size)
                ):
                    self._drop(h)
                    break
        for whole in (*agreed[-2:], peak):  # (each a reading of it whole)
            self._cluster(whole)
        self._version += 1
        heater = min(self._heaters, key=lambda h: abs(h.size - size * k))
        heater.read_at = self._last_at

    def _pump_level(self, watts: float) -> bool:
        """Whether a repeated value read every few seconds is the pump's step over the level.

        An energy meter's 5 s average seldom changes by the watt on a level
        of tens of watts: a value repeated there holds, more often than a
        stale meter repeats one (its partial readings are no pump's level).
        """
        p = self._pump_watts
        return self._gap > _FAST_GAP_S and (
            abs(watts - self._lv - p) <= 0.1 * p
            or abs(watts - self._base - p) <= 0.1 * p
        )

    def _standby_repeat(self, watts: float) -> bool:
        """Whether a repeated value read every few seconds is the standby's.

        An energy meter's 5 s average of the standby alone, to the watt,
        repeats most of the time; a stale meter repeats a value seldom: a
        value repeated there holds (the pump's fall to it is decided).
        """
        return self._gap > _FAST_GAP_S and abs(watts - self._base) <= max(
            2.0, 0.1 * self._pump_watts
        )

    def _between_states(self, level: float, now: float) -> bool:
        """Whether a candidate level is a slow PID's partial readings, no state.

        While a heater pulses in a time-proportional window, each reading
        averages part of a pulse: the standby, the pump and the heater known
        well sum to a few levels only (Hart's states), and two readings that
        agree elsewhere between them agree by chance. They hold no level.
        """
        heaters = self._known_heaters
        if not heaters or not self._pulsing(now):
            return False
        tol = self._tol_lv + self._slack()
        rest = level - self._base
        for pump in (0.0, self._pump_watts):
            for on in range(1 << len(heaters)):
                heat = sum(h for i, h in enumerate(heaters) if on >> i & 1)
                if abs(rest - pump - heat) <= tol + 0.02 * heat:
                    return False
        if not 0.0 < rest < self._pump_watts + sum(heaters):
            return False
        # As the edge it would have made: nothing explains it (its rate
        # tells a PID faster than the plug reports, whose readings never
        # show a state, from a slow one's chance agreements).
        size = abs(level - self._lv)
        if size >= 0.5 * self._pump_watts:
            self._event(now, size)
        return True

    def _stopped_among_pulses(self) -> list[DetectedRun]:
        """A run's stop hidden among a slow PID's pulses over its level.

        The excursion showed the pump off (``_off_among_pulses``) and came
        back to the run's level: that reading is a pulse's partial one, no
        level of the pump's. The run ends where the pump went off and is
        decided at once (nor is a later run within the excursion read).
        """
        if not self._pump or self._ambiguous or self._run_unsure:
            return []
        ended = self._off_among_pulses(self._pts, self._lv)
        if ended is None or not MIN_RUN_S <= ended - self._run_at <= MAX_RUN_S:
            return []
        run = DetectedRun(self._run_at, ended, self._run_w)
        self._stop(ended)
        return [run]

    def _off_among_pulses(self, pts: Sequence[float], level: float) -> float | None:
        """When the pump went off among a slow PID's pulses over the run's ``level``.

        Readings of a known heater whole over the level less the pump's step,
        held (``_held_without_pump``): the pump was off from the first of them
        (a heater only adds to the level), dated inside it by its share of the
        step. None when no such readings held.
        """
        p = self._pump_watts
        ptol = self._ptol()
        for size in self._known_heaters:
            on = level + size
            off = on - p
            shown = [
                i
                for i in range(4, len(pts), 2)
                if abs(pts[i + 1] - off) <= min(ptol, abs(pts[i + 1] - on))
            ]
            first = self._held_without_pump(pts, shown, on)
            if first is not None:
                return _crossing(
                    pts,
                    first,
                    on,
                    -p,
                    window=self._window,
                    gap=self._period,
                )
        return None

    def _held_without_pump(
        self, pts: Sequence[float], shown: Sequence[int], on: float
    ) -> int | None:
        """The first of ``shown`` (readings of the heater without the pump) that held.

        Two in a row, or two that agree (within a level's noise) with no
        reading of the heater and the pump after the first: a pulse's partial
        readings agree by chance only, and never before a whole one.
        """
        ptol = self._ptol()
        for n, i in enumerate(shown):
            if i + 2 in shown:
                return i
            w = pts[i + 1]
            still = max(0.1 * self._pump_watts, 6.0 + 0.008 * w, 3.0 * self._sd)
            if any(abs(pts[j + 1] - w) <= still for j in shown[n + 1 :]) and not any(
                abs(pts[j + 1] - on) <= ptol for j in range(i, len(pts), 2)
            ):
                return i
        return None

    def _short_pulse(self) -> list[DetectedRun] | None:
        """A pulse of the pump's step over the standby, too short to settle.

        A backflush's 5 s pulse read every 2 s shows one or two readings at
        the pump's level between a ramp and a partial fall: no steady state
        of its own, so no edges. From the standby (nothing else on), with
        readings near the pump's level and none above it, it is the pump's
        run, decided once the standby after it holds (as any run's end).
        None when it is not one; else the runs decided now
        (``_confirm_pulse``).
        """
        base = self._lv
        if self._pump or not self._quiet_standby(base, self._last_at):
            return None
        p = self._pump_watts
        pts = self._pts
        inside = pts[4:-2]
        ptol = self._ptol()
        watts = inside[1::2]
        at_level = [abs(w - base - p) <= 0.25 * p for w in watts]
        if not any(at_level) or max(watts) > base + p + ptol:
            return None
        body = sum(1 for w in watts if w - base >= 0.5 * p)
        if body < 2:
            return None  # one reading: a heater's sliver (a PID) as well
        first = at_level.index(True)
        last = len(at_level) - 1 - at_level[::-1].index(True)
        level = sum(watts[first : last + 1]) / (last - first + 1)
        started = self._step_at(pts, base, level - base)
        ended = self._step_at(pts[4 + 2 * last :], level, base - level)
        decided = self._confirm_pulse(started, ended, level - base)
        if decided is not None:
            # The standby holds anew from the reading back at it (as after a fall).
            self._lv_at = self._last_at
            self._lv_n = 1
        return decided

    def _pulse_before_heater(self, edge: _Edge) -> list[DetectedRun]:
        """A short pulse read on its own just before a heater's rise hid its end.

        From the standby, two readings or more at the pump's level (after a
        ramp's reading perhaps), then the heater's rise to a level of the
        heater alone: the pump ran from the first of them and had stopped by
        that level, its fall dated at the heater's first reading. Or one
        such reading, then (after the heater's partial one perhaps) readings
        at the heater's level and the pump's step over it, before the
        heater's level alone: the pump stopped after them, its fall dated
        at the first reading below them.
        """
        base = edge.before
        if edge.delta <= 0.0 or not self._quiet_standby(base, edge.at):
            return []
        p = self._pump_watts
        pts = edge.pts
        watts = pts[5::2]
        first = 1 if watts and 0.0 < watts[0] - base < 0.75 * p else 0
        n = first
        while n < len(watts) and abs(watts[n] - base - p) <= 0.25 * p:
            n += 1
        if n == first or n == len(watts) or watts[n] - base <= p + self._ptol():
            return []
        end = n if n - first >= 2 else self._with_heater(watts, n, edge.after + p)
        if end is None:
            return []
        level = sum(watts[first:n]) / (n - first)
        started = self._step_at(pts, base, level - base)
        return self._confirm_pulse(started, pts[4 + 2 * end], level - base) or []

    def _with_heater(self, watts: Sequence[float], n: int, top: float) -> int | None:
        """Where readings at ``top`` (the heater and the pump) from ``watts[n]`` end.

        One reading between the pump's level and ``top`` may come first
        (the heater's partial one). None unless one reading at least is at
        ``top`` and one after it below.
        """
        near = 0.25 * self._pump_watts
        if watts[n] < top - near:
            n += 1  # the heater's partial reading
        end = n
        while end < len(watts) and abs(watts[end] - top) <= near:
            end += 1
        if end == n or end == len(watts) or watts[end] > top - near:
            return None
        return end

    def _confirm_pulse(
        self, started: float, ended: float, watts: float
    ) -> list[DetectedRun] | None:
        """Hold a short pulse's run, to be decided once the standby holds again.

        None (and nothing held) when it lasted less than a pulse can, or as
        long as a shot. Else the run held before it, decided now: it fell to
        the standby this pulse rose from (a backflush's pause, a reading or
        two, is too short for the standby to hold the readings a run's end
        waits for).
        """
        if not _PULSE_MIN_S <= ended - started <= _PULSE_MAX_S:
            return None
        earlier = self._confirmed()
        self._confirm = DetectedRun(started, ended, watts)
        self._confirm_from = math.nan
        self._fell_at = ended
        return earlier

    def _wander(self, at: float) -> None:
        spread = self._tr_max - self._tr_min
        if spread >= 0.5 * self._pump_watts:
            self._event(at, spread)

    def _settle_silent(self) -> list[DetectedRun]:
        """Silence after the last reading: it held (a plug reporting on change)."""
        if self._over:
            self._cd_sum = self._over_w
            self._cd_n = 1
            self._cd_last = self._cd_at = self._last_at
            self._over = 0
        return self._settle()

    def _paused(self, after: float) -> list[DetectedRun] | None:
        """Split the run when the transient to ``after`` shows the pump stopped.

        A reading below the pump's own level, between two levels with the
        pump on (a backflush's pause between two readings). A heater only
        adds to the pump's level, so a reading well below it (past the
        pump's wobble and noise) shows the pump off for part of its
        interval, even where a heater's pulse hides the rest of the pause.
        At the standby level, nothing ran for that reading's interval: the
        run ended before it and a new one began after it
        (``_pause_between``). None when that split fails: the caller reads
        the pause's edges (``_split_at_standby``) or drops the run.
        """
        floor = self._base + self._pause_floor() * self._pump_watts
        level = self._base + _PAUSE_FLOOR * self._pump_watts  # after: the pump's
        paused = self._tr_min < floor and level <= after
        if not (self._pump and paused and self._pump_in(after)):
            return []
        if self._ramp_rest(floor):
            return []
        return self._pause_between(after)

    def _ramp_rest(self, floor: float) -> bool:
        """Whether the transient is the rest of a vibratory pump's ramp, not a pause.

        A run opened part way up the ramp (a level below the pause floor
        held two readings of a plug reporting every second or two); the
        readings after it climb on to the pump's level, none below the run's
        own level: the pump never stopped (``_ramp`` takes the rest in).
        """
        return (
            self._run_pure
            and self._pump_watts < _SMALL_PUMP
            and self._gap <= _FAST_GAP_S
            and self._pts[4] - self._run_at <= _RAMP_REST_S
            and self._lv < floor
            and self._tr_min >= self._lv - self._tol_lv
        )

    def _paused_in(self, edge: _Edge, signs: tuple[int, ...]) -> bool:
        """Whether a heater's edge during a run shows the pump paused inside it.

        Two flushes seconds apart, a heater switching between them, make one
        transient of the pause; read as one run they would be a shot. The
        pump was off when a reading inside the edge shows:

        * less than half its step over the standby (the heaters only add to
          the pump's level, even one handing over to another): any plug;
        * either level less its step (the heaters whole, the pump off),
          among two different partial readings (one heater's switching reads
          partial once at most on a plug that averages): only for one heater
          switching, read every second or two (seconds apart a heater may
          come and go inside one transient), a pump whose step stands out of
          a heater's drift as it warms (a rotary one's, 100 W or more), on a
          periodic plug (on change, a level held by silence may be partial).
        """
        p = self._pump_watts
        pts = edge.pts
        low = self._base + 0.5 * p
        if any(pts[i] < low for i in range(5, len(pts), 2)):
            return True
        if (
            p < _SMALL_PUMP
            or self._on_change
            or self._gap > _FAST_GAP_S
            or sum(1 for sign in signs if sign) != 1
            or (self._window is None and self._avg_score < 0.3)
        ):
            return False
        near_b = self._past_noise(edge.before)
        near_a = self._past_noise(edge.after)
        partial = [
            pts[i]
            for i in range(5, len(pts), 2)
            if abs(pts[i] - edge.before) > near_b and abs(pts[i] - edge.after) > near_a
        ]
        if not any(abs(a - b) > 3.0 for a, b in itertools.combinations(partial, 2)):
            return False
        near = 0.25 * p + self._slack()
        offs = (edge.before - p, edge.after - p)
        return any(abs(w - off) <= near for w in partial for off in offs)

    def _drop_paused(self) -> list[DetectedRun]:
        """The run paused where it cannot be paired honestly: dropped."""
        self._stop(self._pts[4])  # the first reading that moved
        self._rises.clear()
        return []

    def _standby_reading(self) -> int | None:
        """The index in the transient of the first reading at the standby, if any."""
        pts = self._pts
        low = max(6.0, 0.15 * self._pump_watts)
        return next(
            (i for i in range(4, len(pts), 2) if abs(pts[i + 1] - self._base) <= low),
            None,
        )

    def _last_standby_reading(self, first: int) -> int:
        """The index in the transient of the last reading at the standby, from ``first``."""
        pts = self._pts
        low = max(6.0, 0.15 * self._pump_watts)
        last = first
        for i in range(first, len(pts), 2):
            if abs(pts[i + 1] - self._base) <= low:
                last = i
        return last

    def _split_at_standby(
        self, seen: float, before: float, after: float, settled: bool
    ) -> list[DetectedRun] | None:
        """A pause at the standby with a heater on around it: a fall and a rise.

        A reading at the standby between two levels with the pump on shows
        everything off for its interval (a backflush's pause, the heater
        switching off with a pulse or on with the next). The pump, and any
        heater, fell before it and rose after it: two edges, each read as
        any other (the fall pairs with the run's rise or not, the rise from
        the standby opens a run). None when no reading was at the standby,
        or readings came too far apart to show the pauses around.
        """
        k = self._standby_reading()
        if k is None or self._ambiguous or self._gap > _FAST_GAP_S:
            return None
        base = self._base
        pts = self._pts
        fell = tuple(pts[: k + 2])
        fall = _Edge(
            self._step_at(fell, seen, base - seen),
            base - before,
            before,
            base,
            fell,
            settled,
            self._k,
        )
        # The standby, read once, is a state of the machine: a rise from it
        # starts a run.
        rose = (pts[k], pts[k + 1], *pts[k:])
        rise = _Edge(
            self._step_at(rose, base, after - base),
            after - base,
            base,
            after,
            rose,
            True,
            self._k,
        )
        now = self._cd_last
        return self._edge(fall, now) + self._edge(rise, now)

    def _off_between(
        self, seen: float, before: float, after: float, settled: bool
    ) -> list[DetectedRun] | None:
        """A reading at the standby between two levels above it, the pump off.

        A heater's fall to the standby, read once there, and the pump's rise
        from it (a shot started just after the heater went off), read every
        two seconds: one transient, yet two edges (``_split_at_standby``);
        the pump's rise from the standby starts a run of the pump alone, not
        one split off a heater's fall. None when no reading was at the
        standby, or a level around it was the standby.
        """
        if (
            self._pump
            or self._on_change  # (on change, a held reading may be partial)
            or not 1.5 < self._gap <= _FAST_GAP_S  # (every second, a level holds)
            or self._tr_n > 5  # a wandering transient (a PID's pulses)
            or self._pulsing(self._last_at)
        ):
            return None
        tol = self._tol_lv
        base = self._base
        if abs(seen - base) <= tol or abs(after - base) <= tol:
            return None
        return self._split_at_standby(seen, before, after, settled)

    def _paused_beside_heater(self) -> bool:
        """Whether a transient back at a run's level showed the pump off beside a heater.

        A reading at the level less the pump's step (the heater alone) between
        readings of the level: the pump paused for that reading (a backflush's
        or flushes' pause beside the heater, read every two seconds, the pause
        level read once). ``_paused`` reads a pause only below the pump's own
        level. Not among a slow PID's heater pulses (their partial readings
        land anywhere).
        """
        if (
            not self._pump
            or self._on_change  # (on change, a held reading may be partial)
            or not 1.5 < self._gap <= _FAST_GAP_S  # (every second, a pause holds)
        ):
            return False
        p = self._pump_watts
        level = self._lv
        if level - self._base - p < 0.5 * self._heater_min() or self._pulsing(
            self._last_at
        ):
            return False
        pts = self._pts
        near = 0.15 * p + self._slack()
        inside = [pts[i] for i in range(5, len(pts), 2)]
        # Only the pump moved: every reading between the level and the heater's.
        return all(level - p - near <= w <= level + near for w in inside) and any(
            abs(w - (level - p)) <= near for w in inside
        )

    def _blip_at_standby(self) -> list[DetectedRun] | None:
        """A pause at the standby inside a transient that came back to its level.

        A shot's stop with its heater on, the heater off a reading later, and
        a flush starting with the heater again, read every two seconds: no
        level between holds two readings, and the readings come back to the
        heater's and the pump's level. The reading at the standby shows all
        off for its interval: a fall and a rise (``_split_at_standby``), not
        a run dropped. None when no reading was at the standby.
        """
        if (
            self._standby_reading() is None
            or self._ambiguous
            or self._gap > _FAST_GAP_S
        ):
            return None
        level = self._lv
        self._cd_last = self._pts[-2]  # the edges' time: this reading's
        return self._split_at_standby(level, self._at_volts_after(level), level, True)

    def _pause_floor(self) -> float:
        """The share of the pump's step below which a reading shows it paused.

        Read every second, a pulse no longer than a backflush's ends in one
        partial reading as the pump stops within it (often half to most of
        its step, a heater's pulse following): only a reading nearer the
        standby shows a pause there. Slower readings, or a run as long as a
        shot, or a plug reporting on change, take the tighter floor past the
        pump's wobble.
        """
        periodic = self._silence < 0.02  # on change, a level may be partial
        if periodic and self._gap <= 1.5 and self._pts[4] - self._run_at < _PULSE_MAX_S:
            return _PAUSE_FLOOR_PULSE
        return _PAUSE_FLOOR

    def _pause_between(self, after: float) -> list[DetectedRun] | None:
        """Two runs of the pump alone around one reading at the standby level.

        Both levels must be the standby and the pump's step (no heater on),
        and the reading between at the standby: the run is decided at the
        fall dated by the readings that moved, and a new one opens at the
        rise after the standby reading. None when that does not hold.
        """
        p = self._pump_watts
        base = self._base
        ptol = self._ptol()
        before = self._lv
        if not self._run_pure or self._run_unsure or self._ambiguous:
            return None
        if self._gap > _FAST_GAP_S:
            # Readings this far apart (an energy meter's 5 s) blur the
            # pauses around: the next pause may hide in a reading between.
            return None
        if abs(before - base - p) > ptol or abs(after - base - p) > ptol:
            return None
        pts = self._pts
        k = self._standby_reading()
        if k is None:
            return None
        fell = self._step_at(pts[: k + 2], before, base - before)
        # From the last reading at the standby: a run between two of them
        # (a backflush's pulse among a slow PID's pulses) is not known.
        last = self._last_standby_reading(k)
        rose = self._step_at(pts[last:], base, after - base)
        duration = fell - self._run_at
        if not MIN_RUN_S <= duration <= MAX_RUN_S or not rose > fell:
            return None
        run = DetectedRun(self._run_at, fell, before - base)
        # A fall dated past heater pulses may leave the run of another kind:
        # withheld, the next run read all the same.
        hid = self._stop_hid_in_pulses(pts[: k + 2], before, run.started, fell)
        self._open_run(rose, after - base, True, base)
        self._fell_at = fell
        return [] if hid else [run]

    def _pump_in(self, level: float) -> bool:
        """Whether a level is nearer the standby and known heaters with the pump."""
        rest = [level - self._base]
        rest += [level - self._base - size for size in self._known_heaters]
        p = self._pump_watts
        return min(abs(x - p) for x in rest) < min(abs(x) for x in rest)

    def _settle(self) -> list[DetectedRun]:
        """The candidate is a steady state: decide the edge that led to it."""
        after = self._cd_sum / self._cd_n
        split = self._paused(after)
        seen = self._level_before(after)
        before = self._at_volts_after(seen)
        delta = after - before
        tr_n = self._tr_n
        settled = (
            self._lv_n >= 3
            or self._pts[4] - self._lv_at >= self._hold() - _EPS
            or self._known_level(seen)
        )
        self._tr = False
        self._note_held_level(self._cd_at)
        self._lv = after
        self._lv_at = self._cd_at
        self._lv_n = self._cd_n
        self._pm2_at = self._pm1_at
        self._pm1_at = self._cd_last
        self._pm1_w = after
        if tr_n > 2 * _WANDER + 1:  # (counted once at _WANDER already)
            self._wander(self._cd_last)
        if split is None:
            split = self._split_at_standby(seen, before, after, settled)
            if split is not None:
                return split
            split = self._drop_paused()
        elif (parted := self._off_between(seen, before, after, settled)) is not None:
            return parted
        p = self._pump_watts
        if -0.3 * p < delta < 0.3 * p and not self._ramp_goes_on(delta):
            return split  # drift, not an edge
        pts = tuple(self._pts)
        # Does this plug average over its interval? Its first reading of a
        # clean large step is then often partial.
        if tr_n <= 3 and abs(delta) >= 200.0:
            frac = (pts[5] - seen) / (after - seen)
            partial = 1.0 if 0.1 < frac < 0.9 else 0.0
            self._avg_score += 0.1 * (partial - self._avg_score)
            self._partial_n = min(self._partial_n + 1, _PARTIAL_WEIGHT)
            self._partial += (partial - self._partial) / self._partial_n
        at = self._step_at(pts, seen, after - seen)
        edge = _Edge(at, delta, before, after, pts, settled, self._k)
        return split + self._split_or_edge(edge, self._cd_last)

    # --- one reading between two switchings (a plug reporting every few seconds)

    def _split_or_edge(self, edge: _Edge, now: float) -> list[DetectedRun]:
        """``_edge``, or the two edges of a heater's and the pump's switching read apart.

        Read every few seconds, the pump's level (alone, or a heater's
        without it) may show in one reading only between the heater's edge
        and the pump's: no steady state of its own, yet a state of the
        machine (``_one_reading_split``). Each part is then an edge of its
        own, the heater's read as the heater nearest its size.
        """
        split = self._one_reading_split(edge)
        if split is None:
            return self._edge(edge, now)
        *parts, whole = split
        out: list[DetectedRun] = []
        for part in parts:
            heater = self._heater_of(part)
            if heater is not None and self._held is None:
                # The split told the heater's edge apart: its size now
                # (the mains moved it) explains it.
                signs = tuple(
                    (1 if part.delta > 0.0 else -1) if h is heater else 0
                    for h in self._heaters
                )
                self._cache_edge = part
                self._cache_version = self._version
                self._cache = (_HEATERS, 0, part.delta, signs)
            out += self._edge(part, now)
            if not whole and self._pump and self._run_from == part.at:
                # No reading showed the pump alone whole: its start is only
                # as sure as one split off a heater's edge (two switchings
                # shown), and its stop must show itself (``_pump_fall``).
                self._run_pure = self._run_seen = False
                self._run_two = True
                self._run_shown = part.pts[-3] - part.before
        return out

    def _heater_of(self, edge: _Edge) -> _Heater | None:
        """The known heater a heater-sized part of a split edge is, if one only fits.

        None when the edge is explained already, or no heater, or two, lie
        within 8 % of its size (in a state it can switch from).
        """
        if abs(edge.delta) < self._heater_min() or self._explained(edge)[0] != _NOTHING:
            return None
        size = abs(edge.delta) * edge.k
        rising = edge.delta > 0.0
        fits = [
            h
            for h in self._heaters
            if h.weight >= 2.0
            and abs(h.size - size) <= 0.08 * h.size
            and h.on is not rising
        ]
        return fits[0] if len(fits) == 1 else None

    def _one_reading_split(self, edge: _Edge) -> tuple[_Edge, _Edge, bool] | None:
        """A heater's edge and the pump's, one reading of the level between them.

        An averaging plug reads one switching as at most one partial
        reading between two steady states; two partial readings, or more,
        need two switchings. When one reading between them is the level
        before and the pump's step (the pump switched first) or the level
        after less it (the pump switched last), and the others lie between
        that reading and the levels around it in order (partial readings
        of each switching), that reading is the level between the two
        edges (Hart's states, each edge the sum of one appliance's
        switching). None on plugs reporting faster (their levels hold), or
        when the readings do not show it.
        """
        if (
            self._gap <= _FAST_GAP_S
            or self._ambiguous
            or abs(edge.delta) < self._heater_min()
        ):
            return None
        p = self._pump_watts
        pts = edge.pts
        before, after = pts[1], edge.after
        near_b = self._past_noise(before)
        near_a = self._past_noise(after)
        inner = [
            i
            for i in range(4, len(pts), 2)
            if abs(pts[i + 1] - before) > near_b and abs(pts[i + 1] - after) > near_a
        ]
        sign = 1.0 if edge.delta > 0.0 else -1.0
        tol = max(0.15 * p, 6.0)
        if (
            inner
            and inner[0] == 4
            and self._pump_partial_in_level(before, pts[3], sign, tol)
        ):
            inner.insert(0, 2)
        if len(inner) < 2:
            return None
        if any(j - i != 2 for i, j in itertools.pairwise(inner)):
            return None
        values = [pts[i + 1] for i in inner]
        if all(abs(v - values[0]) <= 3.0 for v in values):
            return None  # a stale meter repeating one reading
        # The pump may leave two partial readings (a ramp, an inrush) as it
        # starts, one as it stops; a heater one.
        pump_n = 2 if edge.delta > 0.0 else 1
        pump_first = before + sign * p
        pump_last = after - sign * p
        for mid, other, most in (
            (pump_first, pump_last, (pump_n, 1)),
            (pump_last, pump_first, (1, pump_n)),
        ):
            k = _two_steps(values, before, mid, after, most=most, tol=tol)
            if k is None:
                continue
            if _two_steps(values, before, other, after, most=most[::-1], tol=tol):
                return None  # the other order fits the readings as well: unsure
            # The level between: its reading if one showed it whole. Else
            # only the pump's start from the standby (quiet, where a partial
            # reading is the pump's; beside a heater the mains move it too).
            last = inner[k - 1]
            whole = abs(pts[last + 1] - mid) <= tol
            if not whole and (
                mid != pump_first or sign < 0.0 or abs(before - self._base) > near_b
            ):
                continue
            w = pts[last + 1] if whole else mid
            if (
                mid == pump_last
                and sign < 0.0
                and not self._split_stop_shows(edge.delta + p)
            ):
                return None
            first_pts = (*pts[: last + 2], pts[last + 2], w)
            second_pts = (pts[last], w, pts[last], w, *pts[last + 2 :])
            first = _Edge(
                self._step_at(first_pts, before, w - before),
                w - edge.before,
                edge.before,
                w,
                first_pts,
                edge.settled,
                edge.k,
            )
            second = _Edge(
                self._step_at(second_pts, w, after - w),
                after - w,
                w,
                after,
                second_pts,
                True,
                edge.k,
            )
            return first, second, whole
        return None

    def _pump_partial_in_level(
        self, level: float, watts: float, sign: float, tol: float
    ) -> bool:
        """Whether the standby's last reading before a rise was the pump's first partial one.

        A vibratory pump starting a second before a reading ends adds a
        tenth of its step to it: within the level's tolerance, so taken as
        the standby, yet well past a quiet standby's noise. Beside a heater
        (its level noisier, moved by the mains) it tells nothing.
        """
        rest = watts - self._base
        p = self._pump_watts
        return (
            sign > 0.0
            and abs(level - self._base) <= self._tol_lv
            and max(6.0, 0.1 * p) < rest < p + tol
        )

    def _split_stop_shows(self, heat: float) -> bool:
        """Whether a run may end at the pump's fall read last, after a heater's.

        A reading of the pump alone after the heater went off, then its
        fall (``_one_reading_split``), may be a next pulse of a backflush
        whose pause hid beside the heater: when the run's start was split
        off a heater's edge too, that start must have shown the pump (a
        reading of it alone, two switchings, a rotary pump's step standing
        out), as for a stop read beside a heater's (``_pump_fall``). (A
        stop read first, the heater alone after it, needs no more than a
        fall of the pump alone that held.)
        """
        if not self._pump or self._run_pure:
            return True
        return (
            self._run_seen or self._run_two or self._stands_out(heat, self._pump_watts)
        )

    def _level_before(self, after: float) -> float:
        """The level before an edge, less its last reading if that one moved towards it.

        A plug reporting on change reads a level seldom (silence is
        unchanged): a small pump's first partial reading, within the level's
        tolerance, is taken into a mean of one or two readings and pulls it
        a good part of the way (a heater and a rotary pump's rise from 23 W,
        the standby at 3 W, fitted no sum). Past the noise of the level
        without it, towards the edge, it was the edge's first reading.
        """
        level = self._lv
        n = self._lv_n
        if n < 2 or not self._on_change:
            return level
        last = self._pm1_w
        prior = (level * n - last) / (n - 1)
        moved = last - prior
        if moved * (after - prior) <= 0.0 or abs(moved) <= self._past_noise(prior):
            return level
        return prior

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

    # --- edges ---------------------------------------------------------------

    def _edge(self, edge: _Edge, now: float) -> list[DetectedRun]:
        held = self._held
        if held is not None:
            self._held = None
            if (held.delta > 0) == (edge.delta > 0) and now - self._held_at <= (
                self._held_for(held) + _EPS
            ):
                # Two parts of one slow step (a ramp): one edge.
                merged = _Edge(
                    held.at,
                    held.delta + edge.delta,
                    held.before,
                    edge.after,
                    held.pts + edge.pts[4:],
                    held.settled,
                    edge.k,
                )
                if now - self._held_at <= self._hold() + _EPS or (
                    self._explained(merged)[0] != _NOTHING
                ):
                    return self._edge(merged, now)
            elif self._lone_excursion(held, edge):
                return []
            out = self._classify(held)
            return out + self._edge(edge, now)
        if (
            self._explained(edge)[0] != _NOTHING
            or abs(edge.delta) >= self._heater_min()
        ) and not self._lone_partial(edge):
            return self._classify(edge)
        self._held = edge
        self._held_at = now
        return []

    def _lone_partial(self, edge: _Edge) -> bool:
        """Whether an unexplained edge leads to one reading that silence only held.

        A plug reporting on change sends its first reading of a step (partial,
        the step came inside its 1 s) and the next, whole one; when that one
        is lost, it sends nothing more until the level moves again: the
        partial reading looks held. The step went on past it: the edge waits
        for the next reading (``_edge`` merges the two parts).
        """
        return (
            self._on_change
            and len(edge.pts) == 6
            and self._explained(edge)[0] == _NOTHING
        )

    def _lone_excursion(self, held: _Edge, edge: _Edge) -> bool:
        """Whether a held lone partial reading's edge and the next go back where they came from.

        The step's size went unread (its whole reading lost, ``_lone_partial``)
        and the next edge returns to the level before it: an excursion of no
        size known past a heater's (the pump's own would hide a pause), a
        heater's cycle. Neither edge is read (a heater learnt from their
        sizes would be a size of nothing).
        """
        return (
            self._lone_partial(held)
            and (held.delta > 0) != (edge.delta > 0)
            and abs(held.delta) >= self._heater_min()
            and abs(held.delta + edge.delta) < 0.3 * self._pump_watts
        )

    def _held_for(self, held: _Edge) -> float:
        """How long a held edge waits for its other part (``_lone_partial``, ``_ramp_part``)."""
        if self._lone_partial(held):
            return _LONE_HELD_S
        return _RAMP_REST_S if self._ramp_part(held) else self._hold()

    def _ramp_part(self, held: _Edge) -> bool:
        """Whether a held rise may be a vibratory pump's start, short of its ramp's rest.

        Read every second or two, a vibratory pump's ramp may hold a level
        for two readings part way up (a third to a half of its step: too
        short for its rise), then climb on to its step: the two edges make
        the pump's rise (``_edge`` merges them only when their sum is
        explained). It waits while the ramp may last.
        """
        p = self._pump_watts
        return (
            not self._pump
            and p < _SMALL_PUMP
            and self._gap <= _FAST_GAP_S
            and held.settled
            and 0.3 * p <= held.delta < self._low() * p
        )

    def _ramp_goes_on(self, delta: float) -> bool:
        """Whether a rise too small for an edge carries a held ramp part on.

        A vibratory pump builds pressure over one to three seconds: read every
        second, its ramp may hold two readings part way up (``_ramp_part``)
        and climb the rest in steps each under a third of its step, which
        alone are drift. While the part waits, such a rise is its next part
        (``_edge`` merges them), not drift.
        """
        held = self._held
        return (
            held is not None
            and delta >= 0.1 * self._pump_watts
            and self._ramp_part(held)
            and self._cd_last - self._held_at <= _RAMP_REST_S
        )

    def _release(self) -> list[DetectedRun]:
        held = self._held
        self._held = None
        return [] if held is None else self._classify(held)

    def _slack(self) -> float:
        """What a plug reporting on change leaves unsaid (its threshold)."""
        return 6.0 if self._on_change else 0.0

    def _low(self) -> float:
        """How far short of the step a pump's rise may be (a vibratory one's ramp)."""
        return 0.55 if self._pump_watts < _SMALL_PUMP else 0.75

    def _ptol(self) -> float:
        return max(0.25 * self._pump_watts, 5.0) + self._slack()

    def _heater_min(self) -> float:
        return max(300.0, 4.0 * self._pump_watts)

    def _explained(self, edge: _Edge) -> tuple[int, int, float, tuple[int, ...]]:
        """``_explain`` for an edge, once for each state of the machine."""
        if self._cache_edge is not edge or self._cache_version != self._version:
            self._cache_edge = edge
            self._cache_version = self._version
            self._cache = self._explain(
                edge.delta,
                edge.before,
                edge.after,
                first=self._pump_first(edge),
                two=self._two_shown(edge),
            )
        return self._cache

    def _pump_first(self, edge: _Edge) -> bool:
        """Whether a reading inside a large edge shows the pump's switch alone, first.

        From the level before, a reading at it and the pump's step its way
        (the pump started before the heater came on, as cold water reaching
        the boiler makes it do): the pump is in that edge.
        """
        if abs(edge.delta) < self._heater_min():
            return False
        p = self._pump_watts if edge.delta > 0.0 else -self._pump_watts
        near = 0.25 * self._pump_watts
        pts = edge.pts
        return any(
            abs(pts[i] - edge.before - p) <= near for i in range(5, len(pts) - 2, 2)
        )

    def _two_shown(self, edge: _Edge) -> bool:
        """Whether a heater-sized edge between two heaters' levels shows two switchings.

        A dual boiler whose second heater is about the first and the pump
        reads its rise alone and the first's with the pump as one edge
        (and a hand-over of the two as the pump's stop): unsure. Read every
        second or two, one switching (a heater, or a hand-over, at one
        instant) leaves at most one partial reading between the levels;
        two different ones need a second switching: the pump's.
        """
        return (
            len(self._heaters) == 2
            and self._gap <= _FAST_GAP_S
            and abs(edge.delta) >= self._heater_min()
            and self._two_switches(edge, read=True)
        )

    def _explain(
        self,
        delta: float,
        before: float,
        after: float,
        *,
        first: bool = False,
        two: bool = False,
    ) -> tuple[int, int, float, tuple[int, ...]]:
        """Explain an edge: (how, the pump's sign, the heaters' part, their signs).

        Every sum of the pump switching and each known heater switching is
        tried, and kept if the levels on both sides are sums of the standby,
        the heaters and the pump (a state of the machine). When sums with and
        without the pump both fit, it is unsure, unless ``two`` switchings
        showed and the sums without it switch at one instant (one heater, or
        a hand-over), and one with it has a heater's switching too. A heater
        seen only once may explain an edge as a heater's, never split the
        pump's off one.
        """
        p = self._pump_watts
        ptol = self._ptol()
        cap = 0.4 * p
        slack = self._slack()
        low = self._low()
        best: tuple[int, int, float, tuple[int, ...]] = (_NOTHING, 0, 0.0, ())
        best_score = math.inf
        fits_pump = fits_none = False
        # (For ``two``: the best sum with the pump and a heater, and whether
        # a sum without the pump switches more than once.)
        paired: tuple[int, int, float, tuple[int, ...]] | None = None
        paired_score = math.inf
        none_twice = False
        heaters = self._heaters
        if len(heaters) == 2:
            a, b = heaters
            if abs(a.size - b.size) <= 0.08 * max(a.size, b.size):
                # Two sizes this close are one heater seen at two voltages
                # (or one's edge with the pump's in it): trust the surer one.
                heaters = [a if a.weight >= b.weight else b]
        n = len(heaters)
        k = self._k  # heaters' sizes are kept at the first voltage seen
        sizes = [h.size / k for h in heaters]
        zero = 4 if n == 2 else n  # the combination of no heater at all
        pump = self._pump
        base = self._base
        drift = 0.015 if self._vref2 else 0.04
        # How far a heater's share of the level before may stray from the
        # size it switched on with (more would leave room for the pump).
        alone_tol = 0.02 if self._vref2 else 0.04
        states = ((0, 0), (1, 0), (0, 1), (1, 1)) if n == 2 else ((0, 0), (1, 0))
        # A slow PID's pulse is read in part at its edges, at volts taken at
        # an instant that may miss its sag: a heater alone strays further
        # (never as far as the pump's step).
        pulsed = _PULSED_HEATER if self._vref2 and self._pulsing(self._last_at) else 0.0
        # No heater's switching comes near a small edge: the pump alone then.
        smallest = min([*sizes, abs(sizes[0] - sizes[1])] if n == 2 else sizes or [0.0])
        if n and abs(delta) + p + 2.0 * cap + slack < 0.5 * smallest:
            n = 0
            heaters = []
            zero = 0

        def state_fits(level: float, on: tuple[int, int], pump_on: bool) -> bool:
            model = base + (p if pump_on else 0.0)
            for size, x in zip(sizes, on, strict=False):
                model += x * size
            return abs(level - model) <= cap + drift * model + 6.0 + slack

        # Levels no state explains (a heater not known yet): no level check.
        check = any(state_fits(before, on, pump) for on in states)
        for sp in (0, 1, -1):
            for combo in range(3**n):
                if combo != zero and sp and (sp > 0) == pump:
                    continue  # with a heater, the pump as its state allows
                signs = (
                    (combo % 3 - 1, combo // 3 - 1)
                    if n == 2
                    else ((combo - 1, 0) if n else (0, 0))
                )
                heat = tol = 0.0
                sure = True
                terms = 0
                loose = False
                for h, size, sign in zip(heaters, sizes, signs, strict=False):
                    if sign > 0:
                        heat += size
                        tol += h.tol(cap)
                    elif sign < 0:
                        was = h.on_size / k if h.on else size
                        # The level before says how big it was, if it was
                        # the only heater on.
                        alone = (
                            before
                            - base
                            - (p if (sp < 0 or (not sp and pump)) else 0.0)
                        )
                        # (Splitting the pump off, the share must agree
                        # closely; a heater alone may have been learned
                        # loosely yet.)
                        lim = alone_tol * was + 5.0 if sp else 0.08 * was
                        if abs(alone - was) <= lim:
                            heat -= alone
                            tol += 0.15 * p + 4.0
                        elif h.on:
                            heat -= was
                            tol += min(h.tol(cap), 0.02 * h.on_size + 5.0)
                        else:
                            heat -= was
                            tol += h.tol(cap)
                    else:
                        continue
                    terms += 1
                    sure = sure and h.weight >= 2.0 and not self._read_stale(h)
                if sp < 0 and self._stop_with_cycled(heaters, signs):
                    continue
                if not terms:
                    if sp == 0:
                        continue
                    # The pump alone: its rising edge may be short of the
                    # step (a ramp not yet done), never much over it.
                    x = sp * delta
                    if not low * p <= x <= p + ptol:
                        continue
                    score = abs(x - p) / ptol
                else:
                    r = abs(delta - sp * p - heat)
                    tol += slack
                    if sp and self._vref2:
                        # Heaters read at the plug's volts are exact: what
                        # is left is the pump's own step, which strays from
                        # the nominal one (a motor, not scaled with volts);
                        # from the calibrated one by up to a tenth where a
                        # reading showed the pump's switch first, beside
                        # the only heater (no other heater's size to meet).
                        tol += (0.1 if first and n == 1 else 0.04) * p
                    elif not sp:
                        tol += min(pulsed * abs(heat), 0.2 * p)
                        tol += self._beside_pump(heat, signs)
                    other = any(
                        h.on and not sign
                        for h, sign in zip(heaters, signs, strict=False)
                    )
                    if not sp and other and tol < r <= tol + _LOOSE * abs(heat):
                        # A heater switching while the other is on, a
                        # little off its size (the plug's volts sag under
                        # the other heater): a pump's edge here is unsure.
                        loose = True
                    elif r > tol or (sp and not sure):
                        continue  # a heater seen once never splits the pump off
                    score = r / tol + 0.1 * terms
                if check:
                    # Some state of the machine before, and the one it makes.
                    pump_b = sp < 0 if sp else pump
                    pump_a = sp > 0 if sp else pump
                    ok = False
                    for on in states:
                        if any(
                            (sign > 0 and x) or (sign < 0 and not x)
                            for sign, x in zip(signs, on, strict=False)
                        ):
                            continue
                        on_a = (on[0] + signs[0], on[1] + signs[1])
                        if state_fits(before, on, pump_b) and state_fits(
                            after, on_a, pump_a
                        ):
                            ok = True
                            break
                    if not ok:
                        continue
                if sp:
                    fits_pump = True
                else:
                    fits_none = True
                    # (A heater's edges the same way switch apart.)
                    none_twice = none_twice or loose or signs[0] * signs[1] > 0
                if loose:
                    continue
                if sp and terms and score < paired_score:
                    paired_score = score
                    paired = (_PUMP, sp, heat, signs[:n])
                if score < best_score:
                    best_score = score
                    best = (_PUMP if sp else _HEATERS, sp, heat, signs[:n])
        if fits_pump and fits_none:
            if two and paired is not None and not none_twice:
                return paired
            return (_UNSURE, 0, 0.0, ())
        return best

    def _beside_pump(self, heat: float, signs: tuple[int, ...]) -> float:
        """How much further one heater's edge may stray from its size while the pump runs.

        Its size is learnt from its edges alone; beside the running pump its
        rise reads up to a percent off it (heat exchangers read every 2 s
        with volts; volts read at an instant against watts averaged over the
        interval are a likely cause, not pinned down). Unexplained, the rise
        drops the run it came in. Periodic plugs read every few seconds only.
        """
        if (
            not self._pump
            or self._on_change  # (on change, a level may be a partial reading)
            or self._gap > _FAST_GAP_S  # (seconds apart, a level may hide a switch)
        ):
            return 0.0
        if sum(1 for sign in signs if sign) != 1:
            return 0.0
        # (Never more than a tenth of the pump's step: a heater's rise and the
        # pump's fall in one edge must stay told from the heater's alone.)
        return min(_BESIDE_PUMP * abs(heat), 0.1 * self._pump_watts)

    def _classify(self, edge: _Edge) -> list[DetectedRun]:
        """Explain one edge and follow the pump and the heaters through it."""
        if self._record is not None:
            self._record.append(edge)
        how, sp, heat, signs = self._explained(edge)
        self._version += 1  # what follows changes the machine's state
        if self._confirm is not None:
            # The level after a run's fall did not hold long: keep the run
            # only if what came next makes sense, or the level is a state of
            # the machine and a heater's edge came next (even one that fits
            # with and without the pump, or a size not known yet).
            known = self._known_level(edge.before) and (
                how == _UNSURE or abs(edge.delta) >= self._heater_min()
            )
            if how == _PUMP and sp > 0 and not heat and self._resumed(edge):
                self._confirm = None
                self._pump = True  # the run goes on: its fall was none
                return []
            if how in (_HEATERS, _PUMP) or known or self._held_standby(edge):
                self._version -= 1  # nothing changed yet: the same explanation
                return self._confirmed() + self._classify(edge)
            self._confirm = None
        if (
            edge.delta < 0
            and self._rises
            and -edge.delta >= self._heater_min()
            and not (
                how == _HEATERS
                and all(
                    h.on
                    for h, sign in zip(self._heaters, signs, strict=False)
                    if sign < 0
                )
            )
        ):
            # (A heater known to be on, falling by its size, ends its own
            # cycle: not a rise nothing explained, when two heaters differ
            # by about the pump's step.)
            fell = self._rise_fell(edge)
            if fell is not None:
                return fell
        out = self._ended_at_unsure_fall(edge)
        if out:
            how, sp, heat, signs = self._explained(edge)
        if how == _HEATERS:
            out += self._switch(edge, signs, edge.delta)
            if self._pump and self._paused_in(edge, signs):
                self._stop(edge.at)  # two runs read as one: neither is known
            elif self._pump:
                self._run_heat += edge.delta * self._k
            else:
                out += self._pulse_before_heater(edge) or self._run_inside_rise(edge)
        elif how == _PUMP:
            pump_part = edge.delta - heat
            # (Read before the switch says it off.)
            last_on = self._came_on_last(signs) if heat and sp < 0 else None
            if heat:
                out = self._switch(edge, signs, heat, learn=False)
            if sp > 0:
                out += self._pump_rise(edge, pump_part, heat)
            else:
                out += self._pump_fall(edge, -pump_part, heat, last_on)
        elif how == _UNSURE:
            if self._pump:
                self._run_unsure = True
                self._unsure_fall(edge)
                self._unsure_stop(edge)
            for heater in self._heaters:
                heater.on = None
        elif (ramped := self._ramp_beside_heater(edge)) is not None:
            out = ramped
        elif abs(edge.delta) >= self._heater_min():
            self._unknown_heater(edge)
        elif not self._ramp(edge):
            self._unexplained(edge.at, abs(edge.delta))
        if edge.after < 0.4 * self._pump_watts and not self._pump:
            self._base += 0.5 * (edge.after - self._base)  # nothing on: standby
        if edge.after < 0.5 * self._heater_min():
            for heater in self._heaters:
                heater.on = False  # below any heater: none is on
            self._rises.clear()
            if self._pump and edge.after < 0.5 * self._pump_watts:
                self._stop(edge.at)  # below the pump too: the run was not one
        self._merge(edge.at)
        return out

    # --- heaters ---------------------------------------------------------------

    def _switch(
        self, edge: _Edge, signs: tuple[int, ...], measured: float, learn: bool = True
    ) -> list[DetectedRun]:
        """Follow the heaters through their part of an explained edge."""
        out: list[DetectedRun] = []
        alone = sum(1 for sign in signs if sign) == 1
        learn = learn and alone
        k = self._k
        for h, sign in zip(self._heaters, signs, strict=False):
            if sign > 0:
                size = measured * k if alone else h.size
                h.on = True
                h.on_size = size
                h.on_at = edge.at
                h.on_before = edge.before
                if learn:
                    h.learn(size)
                    h.seen = edge.at
            elif sign < 0:
                size = -measured * k if alone else (h.on_size if h.on else h.size)
                pending = self._pending
                if pending is not None and pending.heater is h and learn:
                    out += self._prove(pending, size / k)
                if self._run_heater is h and self._pump and learn:
                    # The heater that came with the pump went: its real size
                    # is known now, and so is the pump's share of that edge.
                    self._run_base = self._run_before + size + self._run_other
                    self._run_heat = 0.0
                    self._run_pure = True
                    self._run_heater = None
                h.on = False
                if learn:
                    h.learn(size)
                    h.seen = edge.at
        return out

    def _rise_fell(self, edge: _Edge) -> list[DetectedRun] | None:
        """A fall that ends a rise nothing explained (None: it does not)."""
        mag = -edge.delta
        p = self._pump_watts
        ptol = self._ptol()
        for rise in reversed(self._rises):
            rest = rise.at_scale(edge.k) - mag
            pending = self._pending
            if pending is not None and pending.rise is rise and pending.stop:
                if abs(rest + pending.watts) > ptol:
                    continue
                # The heater's fall is its rise and the pump's step: the
                # pump stopped as the heater came on.
                self._rises.remove(rise)
                self._cluster(mag)
                self._pending = None
                if self._ambiguous or self._stop_in_rise_unsure(pending, rise):
                    return []
                return [DetectedRun(pending.started, pending.ended, pending.watts)]
            if abs(rest) <= ptol:
                # That heater alone, on and off.
                self._rises.remove(rise)
                self._cluster(mag, cycle=True)
                pending = self._pending
                if pending is not None and pending.rise is rise:
                    self._pending = None
                if self._pump:
                    self._run_heat += edge.delta * self._k
                return []
            if abs(rest - p) <= ptol and not self._started_in_fall(edge):
                # The rise held the pump's start as well.
                self._rises.remove(rise)
                self._cluster(mag)
                pending = self._pending
                if pending is not None and pending.rise is rise:
                    return self._prove(pending, mag)
                if not self._pump:
                    # ... and the pump runs on.
                    start = self._hidden_start(rise, mag, rest)
                    self._open_run(start, rest, True, rise.before + mag)
                    return []
                return []
        return None

    def _stop_in_rise_unsure(self, pending: _Pending, rise: _Rise) -> bool:
        """Whether a stop hidden in a heater's rise, read every few seconds, leaves the kind open.

        The pump's stop and the heater's rise inside one reading's interval
        (at most one partial reading between the two levels) are two
        switchings that one average holds: their shares sum to that
        reading, and the stop's date is a guess between them, up to half the
        interval off either way (two partial readings would date each). A
        run whose length lies that near a kind bound (a backflush pulse of
        10 s read 16 s) is withheld (``_kind_unsure``), and its readings are
        no run for the decoder to read.
        """
        if not self._seconds_apart:
            return False
        if not self._one_partial(rise.pts, rise.before, rise.before + rise.mag):
            return False
        if not self._kind_unsure(pending.ended - pending.started, 0.5 * self._period):
            return False
        # Read, if withheld: the decoder must not count it again (``_once``).
        self._counted.append((pending.started, pending.ended))
        return True

    def _one_partial(self, pts: Sequence[float], a: float, b: float) -> bool:
        """Whether at most one reading of an edge lies between its levels ``a`` and ``b``.

        One switching, or two inside one reading's interval: their shares
        sum to that reading, and neither's date is known from it.
        """
        low, high = sorted((a, b))
        tol = self._tol_lv
        return _inside(pts, low + tol, high - tol) <= 1

    def _started_in_fall(self, edge: _Edge) -> bool:
        """Whether a heater's fall, read every few seconds, shows the pump starting in it.

        A fall to the pump's level fits a heater's rise that held the pump's
        start (the pump ran on) and the heater's fall with the pump starting
        as well. Had the pump run on, no reading of the fall would lie below
        its level; one well short of it (its first partial reading, or a
        vibratory pump ramping up) shows it was not running yet.
        """
        if self._gap <= _FAST_GAP_S:
            return False
        p = self._pump_watts
        low = self._base + 0.15 * p
        high = edge.after - max(0.25 * p, 6.0)
        return _inside(edge.pts, low, high) > 0

    def _unknown_heater(self, edge: _Edge) -> None:
        """A heater's edge that no known size explains.

        A fall to a lone partial reading that waited for the next in vain
        (``_lone_partial``) is no size: no heater is learnt from it (a heat
        exchanger's one heater would become two, a hand-over of which reads
        as the pump's step).
        """
        if edge.delta > 0:
            # A heater of a size not known yet, perhaps with the pump inside.
            rise = _Rise(edge)
            if self._pump:
                self._stopped_in(edge, rise)
            self._rises.append(rise)
            del self._rises[:-2]
            for h in self._heaters:
                if h.on is not True:
                    h.on = None
            return
        if self._pump:
            self._run_unsure = True
        for h in self._heaters:
            if h.on is not False:
                h.on = None
        if not self._pump and not self._lone_partial(edge):
            self._cluster(-edge.delta)

    def _stopped_in(self, edge: _Edge, rise: _Rise, *, stop: bool = True) -> None:
        """A heater's rise during a run: perhaps the pump stopped inside it.

        When the rise and the pump's share of the level before it make a
        known heater's size, the run may have ended there: it waits for that
        heater's fall, which must be the rise and the pump's step (the sum
        of a heater's cycle is zero). Either way the run in progress is
        unsure from here.
        """
        self._run_unsure = True
        if not self._run_pure or self._ambiguous:
            return
        watts = edge.before - self._run_level()
        p = self._pump_watts
        if abs(watts - p) > self._ptol():
            return
        size = (edge.delta + watts) * self._k
        if not any(
            h.weight >= 2.0 and abs(size - h.size) <= 0.05 * h.size
            for h in self._heaters
        ):
            return
        ended = self._pump_at(edge.pts, edge.before, edge.delta + watts, -watts)
        if not MIN_RUN_S <= ended - self._run_at <= MAX_RUN_S:
            return
        pending = _Pending(self._run_at, ended, watts, edge.delta * edge.k)
        pending.rise = rise
        pending.stop = True
        self._pending = pending
        # Followed as stopped: had it run on, its fall would come alone (an
        # orphan), and this rise would not prove it.
        if stop:
            self._stop(ended)

    def _unsure_stop(self, edge: _Edge) -> None:
        """A heater's rise during a run that fits with the pump stopping in it and without.

        Its fall will tell (``_stopped_in``): the rise and the pump's step
        when the pump stopped there. The run goes on, unsure as before: its
        own fall, if it comes first, says the pump ran on. Not on a plug
        reporting on change: a level held by silence may be a partial one.
        """
        if edge.delta < self._heater_min() or self._on_change:
            return
        rise = _Rise(edge)
        self._stopped_in(edge, rise, stop=False)
        pending = self._pending
        if pending is not None and pending.rise is rise:
            self._rises.append(rise)
            del self._rises[:-2]

    def _run_inside_rise(self, edge: _Edge) -> list[DetectedRun]:
        """A rotary pump's whole run inside a heater's rise read every few seconds.

        The rise's readings never held a level between: yet one showed the
        pump alone over the level before (whole, within a tenth: a backflush
        pulse stopping half a second before a reading ends reads 90 % of
        its step, and the next pulse may start in the heater's partial
        reading), and a later one the pump over the level after (partial
        readings of the heater's one switching lie between the two levels,
        never a pump's step past them). The pump started and stopped inside
        the rise, dated by its share of the readings at each end.
        """
        p = self._pump_watts
        if (
            self._gap <= _FAST_GAP_S
            or self._ambiguous
            or self._on_change
            or p < _SMALL_PUMP
            or p < 0.08 * edge.delta
            or edge.delta < self._heater_min()
        ):
            return []
        pts = edge.pts
        ptol = self._ptol()
        before, after = edge.before, edge.after
        idx = range(4, len(pts), 2)
        alone = next((i for i in idx if abs(pts[i + 1] - before - p) <= 0.1 * p), None)
        over = [i for i in idx if abs(pts[i + 1] - after - p) <= ptol]
        if alone is None or not over or over[0] < alone:
            return []
        # Between, the heater's one partial reading at most (over the pump's
        # level); then the pump over the heater whole, reading after reading.
        if over[0] - alone > 4 or over[-1] - over[0] != 2 * (len(over) - 1):
            return []  # the pump off between: two runs, or none
        if over[0] - alone == 4 and not (
            before + p - ptol <= pts[alone + 3] <= after + p - ptol
        ):
            return []
        shares = [(i, (pts[i + 1] - after) / p) for i in idx if i > over[-1]]
        last = over[-1]
        for i, share in shares:
            if share < 0.15:
                break
            last = i
        share = min(1.0, (pts[last + 1] - after) / p)
        ended = pts[last - 2] + share * (pts[last] - pts[last - 2])
        started = self._step_at(pts[: alone + 2], before, p)
        if not MIN_RUN_S <= ended - started <= MAX_RUN_S or self._read_long(
            ended - started
        ):
            return []
        return [DetectedRun(started, ended, p)]

    def _unsure_fall(self, edge: _Edge) -> None:
        """A fall of the pump's step during a run, that a heater's switching fits as well.

        Read every few seconds, a pump whose step stands out of the heaters'
        (``_stands_out``) and whose start showed it alone: the fall may be its
        stop, which the run's end at the standby will tell
        (``_ended_at_unsure_fall``).
        """
        p = self._pump_watts
        if (
            self._gap > _FAST_GAP_S
            and edge.delta < 0.0
            and self._run_pure
            and abs(self._run_before) <= self._tol_lv
            and abs(-edge.delta - p) <= self._ptol()
            and p >= _SMALL_PUMP
            and not self._on_change
            and p >= 0.08 * (edge.after - self._base)
        ):
            self._run_fell = edge.at

    def _ended_at_unsure_fall(self, edge: _Edge) -> list[DetectedRun]:
        """The run that a fall to the standby shows ended at an unsure fall of the pump's step.

        The run started alone from the standby; a fall of the pump's step
        (``_unsure_fall``) left a known heater alone on, which now falls by
        its own size to the standby: the pump was off before it, and that
        fall was its stop (the only edge of the run a stop fits).
        """
        if not self._pump or self._run_fell <= self._run_at or edge.delta >= 0.0:
            return []
        p = self._pump_watts
        base = self._base
        if edge.after - base > 0.5 * p or self._ambiguous:
            return []
        rest = edge.before - base
        tol = min(0.5 * self._ptol(), self._tol_lv + 0.02 * rest)
        if not any(abs(rest - size) <= tol for size in self._known_heaters):
            return []
        ended = self._run_fell
        if not MIN_RUN_S <= ended - self._run_at <= MAX_RUN_S:
            return []
        run = DetectedRun(self._run_at, ended, self._run_w)
        self._stop(ended)
        self._version += 1  # explained again with the pump off
        return [run]

    def _hidden_start(self, rise: _Rise, size: float, pump: float) -> float:
        """When the pump started inside a heater's rise."""
        return self._pump_at(rise.pts, rise.before, size, pump)

    def _cluster(self, watts: float, cycle: bool = False) -> None:
        """Learn a heater's fall: its heater's size, or a new heater's.

        A size near a known heater's but not near enough may be that heater
        with the pump's step in the same edge: it teaches nothing, but for
        a ``cycle`` (its rise and fall of one size, back to the level before),
        which the heater's size follows slowly (the mains moved it; a shot's
        cycle, the pump in both edges, only nudges it).
        """
        size = watts * self._k
        tol = self._cluster_tol(size)
        near: _Heater | None = None
        for h in self._heaters:
            gap = abs(h.size - size)
            if gap <= tol and (near is None or gap < abs(near.size - size)):
                near = h
        if near is not None:
            near.learn(size)
            near.seen = self._last_at
            near.on = False
            return
        known = [
            h
            for h in self._heaters
            if h.weight >= 2.0 and abs(h.size - size) <= 0.08 * h.size
        ]
        if known:
            if cycle:
                known[0].size += 0.2 * (size - known[0].size)
            return
        if cycle and self._heater_and_pump(size):
            return
        if len(self._heaters) >= 2:
            self._heaters.sort(key=lambda h: -h.weight)
            if self._heaters[-1] is self._cycled:
                return  # (``_learn_cycle``: a third size is no heater's)
            if self._read_lately(self._heaters[-1]):
                return  # (``_heater_peak``: its size is sure, a third is not)
            self._drop(self._heaters[-1])
        heater = _Heater(size, 0.1 * self._pump_watts)
        heater.seen = self._last_at
        heater.on = False
        self._heaters.append(heater)

    def _cluster_tol(self, size: float) -> float:
        """How far an edge may stray from a heater's size to be learnt into it (``_cluster``)."""
        return max(0.03 * size, 0.4 * self._pump_watts)

    def _heater_and_pump(self, size: float) -> bool:
        """Whether a cycle's size (as ``_cluster``'s) is a sure heater's and the pump's step.

        Read every few seconds, a heat exchanger's shot whose heater came on
        and went off with the pump reads as one rise and one fall of that
        sum: learnt as a second heater, it then explained such shots away.
        Only beside a heater seen alone often (one whose size is not itself
        a misread) and only read every few seconds (faster, a dual boiler's
        steam heater of about that sum is learnt from such cycles).
        """
        p = self._pump_watts * self._k
        tol = self._ptol() * self._k
        return self._gap > _FAST_GAP_S and any(
            (h.weight >= _ALONE_CYCLES or self._read_lately(h))
            and abs(size - h.size - p) <= tol
            for h in self._heaters
        )

    def _read_lately(self, heater: _Heater) -> bool:
        """Whether a short pulse's reading read the heater whole lately, beside a small pump.

        Its size is then sure (``_heater_peak``): a size of it and the pump's
        step is no heater's. (A steam heater never draws a brew heater and a
        small pump's step; a rotary pump's step, it may.)
        """
        return (
            self._pump_watts < _SMALL_PUMP
            and self._last_at - heater.read_at <= _PEAK_FRESH_S
        )

    def _read_stale(self, heater: _Heater) -> bool:
        """Whether a heater's size read whole in short pulses is no longer sure.

        A dual boiler's brew heater cycles too briefly for its edges to
        follow its size as the mains moves it: learnt from neither its
        pulses nor its edges for ``_PEAK_FRESH_S``, it may be off by the
        pump's step, and splits no pump off an edge (``_explain``), as a
        heater seen once.
        """
        return (
            heater.read_at > -math.inf and self._last_at - heater.seen > _PEAK_FRESH_S
        )

    def _drop(self, heater: _Heater, keep: _Heater | None = None) -> None:
        self._heaters.remove(heater)
        pending = self._pending
        if pending is not None and pending.heater is heater:
            pending.heater = keep
        if self._run_heater is heater:
            self._run_heater = keep

    def _merge(self, now: float) -> None:
        """One heater seen at two sizes (the mains moved): make them one."""
        heaters = self._heaters
        for h in heaters:
            if h.weight < 2.0 and now - h.seen > 1800.0:
                self._drop(h)  # seen once long ago: forget it
                break
        if len(heaters) < 2:
            return
        a, b = heaters
        if abs(a.size - b.size) > max(0.04 * a.size, 0.5 * self._pump_watts):
            return
        keep, drop = (a, b) if a.weight >= b.weight else (b, a)
        total = keep.weight + drop.weight
        keep.size = (keep.size * keep.weight + drop.size * drop.weight) / total
        keep.weight = min(total, 20.0)
        if keep.on is None or (drop.on and drop.on_at > keep.on_at):
            keep.on, keep.on_size = drop.on, drop.on_size
            keep.on_at, keep.on_before = drop.on_at, drop.on_before
        self._drop(drop, keep)

    def _prove(self, pending: _Pending, size: float) -> list[DetectedRun]:
        """The heater that hid a run's start fell: the rest of its rise was the pump."""
        self._pending = None
        rest = pending.mag / self._k - size
        if abs(rest - pending.watts) > self._ptol() or self._ambiguous:
            return []
        return [DetectedRun(pending.started, pending.ended, pending.watts)]

    # --- runs -------------------------------------------------------------------

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
        self._run_lead = self._run_spread = 0.0
        self._run_base = self._run_before = self._normalised(base)
        self._run_heat = 0.0
        self._run_heater = None
        self._run_mag = self._run_other = 0.0
        self._run_fell = -math.inf

    def _unseen(self, pts: Sequence[float], at: float) -> float:
        """How far a switch dated ``at`` may be off: the part of an interval never seen.

        A plug that averages over part of its interval (a 1 s average read
        every 2 s) shows a switch inside its window by its share; one before
        the window only as a whole reading, dated in the middle of the unseen
        part (``_crossing``): it may be off by half of that part either way.
        """
        window = self._window
        if window is None:
            return 0.0
        for i in range(2, len(pts), 2):
            if pts[i] >= at:
                span = _span(pts, i, self._period)
                seen = pts[i] - window * span
                if at > seen + _EPS:
                    return 0.0  # inside the window: the reading's share dates it
                unseen = 0.5 * (1.0 - window) * span if window < 1.0 else 0.0
                return unseen + self._lost(pts, i, span)
        return 0.0

    def _lost(self, pts: Sequence[float], i: int, span: float) -> float:
        """The part before reading ``i``'s interval that a lost reading left unread.

        A periodic plug that dropped a report (two intervals between the
        readings) read nothing of the one before: a switch that a whole
        reading dates at its interval's start may lie anywhere in that
        part, all of it one side of the date. Every few seconds only (an
        energy meter's 5 s, where a pump's level repeated holds as a level,
        ``_pump_level``, and a run may end in such a gap); a plug reporting
        on change stays silent while nothing changes: its silence is read.
        """
        lost = pts[i] - pts[i - 2] - span
        if not self._seconds_apart or lost < 0.5 * self._period:
            return 0.0
        return lost

    def _kind_unsure(self, duration: float, end_spread: float) -> bool:
        """Whether a run's kind hangs on the unseen parts of its intervals.

        Its start and end may each be off by their unseen share; the two are
        independent, so the duration's spread is their sum in quadrature.
        When a bound of ``kind_bounds`` lies within it (a 14.7 s flush read
        15.0 s, its start unseen), the run is withheld: a flush counted as a
        shot is worse than neither counted.
        """
        spread = math.hypot(self._run_spread, end_spread)
        return self._near_kind_bound(duration, spread) or (
            self._run_pure and self._read_long(duration)
        )

    def _read_long(self, duration: float) -> bool:
        """Whether a rotary pump's run read every few seconds may be one of a shorter kind.

        A rotary pump's inrush fills its first partial reading past its
        share of the interval: the start dated by that share comes early
        (``_inrush_lag`` corrects it only on plugs read every second or
        two), and its stop's run-down holds the last one past its share:
        a 14.4 s flush read 15.0-15.2 s. Just past a bound of
        ``kind_bounds`` (by ``_READ_LONG_S``), the run is withheld.
        """
        if (
            self._on_change
            or self._gap <= _FAST_GAP_S
            or self._pump_watts < _SMALL_PUMP
        ):
            return False
        return self._kind_between(duration - _READ_LONG_S, duration)

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

    def _ramp(self, edge: _Edge) -> bool:
        """Whether a small rise just after the run's start is the rest of its ramp.

        A vibratory pump ramps up over seconds: a plug reporting on change
        may show a level part way (the run's start) and then the rest. The
        start may have come with a heater's rise (``_ramp_after_heater``).
        """
        if not self._pump or edge.delta <= 0.0:
            return False
        if not (self._run_pure or self._ramp_after_heater()):
            return False
        if edge.at - self._run_at > _RAMP_REST_S:
            return False
        if self._run_w + edge.delta > self._pump_watts + self._ptol():
            return False
        self._run_w += edge.delta
        return True

    def _ramp_after_heater(self) -> bool:
        """Whether the run's start, split from a heater's rise, may still be ramping.

        A vibratory pump starting in the reading where a heater came on
        (their one edge split by the heater's known size) reads part way up
        its ramp there; read every second or two, the next reading shows
        the rest (Hart: the level after is the heater and the whole step).
        The heater's step is whole in its first reading past the switch: a
        small rise after it is the pump's. Its fall pairs with the level
        before it, as every run split from a heater's edge does.
        """
        return (
            self._run_heater is not None
            and self._pump_watts < _SMALL_PUMP  # a vibratory pump's ramp
            and self._gap <= _FAST_GAP_S
        )

    def _ramp_beside_heater(self, edge: _Edge) -> list[DetectedRun] | None:
        """A known heater's edge just after the run's start, the rest of the pump's ramp in it.

        A vibratory pump ramps up over seconds: when a heater switches
        before the ramp is done, its edge holds the ramp's rest (Hart: an
        edge is the sum of what switched). One heater only may fit, the rest
        no more than the run's rise still lacks of the pump's step. None
        when it does not fit (the edge is then what it was before).
        """
        if not (self._pump and self._run_pure) or edge.at - self._run_at > 5.0:
            return None
        p = self._pump_watts
        room = p + self._ptol() - self._run_w  # what the ramp may still add
        k = self._k
        fits: list[tuple[int, float, float]] = []
        for i, h in enumerate(self._heaters):
            if h.weight < 2.0 or h.on is None:
                continue
            heat = -h.on_size / k if h.on else h.size / k
            rest = edge.delta - heat
            if -h.tol(0.4 * p) <= rest <= room:
                fits.append((i, heat, rest))
        if len(fits) != 1:
            return None
        i, heat, rest = fits[0]
        signs = tuple(
            (1 if heat > 0.0 else -1) if j == i else 0
            for j in range(len(self._heaters))
        )
        out = self._switch(edge, signs, heat, learn=False)
        self._run_heat += heat * k
        self._run_w += rest
        return out

    def _seen_alone(self, edge: _Edge | _Rise, pump: float) -> bool:
        """Whether a reading inside a heater-and-pump edge shows one without the other.

        Between the two steady states a reading at ``before + pump`` (the
        pump switched, the heater not yet) or ``after - pump`` (the other
        way round) shows the pump's own step. The level before is taken as
        read too (``pts[1]``), not only at the volts after the edge: such a
        reading still carries the heaters' load of before, and the volts
        that load sagged the socket to (a pump's stop read before its
        heater's, the volts 2 V apart, is 20 W off a 1.2 kW heater).
        """
        near = 0.25 * self._pump_watts + self._slack()
        pts = edge.pts
        ones = (edge.before + pump, pts[1] + pump)
        other = pts[-1] - pump
        for i in range(5, len(pts), 2):
            w = pts[i]
            if abs(w - other) <= near or any(abs(w - one) <= near for one in ones):
                return True
        return False

    def _single_partial(self, edge: _Edge) -> bool:
        """Whether an edge read every 5 s holds one partial reading only (``_pump_fall``).

        A heater's edge read every 5 s leaves one partial reading between
        its two levels, of any share of it: now and then the pump's. A
        steam heater's cycle from the standby and back, its partial readings
        at the pump's level at both ends, read as a shot whose pump was seen
        alone at both (``_seen_alone``). The pump switching apart from a
        heater leaves two partial readings or more (its own, the heater's,
        perhaps a whole one of the pump alone between): a run whose rise and
        fall each hold a lone partial reading shows no pump there.
        """
        if not self._seconds_apart:
            return False
        low, high = sorted((edge.before, edge.after))
        return (
            _inside(
                edge.pts, low + self._past_noise(low), high - self._past_noise(high)
            )
            < 2
        )

    def _alone_level(self, level: float) -> bool:
        """Whether a level that held is the pump's alone: the standby and its step.

        A heater's fall and the pump's start in one edge (or the pump's stop
        and a heater's rise) leave, or came from, a level no heater is in
        (none is that small): it shows the pump alone as a reading inside
        the edge would. Periodic plugs only (on change, a level held by
        silence may be a partial reading).
        """
        if self._on_change:
            return False
        return abs(level - self._base - self._pump_watts) <= self._ptol()

    def _alone_read_twice(self, edge: _Edge) -> bool:
        """Whether an edge's last two readings, on change, both show the pump alone.

        ``_alone_level`` on a plug reporting on change: a level that two
        readings showed (not silence alone) is no partial reading whose
        follow-up was lost.
        """
        if not self._on_change or len(edge.pts) < 8:
            return False
        level = self._base + self._pump_watts
        ptol = self._ptol()
        return all(abs(edge.pts[i] - level) <= ptol for i in (-3, -1))

    def _past_noise(self, level: float) -> float:
        """How far a reading strays from ``level`` to be a partial one, not its noise."""
        return max(4.0 * self._sd, 6.0 + 0.008 * level)

    def _two_switches(self, edge: _Edge, *, read: bool = False) -> bool:
        """Whether an averaging plug's readings inside an edge show two switchings.

        A plug that averages over its whole interval reads one switching as
        at most one partial reading between the two steady states; two
        different ones there (not a stale repeat) need a second switching:
        beside a heater's edge in a machine of heaters and a pump, the
        pump's. With ``read``, a partial reading strays from each level as
        read too (at its own volts: the normalised level of kilowatts of
        heaters lies tens of watts off the readings).
        """
        if self._avg_score < 0.3:
            return False
        pts = edge.pts
        # Partial: past each level's own noise. A small pump's first partial
        # reading strays only a few watts from a quiet standby, within the
        # level's tolerance: the level's last reading counts when it strays
        # towards the edge.
        near_b = self._past_noise(edge.before)
        near_a = self._past_noise(edge.after)
        before = (edge.before, pts[1]) if read else (edge.before,)
        after = (edge.after, pts[-1]) if read else (edge.after,)
        first = 3 if all((pts[3] - b) * edge.delta > 0.0 for b in before) else 5
        partial = [
            pts[i]
            for i in range(first, len(pts), 2)
            if all(abs(pts[i] - b) > near_b for b in before)
            and all(abs(pts[i] - a) > near_a for a in after)
        ]
        return any(abs(a - b) > 3.0 for a, b in itertools.combinations(partial, 2))

    def _past_pulse(self, edge: _Edge) -> tuple[float, float]:
        """After a heater's pulse read inside a pump's rise on a slow plug.

        Readings seconds apart (an energy meter's 5 s) can hold a heater
        coming and going inside the rise's transient, and the pump stopping
        and starting again within it (a backflush's pulses): the run is
        known from the last reading of the pulse on, or from within a pause
        read after it. -inf when none. With it, how far the start may lie
        after that date: from the pulse's last reading, the next one holds
        the heater's fall and the pump's start in one interval, the start's
        share unread (anywhere in it: a backflush's 10.7 s pulse read
        15.0 s): half that interval either way of the date kept (a run
        may hold its pulse, as a shot whose start a steam heater's pulse
        hid), 0 when a pause's partial reading dates it.
        """
        if self._gap <= 2.5:
            return -math.inf, 0.0
        pts = edge.pts
        top = max(edge.before, edge.after) + 0.5 * self._heater_min()
        pulse = [i for i in range(5, len(pts), 2) if pts[i] > top]
        if not pulse:
            return -math.inf, 0.0
        # From the standby, a reading after it nearer the standby than the
        # pump's level: the pump was off for most of it (paused between a
        # backflush's pulses), and started again within it.
        low = 0.5 * (edge.before + edge.after)
        paused = [i for i in range(pulse[-1], len(pts), 2) if pts[i] < low]
        if not paused or abs(edge.before - self._base) > self._tol_lv:
            last = pulse[-1] - 1
            after = last + 2
            unseen = 0.5 * (pts[after] - pts[last]) if after < len(pts) else 0.0
            return pts[last], unseen
        return _crossing(
            pts,
            paused[-1] - 1,
            edge.before,
            edge.after - edge.before,
            window=self._window,
            gap=self._period,
        ), 0.0

    def _pump_rise(self, edge: _Edge, watts: float, heat: float) -> list[DetectedRun]:
        if not edge.settled:
            # From a level that barely held (a wandering signal): not a start.
            self._pump = False
            return []
        at = edge.at
        if heat:
            at = self._pump_at(edge.pts, edge.before, heat, watts)
        past, unread = self._past_pulse(edge)
        at = max(at, past)
        if not heat:
            at = max(at, self._after_dip(edge, watts))
        self._open_run(at, watts, not heat, edge.after - watts)
        self._run_from = edge.at
        self._run_spread = self._unseen(edge.pts, at)
        if at == past:
            self._run_spread = max(self._run_spread, unread)
        if not heat:
            self._run_lead = at - self._ramp_start(edge, watts, at)
            self._run_lead -= self._inrush_lag(edge, watts)
        self._run_seen = bool(heat) and (
            self._seen_alone(edge, watts)
            or self._alone_level(edge.after)
            or self._alone_read_twice(edge)
        )
        self._run_two = bool(heat) and self._two_switches(edge)
        self._run_lone = bool(heat) and self._single_partial(edge)
        if heat > 0:
            # The heater that came with it: its own fall will tell its size
            # (a second one in the same edge stays at the size it is known by).
            came = [h for h in self._heaters if h.on and h.on_at == edge.at]
            if came:
                self._run_heater = came[-1]
                self._run_other = sum(h.size for h in came[:-1])
                self._run_mag = edge.delta * edge.k
                self._run_before = self._normalised(edge.before)
        return []

    def _ramps(self, edge: _Edge, watts: float) -> tuple[bool, bool]:
        """Whether the pump's rises show a ramp (means by rise): twice, first.

        A clean step reads partial once at most; two readings part way up
        (a quarter of the step to just short of it) show a pump ramping up.
        Read every 2 s and averaged over about half of that, a ramp of 1-3 s
        seldom shows twice, but it shows in the first reading past the
        switch nearly every time, where a clean step reads partial only as
        often as its switch falls inside the reading's window (half the
        time, or three quarters for a plug averaging its whole interval):
        that shows it once a few rises were read.
        """
        pts = edge.pts
        shares = [(pts[i] - edge.before) / watts for i in range(5, len(pts), 2)]
        part = sum(1 for share in shares if 0.25 <= share < _RAMP_SHORT)
        self._ramp_seen += 0.1 * ((1.0 if part >= 2 else 0.0) - self._ramp_seen)
        # A mean of the first rises, then a running one.
        first = next((share for share in shares if share >= 0.15), 1.0)
        self._ramp_n += 1
        weight = max(0.1, 1.0 / self._ramp_n)
        self._ramp_first += weight * (
            (1.0 if first < _WHOLE else 0.0) - self._ramp_first
        )
        return self._ramp_seen >= _RAMP_SEEN, (
            self._ramp_n >= _RAMP_RISES and self._ramp_first >= _RAMP_FIRST
        )

    def _ramp_start(self, edge: _Edge, watts: float, at: float) -> float:
        """When a vibratory pump started, from its ramp's first partial reading.

        A vibratory pump starts at about half its step and ramps up over
        seconds as pressure builds: a partial reading holds less than its
        share of the interval at the full step, and dated by that share the
        start comes late (``_ramp_seconds``); the typical ramp dates it.
        Only for a pump seen ramping (``_ramps``), read every second or two.
        Read every 2 s by a plug averaging part of the interval, whose first
        readings past a rise are partial nearly every time, the pump may
        have started before the reading's window, where the ramp's length
        moves the start by up to a second: it is dated between the shortest
        and the longest ramp (once a few rises showed it ramping: a clean
        step's first rises keep their share's date), and the run's
        ``_run_spread`` grows by half their difference (``_kind_unsure``
        withholds a run whose kind hangs on it). The run's own bookkeeping
        keeps the start as dated; its report moves it by ``_run_lead``.
        """
        window = self._window
        if (
            watts <= 0.0
            or self._pump_watts >= _SMALL_PUMP
            or self._gap > _FAST_GAP_S
            or window is None
        ):
            return at
        twice, first = self._ramps(edge, watts)
        ranged = first and self._period > 1.5 and window < 1.0
        if not (twice or ranged):
            return at
        pts = edge.pts
        for i in range(4, len(pts), 2):
            share = (pts[i + 1] - edge.before) / watts
            if share < 0.15:
                continue
            if share >= _WHOLE:
                return at
            span = _span(pts, i, self._period)
            seconds = window * span
            if not ranged:
                return min(
                    at,
                    pts[i]
                    - min(_ramp_seconds(share, seconds, _RAMP_TYPICAL_S), seconds),
                )
            # Not before the interval: the reading before would have shown it.
            short, long = (min(_ramp_seconds(share, seconds, r), span) for r in _RAMP_S)
            self._run_spread = max(self._run_spread, 0.5 * (long - short))
            return min(at, pts[i] - 0.5 * (short + long))
        return at

    def _inrush_lag(self, edge: _Edge, watts: float) -> float:
        """How much later a rotary pump started than its first partial reading says.

        A rotary pump draws more for a fraction of a second as it starts:
        its first reading holds more than its share of the interval at the
        step, and dated by that share the start comes early (by a quarter
        of a second, typically, on a plug averaging each second: a 14.8 s
        flush read as 15.1 s). Only for a pump of 100 W or more, read by a
        plug averaging about its whole interval of a second or two, and a
        start dated by its share (not past the inrush's own overshoot).
        Only on change: on a periodic plug it also moved starts already dated
        late (a heater's edge beside them) later still, past an interval.
        """
        window = self._window
        if (
            watts <= 0.0
            or self._silence < 0.02  # a periodic plug (see the docstring)
            or self._pump_watts < _SMALL_PUMP
            or self._period > _FAST_GAP_S
            or window is None
            or window < _WHOLE
        ):
            return 0.0
        pts = edge.pts
        for i in range(2, len(pts), 2):
            share = (pts[i + 1] - edge.before) / watts
            if share < 0.15:
                continue
            if share > _OVERSHOOT:
                return 0.0
            seconds = window * _span(pts, i, self._period)
            return min(_INRUSH_S, _INRUSH_SHARE * min(share, 1.0) * seconds)
        return 0.0

    def _after_dip(self, edge: _Edge, watts: float) -> float:
        """A slow plug's rise from the standby dated after a dip in its readings.

        Read every few seconds, a pause between two pulses (a backflush's, two
        flushes) may show in no reading at the standby: only a reading part
        way up that falls back below the one before. The pump stopped and
        started again within it: the run starts there, not at the first
        pulse (two pulses read as one shot).
        """
        if self._gap <= _FAST_GAP_S or watts <= 0.0:
            return -math.inf
        pts = edge.pts
        if abs(edge.before - self._base) > max(6.0, 0.15 * self._pump_watts):
            return -math.inf
        dip = None
        for i in range(4, len(pts), 2):
            was = (pts[i - 1] - edge.before) / watts
            now = (pts[i + 1] - edge.before) / watts
            if was >= 0.15 and now < _PAUSE_FLOOR and now < was - _DIP:
                dip = i
        if dip is None or dip + 2 >= len(pts):
            return -math.inf
        return self._step_at(pts[dip - 2 :], edge.before, watts)

    def _pump_fall(
        self, edge: _Edge, watts: float, heat: float, fell: _Heater | None = None
    ) -> list[DetectedRun]:
        """The pump's fall (with ``heat``: heaters', ``fell`` the one that came on last)."""
        at = edge.at
        pure = not heat
        if heat:
            at = self._pump_at(edge.pts, edge.before, heat, -watts)
        if not self._pump:
            return self._orphan_fall(edge, at, watts) if pure else []
        if heat and edge.delta > 0 and self._ran_on_under(edge):
            return []
        self._stop(at)
        pending = self._pending
        if pending is not None and pending.stop and pending.started == self._run_at:
            self._pending = None  # it ran on past the rise that might have hid its stop
        if self._ambiguous:
            return []
        if not pure and self._handed_over(edge, at - self._run_at):
            return []
        if pure and self._over_fall(edge):
            return []
        if pure and not self._run_pure and self._off_step(watts, edge.after):
            return []  # the rise split from a heater's: a hand-over's fall?
        cycle = not (pure or self._run_pure) and self._cycle_heater(edge)
        if not (pure or self._run_pure):
            # Both edges split from heaters' edges: only with volts (heaters'
            # sizes then hold to a few watts), and if a reading showed the
            # pump alone in one of them or its step is many times that.
            seen_end = self._seen_alone(edge, -watts) or self._alone_level(edge.before)
            lone = self._run_lone and self._single_partial(edge)
            if lone:
                seen_end = False  # a heater's cycle, its partial readings at the pump's
            # (A level held past any run, of the whole edge's size: a heater's.)
            held = self._held_level_size(-edge.delta)
            big = self._stands_out(heat, watts) and not held
            if self._vref2:
                if not (
                    self._run_seen
                    or seen_end
                    or (
                        (big or self._heater_cycle(heat, watts))
                        and not self._fits_one_heater(edge)
                        and not self._off_step(self._run_w, self._run_level())
                    )
                ):
                    return []
            else:
                idle = lone and self._idle_cycle(edge)
                if not (
                    (big and not idle)
                    or (
                        (self._run_seen or self._run_two)
                        and (seen_end or self._two_switches(edge))
                    )
                    or self._cycle_to_standby(edge, heat, watts)
                    or self._read_heater_cycle(edge, heat, watts)
                ):
                    # Without volts a small pump's step hides in a heater's
                    # drift: a reading must show the pump alone at both, or
                    # an averaging plug's partial readings two switchings.
                    if cycle and (idle or held):
                        self._learn_cycle(edge)  # (refused, it would never be)
                    return []
        duration = at - self._run_at
        if not MIN_RUN_S <= duration <= MAX_RUN_S:
            return []
        if duration < 6.0 and not edge.settled and self._pulsing(at):
            return []  # a short level that barely held among a heater's pulses
        # The pump's share of the level just before it stopped (after its
        # ramp): Hart's pairing, a rise and a fall of one size.
        rise = edge.before - self._run_level()
        p = self._pump_watts
        ptol = self._ptol()
        both = pure and self._run_pure
        paired = abs(rise - watts) <= (ptol if both else 0.4 * p + self._slack())
        if both and (
            abs(self._run_w - watts) <= ptol
            or (
                abs(watts - p) <= ptol
                and self._low() * p <= min(rise, self._run_w) <= watts
                and rise <= watts + ptol + self._slack()
            )
        ):
            # A rise measured before the pump's ramp was done, and a fall
            # of the pump's full step.
            paired = True
        if not paired:
            heater = self._run_heater
            if pure and heater is not None and heater.on:
                # The start hid in a heater's edge: that heater's fall decides.
                pending = _Pending(self._run_at, at, watts, self._run_mag)
                pending.heater = heater
                self._pending = pending
            return []
        if not pure and not self._split_fall_shows_step(rise, watts):
            return []
        if not pure and self._run_pure and self._off_step(rise, self._run_level()):
            return []  # a rise from a heater's level, perhaps a hand-over
        if self._run_unsure and not both:
            return []
        if max(rise, watts) < p - ptol - self._slack() and duration > 8.0:
            return []  # short of the pump's step for long: something else
        step = 0.5 * (rise + watts) if both else watts
        if (
            both
            and self._run_unsure
            and abs(rise - p) > ptol
            and abs(self._run_w - watts) <= ptol
            and (self._known_level(edge.after) or self._left_risen(edge, watts))
        ):
            # An edge in the run fitted a heater with the pump on or
            # another without it (or a heater's of no size known); this
            # fall of the pump's size, to a state of the machine (or to that
            # rise's level), says the pump stayed on. The level before it
            # holds that heater's share: the rise measured at the start
            # pairs with the fall.
            step = 0.5 * (self._run_w + watts)
        if abs(step - p) > 0.5 * p:
            return []  # not the pump's step: a load the run does not explain
        started = self._run_at - self._run_lead
        spread = self._unseen(edge.pts, at)
        if (
            heat
            and (self._on_change or self._tail_at_pump(edge))
            and self._one_partial(edge.pts, edge.before, edge.after)
        ):
            # A heater's fall and the pump's stop in one reading's interval:
            # the stop's date is a guess between them (``_stop_in_rise_unsure``).
            spread = max(spread, 0.5 * self._period)
        if self._kind_unsure(at - started, spread):
            return []
        if self._stop_in_heater_rise(started, at, fell):
            return []
        if pure and self._stop_hid_in_pulses(edge.pts, edge.before, started, at):
            return []
        if self._stop_in_heat_pulses(started, at):
            return []
        after = self._after_pause(started, at)
        if after is None:
            return []
        if after[0] > started:
            started, unread = after
            if self._near_kind_bound(at - started, math.hypot(unread, spread)):
                return []
        if both and self._held_by_stale(started, at):
            return []
        if self._off_in_pulses(started, at) or self._dips_in_run(started, at):
            return []
        if self._after_pulse_series(started, at):
            return []
        if both and abs(edge.after - self._base) <= self._tol_lv:
            self._step_n = min(self._step_n + 1, 20)
            self._step_w += (watts - self._step_w) / self._step_n
        if cycle:
            self._learn_cycle(edge)
            return []
        # Decided once the level after the fall holds (a reading or two).
        self._confirm = DetectedRun(started, at, step)
        self._confirm_from = edge.before
        return []

    def _ran_on_under(self, edge: _Edge) -> bool:
        """Whether a heater's rise read as the pump stopping in it is the heater alone (every few seconds).

        Without volts a heater's learnt size is an average of its edges over
        hours: the mains, and a heat exchanger's falls of the heater and the
        pump together, leave it a small pump's step above the heater's size
        at the moment (11 of 18 shots cut at the heater's rise on dev seeds
        read 0.56-1.19 of the pump's step so). A rise then fits that size
        less the pump's step, a stop inside it. The heater's reading alone
        whole just before the run (``heater_anchor.alone_before``) reads its
        size at these volts: when the rise is that, the pump ran on under
        the heater and its own fall will tell (a flush stopping in the rise
        stays a pump's step short of it).
        """
        if not self._seconds_apart or self._vref2:
            return False
        recent = self._recent
        alone = heater_anchor.alone_before(
            [r[0] for r in recent],
            [r[1] for r in recent],
            self._run_at - 0.5 * self._period,
            base=self._base,
            pump=self._pump_watts,
        )
        return (
            alone is not None
            and abs(edge.delta - (alone - self._base)) <= _RAN_ON * self._pump_watts
        )

    def _split_fall_shows_step(self, rise: float, watts: float) -> bool:
        """Whether a fall split from a heater's shows the pump's full step.

        The level before it must show the pump's step over the run's level
        (a stale reading may hold a partial one). That level carries the
        run's heaters' edges, each read at its own volts: over a heater
        that switched during the run it strays by a quarter of a small
        pump's step (vibratory pumps of 40-60 W beside 1-1.5 kW heaters,
        read every second or two). A fall whose own share, split from the
        heater's known size, is the pump's step to a tenth read the level
        before it whole (a stale one would read short there too): the rise
        then needs only to pair as a split run's rise does (``_pump_fall``).
        Only read every second or two: every 5 s the looser rise paired
        backflush pulses and heater readings into five false shots on dev
        seeds 20M-26M; on change it was never measured.
        """
        p = self._pump_watts
        ptol = self._ptol() + self._slack()
        if abs(rise - p) <= ptol:
            return True
        if self._seconds_apart or self._on_change:
            return False
        return (
            abs(watts - p) <= _SPLIT_FALL_WHOLE * p
            and abs(rise - p) <= 0.4 * p + self._slack()
        )

    def _tail_at_pump(self, edge: _Edge) -> bool:
        """Whether a fall read every few seconds holds a partial reading at the pump's level alone.

        A heater's fall and the pump's stop in one edge: its one partial
        reading at the standby and the pump's step reads as the pump alone
        to the interval's end, or as the heater's tail after the pump
        stopped (a 11.2 s pulse read 15.8 s): the stop's date is a guess
        across the interval.
        """
        if not self._seconds_apart:
            return False
        level = self._base + self._pump_watts
        tol = self._ptol()
        return _inside(edge.pts, level - tol, level + tol) > 0

    def _came_on_last(self, signs: tuple[int, ...]) -> _Heater | None:
        """Of the heaters an edge switches off, the one that came on last (None: none on)."""
        return max(
            (
                h
                for h, sign in zip(self._heaters, signs, strict=False)
                if sign < 0 and h.on
            ),
            key=lambda h: h.on_at,
            default=None,
        )

    def _stop_in_heater_rise(
        self, started: float, ended: float, fell: _Heater | None
    ) -> bool:
        """Whether a run ending with a heater's fall, read every few seconds, may have ended at its rise.

        A heater that came on during the run and fell with the pump: the
        pump running on under it (the rise its size, the fall its size and
        the pump's step) and the pump stopping inside its rise (the rise its
        size less the pump's step, the fall its size) read the same
        edges, and without volts the mains move a heater's size by as much
        as a small pump's step. Where the heater and the pump are tied (a
        heat exchanger's pressurestat, a dual boiler's brew heater: cold
        water reaching the boiler switches it on, and it goes off with the
        shot), a third of the machine's runs or so end so, and the run
        stands. Where they are not (a thermostat's own cycle), such an end
        is rare (``_TIED_SHARE``), and a rise short of the heater's learnt
        size by a fifth of the pump's step or more leans to the stop inside
        it: when the two stops give runs of different kinds (a flush that
        ended as the heater came on read as a shot over its cycle), the run
        is withheld. Every run of a shot's length a fall decides counts
        for the machine's share.
        """
        if not self._seconds_apart or ended - started < self._wanted.shortest:
            return False
        tied = fell is not None and started < fell.on_at < ended
        share = self._tied / self._tied_n
        self._tied += float(tied)
        self._tied_n += 1.0
        if not tied or fell is None or share >= _TIED_SHARE:
            return False
        short = _RISE_SHORT * self._pump_watts * self._k
        if fell.on_size > fell.size - short:
            return False
        rose = fell.on_at - started
        return self._kind_between(rose, ended - started)

    def _after_pause(self, started: float, at: float) -> tuple[float, float] | None:
        """When a run read every few seconds began, after any reading at the standby in it.

        An energy meter's 5 s average reads a pump on throughout as whole
        readings, partial ones only at its start and stop. One at the
        standby between readings of the pump alone and of the pump (a heater
        perhaps with it) shows everything off for its whole interval: pulses
        and their pauses (a backflush's), whose blurred partial readings held
        no level, are no run (None). One before the pump's first reading
        alone, after readings with it over a heater, shows the run began
        after it: the pump's start hid in a heater's cycle read before (a
        pulse over it, then one read alone; a heater's cycle, then a shot).
        The run then starts in the pause's reading, dated by the share over
        the standby it holds (from the reading before, were it the pump's),
        the second value how far the start may lie later (that share: it
        may be the heater's). With no pause, ``started`` and 0.
        """
        if not self._seconds_apart:
            return started, 0.0
        base = self._base
        p = self._pump_watts
        pts = [(t, w - base) for t, w in self._recent if t < at]
        first = bisect.bisect_right(pts, (started, math.inf))
        rest = [w for _, w in pts[first:]]
        alone = [i for i, w in enumerate(rest) if 0.5 * p <= w <= 1.5 * p]
        if not alone:
            return started, 0.0
        on = [i for i, w in enumerate(rest) if w >= 0.5 * p]
        still = max(0.1 * p, 6.0)
        if at - started >= self._wanted.shortest - self._period:
            # Near a shot's length or past it: a partial reading below half
            # the step between whole ones shows the pump off for half an
            # interval or more, a pause between two pulses (a backflush's).
            still = max(still, _PAUSED_SHARE * p)
        paused = [i for i, w in enumerate(rest) if w <= still and on[0] < i]
        if any(alone[0] < i < on[-1] for i in paused):
            return None
        before = [i for i in paused if i < alone[0]]
        if not before:
            return started, 0.0
        i = before[-1]
        t = pts[first + i][0]
        share = min(max(rest[i] / p, 0.0), 1.0) * (t - pts[first + i - 1][0])
        return t - share, share

    def _held_by_stale(self, started: float, at: float) -> bool:
        """Whether a run read every few seconds held its level only by a stale meter.

        A heater's short pulse reads as a partial reading or two, one of
        which may fall at a rotary pump's level; a stale meter repeating it
        makes a level of its own, a rise and a fall of the pump's size three
        intervals apart: a shot in appearance. The run's readings then hold
        one value only at the pump's level, read twice or more, and one over
        it (the heater's). A pump alone reads no such reading; its partial
        readings at either end hold less than its step. The heater's partial
        reading at its other end may fall at the pump's level too: beside a
        rotary pump's (100 W or more) step, one value repeated on one side of
        the heater's reading, one reading at most on the other, is such a
        level as well. (A vibratory pump alone often reads one value, and
        its band is too narrow for many heaters' partial readings.)
        """
        if not self._seconds_apart:
            return False
        base = self._base
        p = self._pump_watts
        # The readings at the pump's level before the heater's and after it.
        sides: list[list[float]] = [[]]
        over = False
        for t, w in self._recent:
            if not started <= t <= at:
                continue
            if abs(w - base - p) <= 0.5 * p:
                sides[-1].append(w)
            elif w - base > 1.5 * p:
                over = True
                if sides[-1]:
                    sides.append([])
        if not over:
            return False
        level = [w for side in sides for w in side]
        if len(level) >= 2 and all(w == level[0] for w in level):
            return True
        # One side a repeated value, the other a partial reading at most
        # (a rotary pump's: a vibratory one's quiet readings repeat a value).
        first, last = sides[0], sides[-1]
        return (
            p >= _SMALL_PUMP
            and len(sides) == 2
            and any(
                len(one) >= 2 and all(w == one[0] for w in one) and len(other) <= 1
                for one, other in ((first, last), (last, first))
            )
        )

    def _off_in_pulses(self, started: float, at: float) -> bool:
        """Whether readings among a slow PID's pulses show the pump off in the run.

        A heater's partial readings reach the pump's level by chance, and
        the edges may read a run from them. Every reading holds the pump's
        step while it runs: the standby between readings with it, or a known
        heater's whole level (to a tenth of the pump's step: the mains move
        it) between readings of a state with the pump (its level alone, or a
        heater's whole with it), show it off. Three such readings: flushes
        and their pauses read as one run, or none. One is enough when only
        one reading after it shows the pump: a heater's partial reading
        lands at the pump's level by chance, so the pump running on past
        the heater's whole level is not shown (a flush bridged by the
        heater's pulses to its last partial reading, or to the next flush).
        The standby read before any reading firmly shows the pump says it
        had not started yet: the readings before were a heater's partial
        ones, and when the run dated from that reading is of another kind
        (a backflush's pulse read as a shot), it is withheld.
        """
        if not self._pulsing(at):
            return False
        base, p = self._base, self._pump_watts
        heaters = self._known_heaters
        pts = [
            (t, w - base, self._still(w)) for t, w in self._recent if started < t < at
        ]
        on = [t for t, r, _ in pts if self._pump_in(r + base)]
        firm = [
            t
            for t, r, still in pts
            if any(abs(r - p - x) <= still for x in [0.0, *heaters])
        ]
        off = [
            t
            for t, r, still in pts
            if (abs(r) <= still and bool(on) and on[0] < t < on[-1])
            or (
                firm
                and firm[0] < t < firm[-1]
                and any(abs(r - x) <= 0.1 * p for x in heaters)
            )
        ]
        return (
            len(off) >= _OFF_READINGS
            or (bool(off) and sum(t > off[0] for t in firm) == 1)
            or any(
                firm and t < firm[0] and self._kind_between(at - t, at - started)
                for t in off
            )
        )

    def _dips_in_run(self, started: float, at: float) -> bool:
        """Whether a run read every few seconds dips by the pump's step again and again.

        A backflush's pulses over a heater's cycle read as the heater and
        the pump, their pauses (shorter than an interval, or across two)
        as partial readings between them: the level drops by most of the
        pump's step and comes back. A shot over a heater holds its level
        (the mains move it by a few watts between readings); a heater
        switching inside it moves the level by its own size, not back.
        ``_OFF_READINGS`` such dips are pulses, no run. (Not among a slow
        PID's pulses, whose partial readings dip by any size.)
        """
        if not self._seconds_apart or self._pulsing(at):
            return False
        p = self._pump_watts
        watts = [w for t, w in self._recent if started < t < at]
        dips = 0
        for before, w, after in zip(watts, watts[1:], watts[2:], strict=False):
            low = max(0.5 * p, 2.0 * self._still(w))
            if low <= before - w <= 1.5 * p and 0.5 * low <= after - w <= 1.5 * p:
                dips += 1
        return dips >= _OFF_READINGS

    def _after_pulse_series(self, started: float, at: float) -> bool:
        """Whether a run of a shot's length, read every few seconds, ends a backflush's series.

        A backflush's pulses run 3-15 s each, 3-20 s apart: read every
        few seconds, a pulse is one to four readings at the pump's level
        between readings at the standby. A pulse and the next pause's
        partial readings, or a pulse whose end hides in a heater's edge,
        read as a run at a shot's length; runs after two pulses so close
        are such pulses (a shot's one flush before it is a single pulse),
        and are withheld: a backflush's pulse counted as a shot is worse
        than neither counted.
        """
        if not self._seconds_apart or at - started < self._wanted.shortest:
            return False
        base, p = self._base, self._pump_watts
        pulses = 0
        quiet = started  # the end of the pause the chain has reached back to
        span: list[float] = []  # the times of the excursion being read back
        top = 0.0  # ... and its highest reading over the standby
        for t, w in reversed(self._recent):
            if t >= started:
                continue
            if started - t > _SERIES_LOOKBACK_S:
                break
            rest = w - base
            if abs(rest) <= self._still(w):
                if span:
                    # A whole pulse: standby on both sides, of the pump's level.
                    if (
                        span[0] - span[-1] > _PULSE_MAX_S
                        or quiet - span[0] > _SERIES_PAUSE_S + self._period
                        or top < 0.5 * p
                    ):
                        break
                    pulses += 1
                    quiet = span[-1]
                    span, top = [], 0.0
                continue
            if rest > 1.5 * p:
                break  # a heater: the series is not read clearly
            span.append(t)
            top = max(top, rest)
        return pulses >= 2

    def _stop_hid_in_pulses(
        self, pts: Sequence[float], before: float, started: float, at: float
    ) -> bool:
        """Whether a pump's stop among heater pulses may leave the run of another kind.

        A slow PID's heater pulses between the last reading of the pump's
        level (``before``) and the first at the level after hide when the
        pump stopped: the fall (``at``) is dated at the first reading after
        them, the latest it could be. When a bound of ``kind_bounds`` lies
        between the two (a 12 s flush read 18 s), the run's kind is a
        guess: withheld. So for a fall to the standby read apart from the
        next run's rise (``_pause_between``) as for an edge.
        """
        if self._gap > _FAST_GAP_S:
            return False
        tol = self._ptol()
        # The pump was on until its level's last reading; on change, until
        # a measuring period before the first reading that moved.
        moved = next(
            (pts[i] for i in range(2, len(pts), 2) if abs(pts[i + 1] - before) > tol),
            None,
        )
        if moved is None:
            return False
        last = moved - self._period
        if at - last <= _HIDDEN_STOP * self._gap:
            return False
        # Dated in the middle of the hidden span, the run is of another kind.
        mid = 0.5 * (last + at) - started
        return self._kind_between(mid, at - started)

    def _kind_between(self, shortest: float, longest: float) -> bool:
        """Whether a bound of ``kind_bounds`` makes runs of these two lengths of two kinds."""
        return any(shortest < bound <= longest for bound in self.kind_bounds)

    def _stop_in_heat_pulses(self, started: float, at: float) -> bool:
        """Whether a pump's stop among a slow PID's pulses may leave the run of another kind.

        Read every second or two, the pump's stop may come inside a heater
        pulse: its partial readings, at no known level, hide whether the
        pump still ran under them, and the fall (``at``) is dated after
        them, the latest it could be. Hart's known loads narrow the span: a
        reading of the pump's level alone, or of a known heater's with it,
        shows the pump on until then; one of the standby or of a known
        heater alone (to a tenth of the pump's step) shows it off over its
        interval. When a bound of ``kind_bounds`` still lies in the span
        (a 14 s flush read 17 s), the run's kind is a guess: withheld.
        """
        if self._gap > _FAST_GAP_S or not self._pulsing(at):
            return False
        base, p = self._base, self._pump_watts
        heaters = self._known_heaters
        period = self._period
        last = begun = started
        off = at
        pts = [(t, w) for t, w in self._recent if started - 0.25 * period <= t < at]
        on = False  # the reading before showed the pump on
        for i, (t, w) in enumerate(pts):
            if on:
                last, off = t - period, at  # (on change: held till then)
            r = w - base
            on = any(abs(r - p - x) <= self._still(w) for x in [0.0, *heaters])
            if on and not i:
                begun = min(started, t - period)  # read whole: on all its interval
            if (
                not on
                and off == at
                and any(abs(r - x) <= 0.1 * p for x in [0.0, *heaters])
            ):
                off = t - period
        if on:
            last = at - period
        gap = self._gap
        if not _HIDDEN_STOP * gap < off - last <= _HIDDEN_PULSE * gap:
            return False
        return self._kind_between(last - begun, off - started)

    def _stands_out(self, heat: float, watts: float) -> bool:
        """Whether the pump's step stands out of the heaters' part of an edge it shares.

        A rotary pump's does (100 W or more): beside heaters read at the
        plug's volts, held to a few watts; without volts, when it is more
        than the mains can move the heaters (8 % of their part, 4 % of the
        volts either way), their sizes followed from their recent edges,
        and the whole edge is no other heater's size (one seen even once),
        nor that size moved by the mains (``_MAINS_MOVE``: a heater followed
        from its edges at other volts). Never on a plug reporting on change,
        whose level held by silence may be a partial reading whose follow-up
        was lost.
        """
        p = self._pump_watts
        if p < _SMALL_PUMP or self._on_change:
            return False
        if self._vref2:
            return True
        whole = abs(heat) + watts
        ptol = self._ptol()
        k = self._k
        return p >= 0.08 * abs(heat) and not any(
            abs(h.size / k - whole) <= max(ptol, _MAINS_MOVE * h.size / k)
            for h in self._heaters
        )

    def _note_held_level(self, now: float) -> None:
        """Remember the level ending ``now`` if it held past any run, no known heater's.

        A level held longer than a pump runs (``MAX_RUN_S``) is heaters
        alone. A dual boiler's steam heater heating up, or idling between
        the brew heater's cycles, holds its level so for minutes; its size
        may be about the brew heater's and a rotary pump's, and its cycles
        read as shots until it is learnt (``_cycle_heater``): its edges
        from that level may have been read with the pump's (the brew
        heater's cycles ride on it), or a third size pushed it out of the
        two clusters. Its level, less the standby, is a heater's size
        (``_held_level_size``). Only read every few seconds (a plug read
        every second or two shows two switchings in an edge's partial
        readings, ``_two_switches``; not measured there).
        """
        if not self._seconds_apart or now - self._lv_at < MAX_RUN_S:
            return
        size = self._normalised(self._lv)
        if size < self._heater_min() or self._heater_sized(size):
            return
        levels = self._held_levels
        for held in [x for x in levels if abs(x[1] - size) <= _MAINS_MOVE * size]:
            levels.remove(held)  # (the same heater's, the mains moved it)
        levels.append((now, size))

    def _held_level_size(self, whole: float) -> bool:
        """Whether a run's whole edge is the size of a level held lately (``_note_held_level``).

        Only a size no heater seen twice or more has (a heat exchanger's
        heater, learnt since, is the level it held at its heat-up: the
        mains may have moved it by the pump's step since).
        """
        k = self._k
        ptol = self._ptol()
        now = self._last_at
        return any(
            now - at <= _HELD_LEVEL_S
            and abs(size / k - whole) <= max(ptol, _MAINS_MOVE * size / k)
            and not self._heater_sized(size, seen=2.0)
            for at, size in self._held_levels
        )

    def _off_step(self, watts: float, beside: float) -> bool:
        """Whether a pump's step beside a heater strays from its own fall (with volts).

        A dual boiler's heaters handing over (one off, the other on) step by
        their difference, which may be about the pump's; the steam heater
        may draw about the brew heater and the pump, so that its rise from
        the standby reads as theirs. With volts, the pump's own fall (the
        calibrated step, followed by clean runs' falls to the standby) holds
        to a few per cent: a step beside a heater (``beside``: the level the
        pump stands on) that strays more than ``_OWN_STEP`` from it may be a
        hand-over's, and is never counted. Only for a rotary pump's step
        (100 W or more, as ``_stands_out``): a vibratory pump's calibrated
        step strays further (its ramp), and would drop true runs.
        """
        if (
            not self._vref2
            or self._pump_watts < _SMALL_PUMP
            or beside < 0.5 * self._heater_min()
        ):
            return False
        learnt = self._step_w
        return abs(watts - learnt) > _OWN_STEP * learnt + self._slack()

    def _over_fall(self, edge: _Edge) -> bool:
        """Whether a fall read every few seconds passed through a heater-sized reading.

        A heater's short pulse read every few seconds reads as its partial
        readings (or a stale meter repeating one, at the pump's level: a
        level of its own), one heater-sized reading, then the standby: a
        pump's rise and fall in appearance. A pump does not stop so.
        """
        gap = self._gap
        pts = edge.pts
        if gap <= _FAST_GAP_S or pts[2] - self._run_at > 2.2 * gap:
            return False  # read often enough to show a pulse, or a level that held
        # One reading of the heater: a pulse shorter than two intervals. (A
        # heater that comes on as a shot ends reads on for several, its
        # cycle riding on the pump's fall.)
        top = edge.before + 0.5 * self._heater_min()
        return sum(1 for i in range(5, len(pts), 2) if pts[i] > top) == 1

    def _left_risen(self, edge: _Edge, watts: float) -> bool:
        """Whether a pump's fall left the level a heater's rise during the run made.

        A heater of a size not known (yet, or since the mains moved it) came
        on while the pump ran; the pump's fall by its own step from there
        leaves that heater alone on, the rise's level less the step.
        """
        tol = self._tol_lv
        return any(
            rise.at > self._run_at
            and abs(rise.before + rise.at_scale(edge.k) - watts - edge.after) <= tol
            for rise in self._rises
        )

    def _heater_cycle(self, heat: float, watts: float) -> bool:
        """Whether one heater came and went with the pump, each edge the pump's step over it.

        A vibratory pump's step is too small to stand out of one split edge;
        but a heater that rose with the run and falls with it by its own
        size again (Hart's cycle summing to zero), both edges the pump's full
        step beyond it, shows the pump on for the run (periodic plugs only:
        on change a level may be a partial reading). The rise is kept at the
        reference volts and the fall read at the volts of now: the rise is
        compared at those (a 1.4 kW heater moves by 10 W when the volts do
        by a third of a per cent, a quarter of a small pump's step).
        """
        if self._run_heater is None or self._on_change:
            return False
        p = self._pump_watts
        ptol = self._ptol()
        rose = (self._run_base - self._run_before) / self._k
        return (
            abs(rose + heat) <= 0.25 * p
            and abs(watts - p) <= ptol
            and abs(self._run_w - p) <= ptol
        )

    def _cycle_to_standby(self, edge: _Edge, heat: float, watts: float) -> bool:
        """Whether a fall read every few seconds closes the run's own heater cycle.

        Without volts a small pump's step hides in a heater's drift over
        hours, not over the seconds of one run: a run that rose from the
        standby by the pump's step, a heater that rose during it, and a fall
        of that heater's own rise and the pump's step back to the standby sum
        to zero (Hart's cycle). The standby after it says the pump stopped.
        """
        if not self._seconds_apart or self._vref2:
            return False
        if self._run_two and self._run_shown < _SHOWN * self._pump_watts:
            return False  # no reading showed the pump alone (a ramp's, at least)
        if abs(edge.after - self._base) > self._tol_lv:
            return False
        p = self._pump_watts
        ptol = self._ptol()
        if abs(self._run_w - p) > ptol or abs(watts - p) > ptol:
            return False
        if abs(self._run_before) > self._tol_lv:
            return False  # the run rose from the standby (normalised: above it)
        # (The heaters' part of this fall has switched them off already.)
        risen = [h for h in self._heaters if self._run_at < h.on_at < edge.at]
        if len(risen) != 1 or heat >= 0.0:
            return False
        h = risen[0]
        share = -edge.delta - h.on_size / edge.k
        return abs(share - p) <= ptol and abs(h.on_before - self._base - p) <= ptol

    def _read_heater_cycle(self, edge: _Edge, heat: float, watts: float) -> bool:
        """Whether a run from the standby and back is a heater read whole lately and the pump.

        A dual boiler's brew heater comes on with the pump (cold water
        reaching its boiler) and goes off with it: read every few seconds
        without volts, the shot is one rise and one fall of their sum, no
        reading of the pump alone. The heater's own short cycles at idle
        read its size whole (``_heater_peak``), minutes ago at most, so
        that the mains moved it by less than ``_PEAK_DRIFT``, less than the
        pump's step: both edges that heater and the pump's full step, from
        the standby back to it, the level between no other heater's size
        (the mains' move on it too), show the pump on for the run (Hart's
        cycle summing to zero).
        """
        if not self._seconds_apart or self._vref2:
            return False
        h = self._run_heater
        if (
            h is None
            or h.on  # (the fall's heater part switched it off already)
            or not self._read_lately(h)
            or self._run_other
        ):
            return False
        p = self._pump_watts
        ptol = self._ptol()
        size = h.size / self._k
        if (
            p < _PEAK_DRIFT * size
            or abs(self._run_w - p) > ptol
            or abs(watts - p) > ptol
            or abs(heat + size) > _PEAK_DRIFT * size
            or abs(self._run_before) > self._tol_lv
            or abs(edge.after - self._base) > self._tol_lv
        ):
            return False
        whole = edge.before - self._base
        return not any(
            abs(o.size / self._k - whole) <= max(ptol, _MAINS_MOVE * o.size / self._k)
            for o in self._heaters
            if o is not h
        )

    def _fits_one_heater(self, edge: _Edge) -> bool:
        """Whether a run split from heaters' edges at both ends may be one heater alone.

        The plug reads only the sum: a heater and the pump switching in one
        edge, both ways, read as one heater of their summed size cycling
        alone (a steam boiler's about a brew boiler's and the pump's). While
        a heater's cluster is free for it and an averaging plug's edges showed
        no two switchings (two different partial readings), the run is not
        told apart from such a heater.
        """
        return (
            self._avg_score >= 0.3
            and len(self._heaters) < 2
            and not (self._run_two or self._two_switches(edge))
            and not self._one_heater_learnt()
        )

    def _one_heater_learnt(self) -> bool:
        """Whether one heater only cycled, long enough that a second would have shown.

        A heater of the summed size cycles while the machine idles as the
        other does: once the one heater's size was learnt from many edges
        (its weight full) and no second cluster formed, a heater-and-pump
        edge each way is the pump beside that heater (a heat exchanger's).
        Plugs reading at least every 2 s (a 5 s plug's edges are its own).
        """
        heaters = self._heaters
        return (
            self._gap <= _FAST_GAP_S
            and len(heaters) == 1
            and heaters[0].weight >= _ONE_HEATER_WEIGHT
        )

    def _cycle_heater(self, edge: _Edge) -> bool:
        """Whether a run split from one heater's edges at both ends is another heater.

        A dual boiler's steam heater may draw about the brew heater and the
        pump: its rise and fall read as theirs, a shot-long run each time it
        cycles (every few minutes), and it is never learnt alone. A run whose
        rise and fall are one size (Hart's cycle summing to zero), whose rise
        no reading showed as two switchings, is remembered; the
        ``_CYCLES``-th such cycle of that size within ``_CYCLE_S`` is a
        heater: learnt into the free cluster (``_learn_cycle``), and not
        counted. Its edges then fit that heater alone as well as the other
        and the pump: unsure, never a run. (The fall's partial readings are
        no sign: one heater's fall read by a 1 s average every 2 s often
        shows two.) Fewer cycles cost a heat exchanger's shots whose heater
        came and went with the pump.
        """
        if (
            self._run_heater is None
            or not self._run_mag
            or self._clusters_held()
            or self._run_seen
            or self._run_two
        ):
            return False
        size = -edge.delta * edge.k
        near = max(0.02 * size, 0.15 * self._pump_watts)
        if abs(self._run_mag - size) > near or self._heater_sized(size):
            return False  # not one cycle, or a known heater's (the pump beside it)
        if (
            edge.at - self._cycle_at <= _CYCLE_S
            and abs(size - self._cycle_size) <= near
        ):
            self._cycle_n += 1
        else:
            self._cycle_n = 1
        self._cycle_size, self._cycle_at = size, edge.at
        return self._cycle_n >= self._cycles_needed()

    def _idle_cycle(self, edge: _Edge) -> bool:
        """Whether a run read as one heater's cycle keeps the period of the last two (no volts).

        A dual boiler's steam heater may draw about the brew heater and the
        pump: without volts its cycle from the standby and back, each edge
        one switching (one partial reading, ``_single_partial``, not two,
        ``_two_switches``), reads as a shot whose rotary pump stands out of
        the brew heater's part (``_stands_out``) until ``_cycle_heater``
        has seen enough cycles to learn it. A heater idling cycles at a
        steady period (its boiler loses heat at a steady rate and reheats
        by as much each time); shots come when someone pulls them. Such a
        cycle one period after the last two of its size (the mains' move,
        and the pump's share a partial reading holds), or two (one read
        otherwise between), to ``_IDLE_PERIOD`` of it, is a heater idling.
        (A heat exchanger's heater coming and going with the pump makes the
        same cycles, at a shot's cadence: so regular only by chance.)
        """
        if self._run_two or self._two_switches(edge):
            return False
        size = -edge.delta * edge.k
        at = edge.at
        near = _MAINS_MOVE * size + 0.25 * self._pump_watts
        like = [
            t for t, s in self._idle if abs(s - size) <= near and at - t <= _CYCLE_S
        ]
        self._idle.append((at, size))
        if len(like) < 2:
            return False
        period = like[-1] - like[-2]
        n = round((at - like[-1]) / period)
        return n in (1, 2) and abs(at - like[-1] - n * period) <= _IDLE_PERIOD * period

    def _cycle_open(self, at: float) -> bool:
        """Whether a heater-and-pump cycle seen twice within the hour may be a heater.

        A dual boiler's steam heater of about the brew heater and the pump is
        learnt only at its ``_cycles_needed``-th cycle; until then the
        decoder would read each cycle as a shot too (``_decoded`` waits).
        """
        return self._cycle_n >= 2 and at - self._cycle_at <= _CYCLE_S

    def _clusters_held(self) -> bool:
        """Whether two heaters seen twice or more hold both clusters (``_cycle_heater``).

        A size seen once (a summed edge, a heater's read at other volts) is
        no heater yet: ``_cluster`` lets a cycle's size push it out, and it
        must not keep a dual boiler's steam heater from being learnt (every
        cycle after it counted as a shot).
        """
        return sum(h.weight >= 2.0 for h in self._heaters) >= 2

    def _cycles_needed(self) -> int:
        """How many cycles of one size within ``_CYCLE_S`` make a heater.

        Read every few seconds (an energy meter's 5 s), a heat exchanger's
        shots whose heater came and went with the pump come three in an
        hour often enough; a steam heater cycles every few minutes, five in
        an hour, and is told apart by them.
        """
        return _CYCLES_APART if self._gap > _FAST_GAP_S else _CYCLES

    def _heater_sized(self, size: float, seen: float = 1.0) -> bool:
        """Whether a heater of about ``size`` (normalised watts) is known already (``seen`` times)."""
        return any(
            h.weight >= seen and abs(h.size - size) <= 0.08 * h.size
            for h in self._heaters
        )

    def _stop_with_cycled(
        self, heaters: Sequence[_Heater], signs: tuple[int, ...]
    ) -> bool:
        """Whether an explanation has the pump stop as the cycled heater comes on.

        The steam heater ``_learn_cycle`` learnt draws about the brew heater
        and the pump: the brew heater's rise beside the running pump fits the
        pump's stop with the steam heater's rise as well, two switchings in
        one interval where one does.
        """
        cycled = self._cycled
        return cycled is not None and any(
            sign > 0 and h is cycled for h, sign in zip(heaters, signs, strict=False)
        )

    def _learn_cycle(self, edge: _Edge) -> None:
        """Learn the heater ``_cycle_heater`` found, as the run it made would count.

        Only then: a machine whose such cycles other rules refused keeps its
        shots (learnt, the heater makes a brew heater's rise beside the pump
        unsure, the pump's stop and it coming on in one edge).
        """
        self._cycle_at = -math.inf
        self._cycle_n = 0
        size = -edge.delta * edge.k
        for _ in range(2):  # (its rise and its fall, twice: a heater known)
            self._cluster(size / self._k)
        self._version += 1
        # Kept against a third size (two heaters are all a dual boiler has):
        # one edge of sizes summed, clustered, would push it out.
        self._cycled = min(self._heaters, key=lambda h: abs(h.size - size))

    def _held_heaters(self) -> None:
        """A pump-sized rise from a heater's level held too long for a run: a heater's level.

        A dual boiler's heaters hand over (the brew heater off, the steam
        heater on) by their difference, which may be the pump's step: the
        level after, held past any run, is the steam heater alone (unless a
        known heater is that size). It counts as the cycles ``_cycle_heater``
        waits for but one: the next unseen cycle of that size is a heater.
        (Learnt at once, it cost shots on machines whose cycles other rules
        already refused.)
        """
        if (
            self._gap > _FAST_GAP_S  # (as ``_cycle_heater``)
            or self._tr
            or not self._run_pure
            or self._run_heat
            or self._run_base < self._heater_min()
            or len(self._heaters) >= 2
        ):
            return
        size = self._normalised(self._lv)
        if abs(
            size - self._run_base - self._run_w * self._k
        ) > self._ptol() or self._heater_sized(size):
            return
        # As the cycles before it: the next unseen cycle of its size is a heater.
        self._cycle_size, self._cycle_at = size, self._last_at
        self._cycle_n = _CYCLES - 1

    def _handed_over(self, edge: _Edge, duration: float) -> bool:
        """Whether the run may be one heater handing over to another not known yet.

        A rise of about the pump's step from a heater's level, and a fall of
        that heater and the pump to the standby, fit a second heater the
        size of the fall (it took over from the first, then went off) as
        well, while a heater's cluster is free for it, the one known has
        not yet cycled often enough alone to say the machine has no other,
        and the clusters would tell that second heater from the first.
        Not for a run surely of a shot's length (``duration``, less the
        interval its shared fall's reading may hide) read every few seconds:
        there the rule withheld single-heater machines' shots (a thermostat's
        heater and the pump stopping in one reading) and no hand-over's run
        on the seeds measured; the run it was written for was read every
        second (a dual boiler, seed 20250445). A shorter run there is still
        withheld: a flush, or a shot read short that the decoder may read
        whole later (a run counted would block it).
        """
        if (
            self._seconds_apart and duration - self._period >= self.kind_bounds[0]
        ) or not (
            len(self._heaters) < 2
            and self._run_pure
            and self._run_base >= self._heater_min()
            and edge.after < 0.5 * self._heater_min()
        ):
            return False
        size = -edge.delta * edge.k
        tol = max(0.03 * size, 0.4 * self._pump_watts)  # as ``_cluster``
        return all(
            h.weight < _ALONE_CYCLES and abs(h.size - size) > tol for h in self._heaters
        )

    def _orphan_fall(self, edge: _Edge, at: float, watts: float) -> list[DetectedRun]:
        """A pump's fall with no pump on: a heater's rise may have hidden its start."""
        if self._off_step(watts, edge.after):
            return []
        k = self._k
        held = (edge.before - self._base - watts) * k  # the heater beside the pump
        for rise in reversed(self._rises):
            if not MIN_RUN_S <= at - rise.at <= MAX_RUN_S:
                continue
            size = rise.mag - watts
            start = self._hidden_start(rise, size, watts)
            normalised = (rise.at_scale(k) - watts) * k
            for h in self._heaters:
                if h.weight >= 2.0 and self._hid_start(
                    rise, h, normalised, held, watts
                ):
                    # A heater known well enough accounts for the rest.
                    self._rises.remove(rise)
                    h.on = True
                    h.on_size = normalised
                    h.on_at = rise.at
                    h.on_before = rise.before
                    if self._ambiguous:
                        return []
                    return [DetectedRun(start, at, watts)]
            pending = _Pending(start, at, watts, rise.mag * rise.k)
            pending.rise = rise
            self._pending = pending
            return []
        run = self._started_alone(edge, at, watts)
        if run is not None:
            return [] if self._ambiguous else [run]
        self._unexplained(at, watts)
        return []

    def _cycle_in_readings(self) -> list[DetectedRun]:
        """A run read every few seconds in readings that held no level between.

        An energy meter's 5 s averages of the pump starting, a heater coming
        on a few seconds later, the pump stopping with the heater on, may
        each show in one reading: the standby, at most one partial reading,
        one to three of the pump alone, at most one partial one, the heater
        and the pump, one partial one, the heater alone (this reading): each
        a state of the machine (Hart's, a sum), the last the one before less
        the pump alone's step, each partial reading one switching. The run
        the detector holds from the same start ends there; else it is a new
        one where no run was read.
        """
        if not self._seconds_apart or self._ambiguous:
            return []
        recent = self._recent
        if len(recent) < 6:
            return []
        rd = list(itertools.islice(reversed(recent), 16))
        base = self._base
        near = self._near
        heat = rd[0][1]  # the heater alone
        if heat - base < self._heater_min():
            return []
        fall = rd[1][1]
        i = 2
        both = rd[i][1]
        if not heat + near < fall < both - near:
            return []
        while i < len(rd) and abs(rd[i][1] - both) <= near:
            i += 1
        j = i
        step = both - heat
        alone = base + step
        while j < len(rd) and alone + near < rd[j][1] < both - near:
            j += 1
        if i == 2 or j - i > 2 or (j - i == 2 and rd[i][1] != rd[i + 1][1]):
            return []  # the heater's rise: one partial reading (or a stale repeat)
        if abs(step - self._pump_watts) > self._ptol():
            return []
        # One reading of the pump, none partial, may be a pulse's.
        start = self._from_standby(rd, j, step, near, single=False)
        if start is None:
            return []
        period = self._period
        end = rd[1][0] - period + (fall - heat) / step * period
        if not MIN_RUN_S <= end - start <= MAX_RUN_S:
            return []
        if self._pump:
            if abs(self._run_at - self._run_lead - start) > period:
                return []  # the run held started elsewhere
            self._stop(end)
            return [DetectedRun(start, end, step)]
        fell = self._fell_at
        if fell is not None and fell > start:
            return []  # a run was read there (counted or dropped): not twice
        self._fell_at = end
        return [DetectedRun(start, end, step)]

    def _pump_then_heater(self) -> list[DetectedRun]:
        """A run read every few seconds: a heater and the pump, the pump's stop, then the heater's.

        A dual boiler's brew heater comes on with a shot (cold water reaching
        its boiler) and goes off a reading after the pump: read every 5 s,
        one level of the heater and the pump, no reading of the pump alone,
        no level of the heater alone (neither the edges nor the decoder see
        the pump's step whole). The fall shows it: the first reading after
        the level lost part of the pump's step at most (``_tol`` at least),
        the next one part of a heater's, over the standby still. One load
        switching leaves at most one reading between two states (each an
        interval's average), and a heater going off leaves nothing over the
        standby: two loads went off, the first no more than the pump's step
        (Hart's states, a sum). The level must be a known heater's and the
        pump's whole step (to ``_ptol``: not a part of it, a flush in each
        reading), and no known heater's alone (a mains' dip in a heater's
        last reading is then all that looks like the pump's stop). Read back
        from the second reading of the standby after the fall, three of the
        level at least, the rise before them from the standby
        (``_rise_before``); a stale repeat or a lost reading in them leaves
        nothing counted.
        """
        recent = self._recent
        if self._ambiguous or len(recent) < 9:
            return []
        base = self._base
        p = self._pump_watts
        near = self._near
        # (The reading before the standby's first: most readings are the
        # standby, which it then is too.)
        if (
            recent[-3][1] - base <= near
            or abs(recent[-1][1] - base) > near
            or abs(recent[-2][1] - base) > near
        ):
            return []  # most readings: not the standby's second after a fall
        rd = list(itertools.islice(reversed(recent), 16))
        heat, (stop, stop_w) = rd[2][1], rd[3]
        level = rd[4][1]
        n = 5
        while n < len(rd) and abs(rd[n][1] - level) <= near:
            n += 1
        if n < 7:
            return []  # the level held three readings at least
        level = sum(w for _, w in rd[4:n]) / (n - 4)
        ptol = self._ptol()
        if not (
            self._tol <= level - stop_w <= p + ptol
            and base + near < heat < stop_w - near
        ):
            return []
        rest = level - base - p
        known = self._known_heaters
        if not any(abs(rest - h) <= ptol for h in known) or any(
            abs(rest + p - h) <= max(ptol, _PEAK_DRIFT * h) for h in known
        ):
            return []  # no known heater and the pump, or a heater alone
        rise = self._rise_before(rd, n, level, near)
        if rise is None:
            return []
        started, s_spread, last = rise
        period = self._period
        if any(rd[i][0] - rd[i + 1][0] > 1.5 * period for i in range(last)):
            return []  # a reading lost: what it held is unknown
        share = min(max(1.0 - (level - stop_w) / p, 0.0), 1.0)
        ended = stop - period + share * period
        spread = math.hypot(s_spread, 0.2 * period)
        duration = ended - started
        if not MIN_RUN_S <= duration <= MAX_RUN_S or self._near_kind_bound(
            duration, spread
        ):
            return []
        return [DetectedRun(started, ended, p)]

    def _alone_then_heater(self) -> list[DetectedRun]:
        """A run read every few seconds: the pump alone, then a heater's level alone.

        Cold water drawn in starts the heater late in a shot: read every
        5 s, the pump alone holds two readings or more, and it may stop in
        the heater's rise (one or two partial readings), after which the
        level is the heater's alone. No edge shows the stop (it hid in the
        rise) and the level after never read the heater and the pump, so
        neither the edges nor ``_pump_then_heater`` count it. The level is
        a known heater's alone, and not that heater's and the pump's, only
        where the pump's step is more than twice what the mains move a
        heater (``_PEAK_DRIFT``, a rotary pump beside a 1-1.5 kW heater;
        no vibratory pump's): the pump stopped between its last whole
        reading and the level's first. Read at the level's third reading,
        back through at most two partial readings, two of the pump alone
        at least, at most one partial reading, and the standby. A reading
        lost between two of the pump alone leaves nothing counted (a pause);
        one lost at either end only widens that end's window. The run must
        surely be a shot's length (its ends off by their spread).
        """
        recent = self._recent
        if self._ambiguous or len(recent) < 9:
            return []
        near = self._near
        level = recent[-1][1]
        if (
            abs(recent[-4][1] - level) <= near
            or abs(recent[-2][1] - level) > near
            or abs(recent[-3][1] - level) > near
        ):
            return []  # most readings: not a level's third (a level held, first)
        base = self._base
        p = self._pump_watts
        rest = level - base
        known = self._known_heaters
        if not any(
            abs(rest - h) <= _PEAK_DRIFT * h + near and p > 2.0 * _PEAK_DRIFT * h
            for h in known
        ) or any(abs(rest - p - h) <= _PEAK_DRIFT * h + near for h in known):
            return []  # no known heater alone, to the mains' move, or one with the pump
        rd = list(itertools.islice(reversed(recent), 12))
        period = self._period
        ptol = self._ptol()
        alone = base + p
        i = 3
        while i < 5 and alone + ptol < rd[i][1] < level + p + ptol:
            i += 1  # partial readings of the heater's rise (the pump's stop)
        last = i
        while i < len(rd) and abs(rd[i][1] - alone) <= ptol:
            i += 1
        if i - last < 2 or i >= len(rd):
            return []  # the pump alone, read whole twice at least
        first = i - 1
        if any(rd[j][0] - rd[j + 1][0] > 1.5 * period for j in range(last, first)):
            return []  # a reading lost between: the pump may have paused in it
        if base + near < rd[i][1] < alone - ptol:
            i += 1  # a partial reading of its start
        if i >= len(rd) or abs(rd[i][1] - base) > near:
            return []
        s_low, s_high = rd[i][0], rd[first][0] - period
        e_low, e_high = rd[last][0], rd[2][0] - period
        started = 0.5 * (s_low + s_high)
        ended = 0.5 * (e_low + e_high)
        spread = math.hypot(0.5 * (s_high - s_low), 0.5 * (e_high - e_low))
        duration = ended - started
        if (
            not self.kind_bounds
            or duration - spread < self.kind_bounds[0]
            or not duration + spread <= MAX_RUN_S
            or self._near_kind_bound(duration, spread)
        ):
            return []
        return [DetectedRun(started, ended, p)]

    def _rise_before(
        self, rd: Sequence[tuple[float, float]], j: int, level: float, near: float
    ) -> tuple[float, float, int] | None:
        """When the pump started, read back from ``rd[j]`` (newest first).

        At most three readings between the standby and ``level`` (the pump's
        and the heater's partial ones, the pump alone), then the standby:
        the start lies between that reading and the level's first. When, how
        far off, and the standby's index; None when the readings are not so.
        """
        base = self._base
        n_rd = len(rd)
        i = j
        while i < n_rd and i - j < 3 and base + near < rd[i][1] < level - near:
            i += 1
        if i >= n_rd or abs(rd[i][1] - base) > near:
            return None
        first = rd[j - 1][0] - self._period  # the level's first reading began
        standby = rd[i][0]
        return 0.5 * (first + standby), 0.5 * (first - standby), i

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
        if start is None or not MIN_RUN_S <= at - start <= MAX_RUN_S:
            return None
        fell = self._fell_at
        if fell is not None and fell > start:
            return None  # a run was read there (counted or dropped): not twice
        return DetectedRun(start, at, watts)

    def _from_standby(
        self,
        readings: Sequence[tuple[float, float]],
        j: int,
        step: float,
        near: float,
        *,
        single: bool,
    ) -> float | None:
        """When the pump started, read back from ``readings[j]`` (newest first).

        One to three readings of the pump alone (the standby and ``step``),
        at most one partial reading that dates its start within the period,
        then the standby; ``single``: one reading alone, none partial, will do.
        None when the readings are not so.
        """
        base = self._base
        alone = base + step
        n = len(readings)
        k = j
        while k < n and abs(readings[k][1] - alone) <= near:
            k += 1
        if not 1 <= k - j <= 3 or k >= n:
            return None
        at, watts = readings[k]
        start = at
        if base + near < watts < alone - near:
            start = at - (watts - base) / step * self._period
            k += 1
        elif not single and k - j < 2:
            return None
        if k >= n or abs(readings[k][1] - base) > near:
            return None
        return start

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

    # --- the pump's floor among a slow PID's short pulses -----------------------

    def _floor_runs(
        self, runs: list[DetectedRun], at: float | None, watts: float | None
    ) -> list[DetectedRun]:
        """``runs``, less any counted by the floor already, and a run the floor decides.

        A slow PID's window of two or three seconds, read every second or
        two, seldom holds a level: the live noise check makes the detector
        ambiguous, or a stop hides among the pulses, and it counts nothing.
        A heater only adds to the pump's level: read by the readings' floor
        (``_floor_reading``), the pump's runs still show. The edges date a
        run better: the floor's run waits while they follow one (a run open,
        or one to confirm), and is dropped when they decide one over it.
        Each run is counted once.
        """
        floor = self._floor
        held = floor.held
        if not runs and held is None and at is None:
            return runs  # (``advance`` with nothing decided: most calls)
        out = [r for r in runs if r.ended <= floor.since or r.started >= floor.until]
        for run in out:
            floor.edges = max(floor.edges, run.ended)
            if held is not None and max(run.started, held.started) < min(
                run.ended, held.ended
            ):
                held = None  # the edges decided it
        if at is not None:
            decided = self._floor_reading(at, watts)
            if decided is not None:
                if held is not None:
                    out += self._floor_count(held)
                held = decided
        if held is not None and not (
            self._confirm is not None or (self._pump and self._run_at < held.ended)
        ):
            out += self._floor_count(held)
            held = None
        floor.held = held
        return out

    def _floor_count(self, run: DetectedRun) -> list[DetectedRun]:
        """A run the floor decided, counted now; none while counting is paused.

        The live noise check pauses counting by power (``ambiguous``, with a
        repair issue that says so): never count while unsure.
        """
        self._floor.since, self._floor.until = run.started, run.ended
        self._quiet = False
        return [] if self.ambiguous else [run]

    def _floor_reading(self, at: float, watts: float | None) -> DetectedRun | None:
        """Follow the readings' floor; the run it decides at a reading, if any.

        Below half the pump's step over the standby, the pump was off for
        half the reading at least. From such a reading, readings over it
        all along are a run when several read the pump's level alone (a
        heater's partial readings hit it by chance only), or once at least,
        the rest the heater whole with the pump (``_whole_with_pump``). A level that
        holds at a known heater's without the pump (``_heater_alone``), or
        readings back at the run's peak less the pump's step
        (``_under_peak``), show it off as well; a known heater's level held
        with the pump shows it on (``_heater_with_pump``). The stop hides
        among the pulses between the last reading that showed it on and the
        first that shows it off (``_floor_run``).
        """
        floor = self._floor
        prev, floor.read = floor.read, at
        if watts is None or not 0.0 <= watts <= MAX_WATTS:
            floor.start = None
            return None
        p = self._pump_watts
        rest = watts - self._floor_base(at, watts)
        if floor.start is not None and (
            at - floor.start > MAX_RUN_S or self._floor_lost(at)
        ):
            floor.start = None  # too long for a run, or a pause may hide unread
            floor.low = -math.inf
        held = floor.last  # the reading before (``_anchor_at_heater``)
        if floor.start is None:
            floor.last, floor.last_at = watts, at
        # Once a reading showed the pump alone, one short of its step (past
        # its wobble) shows it off for part of the reading: a heater only adds.
        if rest < (_PAUSE_FLOOR if floor.hits else 0.5) * p:
            decided = self._floor_run(at) if floor.start is not None else None
            floor.start = None
            if rest <= max(6.0, 0.15 * p):
                floor.quiet = at
            if rest < 0.5 * p or at - floor.low <= 2.0 * self._floor_next():
                # The pump off for half the reading at least (the standby
                # alone, or a vibratory pump's ramp, even after a heater's
                # partial readings: seed 22000024 every 1 s), or a partial
                # reading a reading or two after it (the pump's ramp, perhaps
                # after a heater's partial reading at its level by chance).
                floor.low = at
            return decided
        if floor.start is None:
            if at - floor.low > self._floor_next() and not self._standby_held(prev):
                self._anchor_at_heater(at, watts, held)
                return None  # no reading just before: the start is not seen
            share = min(1.0, rest / p)
            floor.start = max(floor.low, at - share * min(1.0, self._period))
            floor.before = floor.low
            floor.first = at
            floor.hits.clear()
            floor.levels.clear()
            floor.whole.clear()
            floor.pulses = 0
            floor.on = floor.peak = floor.alone = -math.inf
        elif (floor.hits or floor.whole) and self._heater_alone(watts, floor.last):
            decided = self._floor_run(floor.last_at)
            floor.start = None
            return decided
        elif self._anchor_at_heater(at, watts, floor.last):
            floor.last, floor.last_at = watts, at
            return None
        elif floor.hits and self._under_peak(at, watts):
            decided = self._floor_run(floor.alone_at)
            floor.start = None
            return decided
        if abs(rest - p) <= 0.1 * p + self._slack():
            floor.hits.append(at)
            floor.levels.append(rest)
        elif self._whole_with_pump(rest):
            floor.whole.append(at)
        elif floor.hits and self._heater_with_pump(watts, floor.last):
            floor.on = at
        if abs(watts - floor.last) >= _FLOOR_PULSE:
            floor.pulses += 1  # a heater's edge within a reading or two
        floor.last, floor.last_at = watts, at
        return None

    def _standby_held(self, prev: float) -> bool:
        """Whether the silence since the last reading, the standby alone, held it.

        A plug reporting on change says nothing while the standby holds:
        the pump started within a reading of the one that shows it.
        """
        floor = self._floor
        return prev == floor.low == floor.quiet and floor.read - prev <= _FLOOR_HELD

    def _floor_lost(self, at: float) -> bool:
        """Whether a reading was lost since the last one, which was no state's.

        Silence after a state of the machine (the pump alone, a known heater
        with it or without) is that state held (a plug reporting on change);
        after a pulse's partial reading, which no level holds, a reading was
        lost, and the pump may have paused unread.
        """
        floor = self._floor
        if at - floor.last_at <= 2.0 * self._floor_next():
            return False  # one reading lost at most: too short for a pause
        if floor.hits and floor.hits[-1] == floor.last_at:
            return False
        last = floor.last
        return not (
            self._known_level(last) or self._known_level(last - self._pump_watts)
        )

    def _under_peak(self, at: float, watts: float) -> bool:
        """Whether readings come back at the run's peak less the pump's step.

        A heater's pulse read whole tops the readings: with the pump, at
        the run's peak. Two readings that agree at the peak less the pump's
        step read the heater whole without the pump: it stopped by the
        first of them (``floor.alone_at``).
        """
        floor = self._floor
        p = self._pump_watts
        if watts - floor.base < p + _FLOOR_PULSE or at - floor.first < _FLOOR_LATE:
            return False  # no heater whole, or a rotary pump's inrush in the peak
        if watts > floor.peak:
            floor.peak = watts
            return False
        if abs(floor.peak - p - watts) > self._ptol():
            return False
        if abs(watts - floor.alone) <= self._still(watts):
            return True
        floor.alone, floor.alone_at = watts, at
        return False

    def _anchor_at_heater(self, at: float, watts: float, last: float) -> bool:
        """Start the floor's run anew at a known heater's level held without the pump.

        A PID's heater held on (a shot's cold water, a heat-up) hides the
        standby the floor starts from: two readings of the heater alone show
        the pump off as well, and its run, read by the heater whole with it
        (``_whole_with_pump``), starts after them. Only before any reading
        showed the pump in the run: after, they end it (``_heater_alone``).
        """
        floor = self._floor
        if floor.hits or floor.whole or not self._heater_alone(watts, last):
            return False
        floor.start = floor.before = floor.first = at
        floor.hits.clear()
        floor.levels.clear()
        floor.pulses = 0
        floor.on = floor.peak = floor.alone = -math.inf
        return True

    def _whole_all_along(self) -> bool:
        """Whether readings of the heater whole with the pump alone show a run.

        With no reading of the pump alone, its pause between two flushes
        hides among the heater's partial readings: the heater whole with the
        pump must come every reading or two, all along.
        """
        whole = self._floor.whole
        close = 2.0 * self._floor_next()
        return len(whole) >= _FLOOR_HITS and all(
            b - a <= close for a, b in itertools.pairwise(whole)
        )

    def _held_pulses(self) -> bool:
        """Whether the run alone shows a PID's pulses: the heater held, off twice in it.

        A PID's heater held on through a shot (cold water drawn in) pulses
        too seldom to keep ``_pulsing``; read by the heater whole with the
        pump, its dips still break the edges' levels. A thermostat's heater
        switches once or twice in a shot, not four times.
        """
        floor = self._floor
        return len(floor.whole) >= _FLOOR_HITS and floor.pulses >= 4

    def _whole_with_pump(self, rest: float) -> bool:
        """Whether a reading over the standby (``rest``) is the heater whole and the pump.

        A heater only adds up to its own size: read at the reading's volts,
        past it by about the pump's step, the pump ran (a slow PID's pulse
        read whole, as the pump's level alone seldom is once the heater's
        pulses grow in a shot). Only one heater, its size held to a tenth of
        the pump's step, with volts: a second heater's sum may sit there.
        """
        heaters = [h for h in self._heaters if h.weight >= 2.0]
        if len(heaters) != 1 or not self._vref2 or not self._v_last:
            return False
        heater, p = heaters[0], self._pump_watts
        if heater.weight < 5.0 or heater.dev > 0.1 * p:
            return False
        size = heater.size * self._v_last * self._v_last / self._vref2
        return abs(rest - size - p) <= 0.25 * p

    def _still(self, watts: float) -> float:
        """How far two readings of one level at ``watts`` may stray (the floor's)."""
        return max(0.1 * self._pump_watts, 6.0 + 0.008 * watts)

    def _held_still(self, watts: float, last: float) -> bool:
        """Whether two readings in a row agree, with a heater known to read them by."""
        return abs(watts - last) <= self._still(watts) and bool(self._known_heaters)

    def _heater_with_pump(self, watts: float, last: float) -> bool:
        """Whether two readings in a row hold a known heater's level and the pump's."""
        level = 0.5 * (watts + last)
        return (
            self._held_still(watts, last)
            and self._known_level(level - self._pump_watts)
            and self._pump_in(level)
        )

    def _heater_alone(self, watts: float, last: float) -> bool:
        """Whether two readings in a row hold a known heater's level without the pump."""
        return (
            self._held_still(watts, last)
            and self._known_level(watts)
            and not self._pump_in(0.5 * (watts + last))
        )

    def _floor_base(self, at: float, watts: float) -> float:
        """The standby under a slow PID's pulses: the readings' lowest, drifting up slowly.

        The level an ambiguous detector last settled at may be a pulse's; the
        standby is what the readings fall back to between pulses.
        """
        floor = self._floor
        base = min(floor.base + _FLOOR_DRIFT * max(0.0, at - floor.at), watts)
        if watts - base <= 6.0:
            base += 0.1 * (watts - base)
        floor.base = base
        floor.at = at
        return base

    def _floor_next(self) -> float:
        """The longest gap between two readings in a row."""
        return 1.5 * max(self._gap, self._period) + _EPS

    def _floor_agreed(self) -> list[float]:
        """When the readings of the pump alone that agree to its wobble came.

        The pump alone reads its own step each time, to a few watts; a
        fast PID's or a pulse's partial readings near it scatter over the
        tolerance, and agree with those by chance only.
        """
        floor = self._floor
        levels = floor.levels
        mid = sorted(levels)[len(levels) // 2]
        near = max(_FLOOR_AGREE * self._pump_watts, 3.0)
        agreed = zip(floor.hits, levels, strict=True)
        return [t for t, w in agreed if abs(w - mid) <= near]

    def _floor_run(self, at: float) -> DetectedRun | None:
        """The run read by the floor, ended by the reading at ``at`` that shows it off."""
        floor = self._floor
        started = floor.start
        if started is None or len(floor.hits) + len(floor.whole) < _FLOOR_HITS:
            return None
        if floor.pulses < 2 or not (floor.hits or self._whole_all_along()):
            # No slow pulses: a fast PID's level may sit at the pump's. No
            # reading of the pump alone, nor enough over the heater whole.
            return None
        if not (self._pulsing(at) or self._held_pulses()):
            return None  # no PID's pulses lately: the edges alone read this machine
        hits = sorted((self._floor_agreed() if floor.hits else []) + floor.whole)
        if len(hits) < _FLOOR_HITS:
            return None
        first = min(floor.hits[:1] + floor.whole)
        if first - floor.first > _FLOOR_LATE:
            return None  # the pump's level not read at the start
        if any(b - a > _FLOOR_GAP for a, b in itertools.pairwise([first, *hits])):
            return None  # read alone so seldom that chance readings may be all
        last = max(hits[-1], floor.on)
        ended = 0.5 * (last + at)
        if not MIN_RUN_S <= at - started <= MAX_RUN_S:
            return None
        # It ran from the first reading of its level alone to the last one
        # at least, and from the last reading below it to ``at`` at most.
        shortest, longest = last - first, at - floor.before
        if self._kind_between(shortest, longest):
            return None
        if floor.edges > started:
            return None  # the edges decided a run here
        return DetectedRun(started, ended, self._pump_watts)

    # --- noise -----------------------------------------------------------------

    def _unexplained(self, at: float, size: float) -> None:
        if size >= 0.5 * self._pump_watts:
            self._event(at, size)
        if self._pump:
            if size < 0.55 * self._pump_watts and not self._vref2:
                # Without volts, the mains moving under a heater: pairing decides.
                self._run_unsure = True
            else:
                self._stop(at)  # the run is broken: drop it

    def _event(self, at: float, size: float) -> None:
        self._events.append((at, size, self._floor_explains(at, size)))
        self._events_seen += 1
        self._update_noise(at)

    def _floor_explains(self, at: float, size: float) -> bool:
        """Whether a step is a slow PID's heater pulse, which the floor reads.

        While a PID's pulses come and go, a step past half again the pump's
        stands apart from it: the edges cannot follow the pump among such
        pulses, but the floor reads its runs under them (a heater only adds).
        Only while the readings fall back to the standby between pulses: a
        fast PID's, each a new average, never do.
        """
        return (
            size > 1.5 * self._pump_watts
            and self._pulsing(at)
            and at - self._floor.quiet <= _FLOOR_APART_S
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
        self._noise_check = max(now, self._last_at) + 5.0
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
        return (
            max(self._noise_ev, self._noise_rest, 2.5 * self._sd) < low
            and not (self._ambiguous or self._unsure)
            and math.inf not in (self._clean_since, self._unsure_clean)
        )

    def _update_floor_noise(self, now: float) -> None:
        """The noise check less the pulses the floor reads (``_floor_explains``).

        A slow PID's pulses pause the edges, yet the floor counts under
        them: counting is paused (``ambiguous``) only while the rest of the
        noise would pause it too, with the same hysteresis.
        """
        noise = max(self._noise_rest, 2.5 * self._sd)
        self._unsure, self._unsure_clean = _paused(
            self._unsure, self._unsure_clean, noise, self._pump_watts, now
        )
