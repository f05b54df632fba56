"""Readings of the heater whole and the pump count toward those that show the floor's run.

The floor's run needs three readings that show the pump: a heater's
partial reading may hit the pump's level alone by chance, three agreeing
seldom. A heater only adds up to its own size: a reading past the heater
read whole alone by the pump's step is the heater and the pump, which no
heater's partial reading reads by chance (``_over_not_whole``). A slow
PID's heater held long in a shot leaves the pump alone few readings.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .sim_replay import corpus_spec, retried_shots

_PUMP = 60.5
_HEATER = 1069.0  # read whole alone before the run (over the standby)
_OPENED = 4923.6  # the floor's run's first reading over the standby


def _detector(tops: list[float]) -> PumpDetector:
    """A floor's run read every 2 s: the pump alone once, then ``tops`` (W) every 6 s."""
    det = PumpDetector(_PUMP)
    det._gap = det._period = 2.0
    det._vref2 = 230.0 * 230.0
    det._v_last = 230.0
    det._base = 5.0
    det._pulses, det._pulse_at = 1.0, 4950.0  # a slow PID's pulses lately
    floor = det._floor
    floor.base, floor.at = 5.0, 4951.6
    for at in (4700.0, 4760.0, 4820.0, 4880.0):  # the heater whole, alike
        det._note_heat(at, _HEATER)
    floor.low = floor.before = _OPENED - 2.0
    floor.start = floor.first = _OPENED
    floor.hits.append(4927.6)
    floor.levels.append(_PUMP)
    floor.tops = [(4929.6 + 6.0 * i, w, 230.0) for i, w in enumerate(tops)]
    floor.pulses = 12
    floor.last, floor.last_at = 700.0, 4951.6
    return det


def test_a_run_read_alone_once_and_with_the_heater_whole_after_is_read() -> None:
    # The heater whole and the pump (1,128 W over a 1,069 W heater) four
    # times after the one reading of the pump alone.
    det = _detector([5.0 + _HEATER + _PUMP - 1.0] * 4)
    run = det._floor_reading(4953.6, 5.0)
    assert run is not None
    assert (run.started, run.ended) == (_OPENED, 0.5 * (4947.6 + 4953.6))


def test_a_heaters_partial_readings_over_the_pumps_level_show_nothing() -> None:
    # The same run with the heater read in part only: the one reading of
    # the pump's level may be a pulse's sliver.
    det = _detector([700.0, 850.0, 610.0, 920.0])
    assert det._floor_reading(4953.6, 5.0) is None


def test_a_shot_read_alone_once_under_a_held_heater_is_counted() -> None:
    # Dev seed 26000042 every 2 s: a 28.6 s shot (4921.3-4949.9 s) of a
    # 60 W pump, read alone once (4927.58 s) and with the heater whole five
    # times (1,124.8-1,128.1 W), 1,074.5 W the heater alone after it.
    spec = corpus_spec("pid_slow", "periodic_2", 26000042)
    assert len(retried_shots(spec, 4921.3, 4949.9)) == 1
