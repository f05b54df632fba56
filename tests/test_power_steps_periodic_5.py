"""The pump read from a plug that averages its power over 5 s and reports no volts."""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import HEATER, PUMP, idle_heater_cycles, periodic, run_all


def shot_beside_the_heater(
    pump: tuple[float, float], heater: tuple[float, float]
) -> list[tuple[float, float, float]]:
    """A known heater (its cycles learned, partial readings at its edges), then a shot."""
    return [*idle_heater_cycles(52.5, 4), (*pump, PUMP), (*heater, HEATER)]


def test_two_partial_readings_at_each_edge_split_the_pump_off_the_heater() -> None:
    """Each edge of the shot holds two partial readings: two switchings, the heater's and the pump's.

    The pump starts 1.5 s into a 5 s reading, the heater 4 s later (two partial
    readings, neither at the pump alone); the pump stops 2 s before the heater
    goes (again two partial readings). One switching alone leaves at most one
    partial reading on a plug averaging over its whole interval.
    """
    power = shot_beside_the_heater((601.5, 628.0), (605.5, 631.0))
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(PUMP), rows, until=800.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(601.5, abs=5.0)
    # (The stop is dated by the reading at the heater's level alone: a
    # reading or two late, as the pump's partial one is read as noise.)
    assert runs[0].duration == pytest.approx(26.5, abs=10.0)


def test_pump_pulses_around_a_heaters_pulse_are_two_runs_not_one() -> None:
    """A heater comes and goes between two pump pulses (a backflush's).

    Read every 5 s, the first pulse, the heater's pulse, the pause and the
    second pulse's start are one transient between the standby and the
    pump's level: the run is known from the heater's last reading on (the
    second pulse), never one pump run of half a minute (a false shot).
    (The second pulse's start may lie anywhere in the interval after that
    reading: one of 20 s is a shot however it falls, one of 15 s would be
    withheld, ``_past_pulse``.)
    """
    heater = 1400.0
    power = [
        *idle_heater_cycles(52.5, 4, heater),
        (602.5, 612.0, PUMP),
        (609.0, 619.5, heater),
        (619.0, 639.0, PUMP),
    ]
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(PUMP), rows, until=800.0)
    assert len(runs) == 1
    assert runs[0].started >= 615.0
    assert runs[0].duration == pytest.approx(20.0, abs=5.0)
