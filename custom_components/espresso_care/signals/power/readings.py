"""The power readings a plug gives and the pump runs read from them.

Shared by everything that reads a plug's power: the machine and the signal
sources make ``Reading``s, the pump detector (``pump``) decides
``DetectedRun``s, the calibration and the backflush recogniser read both.
"""

from __future__ import annotations

from dataclasses import dataclass


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
