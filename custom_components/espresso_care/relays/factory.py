"""Builds a machine's two relays from its config entry; the only place that knows the backends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from ..const import (
    BACKEND_SHELLY,
    CONF_BACKEND,
    CONF_CHANNEL,
    CONF_GENERATION,
    CONF_MODEL,
    CONF_POWER_CHANNEL,
    CONF_POWER_ENTITY,
    CONF_POWER_GENERATION,
    CONF_POWER_HOST,
    CONF_POWER_PASSWORD,
    CONF_PUMP_ENTITY,
    RELAY_CONFIRM_TIMEOUT_SECONDS,
)
from ..shelly.client import ShellyClient
from .base import Relay
from .entity import EntityRelay
from .shelly import PUMP_IDLE_POLL_INTERVAL, ShellyRelay


def shelly_client(
    hass: HomeAssistant, host: str, password: str | None, generation: int | None = None
) -> ShellyClient:
    """A client for one Shelly on Home Assistant's shared HTTP session."""
    return ShellyClient(
        async_get_clientsession(hass),
        host,
        password=password or None,
        gen=generation,
        timeout=RELAY_CONFIRM_TIMEOUT_SECONDS,
    )


def _power_relay(
    hass: HomeAssistant, entry: ConfigEntry[Any], data: Mapping[str, Any]
) -> Relay:
    if data.get(CONF_POWER_HOST):
        client = shelly_client(
            hass,
            data[CONF_POWER_HOST],
            data.get(CONF_POWER_PASSWORD),
            data.get(CONF_POWER_GENERATION),
        )
        # The plug must stay on: no device flip-back timer for it.
        return ShellyRelay(
            hass,
            client,
            data.get(CONF_POWER_CHANNEL, 0),
            entry,
            default_auto_off=None,
            fast_while_on=False,
        )
    return EntityRelay(hass, data[CONF_POWER_ENTITY])


async def async_create_relays(
    hass: HomeAssistant, entry: ConfigEntry[Any]
) -> tuple[Relay, Relay, dict[str, Any]]:
    """Return the plug relay, the pump relay and extra device registry details."""
    data = entry.data
    power = _power_relay(hass, entry, data)
    if data.get(CONF_BACKEND) == BACKEND_SHELLY:
        client = shelly_client(
            hass, data[CONF_HOST], data.get(CONF_PASSWORD), data.get(CONF_GENERATION)
        )
        pump: Relay = ShellyRelay(
            hass,
            client,
            data[CONF_CHANNEL],
            entry,
            idle_interval=PUMP_IDLE_POLL_INTERVAL,
        )
        model = f"Shelly {data.get(CONF_MODEL) or ''} relay".replace("  ", " ")
        return power, pump, {"model": model}
    pump = EntityRelay(hass, data[CONF_PUMP_ENTITY])
    return power, pump, {"model": "Relay-controlled espresso machine"}
