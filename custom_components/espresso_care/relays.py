"""Builds a machine's two relays from its config entry; the only place that knows the backends."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import CONF_POWER_ENTITY, CONF_PUMP_ENTITY
from .relay import EntityRelay, Relay


async def async_create_relays(
    hass: HomeAssistant, entry: ConfigEntry[Any]
) -> tuple[Relay, Relay, dict[str, Any]]:
    """Return the plug relay, the pump relay and extra device registry details."""
    power = EntityRelay(hass, entry.data[CONF_POWER_ENTITY])
    pump = EntityRelay(hass, entry.data[CONF_PUMP_ENTITY])
    return power, pump, {"model": "Relay-controlled espresso machine"}
