"""Calibration's idle noise leaves out an edge the idle readings opened in.

A plug reporting on change is silent while nothing changes: a standby held
for longer than the ten minutes the integration keeps has no reading in
them. When a heater then came on with its rise split over two readings,
the first of them opened the ten minutes, and the rest of the rise (a
quarter of the heater, the size of a rotary pump's step) read as a step
from nowhere: calibration refused the machine as too noisy (fresh seed
137,000,023, a thermostat with a 165 W rotary pump, read on change). An
edge from a level that never held, first in the readings, is no noise.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .calibration_flow import Meter, outcome, start_calibration
from .helpers import placeholders_of

STANDBY = 5.7
ROTARY = 165.0


async def on_change(meter: Meter, readings: list[tuple[float, float]]) -> None:
    """Report each reading, then stay silent for its seconds (on change)."""
    for watts, seconds in readings:
        meter.set(watts)
        await meter.wait(seconds)


async def test_a_heat_up_whose_rise_opens_the_ten_minutes_is_no_noise(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    await on_change(meter, [(STANDBY, 700.0)])  # silent: the standby held
    # The heater's cycle, its rise and fall each split over two readings.
    await on_change(
        meter,
        [
            (1035.0, 1.0),
            (1317.6, 7.0),
            (1325.4, 1.0),
            (1319.7, 9.0),
            (1325.4, 2.0),
            (1320.1, 16.0),
            (1313.5, 1.0),
            (1322.1, 8.0),
            (1128.1, 1.0),
            (STANDBY, 20.0),
        ],
    )
    flow_id = await start_calibration(hass, plug_only)
    await meter.wait(5.0)
    # The user's run: the rotary pump's inrush, its level, back to standby.
    await on_change(meter, [(176.1, 1.0), (170.2, 12.0), (6.3, 10.0)])
    result = await outcome(hass, flow_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "calibrate_done"
    assert abs(int(placeholders_of(result)["watts"]) - ROTARY) <= 0.05 * ROTARY
