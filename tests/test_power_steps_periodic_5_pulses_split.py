"""A heat exchanger read every 5 s: a backflush's pulses read as one excursion.

Two pulses a pause of less than two intervals apart leave no reading at
the standby: read back before a run, they are one excursion at the
pump's level whose partial reading of the pause dips below both
neighbours. Split there, they are two pulses, and the run after them a
backflush's pulse and a heater's cycle, no shot (``_after_pulse_series``,
``_pulses_of``), though a heater's readings end the series read back.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_pulses_split_at_their_pause_make_a_series() -> None:
    """Seed 76,000,036 read every 5 s (heater 1467 W learnt, vibratory pump
    51 W, calibrated 54 W): the heater's cycle 545, 1448, 1448, then 52, 19,
    41, 54, 27 (pulses at 12373.9-12381.5 and 12385.6-12397.4), the standby,
    50, 55 (a pulse from 12409.3), the heater's cycle 1101, 1450, 305 with
    the next pulse in it, 37, the standby. It read 12410.3-12438.5, a 28 s
    shot, before; no shot there."""
    spec = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_5", 76000036, 1, calibration_runs=1
    )
    runs = retried_runs(spec, 12600.0)
    assert [(a, b) for a, b in runs if 12400.0 < a < 12450.0 and b - a >= 15.0] == []
