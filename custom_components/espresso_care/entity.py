"""The base of every Espresso Care entity: a thin view of its machine."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .machine import Machine


@dataclass(frozen=True, kw_only=True)
class EspressoEntityDescription(EntityDescription):
    """Whether the machine has the entity, and its attributes, read off the machine.

    The sensors, binary sensors and switches all describe these two alike:
    their descriptions derive from this one, and ``EspressoDescribedEntity``
    shows the attributes for all of them.
    """

    attributes_fn: Callable[[Machine], Mapping[str, Any]] | None = None
    exists_fn: Callable[[Machine], bool] = lambda _machine: True


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


class EspressoDescribedEntity(EspressoEntity):
    """An entity whose description may give attributes (``attributes_fn``)."""

    entity_description: EspressoEntityDescription

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Details, where the description has any."""
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.machine)


def described_entities[DescriptionT: EspressoEntityDescription, EntityT](
    machine: Machine,
    descriptions: Iterable[DescriptionT],
    entity: Callable[[Machine, DescriptionT], EntityT],
) -> list[EntityT]:
    """The platform's entities of the machine: one per description it has."""
    return [entity(machine, d) for d in descriptions if d.exists_fn(machine)]
