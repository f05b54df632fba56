"""Calibration counts a slow PID's pulses from after its heater last held whole.

At its heat-up a PID holds its heater whole for minutes, and only after it
does it pulse: counted over the ten idle minutes the flow reads, the pulses
came under twice a minute, and ``_pulsed_pump`` paired the run's readings as
if no PID pulsed (three readings to agree, not two). Dev 29,000,003 every
2 s (pid_slow, a 186.8 W rotary pump): the heater held at 1,345-1,377 W
until 250 s before the click, then pulses of a reading or two back at the
3.7 W standby; refused three times before (no_pump_seen), now 186.1 W.
"""

from __future__ import annotations

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration.pid_pulses import (
    _pid_pulses,
)
from custom_components.espresso_care.signals.power.calibration.pulsed_run import (
    _pulsing_idle,
)
from custom_components.espresso_care.signals.power.readings import Reading

STANDBY = 3.7
CLICK = 600.0
PULSES = (1250.0, 600.0, 300.0, 150.0, 900.0)


def _heat_up_then(pulsing: bool) -> list[Reading]:
    """Every 2 s: the heater whole for 450 s, then 150 s at the standby.

    ``pulsing``: a pulse of one reading every fifth reading over the
    standby (15 in the 150 s, 1.5 a minute over the ten).
    """
    rows = [Reading(2.0 * k, 1350.0 + (k % 3), 230.0) for k in range(225)]
    for k in range(225, 300):
        pulse = pulsing and k % 5 == 0
        watts = PULSES[(k // 5) % len(PULSES)] if pulse else STANDBY
        rows.append(Reading(2.0 * k, watts, 230.0))
    return rows


def test_pulses_after_a_heat_up_are_a_slow_pids() -> None:
    """Under twice a minute over the ten minutes, six a minute after the heat-up."""
    readings = _heat_up_then(pulsing=True)
    assert not _pid_pulses(readings, CLICK, STANDBY)
    assert _pulsing_idle(readings, CLICK, STANDBY)


def test_a_heat_up_then_the_standby_shows_no_pulses() -> None:
    """A heater held, then the standby alone: no PID's pulses."""
    assert not _pulsing_idle(_heat_up_then(pulsing=False), CLICK, STANDBY)


def test_dev_29000003_every_2s_calibrates() -> None:
    """186.1 W for the pump's 186.8 W, at the first try."""
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 29000003, 1).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts is not None
    assert abs(result.pump_watts - 186.8) <= 0.05 * 186.8
