"""A backflush read apart around a heater's stretch may stand by the gentle checks, every 5 s.

Pulses read apart around a heater's stretch (``heater_split``) made a find
face the strict checks (odd readings 1.5 %, spread 0.03 pump steps), lest a
slow PID's heater, cut so, pass the gentle ones (seed 21,010,006). Since the
bands are learned as ``heater_pair`` and ``heater_follows`` have them, that
PID's finds fail the gentle checks too (its odd readings 8-28 %), while a
dual boiler's or a heat exchanger's backflushes resting on such pieces were
refused by the strict ones: a dual boiler's spread 0.041 and 0.017 with odd
readings 1.6 % (seed 20,000,044), a heat exchanger's odd readings 3.4 %
(seed 20,000,002). Replayed as the recognition bench does.
"""

from __future__ import annotations

from .sim_replay import backflush_days, invented_backflushes, read_over


def _hit(family: str, seed: int) -> list[bool]:
    """Whether each of the eight days' six backflushes by hand was read."""
    truth, found = backflush_days(family, "vibratory", "periodic_5", seed)
    return [read_over(found, start, end) for start, end in truth]


def test_a_dual_boilers_backflushes_read_apart_stand() -> None:
    hit = _hit("dual_boiler", 20_000_044)
    assert hit[3]  # at 32,979 s: the spread 0.041
    assert hit[4]  # at 42,406 s: odd readings 1.6 %


def test_a_heat_exchangers_backflush_read_apart_stands() -> None:
    assert _hit("heat_exchanger", 20_000_002)[2]  # at 23,156 s: odd readings 3.4 %


def test_a_slow_pids_readings_read_apart_make_no_backflush() -> None:
    # Its heater on and off all the time cuts its readings around its
    # stretches too: the gentle checks refuse those finds by their odd
    # readings.
    assert not invented_backflushes(
        "pid_slow", "vibratory", "periodic_5", 21_010_006, 50
    )
