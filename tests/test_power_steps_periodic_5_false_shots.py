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
    spec = TraceSpec("heat_exchanger", "vibratory", "periodic_5", 24000036, 1)
    assert shots_between(spec, 9350.0, 9490.0) == []


def test_a_pulse_whose_stop_hid_in_a_heaters_rise_is_no_shot() -> None:
    """Thermostat, vibratory pump (41 W), a backflush: the pulse from
    10958.2 (10.4 s) read 19, 47, 47, then 1023 (its stop and the heater's
    rise in one reading), 1284: read 16.4 s long before. No shot from 10950
    to 10990."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 22000012, 1)
    assert shots_between(spec, 10950.0, 10990.0) == []


def test_a_shot_whose_stop_hid_in_a_heaters_rise_far_from_the_bound_counts() -> None:
    """Thermostat, vibratory pump (68 W): the shot from 7841.0 (19.3 s), its
    stop in the heater's rise, read 18.9 s: far enough from 15 s, a shot."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 23000020, 0)
    (shot,) = shots_between(spec, 7835.0, 7850.0)
    assert abs(shot[0] - 7841.0) < 2.5
