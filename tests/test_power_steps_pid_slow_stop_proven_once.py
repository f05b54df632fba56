"""A run whose stop a heater's fall proved is closed: no later rise ends it again.

Read every second or two among a slow PID's pulses, a heater's rise during
a run that fits the pump stopping inside it and running on waits for the
heater's fall (``_unsure_stop``), the run left open. A fall that is the
rise and the pump's step proves the stop and counts the run; the run must
end there too, or the next such rise (another run's, after the standby
read between) proves a second stop of the same run, counted again from
its start.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import retried_runs


def test_two_flushes_apart_are_no_shot() -> None:
    # Two flushes of a 138 W rotary pump read every 2 s, 2280.3+2.7 s and
    # 2300.9+4.1 s, the standby read twice between them (2289, 2291 s):
    # the first read as 2281-2285 s, then again as a 26 s shot from 2281 s
    # to the heater's rise after the second (dev seed 25000003).
    spec = TraceSpec("pid_slow", "rotary", "periodic_2", 25000003, 1)
    runs = retried_runs(spec, 2330.0)
    near = [(a, b) for a, b in runs if a < 2305.0 and b > 2280.0]
    assert not any(is_shot(b - a) for a, b in near), near
