"""A reading a pump's step over the heater read whole before the run shows the pump on.

A heater only adds up to its own size: a slow PID's pulses longer than a
reading read it whole again and again, the top of its readings, alike
(``_ceiling``); a pulse's partial readings scatter under it. In the floor's
run, a reading past that size (at its own volts) by the pump's step is the
heater and the pump whole: the pump ran then (``_note_over_ceiling``),
which dates the run. A slow PID's heater, whose pulses seldom hold a level,
is seldom learnt by the edges (``_whole_with_pump``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .sim_replay import corpus_spec, retried_shots

# Dev seed 26000030 on change: a 47 W vibratory pump, the heater's readings
# alone in the ten minutes before a 23.1 s shot (at, W, V; the standby
# under them), and the readings of the shot a pulse over the pump's level.
_HEATER_WHOLE = [
    (3606.01, 1028.1, 230.8, 7.12),
    (3631.04, 1023.9, 230.5, 7.38),
    (3644.01, 1023.9, 230.7, 6.92),
    (3665.01, 1026.9, 230.5, 7.02),
    (3668.03, 1030.0, 230.6, 7.05),
    (3675.02, 1026.9, 230.6, 7.17),
]
_PARTIAL = [(3700.02, 990.3, 231.0, 6.9), (3720.01, 808.2, 230.8, 6.9)]
_TOPS = [
    (3864.05, 534.1, 230.5),
    (3868.04, 1058.0, 231.0),  # the heater's partial reading and the pump
    (3875.01, 1073.1, 230.6),
    (3879.05, 1068.5, 230.6),
    (3882.04, 1078.0, 230.7),
]


def _detector(heats: list[tuple[float, float, float, float]]) -> PumpDetector:
    det = PumpDetector(46.9)
    det._vref2 = 232.6 * 232.6
    floor = det._floor
    for at, watts, volts, base in heats:
        det._v_last = volts
        det._note_heat(at, watts - base)
    floor.first = 3861.02
    floor.base = 7.68
    floor.tops = list(_TOPS)
    return det


def test_readings_past_the_heater_whole_by_the_pumps_step_show_it_on() -> None:
    det = _detector(_HEATER_WHOLE + _PARTIAL)
    det._note_over_ceiling()
    assert det._floor.over == [3875.01, 3879.05, 3882.04]


def test_a_top_read_alike_under_three_times_is_no_heater_whole() -> None:
    # Read whole twice only: a pulse's partial readings may agree at their
    # top by chance, and a size read from them could be one short of the
    # heater by the pump's step.
    det = _detector(_PARTIAL + _HEATER_WHOLE[:2])
    assert det._ceiling() is None
    det._note_over_ceiling()
    assert det._floor.over == []


def test_a_reading_over_the_heater_and_the_pump_shows_a_second_heater() -> None:
    # A dual boiler's two heaters on together read over the top of one and
    # the pump: a second heater's share read in part over the first may
    # land at the pump's step (dev 27000050 every 2 s: 2399.3 W, then
    # 1411.0 W in the brew heater's fall to the steam heater's 1364 W).
    det = _detector(_HEATER_WHOLE + _PARTIAL)
    det._floor.tops.append((3884.03, 2399.3, 229.8))
    det._note_over_ceiling()
    assert det._floor.over == []


def test_a_heaters_reading_in_a_run_with_the_pump_is_not_kept() -> None:
    det = _detector([])
    floor = det._floor
    floor.start = 3861.0
    floor.hits.append(3863.04)
    det._v_last = 230.7
    det._note_heat(3882.04, 1070.3)
    assert not floor.heats


def test_a_23_s_shot_read_on_change_is_dated_past_the_bound() -> None:
    # A 23.1 s shot (3860.16-3883.25 s): its readings of the pump alone
    # from 3863.0 to 3877.0 s, sure for 14.96 s and withheld at the 15 s
    # bound; 1078.0 W at 3882.04 s is the heater whole and the pump.
    spec = corpus_spec("pid_slow", "on_change", 26000030)
    assert len(retried_shots(spec, 3860.16, 3883.25)) == 1
