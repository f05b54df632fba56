"""Pulses read only above a heater steadily on (weak) fill a series read from power."""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.constants import (
    LONG_RUN_SECONDS,
)

from .pulse_traces import WEAK_HEATERS, WEAK_RUNS, quiet_then, recognize


def test_a_pulse_seen_only_above_the_heater_fills_each_series() -> None:
    (found,) = recognize(quiet_then(WEAK_RUNS, every=1.0, heaters=WEAK_HEATERS))
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 4)
    assert found.weak == 2


def test_a_long_run_the_detector_saw_inside_refuses_weak_pulses() -> None:
    """The detector saw the pump run on through (a shot): the pieces are no pulses."""
    shot = (WEAK_RUNS[1][0], WEAK_RUNS[1][0] + LONG_RUN_SECONDS + 5)
    assert (
        recognize(quiet_then(WEAK_RUNS, every=1.0, heaters=WEAK_HEATERS), [shot]) == []
    )


def test_a_long_run_does_not_refuse_a_backflush_of_clean_pulses() -> None:
    """Only pulses seen above a heater need the detector's word."""
    shot = (WEAK_RUNS[1][0], WEAK_RUNS[1][0] + LONG_RUN_SECONDS + 5)
    (found,) = recognize(quiet_then(WEAK_RUNS, every=1.0), [shot])
    assert found.weak == 0
    assert found.pulses == 8


def test_a_run_no_longer_than_two_pulses_is_no_shot() -> None:
    """Two pulses the detector merged (with the pause between) do not refuse."""
    merged = (WEAK_RUNS[1][0], WEAK_RUNS[2][1])
    (found,) = recognize(
        quiet_then(WEAK_RUNS, every=1.0, heaters=WEAK_HEATERS), [merged]
    )
    assert found.weak == 2
