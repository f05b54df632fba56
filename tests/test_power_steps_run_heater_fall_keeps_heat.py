"""A run's own heater falling keeps the other heater's rise in the run's level.

A dual boiler's steam heater may come on with the pump (one edge), the brew
heater come on during the shot and the steam heater go off before the pump
stops. The steam heater's fall tells its real size, and the run's base was
set from it; the brew heater's rise read in the run was forgotten there, so
the level the pump stood on read a kilowatt low and the pump's fall never
paired with it: the shot was lost (dev seed 28,000,024 every second, a 45 W
vibratory pump: 7, 1,304, 2,220, 990, 947 W; a 71.2 s shot; 21,000,000 and
28,000,058 alike).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

VIBRATORY = 45.0
STEAM = 1270.0
BREW = 940.0


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_the_brew_heaters_rise_stays_in_the_run_when_the_steam_heater_goes(
    every: float,
) -> None:
    """The steam heater and the pump 900.3, the brew heater 908.2, the steam heater off 934.6, the pump off 971.4."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 934.6, STEAM),
        (908.2, 990.0, BREW),
        (900.3, 971.4, VIBRATORY),
    ]
    rows = periodic(power, 1200.0, every=every, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(VIBRATORY), rows, until=1200.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=every)
    assert runs[0].duration == pytest.approx(71.1, abs=every)
