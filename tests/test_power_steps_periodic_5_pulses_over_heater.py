"""A thermostat read every 5 s: a backflush's pulses over the heater's level.

A run after two pulses a pause of 20 s or less apart is a backflush's
pulse (``_after_pulse_series``). Pulses over a heater's cycle read as that
heater's level and the pump's step over it, their pauses as the heater
alone: when the run rose from a known heater's level, the series is read
back over that level (``_pulses_floor``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_pulse_after_two_pulses_over_the_heater_is_no_shot() -> None:
    """Seed 26,000,021 read every 5 s (heater 1009 W, rotary pump 143 W,
    calibrated 144 W), over the standby: the heater 1017, 1121, 1092 (the
    pulse at 10897.0-10902.6), 1027, 1070, 1146 (10914.0-10919.3), 1023,
    then 1135, 1136, 1089, 1162 (the pulses at 10926.6-10934.0 and
    10938.2-10948.7, their pause in two partial readings of a third of the
    step). It read 10925.1-10947.5, a 22.4 s shot, before; no shot there."""
    spec = TraceSpec("thermostat", "rotary", "periodic_5", 26000021, 1)
    runs = retried_runs(spec, 11000.0)
    assert [(a, b) for a, b in runs if 10890.0 < a < 10960.0 and b - a >= 15.0] == []
