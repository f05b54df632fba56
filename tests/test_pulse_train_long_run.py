"""A shot the detector saw refuses weak pulses around it: on a fast plug, one over 30 s (pure).

A pulse read only above a heater steadily on (weak) may be a piece of a shot
cut up by the heater's switching; the pump detector, seeing the pump run on
through, tells the run. On a plug reporting every 2 s or faster it times a
run within a reading or two, and two pulses it merged (with the pause
between) last at most 12 + 4 + 12 s: a longer run is a shot. A 5 s plug's
runs are less sure, there only one longer than ``LONG_RUN_SECONDS`` is.
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import (
    LONG_RUN_FAST,
    LONG_RUN_SECONDS,
)

from . import pulse_traces
from .pulse_traces import WEAK_HEATERS, WEAK_RUNS, quiet_then

RUNS = WEAK_RUNS


def readings(every: float) -> list[tuple[float, float]]:
    """A plug averaging each interval of ``every`` s, to 5 min after the last pulse."""
    return quiet_then(RUNS, every=every, heaters=WEAK_HEATERS)


def recognize(every: float, run: tuple[float, float] | None) -> list[Recognized]:
    """The readings, with ``run`` told as the detector saw it."""
    return pulse_traces.recognize(readings(every), [run] if run is not None else [])


def shot(seconds: float) -> tuple[float, float]:
    return (RUNS[1][0], RUNS[1][0] + seconds)


def test_on_a_fast_plug_a_run_over_thirty_seconds_refuses_weak_pulses() -> None:
    assert LONG_RUN_FAST < 35 < LONG_RUN_SECONDS
    for every in (1.0, 2.0):
        (found,) = recognize(every, None)
        assert found.weak == 2
        assert recognize(every, shot(35)) == []


def test_two_pulses_merged_do_not() -> None:
    merged = (RUNS[1][0], RUNS[2][1] + 2)  # 28 s: a pulse, its pause, a pulse
    (found,) = recognize(1.0, merged)
    assert found.weak == 2
