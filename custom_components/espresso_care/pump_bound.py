"""Pumps only Home Assistant bounds: a repair issue pointing to the device-side fix.

Relays in ESPHome, Tasmota and MQTT (Zigbee2MQTT among others) get a plain
on from this integration: it cannot set their timers reliably. Their own
firmware can, and the README has a snippet for each. One warning per
machine says so; the user may dismiss it once the device is bounded. It
goes away by itself when the pump entity changes to one of another
integration.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.loader import async_get_integration

from .const import CONF_PUMP_ENTITY, DOMAIN
from .machine import EspressoConfigEntry

# The integrations whose relays need a bound set on the device, and the
# README section (its GitHub anchor) that shows how.
UNBOUNDED_PLATFORMS: Final[dict[str, str]] = {
    "esphome": "esphome-a-maximum-on-time-on-the-board",
    "tasmota": "tasmota-pulsetime",
    "mqtt": "zigbee2mqtt-on_time",
}


def issue_id(entry_id: str) -> str:
    """The machine's one issue about its pump relay's missing device bound."""
    return f"pump_not_bounded_{entry_id}"


def pump_platform(hass: HomeAssistant, entity_id: str | None) -> str | None:
    """The integration the pump entity belongs to, None when not registered."""
    if not entity_id:
        return None
    registered = er.async_get(hass).async_get(entity_id)
    return registered.platform if registered is not None else None


async def async_update_pump_bound_issue(
    hass: HomeAssistant, entry: EspressoConfigEntry
) -> None:
    """Raise the issue for a pump in ESPHome, Tasmota or MQTT; delete it otherwise."""
    entity_id = entry.data.get(CONF_PUMP_ENTITY)
    platform = pump_platform(hass, entity_id)
    if platform not in UNBOUNDED_PLATFORMS:
        ir.async_delete_issue(hass, DOMAIN, issue_id(entry.entry_id))
        return
    integration = await async_get_integration(hass, DOMAIN)
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id(entry.entry_id),
        is_fixable=False,
        is_persistent=False,
        severity=ir.IssueSeverity.WARNING,
        learn_more_url=f"{integration.documentation}#{UNBOUNDED_PLATFORMS[platform]}",
        translation_key=f"pump_not_bounded_{platform}",
        translation_placeholders={"name": entry.title, "entity": str(entity_id)},
    )


def async_remove_pump_bound_issue(hass: HomeAssistant, entry_id: str) -> None:
    """The machine is gone: so is its issue."""
    ir.async_delete_issue(hass, DOMAIN, issue_id(entry_id))
