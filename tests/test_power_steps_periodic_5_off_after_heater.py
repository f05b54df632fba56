"""A thermostat read every 5 s: a pulse's stop in the heater's rise.

A heater's rise leaves one partial reading; while the pump runs, the
reading after it holds the heater and the pump's whole step. One short
of the level after it by half the step or more shows the pump off for
part of its interval: a backflush's pulse and the next, their pause in
the heater's rise, are no shot (``_off_after_heater``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs


def test_pulse_stopped_in_a_heater_rise_is_no_shot() -> None:
    """Seed 7,000,012 read every 5 s (heater 1221 W, vibratory pump 63 W,
    calibrated 61 W), over the standby: 39 (the pulse at 12176.3-12182.7),
    329 (the heater's rise at 12183.8), 1220 (the next pulse from 12188.4),
    1275, 1264, then 1212 (the heater alone). It read 12176.7-12200.1, a
    23.4 s shot, before; no shot there."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 7000012, 1)
    runs = retried_runs(spec, 12300.0)
    assert [(a, b) for a, b in runs if 12170.0 < a < 12210.0 and b - a >= 15.0] == []
