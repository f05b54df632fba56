"""A power sensor's voltage companion on the same device, followed beside the power.

The meter reads the voltage on a listener of its own (the power's listener,
a hot path, compares no entity ids): a voltage change updates the volts the
next readings carry, and is no power reading itself.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import OPT_PUMP_WATTS
from custom_components.espresso_care.diagnostics import (
    async_get_config_entry_diagnostics,
)

from .conftest import POWER, WATTS, Relays, loaded, machine_entry
from .helpers import advance

VOLTS = "sensor.machine_voltage"
VOLT_ATTRIBUTES = {"unit_of_measurement": "V", "device_class": "voltage"}


def _plug_device(hass: HomeAssistant) -> None:
    """A plug integration's device with a power and a voltage sensor."""
    plug = MockConfigEntry(domain="test_plug")
    plug.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=plug.entry_id, identifiers={("test_plug", "plug_1")}
    )
    registry = er.async_get(hass)
    for unique_id in ("power", "voltage"):
        registry.async_get_or_create(
            "sensor",
            "test_plug",
            unique_id,
            suggested_object_id=f"machine_{unique_id}",
            device_id=device.id,
            config_entry=plug,
        )


async def _meter(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    meter: dict[str, Any] = diagnostics["shot_signal"]["meter"]
    return meter


async def test_the_voltage_sensor_is_followed(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """Volts follow the voltage sensor; watts only the power sensor."""
    _plug_device(hass)
    hass.states.async_set(POWER, "5.0", WATTS)
    hass.states.async_set(VOLTS, "229.5", VOLT_ATTRIBUTES)
    config = machine_entry(pump=None, power_sensor=POWER, options={OPT_PUMP_WATTS: 52})
    async with loaded(hass, config) as entry:
        meter = await _meter(hass, entry)
        assert (meter["voltage_entity_id"], meter["volts"]) == (VOLTS, 229.5)

        hass.states.async_set(VOLTS, "231.0", VOLT_ATTRIBUTES)
        await advance(hass, freezer, 1)
        meter = await _meter(hass, entry)
        assert (meter["volts"], meter["watts"]) == (231.0, 5.0)

        hass.states.async_set(POWER, "6.5", WATTS)
        await advance(hass, freezer, 1)
        meter = await _meter(hass, entry)
        assert (meter["volts"], meter["watts"]) == (231.0, 6.5)

        hass.states.async_set(VOLTS, STATE_UNAVAILABLE)
        await advance(hass, freezer, 1)
        meter = await _meter(hass, entry)
        assert (meter["volts"], meter["watts"]) == (None, 6.5)
