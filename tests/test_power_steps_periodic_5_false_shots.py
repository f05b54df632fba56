"""False shots on plugs reporting every 5 s: what such readings cannot show.

Switched on, a machine's heaters come on from cold in one interval: a pump
starting with them shows no step of its own, and the decoder, fitting the
heater's size to the stretch, may place a run's start there and read the
mains moving the heater by the pump's step later as its stop. A decoded run
needs two readings of the machine on (a level) before it.

A pump's stop hidden in a heater's rise, the two in one reading's interval,
is dated by a guess between them, up to half the interval off: a run whose
length lies that near a kind bound is withheld, and the decoder does not read
it again.

A heater that came on during a run and fell with the pump reads the same
whether the pump ran on under it or stopped inside its rise. On a machine
whose heater is not tied to the pump (a thermostat's own cycle), a rise short
of the heater's size leans to the stop inside it: a run whose two possible
stops give different kinds is withheld. Where heater and pump are tied (a
dual boiler's brew heater), such a run is a shot.
"""

from __future__ import annotations

from bench import detection
from bench.detection import TraceSpec


def shots_between(
    spec: TraceSpec, start: float, end: float
) -> list[tuple[float, float]]:
    """Shot-long runs read from ``start`` to ``end``, calibrated as the bench does
    (again while the flow says no pump was seen)."""
    api = detection.real_api()
    calibrated = detection.calibrate_with_retries(api, spec)
    assert calibrated.pump_watts is not None
    trace = calibrated.trace
    reports = [r for r in trace.reports if r.at < end + 200.0]
    runs, _, _ = detection.detect(
        api.detector(calibrated.pump_watts), reports, end + 200.0
    )
    return [(a, b) for a, b in runs if start < a < end and b - a >= 15.0]


def test_no_decoded_shot_from_the_power_on() -> None:
    """Heat exchanger, vibratory pump (65 W): switched on at 9360 (readings
    0, then 1280, 1278, 1276 ... the heater drifting down, a 65 W drop at
    9450 from the mains): the pump never ran. No shot from 9350 to 9490."""
    spec = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_5", 24000036, 1, calibration_runs=1
    )
    assert shots_between(spec, 9350.0, 9490.0) == []


def test_a_pulse_whose_stop_hid_in_a_heaters_rise_is_no_shot() -> None:
    """Thermostat, vibratory pump (41 W), a backflush: the pulse from
    10958.2 (10.4 s) read 19, 47, 47, then 1023 (its stop and the heater's
    rise in one reading), 1284: read 16.4 s long before. No shot from 10950
    to 10990."""
    spec = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 22000012, 1, calibration_runs=1
    )
    assert shots_between(spec, 10950.0, 10990.0) == []


def test_a_shot_whose_stop_hid_in_a_heaters_rise_far_from_the_bound_counts() -> None:
    """Thermostat, vibratory pump (68 W): the shot from 7841.0 (19.3 s), its
    stop in the heater's rise, read 18.9 s: far enough from 15 s, a shot."""
    spec = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 23000020, 0, calibration_runs=1
    )
    (shot,) = shots_between(spec, 7835.0, 7850.0)
    assert abs(shot[0] - 7841.0) < 2.5


def test_a_flush_ending_as_a_thermostats_heater_came_on_is_no_shot() -> None:
    """Thermostat, vibratory pump (59 W): the flush from 8435.2 (7.5 s) read
    57, then 806 (its stop and the heater's rise in one reading), 1404, 1409,
    1400, 1400, 305 (the heater's fall): read 35 s long over the heater's
    cycle before. No shot from 8430 to 8475."""
    spec = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 22000004, 0, calibration_runs=1
    )
    assert shots_between(spec, 8430.0, 8475.0) == []


def test_a_flush_before_a_thermostats_heater_split_off_its_rise_is_no_shot() -> None:
    """Thermostat, vibratory pump (50 W, calibrated 59 W): the flush from
    10414.1 (3.8 s) read 13, then 733, 1377 (the heater's rise), the heater
    drifting to 1411 before its fall: read 27.5 s long before. No shot from
    10410 to 10450."""
    spec = TraceSpec(
        "thermostat", "vibratory", "periodic_5", 20000060, 1, calibration_runs=1
    )
    assert shots_between(spec, 10410.0, 10450.0) == []


def test_a_shot_whose_brew_heater_fell_with_the_pump_counts() -> None:
    """Dual boiler, vibratory pump (52 W): the shot from 13173.4 (27.3 s) read
    12, 517, 1098 (the brew heater's rise, short of its size), 1101, 1101,
    1100, 1059, 318 (the heater's fall with the pump's): the same readings as
    a flush that ended as the heater came on, but on this machine most shots'
    brew heater comes on in them and goes off with the pump: a shot."""
    spec = TraceSpec(
        "dual_boiler", "vibratory", "periodic_5", 20000052, 0, calibration_runs=1
    )
    (shot,) = shots_between(spec, 13165.0, 13185.0)
    assert abs(shot[0] - 13173.4) < 2.5
