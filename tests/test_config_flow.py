"""The config, reconfigure and options flows."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import (
    BACKEND_ENTITY,
    CONF_BACKEND,
    CONF_POWER_ENTITY,
    CONF_PUMP_ENTITY,
    CONF_THREE_WAY_VALVE,
    DEFAULT_OPTIONS,
)

from .conftest import PLUG, PUMP, Relays, machine_entry
from .helpers import entities_form, options_form, reconfigure


def machine_form(**fields: Any) -> dict[str, Any]:
    """The entities form: Silvia on the plug and pump, with a 3-way valve; ``fields`` change it."""
    return {
        "name": "Silvia",
        CONF_POWER_ENTITY: PLUG,
        CONF_PUMP_ENTITY: PUMP,
        CONF_THREE_WAY_VALVE: True,
        **fields,
    }


async def test_create_entry(hass: HomeAssistant, relays: Relays) -> None:
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, machine_form())
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Silvia"
    assert result["data"] == {
        CONF_BACKEND: BACKEND_ENTITY,
        CONF_POWER_ENTITY: PLUG,
        CONF_PUMP_ENTITY: PUMP,
        CONF_THREE_WAY_VALVE: True,
    }
    entry = result["result"]
    assert entry.unique_id == PUMP
    assert hass.states.get("switch.silvia_pump") is not None


async def test_yaml_entity_without_unique_id_counts(hass: HomeAssistant) -> None:
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"plug": {}, "pump": {}}}
    )
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id,
        machine_form(
            name="Gaggia",
            power_entity="input_boolean.plug",
            pump_entity="input_boolean.pump",
            three_way_valve=False,
        ),
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_THREE_WAY_VALVE] is False


async def test_errors_then_recover(hass: HomeAssistant, relays: Relays) -> None:
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, machine_form(power_entity="switch.nowhere")
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_POWER_ENTITY: "entity_not_found"}
    result = await hass.config_entries.flow.async_configure(
        flow_id, machine_form(power_entity=PUMP)
    )
    assert result["errors"] == {CONF_PUMP_ENTITY: "same_entity"}
    result = await hass.config_entries.flow.async_configure(flow_id, machine_form())
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_pump_already_used(hass: HomeAssistant, relays: Relays) -> None:
    machine_entry().add_to_hass(hass)
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, machine_form(name="Second")
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_reconfigure(hass: HomeAssistant, relays: Relays) -> None:
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"pump2": {}}}
    )
    entry = machine_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    result = await entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_POWER_ENTITY: PLUG, CONF_PUMP_ENTITY: PLUG, CONF_THREE_WAY_VALVE: True},
    )
    assert result["errors"] == {CONF_PUMP_ENTITY: "same_entity"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_POWER_ENTITY: PLUG,
            CONF_PUMP_ENTITY: "input_boolean.pump2",
            CONF_THREE_WAY_VALVE: False,
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_PUMP_ENTITY] == "input_boolean.pump2"
    assert entry.data[CONF_THREE_WAY_VALVE] is False
    assert entry.unique_id == "input_boolean.pump2"
    assert entry.runtime_data.pump.entity_id == "input_boolean.pump2"


async def test_reconfigure_to_a_pump_of_another_machine(
    hass: HomeAssistant, relays: Relays
) -> None:
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"pump2": {}}}
    )
    other = machine_entry(pump="input_boolean.pump2", unique_id="input_boolean.pump2")
    other.add_to_hass(hass)
    entry = machine_entry()
    entry.add_to_hass(hass)
    result = await reconfigure(
        hass,
        entry,
        {
            CONF_POWER_ENTITY: PLUG,
            CONF_PUMP_ENTITY: "input_boolean.pump2",
            CONF_THREE_WAY_VALVE: True,
        },
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_PUMP_ENTITY] == PUMP


async def test_options_flow(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    result = await options_form(hass, entry.entry_id)
    new = {
        **DEFAULT_OPTIONS,
        "cycles": 7,
        "shot_min_seconds": 30,
        "shot_max_seconds": 20,
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], new)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"shot_max_seconds": "shot_range"}
    new["shot_max_seconds"] = 90
    result = await hass.config_entries.options.async_configure(result["flow_id"], new)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["cycles"] == 7
    assert entry.runtime_data.options["shot_max_seconds"] == 90


async def test_options_flow_rejects_out_of_range(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    from homeassistant.data_entry_flow import InvalidData
    import pytest

    result = await options_form(hass, entry.entry_id)
    with pytest.raises(InvalidData):
        await hass.config_entries.options.async_configure(
            result["flow_id"], {**DEFAULT_OPTIONS, "cycles": 99}
        )
    assert "cycles" not in entry.options


async def test_options_flow_refuses_fractions(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    result = await options_form(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**DEFAULT_OPTIONS, "cycles": 2.5}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"cycles": "whole_number"}
    assert "cycles" not in entry.options
