"""Shots whose edges a heater shares, read every 5 s (averaged) without volts."""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import HEATER, PUMP, idle_heater_cycles, periodic, run_all

ROTARY = 180.0


def runs_read(
    pump_watts: float, power: list[tuple[float, float, float]]
) -> list[DetectedRun]:
    """The runs decided from a plug averaging over 5 s, with half a watt of noise."""
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    return run_all(PumpDetector(pump_watts), rows, until=800.0)


def test_a_rotary_pumps_step_stands_out_of_a_heaters_edge_without_volts() -> None:
    """The heater comes and goes in the pump's own readings: one partial reading each.

    No reading shows the pump alone, nor two switchings; but a rotary pump's
    180 W is more than the mains can move a 1,000 W heater (8 %), so both
    edges split: the shot is counted. Beside a 2,500 W heater it is not.
    """
    shot = [(601.0, 628.0, ROTARY), (602.0, 629.0, HEATER)]
    runs = runs_read(ROTARY, [*idle_heater_cycles(52.5, 4), *shot])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(601.0, abs=5.0)
    assert runs[0].duration == pytest.approx(27.0, abs=5.0)
    assert runs[0].watts == pytest.approx(ROTARY, rel=0.15)

    big = 2500.0
    shot = [(601.0, 628.0, ROTARY), (602.0, 629.0, big)]
    assert runs_read(ROTARY, [*idle_heater_cycles(52.5, 4, big), *shot]) == []


def test_a_small_pumps_first_partial_reading_shows_a_second_switching() -> None:
    """A vibratory pump starts 1 s before a reading ends, the heater in the next one.

    That first reading is only 10 W over a quiet standby (read to half a
    watt), the next a heater's partial reading: two partial readings, two
    switchings. The stop shows two as well (the heater goes, then the pump):
    the shot is counted.
    """
    shot = [(604.0, 632.0, PUMP), (607.0, 629.0, HEATER)]
    runs = runs_read(PUMP, [*idle_heater_cycles(52.5, 4), *shot])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(604.0, abs=7.0)
    assert runs[0].duration == pytest.approx(28.0, abs=10.0)


def test_a_pause_read_after_a_heaters_pulse_starts_the_run_anew() -> None:
    """Two backflush pulses of a rotary pump, a heater's pulse inside the first.

    Read every 5 s, the first pulse, the heater's pulse, the pause (one
    reading mostly at the standby) and the second pulse are one transient:
    the run is the second pulse, started within the pause's reading, never
    one run from the heater's pulse over the pause (a false 20 s shot).
    """
    power = [
        *idle_heater_cycles(52.5, 4),
        (601.0, 611.0, ROTARY),
        (606.0, 611.0, HEATER),
        (618.0, 630.0, ROTARY),
    ]
    runs = runs_read(ROTARY, power)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(618.0, abs=2.5)
    assert runs[0].duration == pytest.approx(12.0, abs=2.5)


def test_a_heaters_clean_cycles_follow_its_size_when_the_mains_moved() -> None:
    """A 1,500 W heater learned; then it reads 1,600 W (the mains 3 % up).

    Each of its cycles alone (a rise and a fall of one size, back to the
    standby) is a little too far from the size learned to be learned as
    an edge (it may be that heater with the pump's step), but follows it
    slowly: the shot after them, whose edges the heater shares, is read.
    """
    moved = 1600.0
    power = [
        *idle_heater_cycles(52.5, 4, 1500.0),
        *idle_heater_cycles(532.5, 8, moved),
        (1535.5, 1560.5, ROTARY),
        (1536.0, 1561.5, moved),
    ]
    rows = periodic(power, 1800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(ROTARY), rows, until=1800.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(1535.5, abs=5.0)
    assert runs[0].duration == pytest.approx(25.0, abs=5.0)


def test_a_pumps_fall_to_the_level_of_a_heater_not_known_is_paired() -> None:
    """The pump runs alone; a heater 6 % over its learned size comes on, then the pump stops.

    The heater's rise is no size known (the pump's state through it unsure),
    but the pump's fall by its own step leaves exactly that rise's level
    less the step: the pump stayed on through it, and the run's rise pairs
    with its fall.
    """
    power = [*idle_heater_cycles(52.5, 4), (600.5, 628.0, PUMP), (611.0, 660.0, 1060.0)]
    runs = runs_read(PUMP, power)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(600.5, abs=2.5)
    assert runs[0].duration == pytest.approx(27.5, abs=2.5)


def test_the_pumps_level_read_twice_at_the_same_watt_holds() -> None:
    """The pump alone for two readings of one value, then a heater comes on.

    An energy meter's 5 s average of a pump's level often repeats to the
    watt: those two readings are the pump's level holding (a stale meter's
    repeat, rarer, would not sit at the pump's step), so the run opens
    there, and its stop, hidden while the heater stays on, is read.
    """
    power = [*idle_heater_cycles(52.5, 4), (601.0, 628.0, PUMP), (617.0, 660.0, HEATER)]
    rows = periodic(power, 800.0, every=5.0)
    # Elsewhere the readings wobble by half a watt; at the pump's level, not.
    rows = [
        (at, w + (0.5 if at % 10 and not 602.0 < at < 618.0 else 0.0), v)
        for at, w, v in rows
        if w is not None
    ]
    assert [w for at, w, _ in rows if 605.0 <= at <= 615.0] == [45.0, 55.0, 55.0]
    runs = run_all(PumpDetector(PUMP), rows, until=800.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(601.0, abs=2.5)
    assert runs[0].duration == pytest.approx(27.0, abs=5.0)
