"""Diagnostics: useful for debugging, with secrets redacted."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
    get_diagnostics_for_device,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.espresso_care.const import DOMAIN

from .conftest import PUMP, Relays, machine_entry


async def test_entry_and_device_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    relays: Relays,
    device_registry: dr.DeviceRegistry,
) -> None:
    # Real time here: the diagnostics view imports modules lazily, which
    # frozen time breaks.
    entry = machine_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    assert await async_setup_component(hass, "diagnostics", {})
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 2}, blocking=True)
    result = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert result["entry"]["unique_id"] == "**REDACTED**"
    assert PUMP not in str(result["entry"]["unique_id"])
    assert result["entry"]["options"]["cycles"] == 5
    assert result["relays"]["pump"] == {
        "type": "entity",
        "entity_id": PUMP,
        "state": "off",
    }
    assert result["program"]["state"] == "idle"
    assert result["stored"]["shots"] == 2
    device = dr.async_entries_for_config_entry(device_registry, entry.entry_id)[0]
    assert await get_diagnostics_for_device(hass, hass_client, entry, device) == result
