"""A heater whose edges stray a little past a tenth of a small pump's step still reads whole with it.

The floor reads a reading at the one heater's size and the pump's step (to
a quarter of the step) as both whole (``_whole_with_pump``). The heater's
own readings stray from its size by about its edges' deviation: three of
those short of the window's lower side, the heater alone never reaches it.
A 41 W pump's tenth is 4.1 W, about the meter's noise on a 1 kW heater.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.records import _Heater

from .sim_replay import corpus_spec, retried_shots

_PUMP = 41.0
_BASE = 5.2
_HEATER = 992.1  # learnt by the edges, at 230 V


def _detector(dev: float) -> PumpDetector:
    """A floor's run every 2 s: the pump read alone three times, a heater learnt with ``dev``."""
    det = PumpDetector(_PUMP)
    det._gap = det._period = 2.0
    det._vref2 = 230.0 * 230.0
    det._v_last = 230.0
    det._base = _BASE
    heater = _Heater(_HEATER, dev)
    heater.weight = 10.0
    det._heaters.append(heater)
    det._pulses, det._pulse_at = 1.0, 6857.0  # a slow PID's pulses lately
    floor = det._floor
    floor.base, floor.at = _BASE, 6857.0
    floor.low = floor.before = 6845.0
    floor.start, floor.first = 6846.4, 6847.0
    for at in (6849.0, 6851.0, 6855.0):
        floor.hits.append(at)
        floor.levels.append(_PUMP + 0.5)
    floor.pulses = 4
    floor.last, floor.last_at = 685.0, 6859.0
    return det


def _run_after_heater_and_pump(dev: float, watts: float) -> bool:
    """Whether a reading at ``watts`` 8 s after the last of the pump alone makes the run a shot."""
    det = _detector(dev)
    assert det._floor_reading(6861.0, 89.7) is None
    assert det._floor_reading(6863.0, watts) is None
    run = det._floor_reading(6865.0, _BASE)
    return run is not None and run.ended - run.started >= 15.0


def test_a_heater_straying_a_ninth_of_the_step_reads_whole_with_the_pump() -> None:
    # Dev seed 29000026 every 2 s: the heater learnt at 992.1 W, its edges
    # straying 4.4 W (0.107 of the pump's step); 1,036.2 W at 6863.0 s is
    # it and the pump, which ran 15 s at least.
    assert _run_after_heater_and_pump(4.4, _BASE + _HEATER + _PUMP - 2.0)


def test_the_heater_alone_strayed_three_times_its_deviation_shows_no_pump() -> None:
    # The same heater read alone, 13 W over its size: no pump in it, and the
    # run's kind hangs on its stop, withheld.
    assert not _run_after_heater_and_pump(4.4, _BASE + _HEATER + 3.0 * 4.4)


def test_a_heater_straying_past_a_quarter_of_the_step_reads_nothing() -> None:
    # Its edges stray as far as the window's half width: its size is no guide.
    assert not _run_after_heater_and_pump(10.5, _BASE + _HEATER + _PUMP - 2.0)


def test_a_shot_read_with_the_heater_whole_at_its_end_is_counted() -> None:
    # Dev seed 29000026 every 2 s: an 18.0 s shot (6846.0-6864.0 s) of a
    # 41 W pump, read alone at 6849.0-6855.0 s, withheld as 7.2-20.0 s long.
    spec = corpus_spec("pid_slow", "periodic_2", 29000026)
    assert len(retried_shots(spec, 6846.0, 6864.0)) == 1
