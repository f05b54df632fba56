"""Calibration every 5 s reads a small pump alone between its start and a heater's.

Cold water drawn into a thermostat's boiler started its heater a reading
after the pump: the run's fall was read beside the heater, whose share the
mains moved by several W while the pump ran (no volts reported), 40.3 W for
a 49.5 W pump and 59.2 W for a 50.4 W one. The one full reading between the
pump's partial start and the heater's partial start holds the pump alone,
which the mains do not move: 48.0 and 51.0 W. Dev seeds 20000020 and
20000060 (thermostat, vibratory pump, plug every 5 s).
"""

from __future__ import annotations

import pytest

from bench.detection import calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.calibration.alone import (
    _alone_at_start,
)
from custom_components.espresso_care.signals.power.readings import Reading
from simulator.espresso import generate


@pytest.mark.parametrize(("seed", "pump_watts"), [(20000020, 49.5), (20000060, 50.4)])
def test_the_pump_read_alone_before_the_heater_is_the_step(
    seed: int, pump_watts: float
) -> None:
    """Within 5 % of the pump, not the fall beside the drifting heater."""
    trace = generate(
        "thermostat", "vibratory", "periodic_5", seed=seed, shots=10, days=2
    )
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts is not None
    assert abs(result.pump_watts - pump_watts) <= 0.05 * pump_watts


def _readings(watts: list[float]) -> list[Reading]:
    return [Reading(100.0 + 5.0 * k, w, None) for k, w in enumerate(watts)]


def test_the_readings_of_the_pump_alone() -> None:
    """Idle at 7 W, the pump's partial start, the pump alone, the heater's partial start."""
    assert (
        _alone_at_start(_readings([7, 7, 14, 58, 535, 1427, 1421]), 105.0, 45.0) == 51.0
    )


@pytest.mark.parametrize(
    ("watts", "why"),
    [
        # The start's partial reading holds under a tenth of the pump: a
        # vibratory pump's ramp may reach into the next reading.
        ([7, 7, 10, 58, 535, 1427, 1421], "ramp"),
        # The heater came on within a reading: no partial reading of its
        # start, so the reading before it may hold some of it.
        ([7, 7, 14, 58, 1390, 1427, 1421], "no partial heater"),
        # A rotary pump's step: its inrush may reach into the next reading.
        ([7, 7, 80, 150, 535, 1427, 1421], "rotary"),
        # The level the run left did not hold.
        ([30, 7, 14, 58, 535, 1427, 1421], "idle moving"),
    ],
)
def test_no_reading_of_the_pump_alone(watts: list[float], why: str) -> None:
    assert _alone_at_start(_readings(watts), 105.0, 45.0) is None, why


def test_a_dropped_reading_leaves_no_reading_alone() -> None:
    """A reading missing between: the one after it may be no full one."""
    rows = _readings([7, 7, 14, 58, 535, 1427, 1421])
    rows = rows[:3] + [Reading(r.at + 5.0, r.watts, None) for r in rows[3:]]
    assert _alone_at_start(rows, 105.0, 45.0) is None
