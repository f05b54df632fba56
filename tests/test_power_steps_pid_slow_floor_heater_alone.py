"""Two flushes read by the floor stay two: the heater read alone between them.

The readings' floor among a slow PID's pulses ends a run at a reading below
the pump's step. A pause between two flushes may fall among the heater's
pulses and never read so low; but the heater's level held without the
pump (a known heater's, nearer it than it and the pump) shows the pump off
as well.
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_runs


def test_the_heater_held_alone_between_two_flushes_parts_them() -> None:
    # A 40 W vibratory pump, read every 2 s: flushes of 5.6 s and 4.8 s,
    # the 11 s pause between them read as the heater's pulses only.
    trace = TraceSpec("pid_slow", "vibratory", "periodic_2", 21000050, 0).generate()
    runs = true_step_runs(trace, 1300.0)
    flushes = [t for t in trace.runs if 1250.0 < t.started < 1275.0]
    assert [t.kind for t in flushes] == ["flush", "flush"]
    assert not [(a, b) for a, b in runs if a < 1275.0 and b > 1250.0 and is_shot(b - a)]
