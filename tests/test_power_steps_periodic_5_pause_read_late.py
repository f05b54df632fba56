"""A heat exchanger read every 5 s: two pulses, the last one's reading stamped after its stop.

A pause's reading under half the pump's step between readings of the
pump shows the pump off (``_after_pause``). The last pulse's whole
reading is stamped a few hundredths after the stop dated at its
interval's end: it is the run's, and the pause lies between two of its
readings: no run.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_pause_before_a_reading_stamped_at_the_stop_is_no_shot() -> None:
    """Seed 24,000,045 read every 5 s (heater 1352 W, rotary pump 138 W,
    calibrated 140 W): the standby, 125, 112, 47 (the pause between the
    pulses at 11305.7-11314.1 and 11318.6-11324.9), 135 at 11325.03, the
    standby. It read 11305.1-11325.0, a 20 s shot, before; no shot there."""
    spec = TraceSpec("heat_exchanger", "rotary", "periodic_5", 24000045, 1)
    runs = retried_runs(spec, 11400.0)
    assert [(a, b) for a, b in runs if 11300.0 < a < 11330.0 and b - a >= 15.0] == []
