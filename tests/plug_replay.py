"""A plug-only machine fed a simulated trace through a real power sensor entity.

Shared by the tests that replay the simulator's readings reading by reading
in frozen time (shots counted by power, backflushes read from power).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorStateClass,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import UnitOfPower
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    async_fire_time_changed_exact,
    setup_test_component_platform,
)

from custom_components.espresso_care.const import CONF_POWER_SENSOR, OPT_PUMP_WATTS
from simulator.espresso import Report

from .conftest import enable_all_entities, machine_entry
from .helpers import settle


class PlugPowerSensor(SensorEntity):
    """A metering plug's power sensor entity, as a plug integration has one."""

    _attr_should_poll = False
    _attr_name = "Machine power"
    _attr_unique_id = "sim_machine_power"
    _attr_device_class = SensorDeviceClass.POWER
    _attr_state_class = SensorStateClass.MEASUREMENT
    _attr_native_unit_of_measurement = UnitOfPower.WATT

    def report(self, watts: float) -> None:
        """A reading from the plug."""
        self._attr_native_value = round(watts, 1)
        self.async_write_ha_state()


async def plug_only_machine(
    hass: HomeAssistant,
    monkeypatch: pytest.MonkeyPatch,
    pump_watts: float,
    options: dict[str, Any] | None = None,
) -> tuple[PlugPowerSensor, ConfigEntry]:
    """A plug's power sensor and a machine counting from it alone, set up."""
    # An entity stamps its state with ``helpers.entity.timer``, bound to the real
    # clock at import: make it read the frozen clock, as every other stamp does.
    monkeypatch.setattr(
        "homeassistant.helpers.entity.timer", lambda: dt_util.utcnow().timestamp()
    )
    sensor = PlugPowerSensor()
    setup_test_component_platform(hass, "sensor", [sensor])
    assert await async_setup_component(
        hass, "sensor", {"sensor": [{"platform": "test"}]}
    )
    await hass.async_block_till_done()
    entry = machine_entry(
        pump=None, options={OPT_PUMP_WATTS: round(pump_watts), **(options or {})}
    )
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, CONF_POWER_SENSOR: sensor.entity_id}
    )
    enable_all_entities(hass, entry)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await settle(hass)
    return sensor, entry


async def feed(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    sensor: PlugPowerSensor,
    reports: Sequence[Report],
    after_each: Callable[[], None] | None = None,
) -> None:
    """The readings at their own moments, one per turn of the loop (as a plug writes them)."""
    last = 0.0
    for reading in reports:
        freezer.tick(timedelta(seconds=reading.at - last))
        async_fire_time_changed_exact(hass)
        last = reading.at
        sensor.report(reading.watts)
        await hass.async_block_till_done()
        if after_each is not None:
            after_each()
