"""A dual boiler's shot read every 5 s, the brew heater off before the pump.

The brew heater may go off a few seconds before the pump: read every 5 s,
the level of the heater and the pump, a first partial reading short of it by
more than the pump's step and over the pump alone, a second the pump's share,
then the standby (``_heater_then_pump_off``; dev seed 20,000,053: 6, 503,
1,268-1,273 five readings, 334, 99, 6 W beside a 195 W rotary pump, a
34.0 s shot). A heater's cycle alone then a flush reads the same fall: the
level must be a known heater and the pump's step (two heaters known, the
steam heater about the brew heater and the pump) or stand over a heater
(``_level_over_heater``), and the flush must have run through most of the
heater's fall reading.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import (
    Row,
    dual_boiler_heaters,
    idle_heater_cycles,
    periodic,
    run_all,
)

ROTARY = 195.0
BREW = 1040.0
STEAM = 1253.0
"""The steam heater about the brew heater and the pump (dev seed 20,000,053)."""

SHOT = [6.0, 503.0, 1268.0, 1269.0, 1270.0, 1273.0, 1270.0, 334.0, 99.0]
"""Dev seed 20,000,053's shot: the heater off first, then the pump."""


def runs_of(readings: list[float], *, both: bool = True) -> list[DetectedRun]:
    """The heaters learnt (both, or the steam heater alone), then ``readings`` from 900 s, every 5 s."""
    heaters = (
        dual_boiler_heaters(STEAM, BREW) if both else idle_heater_cycles(52.5, 3, STEAM)
    )
    learnt = periodic(heaters, 895.0, every=5.0, noise=0.3)
    after = [*[6.0] * 12, *readings, *[6.0] * 30]
    rows: list[Row] = [(900.0 + 5.0 * i, w, None) for i, w in enumerate(after)]
    return run_all(PumpDetector(ROTARY), [*learnt, *rows], until=1200.0)


START = 900.0 + 5.0 * 12
"""When the first of ``readings`` ends."""


def test_a_shot_whose_heater_stops_before_the_pump_is_counted() -> None:
    """6, 503, 1,268-1,273, 334, 99, 6 W: the heater off first, then the pump."""
    runs = runs_of(SHOT)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(START + 3.5, abs=2.5)
    assert runs[0].duration == pytest.approx(34.0, abs=3.0)


def test_a_heater_cycle_then_a_late_flush_is_no_run() -> None:
    """The fall's first reading under the pump's step: the flush started late in it."""
    assert runs_of([*SHOT[:-2], 150.0, 99.0]) == []


def test_the_one_heater_known_alone_then_a_flush_is_no_run() -> None:
    """One heater known: the level is that heater's alone (dev seed 20,000,005's false shot)."""
    assert runs_of(SHOT, both=False) == []
