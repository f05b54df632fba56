"""Whether the level held now shows the pump (``pump.live_level``), for the guide.

The pure rule, then the detector's ``level_shows_pump`` reading it from the
levels it settled, the standby and the heaters it learnt.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.live_level import (
    pump_in_level,
)

PUMP = 53.0
TOL = 13.25  # a quarter of the pump's step, as the detector's ``_ptol``
HEATERS = (945.0, 1_315.0)


@pytest.mark.parametrize(
    ("over", "heaters", "shows"),
    [
        (2.0, HEATERS, False),  # the standby
        (50.0, HEATERS, True),  # the pump alone (a heater fell, the pump ran on)
        (50.0, (), True),  # no heater learnt yet: the pump alone still shows
        (947.0, HEATERS, False),  # a heater alone
        (2_262.0, HEATERS, False),  # both heaters
        (1_372.0, HEATERS, True),  # the big heater and the pump
        (1_360.0, HEATERS, None),  # the big heater and a pump 8 W short: too far
        (1_372.0, (), None),  # an unknown load: neither
        (1_372.0, (1_315.0, 1_368.0), False),  # a heater alone explains it too
        (500.0, HEATERS, None),  # nothing explains it
    ],
)
def test_pump_in_level(
    over: float, heaters: tuple[float, ...], shows: bool | None
) -> None:
    """The pump over the standby, or over one heater at half the tolerance, unless heaters alone fit."""
    assert pump_in_level(over, PUMP, TOL, heaters) is shows


def feed(detector: PumpDetector, readings: list[tuple[float, float]]) -> None:
    """Feed ``readings`` (seconds, W) as a plug reporting every second, advancing at deadlines."""
    for at, watts in readings:
        deadline = detector.next_deadline
        while deadline is not None and deadline < at:
            detector.advance(deadline)
            following = detector.next_deadline
            if following is not None and following <= deadline:
                break
            deadline = following
        detector.feed(at, watts, None)


def held(start: float, watts: float, seconds: int) -> list[tuple[float, float]]:
    """A level read every second, with a few tenths of noise."""
    return [(start + i, watts + (i % 3) * 0.3) for i in range(seconds)]


def shows(detector: PumpDetector) -> bool | None:
    """``level_shows_pump`` now (a call's result, which mypy does not keep narrowed)."""
    return detector.level_shows_pump


def test_detector_reads_the_level_against_its_standby_and_heaters() -> None:
    """The standby, a learnt heater alone, then the heater with the pump: no, no, yes."""
    detector = PumpDetector(PUMP)
    assert shows(detector) is None  # no level known yet
    feed(detector, held(0.0, 5.0, 60))
    assert shows(detector) is False
    # Two cycles of the heater alone: its size is learnt.
    feed(detector, held(60.0, 1_295.0, 30) + held(90.0, 5.0, 30))
    feed(detector, held(120.0, 1_295.0, 30))
    assert shows(detector) is False
    assert detector.pump_on is False
    # The pump comes on over the heater: the level is the heater and the pump.
    feed(detector, [(150.0, 1_320.0), *held(151.0, 1_343.0, 10)])
    assert shows(detector) is True


def test_a_switch_takes_three_of_the_plugs_intervals_to_tell() -> None:
    """Every 5 s: a listener waits 15 s for a switch; the pump's level, first read at 305 s, is told at 310 s."""
    detector = PumpDetector(PUMP)
    assert detector.telling_delay == 0.0  # no interval seen yet
    feed(detector, [(i * 5.0, 5.0 + (i % 3) * 0.3) for i in range(60)])
    assert detector.telling_delay == pytest.approx(15.0)
    feed(detector, [(300.0, 40.0), (305.0, 58.0)])  # the press's partial reading
    assert shows(detector) is False
    feed(detector, [(310.0, 58.3)])
    assert shows(detector) is True
