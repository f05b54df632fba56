"""The plug and pump switches: mirrored state, forwarding, availability, watchdog, unload."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest

from custom_components.espresso_care.const import DOMAIN

from .conftest import Relays, Rig, machine_entry
from .helpers import is_on, state_of

POWER = "switch.espresso_machine_power"
PUMP_SWITCH = "switch.espresso_machine_pump"


async def _switch(hass: HomeAssistant, entity_id: str, on: bool) -> None:
    await hass.services.async_call(
        "switch",
        "turn_on" if on else "turn_off",
        {ATTR_ENTITY_ID: entity_id},
        blocking=True,
    )


async def test_device_and_entities(
    hass: HomeAssistant,
    rig: Rig,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    device = dr.async_entries_for_config_entry(device_registry, rig.entry.entry_id)[0]
    assert device is not None
    assert device.name == "Espresso machine"
    for entity_id, key in ((POWER, "power"), (PUMP_SWITCH, "pump")):
        registered = entity_registry.async_get(entity_id)
        assert registered is not None
        assert registered.unique_id == f"{rig.entry.entry_id}_{key}"
        assert registered.device_id == device.id
        assert registered.translation_key == key
    assert state_of(hass, POWER).state == STATE_ON
    assert state_of(hass, PUMP_SWITCH).state == STATE_OFF


async def test_mirrors_the_wrapped_entities(hass: HomeAssistant, rig: Rig) -> None:
    rig.relays.pump.set(True)
    await hass.async_block_till_done()
    assert state_of(hass, PUMP_SWITCH).state == STATE_ON
    rig.relays.plug.set(False)
    await hass.async_block_till_done()
    assert state_of(hass, POWER).state == STATE_OFF


async def test_forwards_commands(hass: HomeAssistant, rig: Rig) -> None:
    await _switch(hass, POWER, False)
    assert is_on(rig.relays.plug) is False
    assert state_of(hass, POWER).state == STATE_OFF
    await _switch(hass, POWER, True)
    assert is_on(rig.relays.plug) is True
    await _switch(hass, PUMP_SWITCH, True)
    assert is_on(rig.relays.pump) is True
    await _switch(hass, PUMP_SWITCH, False)
    assert is_on(rig.relays.pump) is False
    assert state_of(hass, PUMP_SWITCH).state == STATE_OFF


async def test_unavailable_with_the_wrapped_entity(
    hass: HomeAssistant, rig: Rig
) -> None:
    rig.relays.pump.set_available(False)
    await hass.async_block_till_done()
    assert state_of(hass, PUMP_SWITCH).state == STATE_UNAVAILABLE
    rig.relays.pump.set_available(True)
    await hass.async_block_till_done()
    assert state_of(hass, PUMP_SWITCH).state == STATE_OFF
    hass.states.async_remove("switch.plug")
    await hass.async_block_till_done()
    assert state_of(hass, POWER).state == STATE_UNAVAILABLE


@pytest.mark.parametrize("entry_options", [{"max_pump_seconds": 20}])
async def test_watchdog_switches_the_pump_off(hass: HomeAssistant, rig: Rig) -> None:
    await _switch(hass, PUMP_SWITCH, True)
    await rig.advance(19.9)
    assert is_on(rig.relays.pump) is True
    await rig.advance(0.1)
    assert is_on(rig.relays.pump) is False
    assert rig.relays.pump.on_durations() == [20.0]


async def test_watchdog_disarmed_when_pump_goes_off(
    hass: HomeAssistant, rig: Rig
) -> None:
    await _switch(hass, PUMP_SWITCH, True)
    await rig.advance(5)
    rig.relays.pump.set(False)  # the brew switch, by hand
    rig.relays.pump.set(True)
    await rig.advance(120)
    assert rig.relays.pump.is_on is True  # not ours any more: nobody cuts a manual brew


async def test_unload_switches_our_pump_off(hass: HomeAssistant, rig: Rig) -> None:
    await _switch(hass, PUMP_SWITCH, True)
    assert await hass.config_entries.async_unload(rig.entry.entry_id)
    await hass.async_block_till_done()
    assert rig.entry.state is ConfigEntryState.NOT_LOADED
    assert rig.relays.pump.is_on is False


async def test_unload_leaves_a_pump_it_did_not_switch(
    hass: HomeAssistant, rig: Rig
) -> None:
    rig.relays.pump.set(True)
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(rig.entry.entry_id)
    assert rig.relays.pump.is_on is True


async def test_pump_command_failure_is_translated(
    hass: HomeAssistant, rig: Rig
) -> None:
    from homeassistant.exceptions import HomeAssistantError

    rig.relays.pump.fail_commands = True
    with pytest.raises(HomeAssistantError) as err:
        await _switch(hass, PUMP_SWITCH, True)
    assert err.value.translation_key == "relay_command_failed"
    assert err.value.translation_domain == DOMAIN


async def test_flush_counter_is_disabled_by_default(
    hass: HomeAssistant, relays: Relays, entity_registry: er.EntityRegistry
) -> None:
    config_entry = machine_entry()
    config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    flushes = entity_registry.async_get("sensor.espresso_machine_flushes")
    assert flushes is not None
    assert flushes.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    assert hass.states.get("sensor.espresso_machine_flushes") is None
    assert state_of(hass, "sensor.espresso_machine_shots").state == "0"
