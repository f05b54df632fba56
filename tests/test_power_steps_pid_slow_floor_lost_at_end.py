"""A reading lost after the floor's run's last reading of the pump does not part it.

After a pulse's partial reading, silence is a reading lost (``_floor_lost``):
the pump may have paused unread, and the floor cannot tell two runs from one.
When the reading after the silence ends the run (below the pump's step), any
pause lies after the run's last reading of the pump: it ran that long at
least, and no longer than from the reading before it to this one. Dev
21000031 on change: a 26.0 s shot, its pump read alone from 5099.03 to
5121.01 s, the pump's stop in a heater's partial reading at 5125.01 s
(1216.9 W), the next reading lost, then 55.0 W at 5131.02 s: read by nothing.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .sim_replay import corpus_spec, retried_shots

_PUMP = 187.2


def _detector() -> PumpDetector:
    """The floor's run of the shot as it stood at 5125.01 s (a 5.5 W standby)."""
    det = PumpDetector(_PUMP)
    det._gap = det._period = 1.0
    det._base = 5.5
    det._pulses, det._pulse_at = 1.0, 5125.01  # a slow PID's pulses lately
    floor = det._floor
    floor.base, floor.at = 5.5, 5125.01
    floor.low = floor.before = 5091.03
    floor.start, floor.first = 5097.04, 5098.04
    for at, rest in [
        (5099.03, 176.9),
        (5100.02, 187.8),
        (5110.05, 188.5),
        (5121.01, 185.6),
    ]:
        floor.hits.append(at)
        floor.levels.append(rest)
    floor.whole += [5108.00, 5116.01]
    floor.pulses = 8
    floor.last, floor.last_at = 1216.9, 5125.01
    return det


def test_a_reading_lost_before_the_runs_end_leaves_the_run() -> None:
    det = _detector()
    run = det._floor_reading(5131.02, 55.0)
    assert run is not None
    assert (run.started, run.ended) == (5097.04, 0.5 * (5121.01 + 5131.02))


def test_a_reading_lost_inside_the_run_still_parts_it() -> None:
    # Over the pump's step after the silence: a pause may hide in it.
    det = _detector()
    assert det._floor_reading(5131.02, 600.0) is None
    assert det._floor.start is None


def test_a_26_s_shot_whose_stop_hid_in_a_lost_reading_is_read() -> None:
    spec = corpus_spec("pid_slow", "on_change", 21000031)
    assert len(retried_shots(spec, 5098.41, 5124.44)) == 1
