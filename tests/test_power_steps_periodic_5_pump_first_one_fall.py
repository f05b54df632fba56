"""A dual boiler's shot read every 5 s, the pump on before the brew heater, both off in one reading.

The brew heater comes on a few seconds into a shot and may go off with the
pump in one 5 s interval: the rise reads two switchings, the pump's first,
the fall one partial reading (dev seed 20,000,012: 4, 30, 152, 1,013,
1,013, 1,016, 1,015, 651, 3 W beside a 57 W pump, a 28.7 s shot). A flush
stopped in the heater's rise reads the same ends, the level the heater's
alone: the level must stand the pump's step over the heater read alone
just before (``_pump_first_one_fall``, ``_level_over_heater``). So too a
level of two readings where both ends read the pump first
(``_pump_first_at_both_ends``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import Row, dual_boiler_heaters, periodic, run_all

VIBRATORY = 59.0
BREW = 955.0
STEAM = 1265.0
ANCHOR = [5.0, 5.0, 600.0, 1045.0, 1045.0, 400.0, *[5.0] * 8]
"""The brew heater's short cycle alone, the mains moved it to 1,040 W, 50 s before the run."""


def runs_of(readings: list[float], anchor: list[float] = ANCHOR) -> list[DetectedRun]:
    """Both heaters learnt, then a heater's cycle alone (``anchor``) and ``readings`` from 900 s, every 5 s."""
    learnt = periodic(dual_boiler_heaters(STEAM, BREW), 895.0, every=5.0, noise=0.3)
    after = [*anchor, *readings, *[5.0] * 30]
    rows: list[Row] = [(900.0 + 5.0 * i, w, None) for i, w in enumerate(after)]
    return run_all(PumpDetector(VIBRATORY), [*learnt, *rows], until=1200.0)


START = 900.0 + 5.0 * len(ANCHOR)
"""When the first of ``readings`` ends."""


def test_a_shot_whose_pump_and_heater_stop_in_one_reading_is_counted() -> None:
    """5, 19, 337, 1,104, 1,104, 1,104, 700, 5 W: the pump first, both off in one reading."""
    runs = runs_of([5.0, 19.0, 337.0, 1104.0, 1104.0, 1104.0, 700.0])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(START + 3.4, abs=2.5)
    assert runs[0].duration == pytest.approx(23.0, abs=3.0)


def test_a_flush_stopped_in_the_heater_rise_is_no_run() -> None:
    """The same ends, the level the heater's alone (1,045 W, as its cycle before)."""
    readings = [5.0, 19.0, 337.0, 1045.0, 1045.0, 1045.0, 700.0]
    assert runs_of(readings) == []


def test_a_level_of_two_readings_over_the_heater_is_counted() -> None:
    """Dev seed 29,000,004's shape: 5, 19, 337, 1,104, 1,104, 1,061, 700, 5 W (both ends the pump first)."""
    runs = runs_of([5.0, 19.0, 337.0, 1104.0, 1104.0, 1061.0, 700.0])
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(START + 3.4, abs=2.5)
    assert runs[0].duration == pytest.approx(19.8, abs=3.0)


def test_a_level_of_two_readings_of_the_heater_alone_is_no_run() -> None:
    """Dev seed 24,000,028's shape: two flushes, the heater alone at its own size, a dip, its fall."""
    readings = [5.0, 19.0, 337.0, 1045.0, 1045.0, 1025.0, 520.0]
    assert runs_of(readings) == []


def test_a_level_of_the_steam_heater_alone_is_no_run() -> None:
    """The brew heater read alone 1,211 W, then a cycle at the steam heater's learnt 1,270 W, the pump's step over it.

    The pump's step over the brew heater may be the steam heater's size
    (a rotary pump's often is): the level is the steam heater's alone as
    well (a sliver of its rise read as the pump first), and is not counted.
    """
    anchor = [h if h < 1000.0 else 1211.0 for h in ANCHOR]
    readings = [5.0, 19.0, 337.0, 1270.0, 1270.0, 1270.0, 700.0]
    assert runs_of(readings, anchor) == []
