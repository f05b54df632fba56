"""A dual boiler's shot read every 5 s, the brew heater on in it and still on after the pump's stop.

Cold water reaching the brew boiler switches its heater on during a shot,
and it stays on after the pump stops. Read every 5 s: the standby, the rise,
a level of the heater and the pump, at most one partial reading of the
pump's stop, then the heater alone a pump's whole step under the level
(``_heater_on_after_stop``): read at its second reading, or back from the
standby's second once it fell. A steam heater of about the brew heater and
the pump handing over to the brew heater reads the same step: never counted
where the level is a known heater's alone, nor, while one heater only is
known, where the rise shows no reading of the pump alone (regression seed
8,000,021: its steam heater not learnt yet, 1,127, 1,153 W held, 1,006, then
the brew heater's 950 W, a false shot).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import (
    Row,
    dual_boiler_heaters,
    idle_heater_cycles,
    periodic,
    run_all,
)
from .sim_replay import corpus_spec, retried_shots

ROTARY = 133.0
BREW = 960.0
STEAM = 1360.0
STANDBY = 3.0


def runs_of(
    readings: list[float],
    heaters: list[tuple[float, float, float]] | None = None,
    *,
    pump: float = ROTARY,
    standby: float = STANDBY,
) -> list[DetectedRun]:
    """Each heater alone from the standby first (both sizes learnt), then ``readings`` from 900 s, every 5 s."""
    pieces = dual_boiler_heaters(STEAM, BREW) if heaters is None else heaters
    learnt = periodic([(0.0, 895.0, standby), *pieces], 895.0, every=5.0, noise=0.3)
    after = [*readings, *[standby] * 30]
    rows: list[Row] = [(900.0 + 5.0 * i, w, None) for i, w in enumerate(after)]
    return run_all(PumpDetector(pump), [*learnt, *rows], until=1200.0)


def test_the_heater_held_on_after_the_stop_shows_the_shot() -> None:
    """Dev seed 20,000,013 (a 19.1 s shot): 3, 838, 1,071, 1,068, 1,044, then 943, 942 W held."""
    readings = [STANDBY, STANDBY, 838.0, 1071.0, 1068.0, 1044.0, *[943.0] * 8]
    runs = runs_of(readings)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(907.5, abs=1.5)
    assert runs[0].duration == pytest.approx(18.5, abs=1.5)


def test_a_simulated_shot_read_back_from_the_heater_s_fall_is_counted() -> None:
    """Regression seed 6,000,037 (a 120 W rotary pump): the standby, 96 (the pump), 479,
    1,217, 1,215, 1,211 W, the pump's stop in part (1,170 W), the brew heater alone
    (1,096 W), its fall in part (314 W), the standby: the shot of 5,261.9-5,287.9 s."""
    spec = corpus_spec("dual_boiler", "periodic_5", 6000037)
    (shot,) = retried_shots(spec, 5255.0, 5295.0)
    assert shot[0] == pytest.approx(5261.9, abs=3.5)
    assert shot[1] == pytest.approx(5287.9, abs=2.5)


def test_the_steam_heater_handing_over_to_the_brew_heater_is_no_run() -> None:
    """A steam heater of the brew heater and the pump (1,093 W) alone, then the brew heater."""
    steam = BREW + ROTARY
    heaters = dual_boiler_heaters(steam, BREW)
    readings = [STANDBY, STANDBY, 838.0, 1096.0, 1095.0, 1075.0, *[963.0] * 8]
    assert runs_of(readings, heaters) == []


def test_one_heater_known_and_the_pump_alone_at_the_rise_is_a_shot() -> None:
    """The steam heater not learnt yet: a first reading of the pump alone (90 W) shows the shot."""
    heaters = idle_heater_cycles(412.5, 3, BREW)
    readings = [STANDBY, 90.0, 1060.0, 1086.0, 1088.0, 1086.0, 1087.0, 1010.0]
    runs = runs_of(readings + [953.0] * 8, heaters)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(901.9, abs=2.5)
    assert runs[0].duration == pytest.approx(27.5, abs=2.5)
