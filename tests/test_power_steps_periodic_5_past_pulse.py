"""A run read every 5 s from past a heater's pulse: its start is unread.

A dual boiler's brew heater came on between two backflush pulses and went
off as the next pulse started: the readings after the last one of the
heater whole hold its fall and the pump's start in one interval, and the
run is dated from that last reading, the earliest it may have started.
The start may lie anywhere in the interval after it: when a bound of the
run's kinds lies within it, the run is withheld (``_kind_unsure``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_a_pulse_started_in_a_heaters_fall_is_no_shot() -> None:
    """A 10.7 s pulse from 16844.0 reads 1013 (the heater whole), 106 (its
    fall and the pump's start), 59, 57, 8: dated from 16840.0 it read
    15.0 s; no shot from 16835 to 16860."""
    spec = TraceSpec("dual_boiler", "vibratory", "periodic_5", 24000060, 1)
    runs = retried_runs(spec, 17000.0)
    assert [r for r in runs if 16835.0 < r[0] < 16860.0 and r[1] - r[0] >= 15.0] == []
