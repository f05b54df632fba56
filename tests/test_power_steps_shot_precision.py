"""Shot precision: a run's end dated where the pump stopped, not a reading late."""

from __future__ import annotations

from custom_components.espresso_care.signals.power_steps import _pump_time


def test_stop_beside_a_heater_is_dated_at_the_reading_that_showed_both() -> None:
    """The pump stops as a heater comes on; one reading between shows part of both.

    A thermostat machine at 2 s (seed 20250439): a 13.8 s run was read 16 s
    long, a shot, because its end was dated at the first full reading after
    the partial one. A reading of the heater alone still puts the pump after
    it (a heat exchanger at 2 s, seed 20250438).
    """
    stop = (10007.21, 157.95, 10009.25, 156.6, 10011.22, 1095.0, 10013.23, 1313.2)
    stop += (10015.23, 1315.6)
    assert _pump_time(stop, 157.9, 1306.4, -149.9, averaging=False, gap=2.0) == (
        10011.22
    )
    start = (2613.01, 1432.18, 2615.03, 1423.1, 2617.0, 757.2, 2619.0, 6.8)
    start += (2623.02, 74.1, 2625.0, 77.6)
    assert _pump_time(start, 1439.7, -1432.2, 68.4, averaging=False, gap=2.0) == (
        2623.02
    )
