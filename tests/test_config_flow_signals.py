"""Set-up with shot signals (power sensor, brew sensor, no pump relay) and pump calibration.

The config flow's ``entities`` step and reconfigure take an optional pump
relay, power sensor and brew sensor, each checked on its own field; the
options flow measures the pump's step on the power sensor while the user runs
the pump. Power readings are states of a real ``sensor`` entity set at frozen
times.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant import config_entries
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import (
    BACKEND_ENTITY,
    CONF_BACKEND,
    CONF_BREW_SENSOR,
    CONF_POWER_ENTITY,
    CONF_POWER_SENSOR,
    CONF_PUMP_ENTITY,
    CONF_THREE_WAY_VALVE,
    DOMAIN,
)

from .calibration_flow import (
    KW,
    Meter,
    calibrate_on_a_fast_pid,
    choose_calibrate,
    idle,
    outcome,
    pump_run,
    start_calibration,
    submit,
)
from .conftest import BREW, PLUG, POWER, PUMP, WATTS, Relays, machine_entry
from .helpers import (
    advance,
    entities_form,
    placeholders_of,
    reconfigure,
    settle,
    state_of,
)

SHOTS = "sensor.espresso_machine_shots"
TRANSLATIONS = (
    Path(__file__).parent.parent / "custom_components" / DOMAIN / "translations"
)


@pytest.fixture
async def sensors(hass: HomeAssistant, relays: Relays) -> None:
    """The plug's power sensor, a brew switch sensor, and a light that fits nowhere."""
    hass.states.async_set(POWER, "1200.0", WATTS)
    hass.states.async_set(BREW, "off")
    hass.states.async_set("light.kitchen", "on")
    hass.states.async_set(
        "sensor.machine_energy",
        "12.3",
        {"unit_of_measurement": "kWh", "device_class": "energy"},
    )
    await hass.async_block_till_done()


def form(**fields: Any) -> dict[str, Any]:
    """The entities form: the plug and a name, plus ``fields`` (None leaves one out)."""
    values = {
        "name": "Silvia",
        CONF_POWER_ENTITY: PLUG,
        CONF_THREE_WAY_VALVE: True,
        **fields,
    }
    return {key: value for key, value in values.items() if value is not None}


def suggested(result: Any) -> dict[str, Any]:
    """What the form suggests for each optional field."""
    return {
        str(key): (key.description or {}).get("suggested_value")
        for key in result["data_schema"].schema
        if key.description
    }


# --- the entities step --------------------------------------------------------


async def test_plug_only_machine(hass: HomeAssistant, sensors: None) -> None:
    """A plug and its power sensor are a machine: no pump key, unique id the plug."""
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, form(power_sensor=POWER)
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_BACKEND: BACKEND_ENTITY,
        CONF_POWER_ENTITY: PLUG,
        CONF_POWER_SENSOR: POWER,
        CONF_THREE_WAY_VALVE: True,
    }
    entry = result["result"]
    assert entry.unique_id == PLUG
    assert entry.state is config_entries.ConfigEntryState.LOADED
    machine = entry.runtime_data
    assert not machine.has_pump
    assert machine.power_meter is not None
    assert state_of(hass, "sensor.silvia_shots").state == "0"


async def test_plug_alone_is_enough(hass: HomeAssistant, sensors: None) -> None:
    """With no signal at all the machine still sets up (shots are logged by hand)."""
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, form())
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_BACKEND: BACKEND_ENTITY,
        CONF_POWER_ENTITY: PLUG,
        CONF_THREE_WAY_VALVE: True,
    }


async def test_every_field(hass: HomeAssistant, sensors: None) -> None:
    """Pump relay, power sensor in kW and brew sensor; the unique id is the pump."""
    hass.states.async_set(POWER, "1.2", KW)
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, form(pump_entity=PUMP, power_sensor=POWER, brew_sensor=BREW)
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == {
        CONF_BACKEND: BACKEND_ENTITY,
        CONF_POWER_ENTITY: PLUG,
        CONF_PUMP_ENTITY: PUMP,
        CONF_POWER_SENSOR: POWER,
        CONF_BREW_SENSOR: BREW,
        CONF_THREE_WAY_VALVE: True,
    }
    assert result["result"].unique_id == PUMP


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        # A light, or an entity of another field's kind, in each field.
        ({CONF_POWER_ENTITY: "light.kitchen"}, {CONF_POWER_ENTITY: "wrong_domain"}),
        ({CONF_POWER_ENTITY: POWER}, {CONF_POWER_ENTITY: "wrong_domain"}),
        ({CONF_PUMP_ENTITY: BREW}, {CONF_PUMP_ENTITY: "wrong_domain"}),
        ({CONF_POWER_SENSOR: "light.kitchen"}, {CONF_POWER_SENSOR: "wrong_domain"}),
        ({CONF_POWER_SENSOR: PLUG}, {CONF_POWER_SENSOR: "wrong_domain"}),
        ({CONF_BREW_SENSOR: POWER}, {CONF_BREW_SENSOR: "wrong_domain"}),
        ({CONF_BREW_SENSOR: "light.kitchen"}, {CONF_BREW_SENSOR: "wrong_domain"}),
        # Not a power sensor in W or kW.
        (
            {CONF_POWER_SENSOR: "sensor.machine_energy"},
            {CONF_POWER_SENSOR: "wrong_unit"},
        ),
        # Entities that do not exist.
        (
            {CONF_POWER_ENTITY: "switch.nowhere"},
            {CONF_POWER_ENTITY: "entity_not_found"},
        ),
        ({CONF_PUMP_ENTITY: "switch.nowhere"}, {CONF_PUMP_ENTITY: "entity_not_found"}),
        (
            {CONF_POWER_SENSOR: "sensor.nowhere"},
            {CONF_POWER_SENSOR: "entity_not_found"},
        ),
        (
            {CONF_BREW_SENSOR: "binary_sensor.nowhere"},
            {CONF_BREW_SENSOR: "entity_not_found"},
        ),
        # The same entity twice, refused on the later field, in each pair
        # that the domains allow (a power sensor cannot be any of the others).
        ({CONF_PUMP_ENTITY: PLUG}, {CONF_PUMP_ENTITY: "same_entity"}),
        ({CONF_BREW_SENSOR: PLUG}, {CONF_BREW_SENSOR: "same_entity"}),
        (
            {CONF_PUMP_ENTITY: PUMP, CONF_BREW_SENSOR: PUMP},
            {CONF_BREW_SENSOR: "same_entity"},
        ),
        # Each field gets its own error.
        (
            {
                CONF_POWER_ENTITY: "light.kitchen",
                CONF_PUMP_ENTITY: "switch.nowhere",
                CONF_POWER_SENSOR: "sensor.machine_energy",
            },
            {
                CONF_POWER_ENTITY: "wrong_domain",
                CONF_PUMP_ENTITY: "entity_not_found",
                CONF_POWER_SENSOR: "wrong_unit",
            },
        ),
    ],
)
async def test_bad_entities_are_refused_on_their_field(
    hass: HomeAssistant, sensors: None, fields: dict[str, str], errors: dict[str, str]
) -> None:
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(flow_id, form(**fields))
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert hass.config_entries.async_entries(DOMAIN) == []
    # The form keeps what was typed, and a good answer goes through.
    assert {key: suggested(result)[key] for key in fields} == fields
    result = await hass.config_entries.flow.async_configure(
        flow_id, form(power_sensor=POWER)
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize(
    ("attributes", "error"),
    [
        (WATTS, None),
        (KW, None),
        ({"unit_of_measurement": "mW", "device_class": "power"}, "wrong_unit"),
        ({"unit_of_measurement": "W"}, "wrong_unit"),
        ({"unit_of_measurement": "W", "device_class": "energy"}, "wrong_unit"),
        ({"unit_of_measurement": "V", "device_class": "voltage"}, "wrong_unit"),
        ({"device_class": "power"}, "wrong_unit"),
    ],
)
async def test_power_sensor_units(
    hass: HomeAssistant, sensors: None, attributes: dict[str, str], error: str | None
) -> None:
    hass.states.async_set(POWER, "1200", attributes)
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, form(power_sensor=POWER)
    )
    await hass.async_block_till_done()
    if error is None:
        assert result["type"] is FlowResultType.CREATE_ENTRY
    else:
        assert result["errors"] == {CONF_POWER_SENSOR: error}
        assert hass.config_entries.async_entries(DOMAIN) == []


async def test_plug_already_used_by_a_plug_only_machine(
    hass: HomeAssistant, sensors: None
) -> None:
    MockConfigEntry(
        domain=DOMAIN,
        unique_id=PLUG,
        data={CONF_BACKEND: BACKEND_ENTITY, CONF_POWER_ENTITY: PLUG},
    ).add_to_hass(hass)
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, form(power_sensor=POWER)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


# --- reconfigure --------------------------------------------------------------


async def pull(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    """A 25 s shot on the pump relay."""
    relays.pump.set(True)
    await advance(hass, freezer, 25)
    relays.pump.set(False)
    await settle(hass)


async def test_reconfigure_between_set_ups_keeps_the_counters(
    hass: HomeAssistant, relays: Relays, sensors: None, freezer: FrozenDateTimeFactory
) -> None:
    """Relay only, then plug only (pump cleared), then relay again: nothing is lost."""
    entry = machine_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await settle(hass)
    await pull(hass, relays, freezer)
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 2}, blocking=True)
    await hass.services.async_call(
        DOMAIN, "record_maintenance", {"task": "descale"}, blocking=True
    )
    await settle(hass)
    assert state_of(hass, SHOTS).state == "3"
    last_descale = state_of(hass, "sensor.espresso_machine_last_descale").state
    assert last_descale not in ("unknown", "unavailable")

    # Plug only: the pump field is left empty, a power sensor is added.
    result = await reconfigure(
        hass,
        entry,
        {CONF_POWER_ENTITY: PLUG, CONF_POWER_SENSOR: POWER, CONF_THREE_WAY_VALVE: True},
    )
    assert result["reason"] == "reconfigure_successful"
    assert dict(entry.data) == {
        CONF_BACKEND: BACKEND_ENTITY,
        CONF_POWER_ENTITY: PLUG,
        CONF_POWER_SENSOR: POWER,
        CONF_THREE_WAY_VALVE: True,
    }
    assert entry.unique_id == PLUG
    assert not entry.runtime_data.has_pump
    assert entry.runtime_data.power_meter is not None
    assert state_of(hass, SHOTS).state == "3"
    assert state_of(hass, "sensor.espresso_machine_last_descale").state == last_descale
    # The pump relay now runs by hand without counting a shot (no relay signal).
    relays.pump.set(True)
    await advance(hass, freezer, 25)
    relays.pump.set(False)
    await settle(hass)
    assert state_of(hass, SHOTS).state == "3"

    # The relay back, the power sensor cleared: the suggested values were the
    # entry's, and the cleared key is gone.
    start = await entry.start_reconfigure_flow(hass)
    assert suggested(start) == {
        CONF_PUMP_ENTITY: None,
        CONF_POWER_SENSOR: POWER,
        CONF_BREW_SENSOR: None,
    }
    result = await hass.config_entries.flow.async_configure(
        start["flow_id"],
        {CONF_POWER_ENTITY: PLUG, CONF_PUMP_ENTITY: PUMP, CONF_THREE_WAY_VALVE: False},
    )
    await settle(hass)
    assert result["reason"] == "reconfigure_successful"
    assert dict(entry.data) == {
        CONF_BACKEND: BACKEND_ENTITY,
        CONF_POWER_ENTITY: PLUG,
        CONF_PUMP_ENTITY: PUMP,
        CONF_THREE_WAY_VALVE: False,
    }
    assert entry.unique_id == PUMP
    assert entry.runtime_data.has_pump
    assert entry.runtime_data.power_meter is None
    assert state_of(hass, SHOTS).state == "3"
    await pull(hass, relays, freezer)
    assert state_of(hass, SHOTS).state == "4"
    assert state_of(hass, "sensor.espresso_machine_last_descale").state == last_descale


async def test_reconfigure_refuses_bad_entities_and_changes_nothing(
    hass: HomeAssistant, relays: Relays, sensors: None
) -> None:
    entry = machine_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await settle(hass)
    before = dict(entry.data)
    start = await entry.start_reconfigure_flow(hass)
    flow_id = start["flow_id"]
    for user_input, errors in (
        (
            {CONF_POWER_ENTITY: PLUG, CONF_POWER_SENSOR: "sensor.machine_energy"},
            {CONF_POWER_SENSOR: "wrong_unit"},
        ),
        (
            {CONF_POWER_ENTITY: PLUG, CONF_BREW_SENSOR: "light.kitchen"},
            {CONF_BREW_SENSOR: "wrong_domain"},
        ),
        (
            {CONF_POWER_ENTITY: PLUG, CONF_PUMP_ENTITY: PUMP, CONF_BREW_SENSOR: PUMP},
            {CONF_BREW_SENSOR: "same_entity"},
        ),
        (
            {CONF_POWER_ENTITY: PLUG, CONF_POWER_SENSOR: "sensor.nowhere"},
            {CONF_POWER_SENSOR: "entity_not_found"},
        ),
    ):
        result = await hass.config_entries.flow.async_configure(
            flow_id, {**user_input, CONF_THREE_WAY_VALVE: True}
        )
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == errors
        # What was typed is suggested again, the pump left out included.
        assert suggested(result)[CONF_PUMP_ENTITY] == user_input.get(CONF_PUMP_ENTITY)
        assert dict(entry.data) == before
        assert entry.unique_id == PUMP


async def test_reconfigure_to_the_plug_of_another_machine(
    hass: HomeAssistant, relays: Relays, sensors: None
) -> None:
    """Plug only makes the plug the unique id: a plug-only machine on it already wins."""
    MockConfigEntry(
        domain=DOMAIN,
        unique_id=PLUG,
        data={CONF_BACKEND: BACKEND_ENTITY, CONF_POWER_ENTITY: PLUG},
    ).add_to_hass(hass)
    entry = machine_entry()
    entry.add_to_hass(hass)
    result = await reconfigure(
        hass, entry, {CONF_POWER_ENTITY: PLUG, CONF_THREE_WAY_VALVE: True}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_PUMP_ENTITY] == PUMP
    assert entry.unique_id == PUMP


# --- the options flow's calibration ---------------------------------------------


@pytest.mark.parametrize("kw", [False, True], ids=["W", "kW"])
async def test_calibration_measures_the_pump(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter, kw: bool
) -> None:
    meter.kw = kw
    await meter.report(idle(120))  # the idle minutes before: the noise
    flow_id = await start_calibration(hass, plug_only)
    await meter.report(idle(4))
    await meter.report(pump_run(5))
    await meter.report(idle(3))
    result = await outcome(hass, flow_id)
    if result["type"] is FlowResultType.SHOW_PROGRESS:  # a reading or two late
        await meter.report(idle(5))
        result = await outcome(hass, flow_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "calibrate_done"
    placeholders = placeholders_of(result)
    assert abs(int(placeholders["watts"]) - 55) <= 3
    assert float(placeholders["noise"]) < 10
    assert plug_only.options == {"cycles": 7}  # saved only on submit

    result = await hass.config_entries.options.async_configure(flow_id, {})
    await settle(hass)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert plug_only.options == {"cycles": 7, "pump_watts": int(placeholders["watts"])}
    assert plug_only.runtime_data.pump_watts == int(placeholders["watts"])


async def test_calibration_on_a_plug_reporting_on_change(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    """A plug reporting only changes of 2 W or more: idle readings every few
    seconds, a handful while the pump wobbles, then silence. The run is
    measured as soon as the pump's fall arrives, not when the minute is out.
    """
    for gap, watts in zip(
        (6.9, 3.4, 8.2, 4.1, 9.6, 5.3, 3.8, 7.4, 6.1, 4.7, 8.8, 5.9, 3.2, 7.7),
        (1197.9, 1202.3, 1198.2, 1202.0) * 4,
        strict=False,
    ):
        meter.set(watts)
        await meter.wait(gap)
    flow_id = await start_calibration(hass, plug_only)
    await meter.wait(5)
    await meter.report([1233.0, 1255.0, 1258.0, 1254.0], every=1.5)
    meter.set(1201.0)
    result = await outcome(hass, flow_id)
    assert result["step_id"] == "calibrate_done"
    assert abs(int(placeholders_of(result)["watts"]) - 55) <= 3


async def test_calibration_timeout_then_retry(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    """A meter that says nothing for the minute: ``timeout``, and the user may retry."""
    await meter.report(idle(60))
    flow_id = await start_calibration(hass, plug_only)
    await meter.wait(59)
    assert (await outcome(hass, flow_id))["type"] is FlowResultType.SHOW_PROGRESS
    await meter.wait(1)
    result = await outcome(hass, flow_id)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "calibrate"
    assert result["errors"] == {"base": "timeout"}
    assert plug_only.options == {"cycles": 7}

    # Again, and this time the pump runs.
    await submit(hass, flow_id)
    await meter.report(idle(3))
    await meter.report(pump_run(5))
    await meter.report(idle(8))
    result = await outcome(hass, flow_id)
    assert result["step_id"] == "calibrate_done"


async def test_calibration_no_pump_seen(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    """Readings all along, but no pump run in them."""
    await meter.report(idle(60))
    flow_id = await start_calibration(hass, plug_only)
    await meter.report(idle(61))
    result = await outcome(hass, flow_id)
    assert result["step_id"] == "calibrate"
    assert result["errors"] == {"base": "no_pump_seen"}
    assert plug_only.options == {"cycles": 7}
    assert plug_only.runtime_data.pump_watts == 0


async def test_calibration_too_noisy_refuses_counting_by_power(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    """A fast PID makes the idle readings wander as much as the pump's step."""
    flow_id = await calibrate_on_a_fast_pid(hass, plug_only, meter)
    result = await outcome(hass, flow_id)
    assert result["step_id"] == "calibrate"
    assert result["errors"] == {"base": "too_noisy"}
    assert plug_only.options == {"cycles": 7}
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"power_{plug_only.entry_id}")
    assert issue is not None
    assert issue.translation_key == "power_refused"


async def test_calibration_needs_a_power_sensor(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    """A relay-only machine has nothing to measure on."""
    result = await choose_calibrate(hass, entry.entry_id)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "no_power_sensor"


async def test_calibration_needs_a_loaded_machine(
    hass: HomeAssistant, relays: Relays, sensors: None
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id=PLUG,
        data={
            CONF_BACKEND: BACKEND_ENTITY,
            CONF_POWER_ENTITY: PLUG,
            CONF_POWER_SENSOR: POWER,
        },
    )
    entry.add_to_hass(hass)  # not set up
    result = await choose_calibrate(hass, entry.entry_id)
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "no_power_sensor"


async def test_closing_the_calibration_stops_waiting(
    hass: HomeAssistant, plug_only: MockConfigEntry, meter: Meter
) -> None:
    flow_id = await start_calibration(hass, plug_only)
    hass.config_entries.options.async_abort(flow_id)
    await settle(hass)
    assert hass.config_entries.options.async_progress() == []
    await meter.report(idle(3) + pump_run(5) + idle(70))
    assert plug_only.options == {"cycles": 7}


def test_calibration_errors_are_translated() -> None:
    """The errors the calibration computes (the translations test sees literals only)."""
    for language in ("en", "de", "it"):
        strings = json.loads((TRANSLATIONS / f"{language}.json").read_text("utf-8"))
        errors = strings["options"]["error"]
        assert {"no_pump_seen", "too_noisy", "timeout"} <= set(errors), language
        assert "no_power_sensor" in strings["options"]["abort"], language
        assert {"wrong_domain", "wrong_unit", "same_entity"} <= set(
            strings["config"]["error"]
        ), language


async def test_yaml_input_boolean_as_brew_sensor(
    hass: HomeAssistant, relays: Relays, sensors: None
) -> None:
    """An input boolean (no unique id) is a brew sensor as good as any."""
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"brewing": {}}}
    )
    flow_id = await entities_form(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, form(brew_sensor="input_boolean.brewing")
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_BREW_SENSOR] == "input_boolean.brewing"
    assert result["result"].runtime_data.brew_sensor is not None
