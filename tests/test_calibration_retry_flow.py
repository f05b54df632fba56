"""A second calibration try does not read the first try's pump run as idle noise.

The flow's ``no_pump_seen`` asks the user to run the pump and try again.
The readings of the try before (from its click to the flow's verdict) hold
the user's own run, too short or too long to be measured: read as idle
noise, a rotary pump's step there made the retry ``too_noisy``, which also
refuses counting by power (a thermostat machine read on change did so in the
benchmark's corpus).
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import DOMAIN

from .calibration_flow import (
    Meter,
    idle,
    outcome,
    pump_run,
    start_calibration,
    submit,
)
from .helpers import placeholders_of

ROTARY = 180.0


async def test_a_retry_leaves_the_first_tries_run_out_of_the_idle_noise(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    await meter.report(idle(120))
    flow_id = await start_calibration(hass, plug_only)
    # The user holds the pump for 40 s: too long to be the run asked for.
    await meter.report(idle(4))
    await meter.report(pump_run(40, step=ROTARY))
    await meter.report(idle(20))
    result = await outcome(hass, flow_id)
    assert result["step_id"] == "calibrate"
    assert result["errors"] == {"base": "no_pump_seen"}

    await meter.report(idle(10))  # reading the error
    await submit(hass, flow_id)
    await meter.report(idle(3))
    await meter.report(pump_run(8, step=ROTARY))
    await meter.report(idle(8))
    result = await outcome(hass, flow_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "calibrate_done"
    assert abs(int(placeholders_of(result)["watts"]) - ROTARY) <= 5
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"power_{plug_only.entry_id}")
    assert issue is None or issue.translation_key != "power_refused"
