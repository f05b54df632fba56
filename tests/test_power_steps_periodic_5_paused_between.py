"""Backflush pulses read every 5 s as one run: a reading between them shows the pause.

An energy meter's 5 s average reads a pump on throughout as whole
readings, partial ones only at its start and stop. A backflush's pulses
and pauses blur into partial readings that hold no level, and the run read
over them has a shot's length. A reading at the standby between readings
of the pump, or one well below the pump's whole readings around it, shows
the pump off inside: no run.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, retried_runs


def shots_near(seed: int, start: float, end: float) -> list[tuple[float, float]]:
    trace = TraceSpec(
        "thermostat", "vibratory", "periodic_5", seed, 1, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, end + 200.0)
    return [r for r in runs if start < r[0] < end and r[1] - r[0] >= 15.0]


def test_a_reading_at_the_standby_between_pulses_splits_them() -> None:
    """Four backflush pulses from 8471.5 read 45, 44, 24, 68, 68, 6 (the
    standby), 49, 57, 23, 69: no shot from 8470 to 8512."""
    assert shots_near(21000060, 8460.0, 8530.0) == []


def test_a_reading_at_the_standby_before_a_heater_splits_them() -> None:
    """Pulses from 8941.0 read 38, 35, 8 (the standby), 32, then the
    heater's rise with the next pulse: no shot from 8940 to 8983."""
    assert shots_near(6000060, 8930.0, 8990.0) == []


def test_a_partial_reading_between_pulses_splits_a_shot_length_run() -> None:
    """Pulses of 7.3 s and 10.6 s from 9781.4, 4.4 s apart, read 29, 34,
    15 (the pause's partial reading, below half the 37 W step), 44, 34: no
    shot from 9780 to 9805 (the first calibration saw no pump: retried)."""
    spec = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 22000060, 1, calibration_runs=1
    )
    runs = retried_runs(spec, 10000.0)
    assert [r for r in runs if 9770.0 < r[0] < 9810.0 and r[1] - r[0] >= 15.0] == []


def test_a_reading_at_the_standby_splits_a_run_ending_in_a_heater() -> None:
    """A dual boiler's four backflush pulses from 16249.3 read 58, 60, 15,
    8 (the standby), 53, 61, ..., the last one's stop beside the brew
    heater's fall at 16328: the fall split from the heater's edge still
    leaves a reading at the standby inside, no shot from 16250 to 16328."""
    spec = TraceSpec(
        "dual_boiler", "vibratory", "periodic_5", 24000060, 1, calibration_runs=1
    )
    runs = retried_runs(spec, 16500.0)
    assert [r for r in runs if 16240.0 < r[0] < 16335.0 and r[1] - r[0] >= 15.0] == []


def test_a_reading_at_the_standby_after_a_heater_splits_them() -> None:
    """Pulses from 9562.8 read 1169 (over the heater's cycle), 124, 124
    (repeated), 10 (the pause), 43, 42 (the next pulse alone): the pause
    comes before the only reading of the pump alone, no shot from 9560 to
    9595 (the first calibration saw no pump: retried)."""
    spec = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 22000060, 1, calibration_runs=1
    )
    runs = retried_runs(spec, 9700.0)
    assert [r for r in runs if 9555.0 < r[0] < 9595.0 and r[1] - r[0] >= 15.0] == []


def test_a_reading_at_the_standby_before_the_pump_alone_starts_the_run() -> None:
    """A heat exchanger's flush from 11790.2 under its heater's cycle read
    593, 1520, 1406, 803, then 46 (the standby and a share of the rotary
    pump's step), 276, 1532, ...: the shot from 11808.8 began in that
    reading, read from its share (11808.6), not from the flush's start."""
    spec = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 29000005, 0, calibration_runs=1
    )
    runs = retried_runs(spec, 12000.0)
    shots = [r for r in runs if 11780.0 < r[0] < 11840.0 and r[1] - r[0] >= 15.0]
    assert len(shots) == 1
    assert abs(shots[0][0] - 11808.8) < 1.0
