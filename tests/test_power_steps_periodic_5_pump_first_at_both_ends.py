"""A dual boiler's shot read every 5 s, the brew heater on and off inside it, the heater's size moved.

The brew heater comes on a few seconds into a shot and goes off a few seconds
after it. Read every 5 s, the level of both stands no learnt heater's and the
pump's step over the standby when the mains moved the heater since it was
learnt (dev seed 21,000,012: the brew heater learnt at 959 W, read at
1,041 W beside a 59 W pump). Each end reads two switchings, a pump-sized one
first: the standby, the pump alone, the heater's rise in part, the level, the
pump's stop in part, the heater's fall in part, the standby
(``_pump_first_at_both_ends``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import Row, dual_boiler_heaters, periodic, run_all

VIBRATORY = 59.0
BREW = 955.0
STEAM = 1265.0
MOVED = 1040.0
"""The brew heater during the shot: the mains moved it 9 % over its learnt size."""


def runs_of(readings: list[float]) -> list[DetectedRun]:
    """Each heater alone from the standby first (both sizes learnt), then ``readings`` from 900 s, every 5 s."""
    learnt = periodic(dual_boiler_heaters(STEAM, BREW), 895.0, every=5.0, noise=0.3)
    after = [*readings, *[5.0] * 30]
    rows: list[Row] = [(900.0 + 5.0 * i, w, None) for i, w in enumerate(after)]
    return run_all(PumpDetector(VIBRATORY), [*learnt, *rows], until=1100.0)


def test_a_shot_around_the_brew_heater_is_counted() -> None:
    """Dev seed 21,000,012's readings: 19, 64, 337, 1,117, 1,105, 1,105, 1,061, 827, 5 W."""
    runs = runs_of([5.0, 19.0, 64.0, 337.0, 1117.0, 1105.0, 1105.0, 1061.0, 827.0])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(904.0, abs=2.5)
    assert runs[0].duration == pytest.approx(27.8, abs=2.5)


def test_the_brew_heater_alone_after_a_mains_dip_is_no_run() -> None:
    """The same level and fall, no pump read at the rise: 5, 5, 5, 337, ... W."""
    readings = [5.0, 5.0, 5.0, 337.0, 1117.0, 1105.0, 1105.0, 1061.0, 827.0]
    assert runs_of(readings) == []


def test_a_flush_ended_before_the_brew_heater_is_no_run() -> None:
    """40, 17 W (a flush's stop, no whole step of the pump), then the same level and fall."""
    readings = [5.0, 40.0, 17.0, 337.0, 1117.0, 1105.0, 1105.0, 1061.0, 827.0]
    assert runs_of(readings) == []


def test_a_shot_over_moved_heaters_read_by_the_simulated_plug() -> None:
    """The pump from 902.0 to 932.5 s, the heater 8 % over its learnt size from 911.5 to 937 s."""
    power = [(902.0, 932.5, VIBRATORY), (911.5, 937.0, MOVED)]
    rows = periodic([*dual_boiler_heaters(STEAM, BREW), *power], 1100.0, every=5.0)
    runs = run_all(PumpDetector(VIBRATORY), rows, until=1100.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(902.0, abs=2.5)
    assert runs[0].duration == pytest.approx(30.5, abs=2.5)
