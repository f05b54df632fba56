"""A thermostat read every 5 s: the heater's fall and the pump's stop in one reading.

The reading between the heater and the pump's level and the standby holds
both switchings: the pump stopped between the date both stopping at once
gives and the interval's end (or, short of the pump's share, earlier).
When a bound of ``kind_bounds`` lies between, the run's kind is a guess:
withheld (``_shared_stop_unsure``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_short_shot_stopping_with_the_heater_is_withheld() -> None:
    """Seed 22,000,005 read every 5 s (heater 1353 W, rotary pump 134 W,
    calibrated 132 W): the heater 1350 (over the standby), 1413 (the pump's
    start at 10978.0), 1475, 1485, then 461 (the heater off at 10991.5, the
    pump at 10992.7: a 14.7 s shot), the standby. It read 10977.6-10995.0,
    a 17.5 s shot, before; the stop lies between 10991.6 and 10995.0
    (14.0-17.5 s): no shot there."""
    spec = TraceSpec("thermostat", "rotary", "periodic_5", 22000005, 0)
    runs = retried_runs(spec, 11100.0)
    assert [(a, b) for a, b in runs if 10970.0 < a < 10990.0 and b - a >= 15.0] == []
