"""Two readings past the heater read whole do not end the floor's run as the heater alone.

Two readings agreeing at a known heater's level without the pump end the
floor's run (``_heater_alone``, ``_heater_apart``); the learnt heater's
level is read to the live noise's tolerance. A heater only adds up to its
own size (``_ceiling``): past it by more than a reading of it strays, the
readings hold part of the pump (``_past_heater_whole``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.records import _Heater

from .sim_replay import corpus_spec, retried_shots

_PUMP = 197.1


def _detector(heater_whole: float) -> PumpDetector:
    """A floor's run of the pump read alone four times, the heater read ``heater_whole`` before."""
    det = PumpDetector(_PUMP)
    det._gap = det._period = 2.0
    det._vref2 = 230.0 * 230.0
    det._v_last = 230.0
    det._base = 3.6
    det._tol_lv = 49.3  # the live noise's
    heater = _Heater(1037.6, 3.4)  # learnt by the edges
    heater.weight = 20.0
    det._heaters.append(heater)
    det._pulses, det._pulse_at = 1.0, 10139.7  # a slow PID's pulses lately
    floor = det._floor
    floor.base, floor.at = 3.2, 10139.7
    for at in (9700.0, 9800.0, 9900.0, 10000.0):
        det._note_heat(at, heater_whole)
    floor.low = floor.before = 10129.7
    floor.start = floor.first = 10131.7
    for at in (10131.7, 10133.7, 10137.7, 10139.7):
        floor.hits.append(at)
        floor.levels.append(194.0)
    floor.pulses = 3
    floor.last, floor.last_at = 197.7, 10139.7
    return det


def test_readings_past_the_heater_whole_do_not_end_the_run() -> None:
    # Dev seed 29000019 every 2 s: 1,078.4 W and 1,068.1 W agree near the
    # learnt heater's 1,038 W, 54 W and 44 W past the heater read whole
    # (1,021 W) before the run: a pulse's partial readings over the pump.
    det = _detector(1021.0)
    assert det._floor_reading(10141.7, 1078.4) is None
    assert det._floor_reading(10143.7, 1068.1) is None
    assert det._floor.start is not None


def test_readings_at_the_heater_whole_end_the_run() -> None:
    # The heater read whole at 1,066 W before: the two readings are it
    # alone, and the run (a flush) ended by the first of them.
    det = _detector(1066.0)
    assert det._floor_reading(10141.7, 1078.4) is None
    run = det._floor_reading(10143.7, 1068.1)
    assert det._floor.start is None
    assert run is not None
    assert run.ended == 0.5 * (10139.7 + 10141.7)


def test_a_shot_whose_pulse_read_near_the_heater_is_counted() -> None:
    # Dev seed 29000019 every 2 s: an 18.0 s shot (10129.9-10147.9 s), the
    # pump read alone again at 10145.66 and 10147.68 s.
    spec = corpus_spec("pid_slow", "periodic_2", 29000019)
    assert len(retried_shots(spec, 10129.9, 10147.9)) == 1
