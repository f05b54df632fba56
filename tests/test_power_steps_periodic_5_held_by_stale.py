"""A heater's pulse read every 5 s, repeated by a stale meter at a rotary pump's level.

A heat exchanger's heater blips for a second: one partial reading of it
may read about a rotary pump's step, and a stale meter repeating it makes a
level of its own, a rise and a fall of the pump's size three intervals
apart: a shot in appearance. One value only at the pump's level, read
twice or more, beside a reading over it (the heater's), is no run, nor is
(beside a rotary pump's step) such a value on one side of the heater's
reading with one partial reading at most on the other (the heater's
partial fall may read at the pump's level too); a pump alone whose readings repeat one value (a quiet vibratory
pump) is a shot.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot, shots_between


def shots_near(seed: int, start: float, end: float) -> list[tuple[float, float]]:
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", seed, 0, calibration_runs=1
    ).generate()
    return shots_between(trace, start, end)


def test_a_heaters_partial_reading_repeated_is_no_shot() -> None:
    """Heat exchanger, rotary pump (166 W): readings 3, 189, 189 (stale),
    404, 2 with the pump off throughout: no shot from 2140 to 2170."""
    assert shots_near(23000037, 2140.0, 2170.0) == []


def test_a_stale_repeat_after_the_standby_is_no_shot() -> None:
    """Heat exchanger, rotary pump (122 W): readings 3, 113, 113 (stale),
    329, 3 with the pump off throughout: no shot from 2830 to 2860."""
    assert shots_near(21000037, 2830.0, 2860.0) == []


def test_a_stale_level_beside_the_heaters_partial_fall_is_no_shot() -> None:
    """Heat exchanger, rotary pump (138 W, calibrated 130 W): readings 5,
    143, 143, 143 (the heater's partial reading, repeated twice by a stale
    meter), 1335 (the heater whole), 127 (its partial fall), 5 with the pump
    off throughout. The partial fall reads at the pump's level too, another
    value: the repeated one before the heater's reading is the level."""
    assert shots_near(22000013, 10840.0, 10890.0) == []


def test_a_shot_whose_pump_readings_move_is_counted() -> None:
    """Thermostat, rotary pump (136 W): a shot from 10772.1 read 92, 142,
    141, 142, 72 (the pump alone, moving by a watt): one shot."""
    trace = TraceSpec(
        "thermostat", "rotary", "periodic_5", 21000005, 0, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 10772.098)


def test_a_quiet_pump_reading_one_value_is_counted() -> None:
    """Thermostat, vibratory pump: a shot from 2207.4 read 21, 47, 47, 47,
    47, 20 (one value repeated, no heater's reading beside it): one shot."""
    trace = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 20000004, 0, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 2207.449)
