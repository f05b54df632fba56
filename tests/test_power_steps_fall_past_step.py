"""A vibratory pump's stop over a heater that came on in its run, past what the pump explains, ends the run.

A vibratory pump draws more as the shot builds pressure, and its calibration
may read it low: its stop over a heater that came on during the run falls
up to half again its step, which nothing explained, and the run was dropped
(dev seed 26,000,018 every 2 s, a heat exchanger's 44 W pump calibrated
38.6 W: 2.4 W, the pump alone 38.7, 44.3 ... 46.3 W, the 1,470 W heater on,
1,492 W, then 1,464.1, 1,449.3 W, a 49 W fall; a 23.0 s shot lost). The run
rose by the pump alone and the fall leaves the heater's level: the pump's
stop.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import HEATER, idle_heater_cycles, periodic, run_all
from .sim_replay import corpus_spec, retried_shots

PUMP = 44.0


def _runs(extra: float) -> list[tuple[float, float]]:
    """Heater cycles read every 2 s (the heater's size learnt), then the pump
    alone from 640.3 s, the heater on at 650.5 s, the pump drawing ``extra``
    more from 652 s (its pressure built), its stop at 667.3 s, the heater on
    to 690.4 s."""
    power = [
        *idle_heater_cycles(52.3, 4),
        (640.3, 667.3, PUMP),
        (652.0, 667.3, extra),
        (650.5, 690.4, HEATER),
    ]
    rows = periodic(power, 760.0, every=2.0, noise=1.0, volts=230.0)
    runs = run_all(PumpDetector(PUMP), rows, 760.0)
    return [(r.started, r.ended) for r in runs if r.started > 600.0]


def test_a_fall_of_1_3_steps_to_the_heater_level_ends_the_run() -> None:
    """The pump's 44 W step, its stop 57 W over the heater: a 27 s shot."""
    runs = _runs(13.0)
    assert len(runs) == 1
    started, ended = runs[0]
    assert started == pytest.approx(640.3, abs=1.0)
    assert ended == pytest.approx(667.3, abs=1.0)


def test_the_shot_every_2_s_is_read() -> None:
    """Dev seed 26,000,018 every 2 s: the 23.0 s shot at 4,941.6-4,964.6 s, lost before."""
    spec = corpus_spec("heat_exchanger", "periodic_2", 26000018)
    shots = retried_shots(spec, 4941.6, 4964.6)
    assert len(shots) == 1
    assert shots[0][1] == pytest.approx(4964.6, abs=1.0)
