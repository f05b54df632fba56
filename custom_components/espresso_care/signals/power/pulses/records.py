"""What the reader passes around: a pulse read, a reading's segment, an excursion."""

from __future__ import annotations

from dataclasses import dataclass
import math


@dataclass(frozen=True, slots=True)
class Pulse:
    """One pulse read from power: its estimated start and end (s), and on-time."""

    started: float
    ended: float
    on_seconds: float
    # Seen on a reading with no heater on (at least half the interval on):
    # a heater's band alone is not trusted to make a pulse.
    clean: bool = True
    # Read in one reading alone (an excursion of a single reading).
    single: bool = False


# One reading's interval: start, end, the pump's fraction (None: unknown),
# and whether it was read above the pump-off level (no heater on).
Segment = tuple[float, float, float | None, bool]


class _Excursion:
    """Readings while the pump may be running."""

    __slots__ = (
        "bands",
        "beside_heater",
        "frame",
        "lowest",
        "rose",
        "same",
        "segments",
        "unexplained",
        "unknown",
    )

    def __init__(self, frame: float | None = None) -> None:
        self.segments: list[Segment] = []
        # The band each segment was read in (heater step, 0 the level; None: unexplained).
        self.bands: list[float | None] = []
        self.unknown = 0.0
        # The band (heater step, 0 the level) of the pump-off reading before
        # it, and whether every reading since was read in that same band.
        self.frame = frame
        self.same = frame is not None
        # The lowest band (heater step, 0 the level) a reading of it was read in.
        self.lowest = math.inf
        # The highest a reading of it no band explained stood above the
        # level (W; 0 if none).
        self.unexplained = 0.0
        # On a slow plug, whether the reading before it or the one after it
        # was a lone reading of a heater full on, the pump off (``heater_edge``).
        self.beside_heater = False
        # On a slow plug, whether the reading before it read no heater on
        # (the pump off).
        self.rose = False
