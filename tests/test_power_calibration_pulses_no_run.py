"""Calibration: two idle pulses of a slow PID alike, the standby between them, are no run.

A pump only adds to the level it left, so a reading back at that level ends
a run. Fresh seed 89,000,030 (slow PID, vibratory 45.8 W, plug on change):
4 s before the pump started, two of the heater's idle pulses read 271 and
240 W over the standby, with a reading at the standby between them, and
``_plateau`` took them for the pump alone and saved 239.6 W (the standby's
noise stood for the pulses', and no floor was read to check it). Measured
from the readings of the pump alone, the step is 44.7 W.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api


def test_a_slow_pids_idle_pulses_are_not_saved_as_the_pump() -> None:
    trace = TraceSpec("pid_slow", "vibratory", "on_change", 89000030, 1).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.05)
