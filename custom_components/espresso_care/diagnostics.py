"""Diagnostics: the machine's set-up, relays, program and counters, secrets redacted."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import DeviceEntry

from .const import CONF_POWER_HOST, CONF_POWER_PASSWORD
from .machine import EspressoConfigEntry

TO_REDACT = {
    CONF_HOST,
    CONF_PASSWORD,
    CONF_POWER_HOST,
    CONF_POWER_PASSWORD,
    "mac",
    "unique_id",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: EspressoConfigEntry
) -> dict[str, Any]:
    """Everything useful to debug a machine, nothing that identifies it."""
    machine = entry.runtime_data
    status = machine.program
    return async_redact_data(
        {
            "entry": {
                "title": entry.title,
                "unique_id": entry.unique_id,
                "data": dict(entry.data),
                "options": machine.options,
            },
            "relays": {
                "power": machine.power.diagnostics(),
                "pump": machine.pump.diagnostics(),
            },
            "program": {
                "state": status.state,
                "program": status.program,
                "running": status.running,
                "step": status.step,
                "steps": status.steps,
                "pulses_done": status.pulses_done,
                "pulses_total": status.pulses_total,
                "reason": status.reason,
                "latency": {
                    "on": machine.runner.latency.on,
                    "off": machine.runner.latency.off,
                },
            },
            "stored": machine.data.as_dict(),
        },
        TO_REDACT,
    )


async def async_get_device_diagnostics(
    hass: HomeAssistant, entry: EspressoConfigEntry, device: DeviceEntry
) -> dict[str, Any]:
    """A machine has one device: its diagnostics are the entry's."""
    return await async_get_config_entry_diagnostics(hass, entry)
