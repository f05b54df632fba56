"""A vibratory pump's ramp read before a heater's rise in one edge dates the start.

Cold water drawn by a shot switches a heater on a few seconds after the
pump: read every 2 s (the mean of the last second), the pump's level
holds a reading or two only, and its rise and the heater's are one edge.
The pump's first partial reading, before the heater's, holds less than
its share of the interval (the pump ramps up from half its step): dated by
that share the start came late by up to a second, and shots of 15-17 s
read under 15 s, or near it and withheld (dev seed 21,000,042, a dual
boiler's 54 W pump: 3.7, 28.9, 54.0, then 924.7 W, a 16.0 s shot read
14.7 s). Once rises showed the pump ramping, such a start is dated over
the ramp as a start from the standby is (``_ramp_start``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import feed_all
from .sim_replay import corpus_spec, retried_shots
from .test_power_steps_ramp_start import PUMP, readings

# Heater cycles (they teach its size and the plug's window), then two runs
# of the pump alone, ramping over 2 s (they show the ramp).
HEATER = [(50.0 + 150.3 * i, 90.0 + 150.37 * i) for i in range(12)]
RUNS = [(2000.5, 2025.5, 2.0), (2120.5, 2140.1, 2.0)]


def test_a_shot_whose_heater_came_on_after_the_ramp_is_dated_over_it() -> None:
    """A 16.0 s shot ramping over 2.5 s, the heater on 4.4 s after the pump
    and off 14 s after it: 4.0, 44.7, 59.0, then 1,059 W. Dated from 44.7 W
    as a clean step, 15.3 s with its stop unseen by half a second: withheld.
    Dated over the ramp, it is counted, its start within 0.3 s."""
    shot = (2240.3, 2256.3, 2.5)
    heater = [*HEATER, (2244.7, 2270.0)]
    rows = readings(2.0, heater, [*RUNS, shot], 2400.0, window=1.0)
    found = feed_all(PumpDetector(PUMP), rows, 2500.0)
    assert len(found) == 3
    last = found[-1]
    assert last.started == pytest.approx(shot[0], abs=0.3)
    assert last.duration >= 15.0


def test_a_dual_boilers_shot_with_its_brew_heater_after_the_ramp_is_counted() -> None:
    # A 16.0 s shot (3178.2-3194.2 s) of a 54 W vibratory pump read every
    # 2 s: 3.7, 28.9, 54.0, then 924.7 W (the brew heater on), the stop
    # beside the heater at 3194.3 s; read 14.7 s before (dev seed 21000042).
    spec = corpus_spec("dual_boiler", "periodic_2", 21000042)
    assert len(retried_shots(spec, 3178.2, 3194.2)) == 1
