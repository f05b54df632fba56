"""A heater's fall and the pump's stop in one 5 s reading at the pump's level.

The one partial reading of the fall reads as the pump alone to the
interval's end, or as the heater's tail after the pump stopped: the
stop's date is a guess across the interval, and a run whose kind hangs
on it is withheld (``_tail_at_pump``, ``_kind_unsure``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_a_pulse_ending_in_a_heaters_tail_is_no_shot() -> None:
    """A thermostat's 11.2 s backflush pulse from 9613.5 over its heater
    read 1271, 1313, 1318, then 67 (the heater's tail after the pump's
    stop, at the 57 W pump's level), 4: no shot from 9610 to 9635 (read
    15.8 s before)."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 26000036, 1)
    runs = retried_runs(spec, 9800.0)
    assert [r for r in runs if 9605.0 < r[0] < 9635.0 and r[1] - r[0] >= 15.0] == []
