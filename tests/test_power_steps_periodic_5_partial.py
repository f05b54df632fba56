"""A heater's edge and the pump's in one transient, read every 5 s (averaged) without volts.

Read every 5 s, a shot's pump level (alone, or the heater's without it)
often shows in one reading only, between the heater's partial reading and
the pump's: no steady state of its own. The detector reads the two edges
apart from that reading (or, from the standby, from two partial readings
in the only order that fits).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import HEATER, PUMP, idle_heater_cycles, periodic, run_all

ROTARY = 180.0
WARMER = 1.035 * HEATER
"""The heater once the mains rose 1.7 %: further off its learned size than its edges stray."""


def runs_read(
    pump_watts: float, power: list[tuple[float, float, float]], noise: float = 0.2
) -> list[DetectedRun]:
    """The runs decided from a plug averaging over 5 s."""
    rows = periodic(power, 800.0, every=5.0, noise=noise)
    return run_all(PumpDetector(pump_watts), rows, until=800.0)


def test_the_pump_alone_read_whole_once_splits_both_edges() -> None:
    """The pump starts, the heater 11 s later; the pump stops 10 s before the heater.

    Readings 605-650: 45 (the pump's partial), 55 (the pump alone, whole),
    676 (the heater's partial), 1,090 held, 1,060 (the pump's stop, partial),
    1,040 (the heater alone, whole), 419 (the heater's partial), 5. Each
    transient holds two partial readings and one whole of the level between
    (two switchings): its edges are the pump's and the heater's, the heater
    read at its size now. Without the split, both edges are one heater of
    1,085 W on and off: no shot.
    """
    shot = [(601.0, 632.0, PUMP), (612.0, 642.0, WARMER)]
    runs = runs_read(PUMP, [*idle_heater_cycles(52.5, 4), *shot])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(601.0, abs=1.0)
    assert runs[0].ended == pytest.approx(632.0, abs=1.0)
    assert runs[0].watts == pytest.approx(PUMP, rel=0.1)


def test_a_rotary_pumps_start_from_the_standby_read_from_two_partials() -> None:
    """The rotary pump's start and the heater's 4 s later, in one transient.

    Readings 605 and 610: 77 (the pump's partial, below the pump's level)
    then 809 (the heater's partial): only the pump first fits them. The stop
    comes with the heater's (one partial reading), where a rotary pump's
    step stands out of the heater's: the shot is counted, dated by the
    pump's partial reading.
    """
    shot = [(603.0, 641.0, ROTARY), (607.0, 642.0, 1.04 * HEATER)]
    runs = runs_read(ROTARY, [*idle_heater_cycles(52.5, 4), *shot])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(603.0, abs=1.0)
    assert runs[0].duration == pytest.approx(38.0, abs=5.0)


def test_the_standby_repeated_to_the_watt_holds_between_two_shots() -> None:
    """A shot's fall to the standby, read twice to the watt, then the next shot.

    An energy meter's 5 s average of the standby alone repeats exactly (it
    is rounded to the watt); the second reading holds the level, so the
    first shot ends there. Taken for a stale meter's repeat, the readings
    would run on into the next shot's rise, and neither shot is counted.
    """
    power = [
        *idle_heater_cycles(52.5, 4),
        (601.0, 631.5, PUMP),
        (646.5, 680.0, PUMP),
    ]
    runs = runs_read(PUMP, power, noise=0.0)
    assert len(runs) == 2
    assert runs[0].started == pytest.approx(601.0, abs=1.0)
    assert runs[0].ended == pytest.approx(631.5, abs=1.0)
    assert runs[1].started == pytest.approx(646.5, abs=1.0)
    assert runs[1].ended == pytest.approx(680.0, abs=1.0)


def test_the_pumps_first_partial_reading_within_the_standbys_tolerance_dates_the_start() -> (
    None
):
    """The pump starts 0.8 s before a reading ends, the heater 2 s into the next.

    That reading is 7 W over the standby, within the level's tolerance (a
    quarter of the pump's step), yet well past a quiet standby's noise: the
    pump's first partial reading, the heater's partial one after it. The
    run starts there, not a reading later at the heater's edge.
    """
    shot = [(604.2, 630.0, PUMP), (607.0, 660.0, WARMER)]
    runs = runs_read(PUMP, [*idle_heater_cycles(52.5, 4), *shot])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(604.2, abs=1.0)
    assert runs[0].ended == pytest.approx(630.0, abs=1.0)


def test_a_stop_read_before_the_heaters_after_a_start_inside_the_heaters_edge() -> None:
    """The pump and the heater start within one reading; the pump stops 8 s before it.

    The start is one partial reading (225) of both: nothing shows the pump
    apart there. The stop shows it: 1,055 held, then 1,005 (the heater
    alone, whole) and 405 (the heater's partial). That fall of the pump
    alone ends the run, as one that held two readings would.
    """
    shot = [(603.0, 629.0, PUMP), (604.0, 637.0, HEATER)]
    runs = runs_read(PUMP, [*idle_heater_cycles(52.5, 4), *shot])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(603.0, abs=2.5)
    assert runs[0].ended == pytest.approx(629.0, abs=1.0)
