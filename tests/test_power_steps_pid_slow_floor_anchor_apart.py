"""The floor's run starts anew at a slow PID's heater read alone apart, before the pump.

A PID holding its heater on nine tenths of the time (cold water drawn in)
hides the standby the floor starts from, and seldom reads its heater whole
twice in a row (``_heater_alone``). A heater only adds: two readings agreeing
at its level alone, apart in the floor's run and before any reading of the
pump (``_heater_apart``), read it whole without the pump, and the run read by
the heater whole with the pump starts after them. Dev 22000006 on change: an
18.0 s shot whose floor had been anchored 13 s before it, its pump read too
late (``_read_late``), was read by nothing.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.records import _Heater

from .sim_replay import corpus_spec, retried_shots

# Dev seed 22000006 on change: a 67.7 W pump, a 1,277 W heater learnt by the
# edges over a 6.2 W standby; the floor's run anchored at 10676.05 s, then the
# heater's readings (at, W, the reading before), the pump not yet on.
_ANCHORED = 10676.05
_READINGS = [
    (10682.05, 607.6, 1285.5),
    (10683.04, 1280.1, 607.6),  # the heater alone, between partial readings
    (10684.03, 874.5, 1280.1),
    (10686.02, 1283.7, 874.5),  # the heater alone again: it agrees with 10683.04
]


def _detector() -> PumpDetector:
    det = PumpDetector(67.7)
    heater = _Heater(1277.0, 3.0)
    heater.weight = 3.0
    det._heaters.append(heater)
    det._base = 6.2
    floor = det._floor
    floor.start = floor.before = floor.first = _ANCHORED
    return det


def test_two_readings_of_the_heater_alone_apart_start_the_run_anew() -> None:
    det = _detector()
    anchored = [at for at, w, last in _READINGS if det._anchor_at_heater(at, w, last)]
    assert anchored == [10686.02]
    assert det._floor.start == det._floor.first == 10686.02


def test_not_once_the_pump_was_read() -> None:
    # After a reading of the pump, the heater alone apart ends the run
    # (``_heater_apart`` in ``_floor_reading``): it does not start it anew.
    det = _detector()
    det._floor.hits.append(10677.0)
    assert not [at for at, w, last in _READINGS if det._anchor_at_heater(at, w, last)]
    assert det._floor.start == _ANCHORED


def test_an_18_s_shot_under_a_heater_held_on_is_read() -> None:
    spec = corpus_spec("pid_slow", "on_change", 22000006)
    assert len(retried_shots(spec, 10689.01, 10707.01)) == 1
