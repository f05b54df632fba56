"""A pump's partial reading, then a heater's, read every 5 s: the pump's share dates it.

A heat exchanger's heater came on late in a shot and stayed on past the
pump's stop: read every 5 s, the pump's stop left a partial reading under
the level of both, and the heater's fall a partial reading of its own after
it. A heater that fell first would have left the next reading at the pump
alone or under it, so the first partial reading is the pump's, and its
share dates the stop. Dated at the heater's fall instead, the stop came
5-10 s late (dev seed 21,000,013 at 10,816 s: 161, 1,099, 1,552, 1,444,
1,149, 4 W beside a 1,398 W heater and a 156 W pump; a 25.8 s shot read
34.4 s).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all

ROTARY = 160.0
HEATER_W = 1400.0


def _shot(
    heater: tuple[float, float], stop: float = 616.6
) -> list[tuple[float, float, float]]:
    """A shot from 580.5 s to ``stop`` with the heater on over ``heater``, after four idle cycles."""
    return [
        *idle_heater_cycles(52.5, 4, HEATER_W),
        (580.5, stop, ROTARY),
        (heater[0], heater[1], HEATER_W),
    ]


def test_a_pumps_stop_under_a_heaters_pulse_is_dated_by_its_share() -> None:
    """The pump alone, the heater on late, the pump off 1.6 s into a reading, the heater 3.8 s into the next.

    Readings 165, 865, 1,565, then 1,456 (the pump's 0.32 left) and 1,069
    (the heater's 0.76), then the standby: the pump's fall alone (its level
    before the heater's pulse) is dated from the first partial reading.
    """
    rows = periodic(_shot((607.5, 623.8)), 800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(ROTARY), rows, until=800.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(580.5, abs=2.5)
    # Dated at the heater's fall, the standby's first reading: 625-630 s.
    assert runs[0].ended == pytest.approx(616.6, abs=0.5)


def test_a_pumps_stop_from_the_level_of_both_is_dated_by_its_share() -> None:
    """The heater on for most of the shot: the fall from the level of both, the pump's partial reading first.

    The pump off 3.6 s into the 620 s reading (1,520 W, under half its
    step short of the level), the heater 3.8 s into the next (1,069 W).
    """
    rows = periodic(_shot((592.5, 623.8), 618.6), 800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(ROTARY), rows, until=800.0)
    assert len(runs) == 1
    assert runs[0].ended == pytest.approx(618.6, abs=0.5)


def test_a_heater_falling_first_leaves_the_pump_read_at_the_level_after() -> None:
    """The heater off 1.6 s into a reading, the pump 3.8 s into the next: nothing read as the pump's share early.

    The first partial reading is the heater's (1,400 W less than the
    level by 0.68 of it); the next is the pump's alone, part way: the stop
    lies in that one.
    """
    power = [
        *idle_heater_cycles(52.5, 4, HEATER_W),
        (580.5, 623.8, ROTARY),
        (592.5, 616.6, HEATER_W),
    ]
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(ROTARY), rows, until=800.0)
    assert len(runs) == 1
    assert runs[0].ended == pytest.approx(623.8, abs=1.5)
