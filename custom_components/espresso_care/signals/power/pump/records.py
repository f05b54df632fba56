"""The small records the pump detector keeps besides its levels.

A heater (its learnt size and whether it is on), a heater-sized rise that
may hide the pump, a run waiting for a heater's fall to prove it, and the
readings' floor among a slow PID's pulses. Each is owned by one concern
(``heater_sizes``, ``hidden_runs``, ``floor``) but read by several.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
import math

from ..readings import DetectedRun
from .constants import _CEILING_N, _PENDING_S
from .steps import _Edge


class _Heater:
    """One heater: its size (a cluster of its edges) and whether it is on."""

    __slots__ = (
        "dev",
        "largest",
        "on",
        "on_at",
        "on_before",
        "on_size",
        "over",
        "read_at",
        "seen",
        "size",
        "weight",
    )

    def __init__(self, size: float, dev: float) -> None:
        self.size = size
        self.weight = 1.0
        self.dev = dev  # how far its edges stray from its size (an average)
        # The largest size its own edges were learnt at: how far the mains
        # have been seen to move it up (``_stands_out``).
        self.largest = size
        self.on: bool | None = None
        self.on_size = 0.0  # the size of the edge that switched it on
        self.on_at = 0.0
        self.on_before = 0.0
        self.seen = 0.0  # when its last edge came
        self.read_at = -math.inf  # when a short pulse's reading read it whole
        # Learnt from edges over another heater's level only, never from the
        # standby or the pump alone (``_hand_over_difference``).
        self.over = False

    def learn(self, size: float) -> None:
        """Follow the heater's size (an exponential average of its edges)."""
        self.weight = min(self.weight + 1.0, 20.0)
        self.largest = max(self.largest, size)
        self.dev += 0.3 * (abs(size - self.size) - self.dev)
        self.size += (size - self.size) * max(0.3, 1.0 / self.weight)

    def tol(self, cap: float) -> float:
        """How far an edge of this heater may stray from its size."""
        tol = 3.0 * self.dev + 5.0
        return tol if tol < cap else cap  # (``min``, written out: asked in every sum)


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

    __slots__ = (
        "ended",
        "heater",
        "mag",
        "rise",
        "started",
        "stop",
        "unsure",
        "until",
        "watts",
    )

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
        self.unsure = False  # ... the run unsure before that rise
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
    # The readings over the pump's level by a pulse at least, and ...
    tops: list[tuple[float, float, float]] = field(default_factory=list)  # at, W, V
    over: list[float] = field(default_factory=list)  # ... a step over the heater alone
    pulses: int = 0  # steps of a heater's pulse between two readings, in the run
    last: float = 0.0  # the last reading
    last_at: float = 0.0
    on: float = -math.inf  # the last reading of a known heater and the pump
    peak: float = -math.inf  # the run's highest reading (``_under_peak``)
    alone: float = -math.inf  # a reading at the peak less the pump's step ...
    alone_at: float = -math.inf  # ... and when
    apart: float = -math.inf  # a known heater alone since the pump last read ...
    apart_at: float = -math.inf  # ... and when (``_heater_apart``)
    base: float = math.inf  # the standby (``_floor_reading``)
    at: float = -math.inf  # when it was read
    since: float = -math.inf  # the last run the floor decided
    until: float = -math.inf
    edges: float = -math.inf  # the end of the last run the edges decided
    held: DetectedRun | None = None  # a run decided, while the edges follow it
    sure: float = 0.0  # how long the run decided last ran at least (``_floor_run``)
    off_by: float = -math.inf  # ... the reading that showed it off
    quiet: float = -math.inf  # the last reading of the standby alone
    standby: float = 0.0  # the share of the recent time the standby held alone
    read: float = -math.inf  # the last reading
    # A heater's readings outside the pump's runs (``_note_heat``): when, and
    # what over the standby at the reference volts.
    heats: deque[tuple[float, float]] = field(
        default_factory=lambda: deque(maxlen=_CEILING_N)
    )
