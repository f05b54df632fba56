"""Every 5 s a heater on for one reading makes no pulse of its edges.

A heat exchanger's pressurestat cycles its heater (1-1.5 kW) for 5-7 s
every minute or so. Read every 5 s, the heater is full on in one reading,
and the readings on each side hold a fraction of a second of it: a
rotary's 185 W pump's size, read with no heater on as sure single pulses
of 3-5 s (bench seed 20,250,407: 151, 1,365, 4 W, then 172, 1,352 W, a
cycle every 65 s). Counted among the pulses before a backflush and in its
rinse pause, they refused three of its backflushes by the quiet rule,
or joined its series as single pulses. A one-reading excursion read clean
beside a lone reading of a heater full on (the reading on that one's
other side read no heater) is the heater's edge (``heater_edge``): noted
as an edge, neither a pulse nor a pulse the quiet rule counts; read weak
there, the heater's cycle, fed as before but not counted either.

Here a heater learned, its cycles every 50 s, each on for 5.35 s across a
reading's end: 48, 1,104, 37 W over a 60 W pump (a pulse of 3.7 s, then
one of 2.75 s), twelve of them in the ten minutes before a backflush of
five pulses with cleaner and five with water, three in its rinse pause.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    heater_edge,
)

from .pulse_traces import readings, recognize, runs_of
from .sim_replay import backflush_days, read_over

EVERY = 5.0
PHASE = 0.3  # the readings' phase: each reading ends at 0.3 + 5 k s
START = 1513.0


def _backflush() -> list[tuple[float, float]]:
    """Five pulses with cleaner, a rinse of 200 s, five with water."""
    cleaner = runs_of([(8, 10)] * 4 + [(8, 200)], START)
    return cleaner + runs_of([(8, 10)] * 4 + [(8, 60)], cleaner[-1][1] + 200)


def _cycles(first: float, last: float) -> list[tuple[float, float]]:
    """The heater's cycles every 50 s: on 0.2 s before a reading's end to 0.15 s past the next's."""
    return [
        (end - 0.2, end + EVERY + 0.15)
        for k in range(200)
        if first <= (end := PHASE + 10 * EVERY * k) <= last
    ]


def _read(
    cycles: list[tuple[float, float]], runs: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The plug's readings: the heater learned (seen alone twice), its cycles, the runs."""
    heaters = [(100.0, 160.0), (300.0, 360.0), *cycles]
    end = max(e for _, e in cycles + runs) + 400
    return readings(runs, every=EVERY, end=end, heaters=heaters, phase=PHASE)


def test_only_one_reading_read_clean_is_the_heaters_edge() -> None:
    assert heater_edge([(900.3, 905.3, 0.73, True)])
    # Two readings: the pump ran 5 s or more.
    assert not heater_edge([(900.3, 905.3, 0.73, True), (905.3, 910.3, 0.4, True)])
    # Read in a heater's band: its cycle, fed weak as before.
    assert not heater_edge([(900.3, 905.3, 0.9, False)])


def test_a_cycles_edges_read_as_the_pump_alone() -> None:
    # The premise: each cycle reads a pump-sized share on each side of the
    # heater's full reading, above the level with no heater on.
    (cycle,) = _cycles(900.0, 901.0)
    reads = dict(_read([cycle], []))
    assert [reads[at] for at in (900.3, 905.3, 910.3)] == [48.0, 1104.0, 37.0]


def test_a_backflush_among_a_pressurestats_cycles() -> None:
    backflush = _backflush()
    before = _cycles(900.0, backflush[0][0] - 30)
    rinse = _cycles(backflush[4][1] + 30, backflush[5][0] - 30)
    assert (len(before), len(rinse)) == (12, 3)
    (found,) = recognize(_read(before + rinse, backflush))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)
    assert (found.weak, found.missed) == (0, 0)


def test_the_cycles_alone_make_no_backflush() -> None:
    # Before, their edges made two: pulses 15 s and 35 s apart (one missed).
    assert recognize(_read(_cycles(900.0, 2400.0), [])) == []


def test_the_bench_seeds_rotary_heat_exchanger() -> None:
    truth, trained = backflush_days(
        "heat_exchanger", "rotary", "periodic_5", 20_250_407
    )
    read = [read_over(trained, s, e) for s, e in truth]
    # Refused before by the quiet rule (at 18,290 s, 33,232 s, 46,522 s):
    # at 33,232 s its heater's cycles read weak beside their lone readings
    # counted too. The ones at 24,898 s and 52,150 s were refused by their
    # single-reading pulses, the rinse pause's among them (``_singles_in``
    # counts only their series' now).
    assert [round(s, -1) for s, _ in truth] == [
        3610.0,
        18290.0,
        24900.0,
        33230.0,
        46520.0,
        52150.0,
    ]
    assert read == [True] * 6


def test_a_deadline_passed_while_an_excursion_waits_closes_the_series() -> None:
    # Third-check seed 162,000,024, a dual boiler's rinse series: its last
    # pulse ended at 55,529 s, a flush's one reading (22 W at 55,545 s),
    # then its brew heater (1,014 W at 55,550 s) held that reading past
    # the series' deadline (55,551 s), and a weak flush read over the
    # heater joined the series and broke it. Silence decides at the
    # reading after the heater's what it would have decided before it.
    truth, trained = backflush_days(
        "dual_boiler", "vibratory", "periodic_5", 162_000_024
    )
    (rinse,) = [(s, e) for s, e in truth if 54_900 < s < 55_000]
    assert read_over(trained, *rinse)
