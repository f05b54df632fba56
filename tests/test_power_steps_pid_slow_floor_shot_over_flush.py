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

Inside it up to the reading that showed it off (``_Floor.off_by``): the
floor's run ends halfway from its last reading of the pump to that one, a
guess; the edges may date the stop at that reading, after the floor's end.
Dev 26000043 every 2 s: a 15.1 s shot (3980.6-3995.7 s), held by the floor
3980.4-3996.4 s (off at 3997.4 s), cut to a 14.0 s flush 3983.4-3997.4 s.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import mid_floor_run
from .sim_replay import corpus_spec, retried_shots

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


def _decided_off_at(off_at: float) -> tuple[PumpDetector, DetectedRun]:
    """A floor's run of a 160 W pump read alone every 4 s, shown off at ``off_at``."""
    det = mid_floor_run(
        160.0,
        period=2.0,
        base=6.0,
        opened=4306.0,
        first=4306.0,
        hits=(4308.0, 4312.0, 4316.0, 4320.0),
        last_watts=900.0,
    )
    held = det._floor_reading(off_at, 6.0)
    assert held is not None
    return det, held


def test_an_edges_flush_stopped_at_the_floors_off_reading_is_inside_it() -> None:
    # Shown off at 4324.0 s: the floor's run ends at 4322.0 s (halfway from
    # its last reading of the pump), the edges' at the off reading itself.
    det, held = _decided_off_at(4324.0)
    assert held.ended == 4322.0
    cut = DetectedRun(4310.0, 4324.0, 160.0)
    assert det._shot_over_flush(held, cut, [cut])


def test_an_edges_run_stopped_after_the_floors_off_reading_stands() -> None:
    det, held = _decided_off_at(4324.0)
    later = DetectedRun(4310.0, 4324.5, 160.0)
    assert not det._shot_over_flush(held, later, [later])


def test_a_15_1_s_shot_the_edges_dated_to_stop_a_second_later_is_counted() -> None:
    # Dev seed 26000043 every 2 s: a 15.1 s shot (3980.6-3995.7 s) of a
    # 172 W rotary pump, the floor's 3980.4-3996.4 s (shown off at
    # 3997.4 s), the edges' 14.0 s flush 3983.4-3997.4 s.
    spec = corpus_spec("pid_slow", "periodic_2", 26000043)
    assert len(retried_shots(spec, 3980.6, 3995.7)) == 1
