"""A run decided after the next one, wholly before it, is still counted.

A pump runs once at a time: a run decided over one decided before is a
second reading of the same readings and is not counted (``_once``).
A run that ended before the last one started is no such reading, whenever
it is decided: a flush whose stop hid in a heater's rise is decided at that
heater's fall, after a shot run on the heater's level was (thermostat dev
seed 23000062 on change, 119 V: a 5.3 s flush to 3,432.2 s, the 1,140 W
heater on at its stop, a shot 3,445.0-3,473.4 s, the heater's fall at
3,479 s). Only overlapping runs are dropped: the flush is read.
"""

from __future__ import annotations

from simulator.espresso import generate

from .sim_replay import true_step_runs


def test_a_flush_decided_after_the_next_shot_is_read() -> None:
    trace = generate(
        "thermostat", "vibratory", "on_change", seed=23000062, shots=10, days=2
    )
    runs = [(a, b) for a, b in true_step_runs(trace, 3600.0) if 3380.0 < a < 3500.0]
    expected = [(3427.2, 3432.2), (3445.2, 3473.4)]
    assert len(runs) == len(expected), runs
    for (a, b), (started, ended) in zip(sorted(runs), expected, strict=True):
        assert abs(a - started) <= 1.0, runs
        assert abs(b - ended) <= 1.0, runs
