"""A shot the floor read whole is counted over a flush the edges cut from it.

The floor decides a run only when its readings place it on one side of
every kind bound, and it waits while the edges follow a run; a run of the
edges' over it is counted instead. Inside the floor's run, one run of the
edges' shorter than a bound the floor's run is sure to pass read the
pump's first or last seconds as a heater's pulse: the floor's run is the
whole of it (``_shot_over_flush``). Regression seed 5000010 every 2 s: a
25.5 s shot (6301.8-6327.3 s) of a 54 W vibratory pump, read alone at
57 W among the heater's pulses from 6309.6 s to 6325.6 s; the floor held
6304.6-6324.6 s, sure for 17 s, and the edges cut it to a 14.0 s flush.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

_PUMP_W = 53.8
_FLOOR_RUN = DetectedRun(6304.6, 6324.6, _PUMP_W)
_EDGES_RUN = DetectedRun(6309.6, 6323.6, _PUMP_W)


def _held(sure: float) -> PumpDetector:
    """A detector whose floor holds ``_FLOOR_RUN``, sure for ``sure`` seconds."""
    det = PumpDetector(_PUMP_W)
    det._floor.held = _FLOOR_RUN
    det._floor.sure = sure
    return det


def test_the_floors_shot_is_counted_over_the_edges_flush_inside_it() -> None:
    det = _held(17.0)
    assert det._floor_runs([_EDGES_RUN], None, None) == [_FLOOR_RUN]
    assert det._floor.held is None
    # Counted once: a later run of the edges' over it is dropped.
    assert det._floor_runs([DetectedRun(6320.0, 6324.0, _PUMP_W)], None, None) == []


def test_a_floor_run_not_sure_of_a_shot_gives_way_to_the_edges() -> None:
    # Sure of 14 s only (a flush the floor read long, its longest under 15 s):
    # the edges' run stands, as before.
    det = _held(14.0)
    assert det._floor_runs([_EDGES_RUN], None, None) == [_EDGES_RUN]


def test_two_runs_of_the_edges_inside_it_stand() -> None:
    # The edges read a pause the floor did not: two flushes, not one shot.
    det = _held(17.0)
    first = DetectedRun(6304.8, 6311.0, _PUMP_W)
    second = DetectedRun(6315.0, 6323.6, _PUMP_W)
    assert det._floor_runs([first, second], None, None) == [first, second]


def test_an_edges_run_reaching_past_the_floors_stands() -> None:
    det = _held(17.0)
    longer = DetectedRun(6309.6, 6330.0, _PUMP_W)
    assert det._floor_runs([longer], None, None) == [longer]
