"""A vibratory pump's first partial reading taken into the standby's level dates its start.

Read every second or on change, a vibratory pump starting late in a
reading's window adds a quarter of its step or less to it, within the
standby level's tolerance: that reading joined the level and lifted its
mean, and the edge, measured from the mean, dated the start from the next
reading, a second late. A shot just over 15 s was read as a flush (dev seed
22,000,006 on change, a dual boiler's 61 W pump: 3.4 W, 40 s silent, then
18.3, 47.8, 62.0 W; a 15.6 s shot read 14.8 s).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import BASE, idle_heater_cycles, on_change_plug, run_all
from .sim_replay import corpus_spec, retried_shots

PUMP = 56.0


def _runs(rows: list[tuple[float, float]]) -> list[tuple[float, float]]:
    runs = run_all(PumpDetector(PUMP), [(at, w, 232.0) for at, w in rows], 700.0)
    return [(r.started, r.ended) for r in runs]


def _shot(first: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Heater cycles read on change (they teach the plug's window), the standby
    silent since, the start's readings ``first``, the pump to 650.3 s."""
    heaters = on_change_plug(idle_heater_cycles(52.3, 4), 560.0)
    level = [(t, BASE + PUMP + (1.0 if t % 2 else -1.0)) for t in (640.0, 645.0)]
    stop = [(650.0, BASE + PUMP), (651.0, BASE + 0.3 * PUMP), (652.0, BASE)]
    return _runs([*heaters, *first, *level, *stop])


def test_a_stale_repeat_of_the_first_partial_reading_dates_the_start() -> None:
    """18.3 W (a quarter of the step) at 634.0 s, repeated at 635.0 s, then 47.8,
    62.0 W: the pump showed at 634.0 s (read from 47.8 W, 635.3 s)."""
    runs = _shot([(634.0, 18.3), (635.0, 18.3), (636.0, 47.8), (637.0, 62.0)])
    assert len(runs) == 1
    assert runs[0][0] < 634.0
    assert runs[0][1] == pytest.approx(650.3, abs=0.2)


def test_the_shot_on_change_is_read_over_15_s() -> None:
    """Dev seed 22,000,006 on change: the 15.6 s shot at 4,634.6-4,650.2 s, read 14.8 s before."""
    spec = corpus_spec("dual_boiler", "on_change", 22000006)
    shots = retried_shots(spec, 4634.6, 4650.2)
    assert len(shots) == 1
    assert shots[0][0] == pytest.approx(4634.6, abs=0.5)
