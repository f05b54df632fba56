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

from .sim_replay import calibrated_runs


def test_two_flushes_with_the_heater_alone_between_are_no_shot() -> None:
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 6000019, 0).generate()
    flushes = [r for r in trace.runs if 8370.0 < r.started < 8400.0]
    assert [r.kind for r in flushes] == ["flush", "flush"]
    runs = calibrated_runs(trace, 8470.0)
    first, second = flushes
    near = [(a, b) for a, b in runs if a < second.ended and b > first.started]
    assert not any(is_shot(b - a) for a, b in near), near
