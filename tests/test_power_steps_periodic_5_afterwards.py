"""Runs decided afterwards on a plug averaging over 5 s without volts.

Read every 5 s, a shot's edges and a heater's often share a reading or two;
what the edges leave unsure, the edges after them or the readings inside
them may tell: a heater's fall to the standby that shows the pump off
before it, a pump starting inside a heater's fall, a rotary pump's whole
run inside a heater's rise.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import HEATER, PUMP, idle_heater_cycles, periodic, run_all

ROTARY = 180.0


def runs_read(
    pump_watts: float, power: list[tuple[float, float, float]]
) -> list[DetectedRun]:
    """The runs decided from a plug averaging over 5 s."""
    rows = periodic(power, 900.0, every=5.0, noise=0.2)
    return run_all(PumpDetector(pump_watts), rows, until=900.0)


def vibratory(start: float, end: float) -> list[tuple[float, float, float]]:
    """A vibratory pump's run: half its step for 2 s as pressure builds, then whole."""
    return [(start, start + 2.0, 0.5 * PUMP), (start + 2.0, end, PUMP)]


@pytest.mark.parametrize("start", [641.5, 642.5, 643.5])
def test_a_pump_starting_inside_a_heaters_fall_is_dated_there(start: float) -> None:
    """A heater of no known size on at 601 and off at 640; the pump starts just after.

    The heater's fall to the pump's level is its rise less the pump's step:
    that fits the rise having held the pump's start (the pump on from 601)
    as well. The fall's first readings, short of the pump's level, show the
    pump was not running yet: the run starts inside the fall.
    """
    power = [
        *idle_heater_cycles(52.5, 4),
        (601.0, 640.0, 0.965 * HEATER),
        *vibratory(start, start + 25.0),
    ]
    runs = runs_read(PUMP, power)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(start, abs=2.0)
    assert runs[0].ended == pytest.approx(start + 25.0, abs=1.0)


@pytest.mark.parametrize(
    ("pump_on", "heater_on", "pump_off", "heater_off"),
    [
        (601.0, 612.0, 631.0, 645.0),
        (601.5, 613.5, 628.0, 650.0),
        (602.0, 611.0, 633.5, 647.5),
    ],
)
def test_a_rotary_pumps_unsure_stop_is_decided_by_the_heaters_fall_to_standby(
    pump_on: float, heater_on: float, pump_off: float, heater_off: float
) -> None:
    """A second heater the first's size less the pump's step makes the pump's stop unsure.

    The pump starts alone from the standby; a heater comes on; the pump's
    fall fits the first heater handing over to the second as well. The
    heater then falls by the first's size to the standby: the pump was off
    before it, so that fall was its stop.
    """
    idle = [(52.5 + 120.0 * i, 92.5 + 120.0 * i, HEATER) for i in range(4)]
    other = [(112.5 + 120.0 * i, 152.5 + 120.0 * i, HEATER - ROTARY) for i in range(4)]
    power = [
        *idle,
        *other,
        (pump_on, pump_off, ROTARY),
        (heater_on, heater_off, HEATER),
    ]
    runs = runs_read(ROTARY, power)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(pump_on, abs=1.0)
    assert runs[0].ended == pytest.approx(pump_off, abs=1.0)


@pytest.mark.parametrize(
    ("pump_on", "heater_on", "pump_off"),
    [(599.5, 607.0, 618.5), (599.8, 606.0, 619.0), (598.0, 606.5, 617.5)],
)
def test_a_rotary_pumps_run_inside_a_heaters_rise_is_read_from_its_readings(
    pump_on: float, heater_on: float, pump_off: float
) -> None:
    """The pump starts alone, the heater 7 s later, the pump stops 12 s after that.

    No level holds between the standby and the heater's: the edge is the
    heater's. But one reading shows the pump alone over the standby, and
    one the pump over the heater whole (past the level after, where no
    partial reading of the heater lies): the run came and went inside.
    """
    power = [
        *idle_heater_cycles(52.5, 4),
        (pump_on, pump_off, ROTARY),
        (heater_on, 660.0, HEATER),
    ]
    runs = runs_read(ROTARY, power)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(pump_on, abs=1.0)
    assert runs[0].ended == pytest.approx(pump_off, abs=1.0)


@pytest.mark.parametrize(
    ("first", "heater_on", "second"),
    [
        ((599.5, 606.0), 605.5, (614.0, 619.5)),
        ((599.0, 605.5), 606.0, (613.5, 618.8)),
        ((599.8, 606.5), 607.0, (615.5, 619.0)),
    ],
)
def test_two_flushes_inside_a_heaters_rise_make_no_shot(
    first: tuple[float, float], heater_on: float, second: tuple[float, float]
) -> None:
    """A flush alone, the heater on, a second flush: the pump was off between.

    Two readings between the pump alone and the pump over the heater whole
    are more than the heater's one switching leaves partial: the pump
    switched between them too. No run of a shot's length is read.
    """
    power = [
        *idle_heater_cycles(52.5, 4),
        (*first, ROTARY),
        (*second, ROTARY),
        (heater_on, 660.0, HEATER),
    ]
    assert all(run.duration < 15.0 for run in runs_read(ROTARY, power))
