"""A pump's level read twice as one value over the standby, after a heater's fall (5 s).

A heat exchanger's heater often switches off as the shot starts (its cycle
was ending) and on again with the brew water's draw: read every 5 s, the
heater's fall leaves the pump alone on, and an energy meter's 5 s average
of a steady pump repeats one value to the watt. A repeat there is the
pump's level holding (not a stale meter), as a repeat of the pump's step
over the level before the transient is: the heater's fall and the pump's
rise are read apart, and the run starts at that rise, not at the heater's
next one.

A run whose stop came in an interval whose reading was lost (the next one
reads the standby whole) is dated at the end of the unread interval: its
length may be shorter by all of it, and a run that close to a shot's
length is withheld.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot, calibrated_runs


def test_pump_read_twice_after_a_heaters_fall_starts_the_shot() -> None:
    """Heat exchanger, rotary pump (151 W): a shot from 8599.0 read 426 (the
    heater's fall), 46, 158, 158 (the pump alone), 278, 1427 (the heater on
    again with it): one shot from its start (read 15 s from 8615 before)."""
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 21000021, 1, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 8598.996)


def test_a_rotary_pumps_repeat_between_heater_cycles_starts_the_shot() -> None:
    """Heat exchanger, rotary pump (195 W): a shot from 5663.7 to 5690.8 read
    321 (the heater's fall), 204, 204, 931, 1478: one shot from its start
    (read 11 s before; its stop hides in the heater's readings, which end
    it at their fall)."""
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 21000053, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 5760.0)
    near = [(a, b) for a, b in runs if a < 5690.8 and b > 5663.7]
    assert len(near) == 1, near
    ((a, b),) = near
    assert abs(a - 5663.7) <= 4.0, a
    assert 15.0 <= b - a <= 120.0, (a, b)


def test_a_stop_in_a_lost_readings_interval_near_a_shots_length_is_withheld() -> None:
    """Thermostat, vibratory pump (57 W): a 13.7 s run from 2426.5 read 34,
    59, 59, then the reading at 2445 lost and the standby at 2450: its stop
    dated 2445 made it 17.8 s, a shot; it may be 13 s: no shot."""
    trace = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 5000044, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 2520.0)
    assert [(a, b) for a, b in runs if b - a >= 15.0 and a < 2460 and b > 2420] == []
