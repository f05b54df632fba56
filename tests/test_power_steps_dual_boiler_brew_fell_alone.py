"""A dual boiler's shot from the standby, the brew heater on with the pump, its steam heater about both.

The steam heater may draw about the brew heater and a rotary pump: from the
standby, the brew heater and the pump rising in one reading fit the steam
heater alone as well, and the pump's stop beside the brew heater the steam
heater handing over to it (both unsure, no run: dev seed 23,000,025 every
second, a 1,066 W brew heater, a 165 W pump, the steam heater 1,232 W; 4,
1,230, ... 1,237, 1,131, 1,072 W, then 6 s later the standby, a 28 s shot
lost). With brew priority the steam heater waits while the brew heater is
on and comes back as soon as it goes off: the brew heater falling to the
standby says the level was it and the pump.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

ROTARY = 165.0
BREW = 1066.0
STEAM = BREW + ROTARY + 1.0  # (within a watt: the sizes tell nothing)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_the_brew_heater_falling_alone_after_the_stop_keeps_the_shot(
    every: float,
) -> None:
    """The brew heater 900.3-934.0, the pump 900.3-928.5: one run, 900.3-928.5."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 934.0, BREW),
        (900.3, 928.5, ROTARY),
    ]
    rows = periodic(power, 1200.0, every=every, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=1200.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=every)
    assert runs[0].ended == pytest.approx(928.5, abs=every)


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_the_steam_heater_waiting_on_the_brew_heater_is_no_run(every: float) -> None:
    """The steam heater 900.3, the brew heater 928.5-934.0 (priority), the steam heater back: no run."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 928.5, STEAM),
        (928.5, 934.0, BREW),
        (934.0, 960.0, STEAM),
    ]
    rows = periodic(power, 1200.0, every=every, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=1200.0) == []


def test_the_steam_heater_back_for_a_moment_is_no_run() -> None:
    """Every 2 s, the steam heater back 934.0-937.5 only, then the standby: no run."""
    power = [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 928.5, STEAM),
        (928.5, 934.0, BREW),
        (934.0, 937.5, STEAM),
    ]
    rows = periodic(power, 1200.0, every=2.0, noise=0.3, volts=230.0)
    assert run_all(PumpDetector(ROTARY), rows, until=1200.0) == []
