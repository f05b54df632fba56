"""A reading of the pump after the heater read whole alone shows it had not stopped.

Two readings that agree at the run's peak less the pump's step read the
heater whole without the pump, and the floor's run ends at the first of
them (``_under_peak``). A reading of the pump's level between them shows
the pump on after the first: that one was a heater's partial reading
beside the pump, and the pair starts anew from the next. Dev 27000019
every 2 s: a 24.1 s shot (7413.4-7437.5 s) of a 152 W rotary pump under
a 1,222 W heater, read 1,374.6 W at its peak (7423.3 s), 1,239.3 W with
the heater 94 % on (7427.3 s), the pump alone at 160.4 W (7429.3 s) and
1,251.7 W again (7437.3 s): the run ended at 7427.3 s, a 14.0 s flush.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import mid_floor_run
from .sim_replay import corpus_spec, retried_shots


def _after_peak() -> PumpDetector:
    """A floor's run of a 152 W pump, read at its peak, then at the peak less the pump."""
    det = mid_floor_run(
        152.0,
        period=2.0,
        base=8.0,
        opened=7414.3,
        first=7415.3,
        hits=(7415.3, 7417.3, 7421.3),
        last_watts=158.8,
    )
    assert det._floor_reading(7423.3, 1374.6) is None  # the heater whole and the pump
    assert det._floor_reading(7425.3, 159.9) is None
    assert det._floor_reading(7427.3, 1239.3) is None  # the peak less the pump's step
    return det


def test_the_heater_whole_alone_twice_ends_the_run_at_the_first() -> None:
    # Ended at 7427.3 s: 10.2 s sure, 15 s at most, withheld at the bound.
    det = _after_peak()
    assert det._floor_reading(7429.3, 1251.7) is None
    assert det._floor.start is None


def test_a_reading_of_the_pump_between_them_starts_the_pair_anew() -> None:
    det = _after_peak()
    assert det._floor_reading(7429.3, 160.4) is None  # the pump alone
    assert det._floor_reading(7431.3, 1251.7) is None  # the first of a new pair
    assert det._floor.start is not None
    run = det._floor_reading(7433.3, 1248.0)
    assert run is not None
    assert 7429.3 < run.ended < 7431.3


def test_a_24_1_s_shot_read_alone_between_two_heater_readings_is_counted() -> None:
    spec = corpus_spec("pid_slow", "periodic_2", 27000019)
    assert len(retried_shots(spec, 7413.4, 7437.5)) == 1
