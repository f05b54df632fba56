"""Two readings of a slow PID's heater alone, apart, end the floor's run.

A heater only adds: with the pump running, a reading at the known heater
alone is a pulse's partial reading over the pump's, at that level by
chance; two agreeing, with no reading of the pump between, read the heater
whole without it (``_heater_apart``). Every 2 s, two flushes 24 s apart,
the heater alone read three times between them (never twice in a row),
were read as one 33 s shot.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import runs_across_two_flushes


def test_two_flushes_with_the_heater_alone_between_are_no_shot() -> None:
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 6000019, 0).generate()
    near = runs_across_two_flushes(trace, 8370.0, 8400.0, 8470.0)
    assert not any(is_shot(b - a) for a, b in near), near
