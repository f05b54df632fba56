"""A floor's run read every 2 s is sure for its readings' span and their stamps' lateness.

Readings come a whole number of intervals apart, each stamped a little
late (``_STAMP_LATE`` of an interval): read every 2 s, the pump read whole
from a reading (through the second it averages) to one seven intervals
later ran 15 s at least, and its stamps may read 14.96-14.99 s.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import mid_floor_run
from .sim_replay import corpus_spec, retried_shots

_PUMP = 57.7
_OPENED = 2899.04  # the floor's run's first reading over the standby (a pulse's)


def _detector(period: float, last: float) -> PumpDetector:
    """The pump read alone from 2901.03 s to ``last``, read every ``period`` s."""
    return mid_floor_run(
        _PUMP,
        period=period,
        base=6.9,
        opened=_OPENED,
        first=_OPENED,
        hits=(2901.03, 2905.04, 2909.02, last),
        last_watts=680.0,
    )


def test_a_run_read_whole_for_15_s_every_2_s_is_counted() -> None:
    det = _detector(2.0, 2915.02)  # seven intervals less 0.01 s of stamps
    run = det._floor_reading(2919.04, 6.9)
    assert run is not None
    assert run.started == _OPENED


def test_a_run_read_whole_for_11_s_every_2_s_is_withheld() -> None:
    # Five intervals: 11 s sure, 17 s at most. (Sure for 13 s, its pump
    # shown every 4 s, it passed the bound: ``_past_bound``.)
    det = _detector(2.0, 2911.02)
    assert det._floor_reading(2915.04, 6.9) is None


def test_a_run_read_every_second_counts_its_stamps_only() -> None:
    # Every second the rule stands aside (a flush misread on change).
    det = _detector(1.0, 2915.02)
    assert det._floor_reading(2917.04, 6.9) is None


def test_a_shot_read_whole_for_15_s_every_2_s_is_counted() -> None:
    # Dev seed 23000042 every 2 s: a 19.7 s shot (2896.65-2916.35 s), its
    # pump read from 2901.03 s (a second before) to 2915.02 s.
    spec = corpus_spec("pid_slow", "periodic_2", 23000042)
    assert len(retried_shots(spec, 2896.65, 2916.35)) == 1
