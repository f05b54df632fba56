"""A shot read every 5 s with a heater switching inside: a pause there would cost nothing.

An energy meter's 5 s averages of a shot whose heater switched in its
middle fit a pause of the pump beside the heater's switching as well as the
pump on throughout: the decoder's pause guard (two flushes, a backflush's
pulses) refused such shots. A run with no other near it, whose every cheap
pause leaves two parts of 7 s or more (no flush), is a shot; two flushes
with a pause between still leave a part too short and are no shot.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot, shots_between


def test_a_shot_with_a_heater_switching_inside_is_counted() -> None:
    """Heat exchanger, vibratory pump: the shot from 11700.9 to 11724.1
    (the heater switched in its middle) is read as one shot."""
    trace = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_5", 21000012, 1, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 11700.9, slack=5.0)


def test_another_such_shot_is_counted() -> None:
    """Heat exchanger, vibratory pump: the shot from 3475.4 to 3493.4."""
    trace = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_5", 21000028, 0, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 3475.4, slack=5.0)


def test_two_flushes_with_a_pause_beside_the_heater_are_no_shot() -> None:
    """Heat exchanger, rotary pump: two flushes from 4265 and 4276 (to
    4283), the heater's rise between them: no shot."""
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 20000013, 0, calibration_runs=1
    )
    assert shots_between(trace.generate(), 4255.0, 4290.0) == []
