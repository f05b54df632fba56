"""A shot read every 5 s whose pump stopped at a reading's end, its heater on.

An energy meter's 5 s averages of a heat exchanger's shot: the standby, the
pump's partial reading, the pump alone, the heater's partial rise, one
reading of the heater and the pump, then the heater alone (the pump stopped
at that reading's end: no partial reading of its stop), the heater's fall.
No level held, so no edge read it, and the run read in readings
(``_cycle_in_readings``) wanted a partial reading of the stop: an 18.7 s
shot missed (22000005).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all


def runs_of(
    heater: tuple[float, float], pump: tuple[float, float], watts: float
) -> list[tuple[float, float]]:
    power = [*idle_heater_cycles(52.5, 4), (*heater, 1000.0), (*pump, watts)]
    rows = periodic(power, 900.0, every=5.0, noise=0.5)
    return [
        (r.started, r.ended) for r in run_all(PumpDetector(watts), rows, until=900.0)
    ]


@pytest.mark.parametrize("watts", [50.0, 130.0])
def test_a_stop_at_a_readings_end_beside_the_heater_is_read(watts: float) -> None:
    """The pump 661.0-680.0, the heater 672.0-687.0: read the standby, a
    partial reading, the pump alone, a partial one, the heater and the pump
    once (680), the heater alone (685), its partial fall, the standby."""
    (run,) = runs_of((672.0, 687.0), (661.0, 680.0), watts)
    assert run[0] == pytest.approx(661.0, abs=1.0)
    assert run[1] == pytest.approx(680.0, abs=1.0)


def test_a_flush_stopped_in_the_heaters_rise_is_no_shot() -> None:
    """The pump 661.0-674.0 (a flush), the heater from 672.0: no reading of
    the heater and the pump whole, nothing read as a shot."""
    runs = runs_of((672.0, 687.0), (661.0, 674.0), 50.0)
    assert [r for r in runs if r[1] - r[0] >= 15.0] == []
