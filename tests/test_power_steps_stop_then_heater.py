"""A run of the pump alone, one reading at the standby, then a heater's rise.

A heat exchanger polled every 2 s (dev seed 25000026): a 3 s flush from
12,569.5 s (the vibratory pump still ramping, 42 W of its 58 W step), its
stop read once at the standby (6.7 W at 12,575.0), the heater on a reading
later (1,245 W). No level held between: one edge from the flush's level to
the heater's, the heater less a pump short of its step, which nothing fits.
The run went on through the heater's cycle, and the shot that started in
the heater's fall (12,592.7 s, 29.3 s) was lost. The standby reading
splits it: the pump's fall, paired with the flush's rise, and the heater's
rise from the standby.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import (
    HEATER,
    PUMP,
    half_window_plug,
    heater_and_pump_cycles,
    run_all,
)

FLUSH = 36.0  # W: the flush's level, the pump still ramping


def detected() -> list[DetectedRun]:
    pieces = heater_and_pump_cycles(HEATER, PUMP)
    # The flush (read twice, then once at the standby), the heater on a
    # reading after its stop, then the shot starting as the heater goes off.
    pieces.append((1708.4, 1712.7, FLUSH - 3.0))
    pieces.append((1710.6, 1712.7, 3.0))  # (its ramp: no stale repeated reading)
    pieces.append((1715.5, 1733.1, HEATER))
    pieces.append((1732.9, 1757.6, PUMP))
    # (A Shelly: every 2 s, each reading the mean of the last second.)
    rows = [(at, w, None) for at, w in half_window_plug(pieces, 1800.0)]
    return [r for r in run_all(PumpDetector(PUMP), rows, 1800.0) if r.started > 1700.0]


def test_the_shot_after_a_flush_stopped_before_the_heater_is_read() -> None:
    runs = detected()
    shots = [r for r in runs if r.duration >= 15.0]
    assert len(shots) == 1
    assert abs(shots[0].started - 1732.9) < 1.5
    assert abs(shots[0].ended - 1757.6) < 1.5


def test_the_flush_is_read_to_its_stop() -> None:
    runs = detected()
    flushes = [r for r in runs if r.duration < 15.0]
    assert len(flushes) == 1
    assert abs(flushes[0].started - 1708.4) < 1.5
    assert abs(flushes[0].ended - 1712.7) < 1.5
