"""Builds a machine's two relays from its config entry; the only place that knows the backends."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
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
    CONF_SHELLY_BOUND,
    DEFAULT_OPTIONS,
    OPT_MAX_PUMP_SECONDS,
    RELAY_CONFIRM_TIMEOUT_SECONDS,
)
from ..shelly.client import ShellyClient
from .base import NoRelay, Relay
from .entity import EntityRelay
from .shelly import METER_POLL_INTERVAL, PUMP_IDLE_POLL_INTERVAL, ShellyRelay
from .shelly_bound import SHELLY_DOMAIN, ShellyBoundRelay
from .zha import ZHA_DOMAIN, ZhaRelay, zha_address


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
            metering_interval=METER_POLL_INTERVAL,
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
    if not data.get(CONF_PUMP_ENTITY):
        # A plug-only machine: shots by power or a brew sensor, guided programs.
        return power, NoRelay(hass), {"model": "Espresso machine on a smart plug"}
    pump = _entity_pump_relay(hass, entry, data[CONF_PUMP_ENTITY])
    return power, pump, {"model": "Relay-controlled espresso machine"}


def _entity_pump_relay(
    hass: HomeAssistant, entry: ConfigEntry[Any], entity_id: str
) -> Relay:
    """A pump entity's relay: a ZHA switch gets On With Timed Off with each on.

    A switch of Home Assistant's Shelly integration gets the device-side
    bounds the flow set up for it.
    """
    registered = er.async_get(hass).async_get(entity_id)
    if registered is not None and registered.platform == ZHA_DOMAIN:
        return ZhaRelay(hass, entity_id, zha_address(hass, entity_id))
    bound = entry.data.get(CONF_SHELLY_BOUND)
    if bound and registered is not None and registered.platform == SHELLY_DOMAIN:
        return ShellyBoundRelay(
            hass,
            entity_id,
            entry,
            bound,
            lambda: float(
                entry.options.get(
                    OPT_MAX_PUMP_SECONDS, DEFAULT_OPTIONS[OPT_MAX_PUMP_SECONDS]
                )
            ),
        )
    return EntityRelay(hass, entity_id)
