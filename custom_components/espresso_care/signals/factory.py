"""Builds a machine's shot signal sources from its config entry: the only place that knows them."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from ..const import CONF_BREW_SENSOR, CONF_POWER_METERED, CONF_POWER_SENSOR
from ..relays.base import Relay
from ..relays.entity import EntityOnOff
from ..relays.shelly import shelly_power_meter
from .base import BinarySource, PowerMeter
from .entity_sources import EntityPowerMeter
from .shelly_input import shelly_brew_source


def create_brew_source(
    hass: HomeAssistant, entry: ConfigEntry[Any], pump: Relay | None = None
) -> BinarySource | None:
    """The sensor on the brew switch, if the machine has one.

    A sensor entity, or the pump Shelly's own input (sharing the pump
    relay's client when ``pump`` is that Shelly).
    """
    if entity_id := entry.data.get(CONF_BREW_SENSOR):
        return EntityOnOff(hass, entity_id)
    return shelly_brew_source(hass, entry, pump)


def create_power_meter(
    hass: HomeAssistant, entry: ConfigEntry[Any], plug: Relay
) -> PowerMeter | None:
    """The machine's power meter: a power sensor entity, if the machine has one."""
    if entity_id := entry.data.get(CONF_POWER_SENSOR):
        return EntityPowerMeter(hass, entity_id)
    # A metering plug Shelly is the meter by itself (entries from before the
    # key existed had their Shelly plug's power shown: take it as metering).
    if entry.data.get(CONF_POWER_METERED, True):
        return shelly_power_meter(plug)
    return None
