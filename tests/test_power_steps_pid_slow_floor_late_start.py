"""A floor's run whose pump was first read late counts from that reading, if read often after.

The floor's run starts at its first reading over the standby; a PID at
full output (after a heat-up, or a shot's cold water) may hide the pump's
start among its heater's readings for longer than ``_FLOOR_LATE``. The
readings from the pump's first still show the run: it counts from that
reading (through the second it averages), when the pump then shows every
``_FLOOR_LATE`` at most, all along: the heater that hid the start may hide
a pause between two flushes too (``_shown_often``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .sim_replay import corpus_spec, retried_runs, retried_shots

_PUMP = 152.3
_OPENED = 10395.3  # the floor's run's first reading over the standby


def _detector(alone: list[float]) -> PumpDetector:
    """The floor's run among a slow PID's pulses, the pump read alone at ``alone`` (every 2 s)."""
    det = PumpDetector(_PUMP)
    det._gap = det._period = 2.0
    det._base = 7.5
    det._pulses, det._pulse_at = 1.0, alone[-1]  # a slow PID's pulses lately
    floor = det._floor
    floor.base, floor.at = 7.5, alone[-1]
    floor.low = floor.before = _OPENED - 2.0
    floor.start = floor.first = _OPENED
    for at in alone:
        floor.hits.append(at)
        floor.levels.append(_PUMP + 1.0)
    floor.pulses = 8
    floor.last, floor.last_at = 1226.0, alone[-1] + 2.0
    return det


def test_a_run_whose_pump_was_first_read_10_s_in_counts_from_that_reading() -> None:
    # Read alone 10 s after the run's first reading over the standby (the
    # heater's readings before it), then every 4 s for 20 s.
    det = _detector([10405.3, 10409.3, 10413.3, 10417.3, 10421.3, 10425.3])
    run = det._floor_reading(10429.3, 7.4)
    assert run is not None
    assert (run.started, run.ended) == (10404.3, 0.5 * (10425.3 + 10429.3))


def test_a_run_first_read_late_with_10_s_unread_in_it_is_withheld() -> None:
    # The pump unread for 10 s in the run: a pause between two flushes may
    # hide there, under the heater that hid the start.
    det = _detector([10405.3, 10407.3, 10417.3, 10421.3, 10425.3])
    assert det._floor_reading(10429.3, 7.4) is None


def test_a_shot_begun_under_a_heater_held_whole_is_read() -> None:
    # Dev seed 27000019 every 2 s: a 30.8 s shot (10400.5-10431.3 s) of a
    # 152 W rotary pump under a 1,226 W heater held whole since a heat-up;
    # the pump first read with the heater whole 10 s into the floor's run.
    spec = corpus_spec("pid_slow", "periodic_2", 27000019)
    assert len(retried_shots(spec, 10400.5, 10431.3)) == 1


def test_two_flushes_under_a_heater_are_no_shot() -> None:
    # Regression seed 7000027 every 2 s: flushes of 6.5 s (9241.8 s) and
    # 5.4 s (9254.4 s), the pump read at 9244.0, 9246.0, 9256.0 and 9260.0 s
    # only: the pause between them hid in the 10 s unread.
    spec = corpus_spec("pid_slow", "periodic_2", 7000027)
    runs = retried_runs(spec, 9300.0)
    assert not [(a, b) for a, b in runs if 9235.0 < a < 9265.0 and b - a >= 15.0]
