"""A long shot's floor run is not ended by a pulse's partial reading read as the heater alone.

Two readings agreeing at a known heater's level without the pump end the
floor's run (``_heater_alone``, ``_heater_apart``); the learnt heater's
level is read to the live noise's tolerance. A heater only adds up to its
own size: read whole with the pump in the run (``floor.whole``), less the
pump's step, it is the most the heater alone reads (``_whole_in_run``),
and two readings past it hold part of the pump (``_past_heater_whole``),
even when the heater was not read whole before the run (``_ceiling``).
A reading that repeats the one before exactly is a stale meter's, not a
second reading: it ends no run (``_floor_reading``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.records import _Heater

from .sim_replay import corpus_spec, retried_shots

_PUMP = 125.1


def _detector(whole: float) -> PumpDetector:
    """A floor's run of the pump read alone, and with the heater whole at ``whole`` W three times."""
    det = PumpDetector(_PUMP)
    det._gap = det._period = 1.0
    det._vref2 = 230.0 * 230.0
    det._v_last = 230.0
    det._base = 3.9
    det._tol_lv = 31.3  # the live noise's
    heater = _Heater(1304.4, 3.6)  # learnt by the edges
    heater.weight = 10.0
    det._heaters.append(heater)
    det._pulses, det._pulse_at = 1.0, 3159.0  # a slow PID's pulses lately
    floor = det._floor
    floor.base, floor.at = 3.9, 3159.0
    floor.low = floor.before = 3104.0
    floor.start, floor.first = 3104.0, 3105.0
    for at in (3106.0, 3108.0, 3113.0, 3126.0, 3138.0, 3144.0):
        floor.hits.append(at)
        floor.levels.append(123.0)
    for at in (3146.0, 3152.0, 3159.0):
        floor.tops.append((at, whole, 230.0))
        floor.whole.append(at)
    floor.pulses = 12
    floor.last, floor.last_at = whole, 3159.0
    return det


def test_readings_past_the_heater_whole_in_the_run_do_not_end_it() -> None:
    # Dev seed 20000025 every second: the heater read whole with the pump
    # at 1,430-1,440 W all through a 96.8 s shot, so alone at 1,305 W at
    # most; 1,347.5 W and 1,340.0 W agree near the learnt heater's
    # 1,304 W (to 58 W), 38 W past it: a pulse's partial readings over
    # the pump. No reading of the heater whole came before the run.
    det = _detector(1432.0)
    assert det._ceiling() is None
    assert det._floor_reading(3160.0, 1347.5) is None
    assert det._floor_reading(3161.0, 1340.0) is None
    assert det._floor.start is not None


def test_readings_at_the_heater_whole_in_the_run_end_it() -> None:
    # The heater read whole with the pump at 1,475 W: 1,347.5 W and
    # 1,340.0 W are it alone, and the run ended by the first of them.
    det = _detector(1475.0)
    assert det._floor_reading(3160.0, 1347.5) is None
    run = det._floor_reading(3161.0, 1340.0)
    assert det._floor.start is None
    assert run is not None
    assert run.ended == 0.5 * (3159.0 + 3160.0)


def test_a_long_shot_read_past_the_heater_whole_is_dated_to_its_end() -> None:
    # Dev seed 20000025 every second: a 96.8 s shot (3105.5-3202.2 s),
    # read 3104.0-3159.5 s before (1,347.5 W read twice, 3160.0 and
    # 3161.0 s, ended it).
    spec = corpus_spec("pid_slow", "periodic_1", 20000025)
    ((started, ended),) = retried_shots(spec, 3105.5, 3202.2)
    assert abs(started - 3105.5) <= 2.0
    assert abs(ended - 3202.2) <= 2.0


def test_a_stale_repeat_is_not_a_second_reading_of_the_heater_alone() -> None:
    # Dev seed 21000009 every second: a pulse's partial reading at the
    # heater's level, repeated exactly by the meter, is one reading; the
    # next one agreeing with it ends the run.
    det = _detector(1432.0)
    assert det._floor_reading(3160.0, 1300.0) is None
    assert det._floor_reading(3161.0, 1300.0) is None
    open_from = det._floor.start
    assert open_from is not None
    run = det._floor_reading(3162.0, 1298.0)
    assert det._floor.start is None
    assert run is not None
    assert run.ended == 0.5 * (3159.0 + 3161.0)


def test_a_long_shot_whose_partial_reading_repeated_is_dated_to_its_end() -> None:
    # Dev seed 21000009 every second: a 94.6 s shot (9094.7-9189.3 s),
    # read 9094.4-9127.5 s before (1,322.9 W at 9128.02 s, repeated at
    # 9129.02 s, ended it).
    spec = corpus_spec("pid_slow", "periodic_1", 21000009)
    ((started, ended),) = retried_shots(spec, 9094.7, 9189.3)
    assert abs(started - 9094.7) <= 3.0
    assert abs(ended - 9189.3) <= 3.0
