"""A run found in a rise nothing explained stands on the level before that rise.

A heater and the pump rising in one edge that no known size explains (the
heater read some watts off its size) is kept as a rise; the heater's fall
by less than the rise, by the pump's step, says the pump started in it and
runs on (``_rise_fell``). The run stood on the level during the heater,
though the heater had just gone: the pump's own fall later read a heater's
size under its level and never paired, and the shot was lost (dev seed
24,000,024 every second, a 47 W vibratory pump: 4, 976, then 51 W after the
brew heater's fall, a 99.6 s shot; heat exchangers 21,000,048 and 29,000,048
alike).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

VIBRATORY = 48.0
STEAM = 1280.0
BREW = 995.0


@pytest.mark.parametrize("every", [1.0, 2.0])
@pytest.mark.parametrize("off", [25.0, 60.0])
def test_the_pump_left_by_an_unexplained_heaters_fall_is_a_shot(
    every: float, off: float
) -> None:
    """The brew heater ``off`` W over its size and the pump 900.3, the heater off 950.2, the pump off 960.4."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 950.2, BREW + off),
        (900.3, 960.4, VIBRATORY),
    ]
    rows = periodic(power, 1200.0, every=every, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(VIBRATORY), rows, until=1200.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=every)
    assert runs[0].duration == pytest.approx(60.1, abs=every)
