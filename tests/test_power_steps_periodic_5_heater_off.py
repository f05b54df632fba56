"""A shot read every 5 s started while its heater was off between two of its pulses.

A heat exchanger's heater may go off just before a shot and come on again
a reading or two after the pump: the heater's level, its partial fall, the
standby, the pump alone, the heater's partial rise, then the heater and the
pump. The edge from the heater's level to that one is the pump's alone;
dated by its last readings (the heater's return), a 24 s shot read 10 s,
a flush to the classifier (24000012).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import PUMP, idle_heater_cycles, periodic, run_all


def runs_of(
    heater: list[tuple[float, float]], pump: tuple[float, float]
) -> list[tuple[float, float]]:
    power = [
        *idle_heater_cycles(52.5, 4),
        *((a, b, 1000.0) for a, b in heater),
        (*pump, PUMP),
    ]
    rows = periodic(power, 900.0, every=5.0, noise=0.5)
    return [
        (r.started, r.ended) for r in run_all(PumpDetector(PUMP), rows, until=900.0)
    ]


def test_a_shot_started_between_two_heater_pulses_is_dated_from_the_pump_alone() -> (
    None
):
    """The heater on until 653.0 and again from 672.7, the pump 661.3-685.6:
    read 1005, partial, 5 (the standby), 42 (the pump's start), 55 (the pump
    alone), partial, 1055, ... The run starts at 661.3, not at the heater's
    return: a shot of 24.3 s."""
    (run,) = runs_of([(600.0, 653.0), (672.7, 720.0)], (661.3, 685.6))
    assert run[0] == pytest.approx(661.3, abs=1.0)
    assert run[1] - run[0] == pytest.approx(24.3, abs=1.5)


def test_no_reading_of_the_pump_alone_leaves_the_date_at_the_heater() -> None:
    """The pump starting in the heater's return reading (665.5, the heater
    668.0): no reading shows it alone, the start stays as the edges date it
    (no earlier than the standby's reading)."""
    runs = runs_of([(600.0, 653.0), (668.0, 720.0)], (665.5, 690.0))
    assert all(a > 660.0 for a, _ in runs)


def test_a_shot_started_in_the_heaters_fall_is_dated_within_its_readings() -> None:
    """The heater off at 652.0, the pump 657.2-683.0, the heater again from
    668.5: read 1005, 405 (the heater's fall), 31 (part heater, part pump),
    55 (the pump alone, once), 355 (the heater's return), 1055, ... No
    reading of the standby: the start lies in the reading of 31, dated
    within it (no more than a reading's interval off), not at the heater's
    return (a 13 s flush)."""
    (run,) = runs_of([(600.0, 652.0), (668.5, 720.0)], (657.2, 683.0))
    assert run[0] == pytest.approx(657.2, abs=2.5)
    assert run[1] - run[0] >= 15.0


def test_a_shot_started_as_its_heater_fell_is_dated_from_its_readings() -> None:
    """The heater off at 652.5, the pump 653.5-680.0, the heater again from
    663.5: read 1005, 520 (the heater's fall, the pump's start in it), 54
    (the pump alone, once), 355, 1055, ... The start lies in the reading of
    520: dated within it, a shot (not 15.0 s from the heater's return)."""
    (run,) = runs_of([(600.0, 652.5), (663.5, 720.0)], (653.5, 680.0))
    assert run[0] == pytest.approx(653.5, abs=2.5)
    assert run[1] - run[0] >= 15.0
