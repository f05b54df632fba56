"""Readings a step over the heater read alone, apart, date the floor's run.

Where two readings apart agree at a slow PID's heater alone and end the
floor's run (``_heater_apart``), a reading of the run past that level by
the pump's step is the heater whole with the pump (``_note_over_alone``):
the pump ran until then at least. Every second on regression seed 9000048
(a vibratory pump), a 35.1 s shot from 1,475.4 s is read 1,474.0-1,511.5 s
only so (its pump's level not read alone early enough otherwise: lost),
and a 29.7 s shot from 1,790.0 s is read to 1,820.5 s (to 1,815.0 s
otherwise).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import true_step_runs


def test_the_heater_whole_with_the_pump_dates_the_shots() -> None:
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 9000048, 1).generate()
    shots = [t for t in trace.runs if 1400.0 < t.started < 1900.0 and t.kind == "shot"]
    assert [round(t.started) for t in shots] == [1475, 1790]
    runs = [(a, b) for a, b in true_step_runs(trace, 2000.0) if 1400.0 < a < 1900.0]
    expected = [(1475.4, 1510.5), (1790.0, 1819.7)]
    assert len(runs) == len(expected), runs
    for (a, b), (started, ended) in zip(runs, expected, strict=True):
        assert abs(a - started) <= 2.0, runs
        assert abs(b - ended) <= 2.0, runs
