"""The base of every Espresso Care entity: a thin view of its machine."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .machine import Machine


class EspressoEntity(Entity):
    """Named after its description's translation key, updated when the machine changes."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, machine: Machine, description: EntityDescription) -> None:
        self.machine = machine
        self.entity_description = description
        self._attr_unique_id = f"{machine.entry.entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, machine.entry.entry_id)}
        )

    async def async_added_to_hass(self) -> None:
        """Follow the machine's updates."""
        await super().async_added_to_hass()
        self.async_on_remove(self.machine.async_add_listener(self.async_write_ha_state))
