"""Diagnostics: useful for debugging, with secrets redacted."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
    get_diagnostics_for_device,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.espresso_care.const import DOMAIN

from .conftest import PUMP


async def test_entry_and_device_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
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
    device = device_registry.async_get_device({(DOMAIN, entry.entry_id)})
    assert await get_diagnostics_for_device(hass, hass_client, entry, device) == result
