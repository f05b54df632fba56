"""A pump's start dated at a heater's partial reading: up to the next window.

A plug polled every 2 s reports the mean of the last second. A heater's
first partial reading, then the heater and the pump whole: the pump started
after that reading (it did not show in it) and before the next one's window,
in the half never seen. Dated at the reading's own time, its start may be
off by half that half, and a run whose kind hangs on it is withheld.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import feed_all, half_window_plug, heater_and_pump_cycles


def test_a_pump_after_a_heaters_partial_reading_is_no_shot_near_the_bound() -> None:
    """A heat exchanger polled every 2 s (dev seed 26,000,035, a 148 W
    rotary pump): 5.1, then 55.4 W (the heater's first partial reading),
    1,543 W (the heater and the pump, its inrush), 1,519 W ... 1,516,
    1,411, 1,372 W. A 14.1 s choked shot, dated from the heater's reading,
    read 15.3 s: a false shot. Its start lies anywhere in the unseen second
    after that reading: withheld."""
    pieces = heater_and_pump_cycles(1360.0, 150.0)
    rows = half_window_plug(pieces, 1700.0)
    rows = [(at, w + (0.4 if i % 2 else -0.4)) for i, (at, w) in enumerate(rows)]
    t = 2000.0
    read = [5.4, 5.1, 5.3, 4.9, 5.1, 55.4, 1543.4, 1519.1, 1518.7, 1518.2]
    read += [1514.1, 1522.9, 1516.2, 1411.2, 1372.2, 1363.6, 5.2, 4.5, 4.6, 4.5]
    rows += [(t + 2.0 * i, w) for i, w in enumerate(read)]
    rows += [(t + 40.0 + 2.0 * i, 5.0 + (0.3 if i % 2 else -0.3)) for i in range(60)]
    found = feed_all(PumpDetector(150.0), rows, t + 300.0)
    assert not [r for r in found if r.started > t - 5.0 and r.duration >= 15.0]
