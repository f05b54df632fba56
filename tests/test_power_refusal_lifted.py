"""Counting by power refused at calibration stays refused, until a new ``pump_watts``.

Calibration that finds the readings too noisy refuses counting by power, with
a repair issue; the refusal is stored (a restart keeps it). Typing a new
``pump_watts`` in the settings (or a new calibration) lifts it: the repair
goes, and power counts again, the live noise check still watching.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import (
    DEFAULT_OPTIONS,
    DOMAIN,
    OPT_PUMP_WATTS,
)

from .calibration_flow import Meter, calibrate_on_a_fast_pid, idle, pump_run
from .helpers import options_form, settle, state_of

SHOTS = "sensor.espresso_machine_shots"


def power_issue(hass: HomeAssistant, entry_id: str) -> str | None:
    """The translation key of the machine's repair about counting by power, if any."""
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"power_{entry_id}")
    return None if issue is None else issue.translation_key


async def test_typed_pump_watts_lifts_a_refusal(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    flow_id = await calibrate_on_a_fast_pid(hass, plug_only, meter)
    await settle(hass)
    hass.config_entries.options.async_abort(flow_id)
    assert state_of(hass, SHOTS).attributes["counting"] == "refused"
    assert power_issue(hass, plug_only.entry_id) == "power_refused"

    # Stored: a restart, and clean readings, keep it refused.
    assert await hass.config_entries.async_reload(plug_only.entry_id)
    await settle(hass)
    await meter.report(idle(60))
    assert state_of(hass, SHOTS).attributes["counting"] == "refused"
    assert power_issue(hass, plug_only.entry_id) == "power_refused"
    await meter.report(pump_run(25) + idle(40))
    assert state_of(hass, SHOTS).state == "0"

    # The pump's watts typed in: refusal lifted, repair gone, power counts.
    result = await options_form(hass, plug_only.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**DEFAULT_OPTIONS, "cycles": 7, OPT_PUMP_WATTS: 55}
    )
    await settle(hass)
    assert plug_only.options[OPT_PUMP_WATTS] == 55
    assert plug_only.runtime_data.data.power_refused is False
    assert state_of(hass, SHOTS).attributes["counting"] == "counting"
    assert power_issue(hass, plug_only.entry_id) is None
    await meter.report(idle(30) + pump_run(25) + idle(40))
    assert state_of(hass, SHOTS).state == "1"
