"""A thermostat's shot read every 5 s: the pump rose beside the heater and fell with it.

The heater held its level, the pump started alone on top of it, and both
stopped within one reading. Read every second, that fall fits a second
heater the size of the first and the pump taking over and then going off,
while the one heater known has cycled too few times alone to rule it out
(``_handed_over``, written for a dual boiler read every second). Read every
5 s, the rule withheld single-heater machines' shots and no hand-over's run
on the seeds measured: a run of a shot's length, less the interval the
shared fall's reading may hide, counts; a shorter one is still withheld (a
flush read long, or a shot read short that the decoder may read whole).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import heater_cycles_every_5s, idle_every_5s, run_all

STANDBY = 4.0
HEATER = 1020.0
PUMP = 55.0


def _readings(whole: int = 4) -> list[tuple[float, float]]:
    """Four heater cycles learnt alone (eight edges: too few to rule out a second heater), then a run over the heater's level (``whole`` readings of both)."""
    readings, at = heater_cycles_every_5s(4, STANDBY, HEATER)
    # The heater on alone for 40 s, the pump on top of it (its first
    # reading partial; 24 s with four whole readings), then both off within
    # one reading.
    readings += [(at, STANDBY + 0.4 * HEATER)]
    readings += [(at + 5.0 * i, STANDBY + HEATER) for i in range(1, 9)]
    at += 45.0
    readings += [(at, STANDBY + HEATER + 0.3 * PUMP)]
    readings += [(at + 5.0 * i, STANDBY + HEATER + PUMP) for i in range(1, whole + 1)]
    at += 5.0 * whole
    readings += [(at + 5.0, STANDBY + 0.5 * (HEATER + PUMP))]
    return readings + idle_every_5s(at + 10.0, 30, STANDBY)


def test_a_shot_falling_with_the_heater_counts_every_5s() -> None:
    """The run from the pump's rise to the shared fall: one shot of about 24 s."""
    rows = [(at, watts, None) for at, watts in _readings()]
    runs = run_all(PumpDetector(PUMP), rows)
    shots = [r for r in runs if r.ended - r.started >= 15.0]
    assert len(shots) == 1
    assert shots[0].ended - shots[0].started == pytest.approx(24.0, abs=3.0)


def test_a_run_shorter_than_a_shot_is_still_withheld_every_5s() -> None:
    """Two whole readings: a 14 s run, read 16.5 s (its end dated at the shared fall's reading), counts nothing."""
    rows = [(at, watts, None) for at, watts in _readings(whole=2)]
    assert run_all(PumpDetector(PUMP), rows) == []
