"""A heat exchanger's shot read every 5 s, its heater on and off with the pump: no second heater.

An energy meter's 5 s averages of a shot whose heater came on as the pump
started and went off as it stopped show one rise and one fall of the same
size, the heater's and the pump's step: a cycle, learnt as a second heater
of that sum, which then explained later shots away (the heater and the pump
read as that heater alone). Beside a heater seen alone often, a cycle of
its size and the pump's step is not learnt as another heater.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_shot_after_heater_and_pump_cycles_is_counted() -> None:
    """Heat exchanger, rotary pump: the shot from 5098.2 to 5120.4 is read."""
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 21000053, 0, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 5098.2, slack=5.0)


def test_a_later_such_shot_is_counted() -> None:
    """Heat exchanger, rotary pump: the shot from 11426.1 to 11445.6 is read."""
    trace = TraceSpec(
        "heat_exchanger", "rotary", "periodic_5", 21000053, 0, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 11426.1, slack=5.0)
