"""A backflush's pulses over a heater's cycle, read every 5 s: the level dips by the pump's step.

The heater and the pump read as one level, the pauses between pulses as
partial readings below it by most of the pump's step: a shot over a
heater holds its level. Three such dips in a run are pulses: no run
(``_dips_in_run``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_pulses_over_a_heater_dipping_by_the_pump_are_no_shot() -> None:
    """A thermostat's five pulses from 11501.1 over its heater's cycle read
    823, 1138, 1019, 1127, 1138, 1038, 1078, 1137, 1032, 1114, 1090, 996,
    1125, 1147, 616 (a rotary pump of 143 W over a heater of 1009 W): no
    shot from 11500 to 11580 (read 69.2 s before)."""
    spec = TraceSpec("thermostat", "rotary", "periodic_5", 26000021, 1)
    runs = retried_runs(spec, 11700.0)
    assert [r for r in runs if 11495.0 < r[0] < 11580.0 and r[1] - r[0] >= 15.0] == []
