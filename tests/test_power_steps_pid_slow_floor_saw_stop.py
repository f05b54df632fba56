"""A run of the edges' held past the stop the floor read under it is the floor's.

Among a slow PID's pulses the edges may hold a run until a reading falls
near the standby, which a heater held on after a shot seldom lets one read;
the floor reads the stop by the reading that showed the pump off
(``_Floor.off_by``). When the edges' run starts with the floor's, stops at
that reading or after it, and is of the floor's kind, the floor's run is
counted instead (``_floor_saw_stop``), among a PID's pulses only. Dev seed 20000042 every 2 s: a 32.2 s
shot (3684.9-3717.2 s) of a 61 W vibratory pump; the floor held
3686.6-3717.6 s, sure for 24.2 s, shown off at 3729.6 s (the heater alone
twice, apart); the edges read 3685.6-3761.6 s.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .sim_replay import corpus_spec, retried_runs

_PUMP_W = 61.2
_FLOOR_RUN = DetectedRun(3686.6, 3717.6, _PUMP_W)
_OFF_BY = 3729.6
_EDGES_RUN = DetectedRun(3685.6, 3761.6, _PUMP_W)


def _held(sure: float = 24.2, run: DetectedRun = _FLOOR_RUN) -> PumpDetector:
    """A detector whose floor holds ``run``, sure for ``sure`` s, shown off at ``_OFF_BY``.

    A slow PID's pulses came lately.
    """
    det = PumpDetector(_PUMP_W)
    det._pulses, det._pulse_at = 1.0, 3759.6
    det._floor.held = run
    det._floor.sure = sure
    det._floor.off_by = _OFF_BY
    return det


def test_the_floors_stop_dates_an_edges_run_held_past_it() -> None:
    det = _held()
    assert det._floor_runs([_EDGES_RUN], None, None) == [_FLOOR_RUN]
    assert det._floor.held is None


def test_without_a_pids_pulses_the_edges_run_stands() -> None:
    # A heater held on through the run (a heat exchanger's): the edges read
    # its levels, and date the stop better than the floor.
    det = _held()
    det._pulses = 0.0
    assert det._floor_runs([_EDGES_RUN], None, None) == [_EDGES_RUN]


def test_an_edges_run_stopped_before_the_off_reading_stands() -> None:
    # Between the floor's last reading of the pump and the one that showed
    # it off: the edges may have read the stop itself.
    det = _held()
    earlier = DetectedRun(3685.6, 3725.0, _PUMP_W)
    assert det._floor_runs([earlier], None, None) == [earlier]


def test_an_edges_run_of_another_kind_stands() -> None:
    # The floor sure of a 14 s flush only: its stop leaves the edges' shot.
    flush = DetectedRun(3686.6, 3700.0, _PUMP_W)
    det = _held(14.0, flush)
    det._floor.off_by = 3702.0
    assert det._floor_runs([_EDGES_RUN], None, None) == [_EDGES_RUN]


def test_an_edges_run_started_apart_stands() -> None:
    det = _held()
    later = DetectedRun(3693.0, 3761.6, _PUMP_W)
    assert det._floor_runs([later], None, None) == [later]


def test_two_runs_of_the_edges_over_it_stand() -> None:
    det = _held()
    first = DetectedRun(3685.6, 3700.0, _PUMP_W)
    second = DetectedRun(3704.0, 3761.6, _PUMP_W)
    assert det._floor_runs([first, second], None, None) == [first, second]


def test_the_32_2_s_shot_is_dated_by_the_floor() -> None:
    # Read to the edges' stop (3761.6 s) and past it.
    spec = corpus_spec("pid_slow", "periodic_2", 20000042)
    runs = retried_runs(spec, 3800.0)
    ((started, ended),) = [(a, b) for a, b in runs if a < 3717.2 and b > 3684.9]
    assert abs(started - 3684.9) < 2.0
    assert abs(ended - 3717.2) < 1.0
