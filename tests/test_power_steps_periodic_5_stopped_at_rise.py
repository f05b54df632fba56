"""A run read every 5 s whose heater's rise reading shows the pump's stop in it.

A flush's cold water switches a heat exchanger's heater on, and the pump's
stop hides in the heater's rise: the heater is then read as heater and pump
until it falls, and a flush of a few seconds reads as a shot (dev seed
27,000,020: 6, 40, then 1,231, 1,198, 1,195, 1,191, 873 W, a 4.5 s flush
read as a 23.7 s shot by the decoder). The rise reading, an average over its
interval, stands over the level after it only when something switched off
inside it after the heater came on: the pump stopped by its end, and the run
so dated is a flush (``_stopped_at_rise``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import (
    PumpDetector,
)
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import heater_cycles_every_5s

STANDBY = 6.0
PUMP = 42.0
HEATER = 1195.0
FLUSH = [6.0, 6.0, 40.0, 1231.0, 1198.0, 1195.0, 1191.0, 873.0, 873.0, 6.0, 6.0]
"""Dev seed 27,000,020's readings: the flush, the heater's rise over its level, its fall."""


def stopped_at_rise(scene: list[float], started: float, ended: float) -> bool:
    """Whether a run of ``started``-``ended`` s into ``scene`` (read every 5 s after two heater cycles) had its stop in a heater's rise."""
    readings, at = heater_cycles_every_5s(2, STANDBY, HEATER)
    readings += [(at + 5.0 * i, watts) for i, watts in enumerate(scene)]
    det = PumpDetector(PUMP)
    for t, watts in readings:
        det.feed(t, watts)
    return det._stopped_at_rise(DetectedRun(at + started, at + ended, PUMP))


def test_a_rise_reading_over_the_heater_after_it_ends_a_flush() -> None:
    """1,231 W, then 1,198 and 1,195 W: 33 W over, most of the 42 W pump's
    step. The pump stopped by 15 s; the 23.7 s shot is a flush."""
    assert stopped_at_rise(FLUSH, 5.0, 28.7)


def test_a_rise_reading_under_the_level_shows_no_stop() -> None:
    """The pump running on under the heater: its rise reading (1,100 W)
    is under the heater and the pump read whole after it (1,241 W)."""
    scene = [6.0, 6.0, 40.0, 48.0, 1100.0, 1241.0, 1240.0, 1239.0, 873.0, 6.0]
    assert not stopped_at_rise(scene, 5.0, 40.0)


def test_the_pump_shown_again_over_the_heater_keeps_the_run() -> None:
    """A flush, then the shot it was made for over the heater (dev seed
    24,000,044: 474, 1,249, 1,221, 1,223, then 1,240, 1,276 W): the step
    up shows the pump again, and the run is left as read."""
    scene = [6.0, 6.0, 474.0, 1249.0, 1221.0, 1223.0, 1240.0, 1276.0, 1276.0]
    scene += [674.0, 50.0, 6.0]
    assert not stopped_at_rise(scene, 5.0, 50.0)


def test_a_run_as_long_as_a_shot_before_the_rise_stands() -> None:
    """The same rise 20 s into a run: stopped there, it is a shot still."""
    scene = [6.0, 48.0, 48.0, 48.0, 48.0, 48.0, *FLUSH[3:]]
    assert not stopped_at_rise(scene, 4.0, 45.0)


def test_a_rise_reading_over_by_more_than_the_pump_is_a_heater() -> None:
    """1,600 W, then 1,198 W: 400 W over, no pump's stop (a dual boiler's
    second heater going off within the reading reads so)."""
    scene = [6.0, 6.0, 40.0, 1600.0, *FLUSH[4:]]
    assert not stopped_at_rise(scene, 5.0, 28.7)
