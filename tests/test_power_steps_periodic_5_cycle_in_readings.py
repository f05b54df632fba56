"""A run read every 5 s in readings that held no level: the pump, a heater, the pump's stop.

An energy meter's 5 s averages of a shot whose heater came on a few
seconds in (cold water drawn into the boiler) and stayed on after it may
show each state in one reading only: the standby, the pump alone, the
heater and the pump, the heater alone, partial readings between. No level
held, so no edge read the pump's start or its stop. The readings, each a
state of the machine or between two, show the run.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, run_near, shots_between


def test_a_shot_read_in_single_readings_is_counted() -> None:
    """Dual boiler, rotary pump (185 W): 5, 5, 113, 186 (the pump alone),
    795, 1145 (the brew heater and the pump), 1089, 962 (the heater alone),
    886, 5. One shot from 2802.4 to 2828.4."""
    trace = TraceSpec(
        "dual_boiler", "rotary", "periodic_5", 20250433, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 2900.0)
    true, (started, ended) = run_near(trace, runs, 2802.4)
    assert abs(started - true.started) < 2.0
    assert abs(ended - true.ended) < 2.0


def test_the_run_held_ends_at_the_pumps_stop_in_single_readings() -> None:
    """Dual boiler, rotary pump (156 W): the pump's rise read as an edge, the
    heater's too; its stop reads 1123, 1086, 974 (the heater alone, once),
    then two flushes over the heater. The shot ends at 4038.7."""
    trace = TraceSpec(
        "dual_boiler", "rotary", "periodic_5", 20250425, 1, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 4200.0)
    true, (started, ended) = run_near(trace, runs, 4011.1)
    assert abs(started - true.started) < 2.0
    assert abs(ended - true.ended) < 2.0


def test_pulses_with_a_pause_in_the_heaters_rise_are_no_shot() -> None:
    """Thermostat, rotary pump: backflush pulses read 117, 134, then 1199
    and 1255 (two partial readings: the heater's rise and a pause), 1342,
    1239, 1205. No shot from 10541 to 10566."""
    trace = TraceSpec(
        "thermostat", "rotary", "periodic_5", 22000021, 1, calibration_runs=1
    ).generate()
    assert shots_between(trace, 10530.0, 10560.0) == []


def test_pulses_with_a_pause_beside_the_heaters_rise_are_no_shot() -> None:
    """Thermostat, vibratory pump: backflush pulses read 57, 58, 10 (a
    pause), 34, 58, then the heater's rise with a pause and the next pulse
    in its partial readings. No shot from 13877 to 13902."""
    trace = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 5000060, 1, calibration_runs=1
    ).generate()
    assert shots_between(trace, 13860.0, 13890.0) == []


def test_two_flushes_read_as_one_reading_of_the_pump_are_no_shot() -> None:
    """Heat exchanger, rotary pump: two flushes 3.5 s apart read 4, 154 (an
    inrush and a pause in it, no partial reading before), 694, 1438, 1399,
    1288. No shot from 4265 to 4284."""
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 20000013, 0, calibration_runs=1
    ).generate()
    assert shots_between(trace, 4255.0, 4275.0) == []
