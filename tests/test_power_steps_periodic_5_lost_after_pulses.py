"""A run read every 5 s with a reading lost in it, after a backflush's pulses.

A backflush's pause shorter than two intervals leaves one partial reading
between two pulses; when the plug drops that reading, the two pulses read as
one run of a shot's length. After two pulses or more read back before it
(past a heater's readings), such a run is withheld.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_runs, shots_in


def retried_shots(
    spec: TraceSpec, start: float, end: float
) -> list[tuple[float, float]]:
    """The shot-long runs read (calibrated as the bench does) from ``start`` to ``end``."""
    return shots_in(retried_runs(spec, end + 200.0), start, end)


def test_two_pulses_with_the_pause_reading_lost_are_no_shot() -> None:
    """A heat exchanger's pulses of 9.0 and 9.3 s from 12912.2, one of 7.4 s
    over the heater's cycle, then two of 11.2 and 8.5 s 4.5 s apart from
    12958.6, the pause's reading (12975) lost: no shot from 12960."""
    spec = TraceSpec("heat_exchanger", "rotary", "periodic_5", 22000021, 1)
    assert retried_shots(spec, 12950.0, 12990.0) == []


def test_a_shot_with_a_reading_lost_after_heater_partials_stands() -> None:
    """A heat exchanger's shot from 11207.3 (29.7 s), a reading lost in it;
    before it lone readings at the pump's level beside the heater's cycles
    (its partial ones), no pulses: the shot stands."""
    spec = TraceSpec("heat_exchanger", "rotary", "periodic_5", 25000029, 0)
    assert len(retried_shots(spec, 11200.0, 11215.0)) == 1
