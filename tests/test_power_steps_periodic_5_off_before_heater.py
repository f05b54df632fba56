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


def test_a_dip_under_the_runs_own_step_before_a_heater_is_no_shot() -> None:
    """Regression seed 6,000,044 read every 5 s (heater 1269 W, vibratory pump
    55.8 W, calibrated 51.1 W): the standby, 39, 61, 48 (the 12.8 s run at
    5431.1-5443.9 stopped), 782 (the heater's rise), its pulse, the standby.
    The stop hid in the rise and the heater's fall proved it there: a 19.0 s
    shot. The dip is a sixth short of the run's own 57 W over the standby,
    a seventh only of the calibrated step: no shot there."""
    spec = TraceSpec("heat_exchanger", "vibratory", "periodic_5", 6000044, 0)
    runs = retried_runs(spec, 5600.0)
    assert [(a, b) for a, b in runs if 5420.0 < a < 5460.0 and b - a >= 15.0] == []


def test_a_rotary_pumps_inrush_is_no_step_to_dip_from() -> None:
    """Dev seed 29,000,045 read every 5 s (heater 1332 W, rotary pump 125 W,
    calibrated 119.8 W): the standby, 177 (the inrush), 128, then the heater's
    rise, 1,445 W: the 20.7 s shot at 4725.5-4746.2 ran on, still read."""
    spec = TraceSpec("heat_exchanger", "rotary", "periodic_5", 29000045, 1)
    runs = retried_runs(spec, 4800.0)
    assert [round(b - a) for a, b in runs if 4715.0 < a < 4735.0] == [27]
