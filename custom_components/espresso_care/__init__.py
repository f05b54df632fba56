"""Espresso Care: backflush programs, shot counting and maintenance for an espresso machine."""

from __future__ import annotations

from homeassistant.const import EVENT_HOMEASSISTANT_STOP, Platform
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .const import BACKEND_SHELLY, CONF_BACKEND, CONF_SHELLY_BOUND, DOMAIN
from .machine import EspressoConfigEntry, Machine
from .pump_bound import async_remove_pump_bound_issue, async_update_pump_bound_issue
from .relays.factory import async_create_relays
from .relays.shelly_bound import async_restore_previous
from .services import async_setup_services
from .signals.factory import create_brew_source, create_power_meter
from .storage import MachineStore

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.SENSOR,
    Platform.SWITCH,
    Platform.TODO,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions once, whatever the number of machines."""
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: EspressoConfigEntry) -> bool:
    """Set up one machine: its device, relays, machine object and platforms."""
    power, pump, device_details = await async_create_relays(hass, entry)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={(DOMAIN, entry.entry_id)},
        name=entry.title,
        manufacturer="Espresso Care",
        **device_details,
    )
    machine = Machine(
        hass,
        entry,
        power,
        pump,
        MachineStore(hass, entry.entry_id),
        device_id=device.id,
        brew_sensor=create_brew_source(hass, entry, pump),
        power_meter=create_power_meter(hass, entry, power),
    )
    await machine.async_setup()
    if entry.data.get(CONF_BACKEND) == BACKEND_SHELLY and not pump.available:
        # A Shelly that does not answer: let Home Assistant retry the set-up.
        await machine.async_shutdown()
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN, translation_key="cannot_connect"
        )
    entry.runtime_data = machine
    await async_update_pump_bound_issue(hass, entry)

    async def _async_stop(_event: Event) -> None:
        await machine.async_stop_pump("home_assistant_stopping")

    entry.async_on_unload(
        hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _async_stop)
    )
    entry.async_on_unload(entry.add_update_listener(_async_entry_updated))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def _async_entry_updated(hass: HomeAssistant, entry: EspressoConfigEntry) -> None:
    """Options changed: apply them live."""
    entry.runtime_data.async_options_updated()


async def async_unload_entry(hass: HomeAssistant, entry: EspressoConfigEntry) -> bool:
    """Unload a machine; a running program ends with the pump off."""
    await entry.runtime_data.async_shutdown()
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: EspressoConfigEntry) -> None:
    """The machine was deleted: remove its stored counters and its repair issue."""
    await MachineStore(hass, entry.entry_id).async_remove()
    async_remove_pump_bound_issue(hass, entry.entry_id)
    if bound := entry.data.get(CONF_SHELLY_BOUND):
        # The pump's Shelly gets back the auto-off it had before the machine.
        await async_restore_previous(hass, bound)
