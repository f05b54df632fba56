"""The base of every Espresso Care entity: a thin view of its machine."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from homeassistant.core import callback
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
    """Named after its description's translation key, written when what it shows changes."""

    _attr_has_entity_name = True
    _attr_should_poll = False
    # Whether the state shows anything of the machine (a button's shows its last press).
    _follows_machine: ClassVar[bool] = True
    # What the state showed when last written through ``_async_write_if_changed``.
    _shown: tuple[Any, ...] | None = None

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
        if self._follows_machine:
            self.async_on_remove(
                self.machine.async_add_listener(self._async_write_if_changed)
            )
            # Home Assistant writes the state as soon as this returns.
            self._shown = self.shown()

    def shown(self) -> tuple[Any, ...]:
        """What the state shows: written again only when this changes."""
        return (self.available, self.state, self.extra_state_attributes)

    @callback
    def _async_write_if_changed(self) -> None:
        """Write the state only when what it shows changed.

        Every machine update reaches every entity, and most change nothing.
        Home Assistant would still build the whole state of each, compare it
        with the last, and report it again (a ``state_reported`` event and a
        new ``last_reported``): two dozen writes per update, nearly all for nothing.
        """
        shown = self.shown()
        if shown != self._shown:
            self._shown = shown
            self.async_write_ha_state()


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
