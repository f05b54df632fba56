"""Device-side bounds on the pump: ZHA's On With Timed Off, the repair issue, the sensor.

ZHA is simulated (see ``zha_fixtures``): the pump entity is registered as a
``zha`` entity on a ZHA device, and the cluster command action is a fake
that records each call and behaves as a relay with (or without) the On/Off
cluster's On With Timed Off. The ESPHome, Tasmota and MQTT pumps are switch
entities registered under those platforms: nothing of those integrations
runs, only their entity registry entries exist, which is all the
integration reads.
"""

from __future__ import annotations

import logging
from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory

# Imported before any test freezes time: importing it under freezegun fails,
# and the diagnostics download imports it.
import homeassistant.components.hassio  # noqa: F401
from homeassistant.const import (
    ATTR_ENTITY_ID,
    STATE_OFF,
    STATE_ON,
    STATE_UNKNOWN,
    EntityCategory,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.espresso_care.const import (
    AUTO_OFF_MARGIN_SECONDS,
    BACKEND_ENTITY,
    CONF_BACKEND,
    CONF_POWER_ENTITY,
    CONF_PUMP_ENTITY,
    CONF_THREE_WAY_VALVE,
    DOMAIN,
    RELAY_CONFIRM_TIMEOUT_SECONDS,
)
from custom_components.espresso_care.pump_bound import UNBOUNDED_PLATFORMS, issue_id
from custom_components.espresso_care.relays.zha import (
    MAX_ON_TIME_TENTHS,
    on_time_tenths,
    zha_address,
)

from .conftest import PLUG, FakeRelaySwitch, machine_entry
from .helpers import advance, is_on, reconfigure, run, settle, state_of
from .zha_fixtures import (
    IEEE,
    ZHA_PUMP,
    ZhaRelays,
    add_switch_of,
    setup_plug,
    setup_zha_relays,
)

README = Path(__file__).parent.parent / "README.md"
PUMP_SWITCH = "switch.espresso_machine_pump"
STATE = "sensor.espresso_machine_backflush_state"
FLUSH = {"program": "flush", "flushes": 2, "flush_seconds": 2}


@pytest.fixture
async def zha(hass: HomeAssistant) -> ZhaRelays:
    """The plug and a ZHA pump (its relay honours On With Timed Off)."""
    return await setup_zha_relays(hass)


async def _machine(hass: HomeAssistant, pump: str = ZHA_PUMP) -> MockConfigEntry:
    entry = machine_entry(pump=pump, unique_id=pump)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


def _bound_sensor_id(hass: HomeAssistant, entry: MockConfigEntry) -> str | None:
    return er.async_get(hass).async_get_entity_id(
        "binary_sensor", DOMAIN, f"{entry.entry_id}_pump_bounded_by_device"
    )


def _bound_sensor(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    sensor = _bound_sensor_id(hass, entry)
    assert sensor is not None, "the machine has no pump_bounded_by_device sensor"
    return sensor


def _timed_off(tenths: int) -> dict[str, Any]:
    return {
        "ieee": IEEE,
        "endpoint_id": 1,
        "cluster_id": 6,
        "cluster_type": "in",
        "command": 0x42,
        "command_type": "server",
        "params": {"on_off_control": 0, "on_time": tenths, "off_wait_time": 0},
    }


# -- ZHA -----------------------------------------------------------------------------


async def test_zha_pulses_carry_on_with_timed_off(
    hass: HomeAssistant,
    zha: ZhaRelays,
    freezer: FrozenDateTimeFactory,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry = await _machine(hass)
    sensor = _bound_sensor(hass, entry)
    state = state_of(hass, sensor)
    assert state.state == STATE_UNKNOWN  # not proven before the first on
    assert state.attributes["bound"] == "zha_timed_off"
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    assert diagnostics["relays"]["pump"]["timed_off"] == "untested"
    assert diagnostics["relays"]["pump_bound"]["confirmed"] is False
    assert entry.runtime_data.pump.enforces_auto_off is True

    await run(hass, **FLUSH)
    await advance(hass, freezer, 30)
    assert state_of(hass, STATE).state == "completed"
    tenths = round(10 * (2 + AUTO_OFF_MARGIN_SECONDS))
    assert zha.pump.calls == [_timed_off(tenths)] * 2
    # Each on was the cluster command: only offs went through the entity.
    assert True not in zha.pump.commands
    assert zha.pump.on_durations() == pytest.approx([2.0, 2.0], abs=1e-3)
    assert zha.pump.timer_offs == 0  # Home Assistant was faster, as it should be

    state = state_of(hass, sensor)
    assert state.state == STATE_ON
    assert state.attributes == {
        **state.attributes,
        "bound": "zha_timed_off",
        "seconds": tenths / 10,
    }
    assert caplog.text.count("honours On With Timed Off") == 1
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    pump = diagnostics["relays"]["pump"]
    assert pump["type"] == "zha"
    assert pump["timed_off"] == "in_use"
    assert pump["endpoint"] == 1
    assert IEEE not in str(diagnostics)
    assert diagnostics["relays"]["pump_bound"] == {
        "bound": "zha_timed_off",
        "seconds": tenths / 10,
        "confirmed": True,
    }
    await hass.config_entries.async_unload(entry.entry_id)


async def test_zha_manual_on_is_bounded_by_the_watchdog_time(
    hass: HomeAssistant, zha: ZhaRelays, freezer: FrozenDateTimeFactory
) -> None:
    """Hand switching uses the timed on too, with ``max_pump_seconds``.

    The watchdog stays: the device timer is a second bound, not the only one.
    """
    entry = await _machine(hass)
    hass.config_entries.async_update_entry(entry, options={"max_pump_seconds": 30})
    await settle(hass)
    await hass.services.async_call(
        "switch", "turn_on", {ATTR_ENTITY_ID: PUMP_SWITCH}, blocking=True
    )
    await settle(hass)
    assert zha.pump.calls == [_timed_off(300)]
    assert is_on(zha.pump) is True
    await advance(hass, freezer, 30.001)
    assert is_on(zha.pump) is False
    assert zha.pump.on_durations() == pytest.approx([30.0], abs=1e-2)
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize("fault", ["ignored", "failed", "unknown", "missing"])
async def test_zha_falls_back_to_plain_on_once(
    hass: HomeAssistant,
    zha: ZhaRelays,
    freezer: FrozenDateTimeFactory,
    hass_client: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """A relay without the command: one try, a plain on, and plain ons from then on."""
    if fault == "ignored":
        zha.pump.honours = False
    elif fault == "failed":
        zha.pump.fails = True
    elif fault == "unknown":
        zha.pump.unknown = True
    else:
        hass.services.async_remove("zha", "issue_zigbee_cluster_command")
    entry = await _machine(hass)
    caplog.set_level(logging.WARNING)
    await run(hass, **FLUSH)
    await advance(hass, freezer, 40)
    assert state_of(hass, STATE).state == "completed"
    assert len(zha.pump.calls) == (0 if fault == "missing" else 1)
    assert zha.pump.commands.count(True) == 2
    first, second = zha.pump.on_durations()
    assert second == pytest.approx(2.0, abs=1e-3)
    if fault == "ignored":
        # The runner takes the 5 s spent finding out for relay latency (it
        # trusts at most 1 s of it) and sends the first off that much early.
        assert 1.0 - 1e-3 <= first <= 2.0 + 1e-3
    else:
        assert first == pytest.approx(2.0, abs=1e-3)
    assert caplog.text.count("plain on/off from now on") == 1

    sensor = _bound_sensor(hass, entry)
    state = state_of(hass, sensor)
    assert state.state == STATE_OFF
    assert state.attributes["bound"] is None
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    pump = diagnostics["relays"]["pump"]
    assert pump["timed_off"] == "unsupported"
    assert pump["timed_off_unsupported"] == (
        "ignored" if fault == "ignored" else "failed"
    )
    assert diagnostics["relays"]["pump_bound"] is None
    assert entry.runtime_data.pump.enforces_auto_off is False
    await hass.config_entries.async_unload(entry.entry_id)


async def test_zha_ignored_first_on_waits_the_confirmation_time(
    hass: HomeAssistant, zha: ZhaRelays, freezer: FrozenDateTimeFactory
) -> None:
    """The first pulse starts late by the confirmation timeout, and still lasts its time."""
    zha.pump.honours = False
    entry = await _machine(hass)
    await run(hass, program="flush", flushes=1, flush_seconds=2)
    await advance(hass, freezer, RELAY_CONFIRM_TIMEOUT_SECONDS - 0.01)
    assert is_on(zha.pump) is False
    await advance(hass, freezer, 0.02)
    assert is_on(zha.pump) is True
    await advance(hass, freezer, 2)
    assert is_on(zha.pump) is False
    await hass.config_entries.async_unload(entry.entry_id)


async def test_zha_relay_that_stops_answering_fails_the_program(
    hass: HomeAssistant, zha: ZhaRelays, freezer: FrozenDateTimeFactory
) -> None:
    """Once the device honoured the command, silence is a fault, not a missing feature."""
    entry = await _machine(hass)
    await run(hass, **FLUSH)
    await advance(hass, freezer, 3)
    assert len(zha.pump.calls) == 1
    zha.pump.honours = False  # out of radio reach from now on
    await advance(hass, freezer, 30)
    assert state_of(hass, STATE).state == "failed"
    assert zha.pump.is_on is False
    assert len(zha.pump.calls) == 2
    assert zha.pump.commands[-1] is False
    sensor = _bound_sensor(hass, entry)
    assert state_of(hass, sensor).state == STATE_ON  # still the device's bound
    await hass.config_entries.async_unload(entry.entry_id)


async def test_zha_entity_without_an_address_is_switched_plainly(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    relays = await setup_zha_relays(hass, unique_id="not-an-address")
    entry = await _machine(hass)
    assert "no Zigbee address or endpoint found" in caplog.text
    await run(hass, program="flush", flushes=1, flush_seconds=2)
    await advance(hass, freezer, 10)
    assert relays.pump.calls == []
    assert relays.pump.commands == [True, False]
    assert state_of(hass, _bound_sensor(hass, entry)).state == STATE_OFF
    await hass.config_entries.async_unload(entry.entry_id)


async def test_zha_address_from_the_registries(
    hass: HomeAssistant, zha: ZhaRelays
) -> None:
    registry = er.async_get(hass)
    assert zha_address(hass, ZHA_PUMP) == (IEEE, 1)
    assert zha_address(hass, PLUG) is None  # not ZHA
    assert zha_address(hass, "switch.nowhere") is None

    def address(unique_id: str, *, device: bool = True) -> tuple[str, int] | None:
        registered = registry.async_get_or_create(
            "switch",
            "zha",
            unique_id,
            config_entry=zha.zha_entry,
            device_id=zha.device_id if device else None,
        )
        return zha_address(hass, registered.entity_id)

    assert address(f"{IEEE}-2") == (IEEE, 2)  # ZHA up to 2024
    assert address(f"{IEEE}-3-6-on_off") == (IEEE, 3)  # with cluster and suffix
    assert address(f"{IEEE.upper()}-4-6") == (IEEE, 4)
    assert address(f"{IEEE}-5", device=False) == (IEEE, 5)
    assert address("00:11:22:33:44:55:66:77-1") is None  # another device's
    assert address(f"{IEEE}-x") is None
    assert address("light_zha_group_0x0002", device=False) is None


def test_on_time_in_tenths() -> None:
    assert on_time_tenths(7) == 70
    assert on_time_tenths(2.01) == 21  # rounded up: never shorter than asked
    assert on_time_tenths(0.001) == 1
    assert on_time_tenths(2.3) == 23  # not 24 from 2.3 * 10 = 23.000000000000004
    assert on_time_tenths(10_000) == MAX_ON_TIME_TENTHS


# -- the sensor on other relays --------------------------------------------------------


async def test_plain_entity_pump_has_no_device_bound(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    assert _bound_sensor(hass, entry) == (
        "binary_sensor.espresso_machine_pump_bounded_by_device"
    )
    state = state_of(hass, _bound_sensor(hass, entry))
    assert state.state == STATE_OFF
    assert state.attributes["bound"] is None
    assert state.attributes["seconds"] is None
    registered = er.async_get(hass).async_get(_bound_sensor(hass, entry))
    assert registered is not None
    assert registered.entity_category is EntityCategory.DIAGNOSTIC
    assert registered.translation_key == "pump_bounded_by_device"


async def test_plug_only_machine_has_no_bound_sensor(
    hass: HomeAssistant, relays: Any
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Espresso machine",
        unique_id=PLUG,
        data={CONF_BACKEND: BACKEND_ENTITY, CONF_POWER_ENTITY: PLUG},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert _bound_sensor_id(hass, entry) is None
    assert hass.states.async_entity_ids("binary_sensor")  # the others are there
    await hass.config_entries.async_unload(entry.entry_id)


# -- repair issue for relays that only the device itself can bound ---------------------


async def _foreign_pump(hass: HomeAssistant, platform: str) -> str:
    """The plug, a pump switch of ``platform``, and a spare input_boolean."""
    await setup_plug(hass)
    pump = FakeRelaySwitch("Foreign pump")
    await add_switch_of(hass, platform, pump)
    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"bounded_pump": {}}}
    )
    await hass.async_block_till_done()
    registered = er.async_get(hass).async_get(pump.entity_id)
    assert registered is not None
    assert registered.platform == platform
    return pump.entity_id


@pytest.mark.parametrize("platform", ["esphome", "tasmota", "mqtt"])
async def test_repair_issue_for_a_pump_only_the_device_can_bound(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry, platform: str
) -> None:
    pump = await _foreign_pump(hass, platform)
    entry = await _machine(hass, pump)
    issue = issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id))
    assert issue is not None
    assert issue.translation_key == f"pump_not_bounded_{platform}"
    assert issue.severity is ir.IssueSeverity.WARNING
    assert issue.is_fixable is False
    assert issue.translation_placeholders == {"name": entry.title, "entity": pump}
    assert issue.learn_more_url == (
        "https://github.com/espresso-care/espresso-care#"
        + UNBOUNDED_PLATFORMS[platform]
    )
    assert state_of(hass, _bound_sensor(hass, entry)).state == STATE_OFF

    # Dismissed, it stays dismissed across a reload.
    issue_registry.async_ignore(DOMAIN, issue_id(entry.entry_id), True)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    issue = issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id))
    assert issue is not None
    assert issue.dismissed_version is not None

    # A pump of another kind: the issue is gone.
    result = await reconfigure(
        hass,
        entry,
        {
            CONF_POWER_ENTITY: PLUG,
            CONF_PUMP_ENTITY: "input_boolean.bounded_pump",
            CONF_THREE_WAY_VALVE: True,
        },
    )
    assert result["type"] is FlowResultType.ABORT
    assert issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id)) is None


async def test_repair_issue_goes_with_the_machine(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry
) -> None:
    pump = await _foreign_pump(hass, "esphome")
    entry = await _machine(hass, pump)
    assert issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id))
    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id(entry.entry_id)) is None


async def test_no_repair_issue_for_zha_or_plain_pumps(
    hass: HomeAssistant, zha: ZhaRelays, issue_registry: ir.IssueRegistry
) -> None:
    entry = await _machine(hass)
    assert not [i for i in issue_registry.issues.values() if i.domain == DOMAIN]
    await hass.config_entries.async_unload(entry.entry_id)


def _github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    anchors: set[str] = set()
    for heading in re.findall(r"^#+ (.+)$", markdown, re.MULTILINE):
        text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
        anchors.add(text.replace(" ", "-"))
    return anchors


def test_repair_links_point_at_readme_sections() -> None:
    anchors = _github_anchors(README.read_text(encoding="utf-8"))
    for anchor in UNBOUNDED_PLATFORMS.values():
        assert anchor in anchors
