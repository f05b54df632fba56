"""A shot read every 5 s after a load the decoder does not know: the readings after it, alone.

A dual boiler whose steam heater is not learnt yet holds its level for
minutes before a shot: the decoder, which explains readings by the standby,
the known heaters and the pump, gave up on the whole stretch. The readings
after the last it leaves unexplained are decoded alone (their own check
that every reading is explained still holds).
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power import decoder

from .sim_replay import assert_one_shot


def test_a_shot_after_an_unknown_heater_is_counted() -> None:
    """Dual boiler, vibratory pump, the steam heater (1255 W) not learnt:
    it goes off at 14280, the shot runs from 14286.4 to 14327.9 beside the
    brew heater: one shot (its end read from a stale repeat, 5.3 s late)."""
    trace = TraceSpec(
        "dual_boiler", "vibratory", "periodic_5", 24000012, 1, calibration_runs=1
    )
    assert_one_shot(trace.generate(), 14286.4, slack=6.0)


def test_readings_a_known_load_never_explains_give_no_run() -> None:
    """An unknown 700 W load throughout, the pump's step on top: nothing decoded."""
    times = [5.0 * i for i in range(1, 21)]
    watts = [700.0] * 6 + [745.0] * 6 + [700.0] * 8
    wanted = decoder.Wanted(
        margin=30.0, paused=10.0, near=2, part=7.0, shortest=15.0, longest=120.0
    )
    found = decoder.decode(
        times, watts, base=5.0, heaters=[1200.0], pump=45.0, period=5.0, wanted=wanted
    )
    assert found == []
