"""The machine's plug and pump as switches that mirror the relays."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import (
    DOMAIN as SWITCH_DOMAIN,
    SwitchDeviceClass,
    SwitchEntity,
    SwitchEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import DOMAIN
from .entity import (
    EspressoDescribedEntity,
    EspressoEntityDescription,
    described_entities,
)
from .machine import EspressoConfigEntry, Machine
from .relays.base import Relay

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class EspressoSwitchDescription(EspressoEntityDescription, SwitchEntityDescription):
    """A switch over one of the machine's relays."""

    relay_fn: Callable[[Machine], Relay]
    set_fn: Callable[[Machine, bool], Awaitable[None]]


SWITCHES: tuple[EspressoSwitchDescription, ...] = (
    EspressoSwitchDescription(
        key="power",
        translation_key="power",
        device_class=SwitchDeviceClass.OUTLET,
        relay_fn=lambda machine: machine.power,
        set_fn=lambda machine, on: machine.async_set_power(on),
    ),
    EspressoSwitchDescription(
        key="pump",
        translation_key="pump",
        device_class=SwitchDeviceClass.SWITCH,
        relay_fn=lambda machine: machine.pump,
        set_fn=lambda machine, on: machine.async_set_pump(on),
        exists_fn=lambda machine: machine.has_pump,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EspressoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the plug and, where the machine has one, the pump switch.

    A pump relay removed by reconfigure leaves no stale entity behind.
    """
    machine = entry.runtime_data
    registry = er.async_get(hass)
    for description in SWITCHES:
        if description.exists_fn(machine):
            continue
        unique_id = f"{entry.entry_id}_{description.key}"
        if entity_id := registry.async_get_entity_id(SWITCH_DOMAIN, DOMAIN, unique_id):
            registry.async_remove(entity_id)
    async_add_entities(described_entities(machine, SWITCHES, EspressoSwitch))


class EspressoSwitch(EspressoDescribedEntity, SwitchEntity):
    """A relay of the machine."""

    entity_description: EspressoSwitchDescription

    @property
    def available(self) -> bool:
        """Unavailable while the relay is missing or unavailable."""
        return self.entity_description.relay_fn(self.machine).available

    @property
    def is_on(self) -> bool | None:
        """The relay's state."""
        return self.entity_description.relay_fn(self.machine).is_on

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch the relay on."""
        await self.entity_description.set_fn(self.machine, True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch the relay off."""
        await self.entity_description.set_fn(self.machine, False)
