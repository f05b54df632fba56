"""A heat exchanger read every 5 s: a pulse's stop under a heater's pulse.

A heater only adds to the pump's level, so a reading short of the pump's
step and under the one before, followed by a heater's, shows the pump off
for part of its interval: a backflush's pulse and the next, their pause
under the heater's pulse, are no shot (``_off_before_heater``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_pulse_stopped_before_a_heater_pulse_is_no_shot() -> None:
    """Seed 24,000,021 read every 5 s (heater 1421 W, rotary pump 162 W,
    calibrated 154 W): the standby, 127, 114 (the pulse at 13551.4-13558.5
    stopped), 1043, 819 (the heater's pulse at 13561.2-13567.9), 169, 116
    (the next pulse at 13569.9-13578.6), the standby. It read
    13550.1-13580.1, a 30 s shot, before; no shot there."""
    spec = TraceSpec("heat_exchanger", "rotary", "periodic_5", 24000021, 1)
    runs = retried_runs(spec, 13700.0)
    assert [(a, b) for a, b in runs if 13540.0 < a < 13590.0 and b - a >= 15.0] == []
