"""The readings' floor is followed on plugs read every second or two, not every 5 s.

The floor reads a slow PID's runs among its heater pulses. Every 5 s a slow
PID's window averages into each reading and its calibration is refused;
following the floor there cost a seventh of the detector's time for one
shot of 18,906 over 24 seeds.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.floor import _FloorRuns

from .power_traces import idle_every_5s


def _floor_readings(monkeypatch: pytest.MonkeyPatch, every: float) -> int:
    """How many of 60 standby readings, ``every`` s apart, the floor followed."""
    seen: list[float] = []
    follow = _FloorRuns._floor_reading

    def spy(self: _FloorRuns, at: float, watts: float | None) -> object:
        seen.append(at)
        return follow(self, at, watts)

    monkeypatch.setattr(_FloorRuns, "_floor_reading", spy)
    detector = PumpDetector(50.0)
    for at, watts in idle_every_5s(0.0, 60, 3.0):
        detector.feed(at * every / 5.0, watts)
    return len(seen)


def test_the_floor_is_not_followed_every_5_s(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first readings come before the plug's interval is known.
    assert _floor_readings(monkeypatch, 5.0) <= 2


def test_the_floor_is_followed_every_second(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _floor_readings(monkeypatch, 1.0) == 60
