"""A shot read on change whose heater came and went with the pump, in one edge each way.

A heat exchanger's pressurestat switches its heater on as the shot's cold
water reaches the boiler and off as the shot ends: read on change, the
heater and the pump may switch inside one reading's second at both ends,
and each edge is split into the heater's known size and the pump's step.
With volts a heater's rise and its fall sum to zero to a few watts, each
the pump's full step beyond it (``_heater_cycle``): the pump ran between.
On change only when the plug read the level between twice (a level held
by silence alone may be a partial reading whose follow-up was lost).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import assert_one_shot


def test_a_heater_and_a_rotary_pump_cycling_together_read_on_change_is_a_shot() -> None:
    """Seed 23,000,063 on change (rotary pump 148 W, calibrated 148 W, with
    volts): the 25.4 s shot at 9,298 s reads 4, 710, 1,542 W (the heater's
    1,390 W and the pump), a dozen readings at that level, then 1,098, 4 W;
    the heater's rise and fall agree to 3 W. Before, no reading of the pump
    alone at either end: no shot."""
    trace = TraceSpec("heat_exchanger", "rotary", "on_change", 23000063, 1).generate()
    assert_one_shot(trace, 9298.06)


def test_a_heater_and_a_vibratory_pump_cycling_together_read_on_change_is_a_shot() -> (
    None
):
    """Seed 24,000,030 on change (vibratory pump 65 W, calibrated 63 W): the
    30.0 s shot at 12,541 s reads 7, 1,120, 1,388 ... 1,411, 975, 7 W."""
    trace = TraceSpec(
        "heat_exchanger", "vibratory", "on_change", 24000030, 1
    ).generate()
    assert_one_shot(trace, 12541.07)
