"""A heater's rise from the standby holding a vibratory pump part way up its ramp waits for the ramp's rest.

Read every second or on change, a vibratory pump starting a second after a
heater came on may hold a level part way up its ramp: the rise is the
heater and 0.3 to 0.75 of the pump's step, which neither the heater alone
nor the heater and the pump explain, and the rest comes seconds later as a
small rise nothing explains either: the run was never opened, and the
pump's stop inside the heater's level was a fall with no run (dev seed
26,000,022 on change, a heat exchanger's 58 W pump calibrated 62 W beside
its 1,473 W heater: 4.4 W, then 581.6, 1,471.1, 1,506.9, 1,512.4 W, then
1,536.9, 1,527.1 W; a 34.1 s shot lost). Held as a ramp's part, the rise
merges with its rest into the heater's and the pump's rise.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import (
    BASE,
    HEATER,
    idle_heater_cycles,
    periodic,
    run_all,
    with_recorded,
)
from .sim_replay import corpus_spec, retried_shots

PUMP = 56.0
ON = BASE + HEATER


def _runs(part: float) -> list[tuple[float, float]]:
    """Heater cycles read every second (the heater's size learnt), then the
    heater on from 640.6 to 660.4 s and the pump from 641.2 to 670.3 s, its
    first readings recorded: the heater's partial reading, the heater whole,
    then ``part`` of the pump's step held two readings, then its whole step.
    (The heater's fall inside the shot leaves no heater's cycle for the
    pump's fall to look back through.)"""
    power = [*idle_heater_cycles(52.3, 4), (640.6, 660.4, HEATER), (641.2, 670.3, PUMP)]
    rows = periodic(power, 760.0, noise=1.0, volts=230.0)
    first = [BASE + 0.4 * HEATER, ON + 7.0, ON + part * PUMP, ON + part * PUMP + 1.5]
    rows = with_recorded(rows, 641.0, [*first, ON + PUMP], 230.0)
    runs = run_all(PumpDetector(PUMP), rows, 760.0)
    return [(r.started, r.ended) for r in runs if r.started > 600.0]


def test_a_heater_rise_with_the_pump_part_way_up_its_ramp_opens_the_run() -> None:
    """The heater and 0.55 of the pump's step held two readings, then the rest: a 29 s shot."""
    runs = _runs(0.55)
    assert len(runs) == 1
    started, ended = runs[0]
    assert 640.0 < started < 644.0
    assert ended == pytest.approx(670.3, abs=0.6)


def test_the_shot_on_change_is_read() -> None:
    """Dev seed 26,000,022 on change: the 34.1 s shot at 11,210.1-11,244.2 s, lost before."""
    spec = corpus_spec("heat_exchanger", "on_change", 26000022)
    shots = retried_shots(spec, 11210.1, 11244.2)
    assert len(shots) == 1
    assert shots[0][1] == pytest.approx(11244.2, abs=0.5)
