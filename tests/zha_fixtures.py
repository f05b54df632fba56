"""A ZHA pump relay for the tests, without ZHA: a fake entity and a fake cluster command action.

What is simulated: ZHA itself (its radio, the ``zha`` library and the real
``zha.issue_zigbee_cluster_command`` action are not installed in the test
environment). The pump is a switch entity whose entity registry entry
belongs to the ``zha`` platform, on a device registered with ZHA's
identifier ``("zha", <ieee>)`` and Zigbee connection, exactly as ZHA
registers them. ``zha.issue_zigbee_cluster_command`` is an action the test
registers with the fields of Home Assistant's own (2025.4 to 2026.x); it
records each call and, like a relay that implements the On/Off cluster's On
With Timed Off, switches the entity on and off again by itself after
``on_time`` tenths of a second. A relay without the command (``honours =
False``) ignores it, as ZHA does when the device answers "unsupported";
``fails`` makes the action raise a Home Assistant error, ``unknown`` the
ValueError ZHA raises for a device it does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeassistant.components.switch import SwitchEntity
from homeassistant.config_entries import ConfigEntry, ConfigFlow
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    mock_config_flow,
    mock_integration,
    mock_platform,
    setup_test_component_platform,
)
import voluptuous as vol

from .conftest import PLUG, FakeRelaySwitch

IEEE = "00:12:4b:00:24:c0:ff:ee"
ZHA_PUMP = "switch.zha_pump"

# The fields of ZHA's action (homeassistant/components/zha/websocket_api.py).
CLUSTER_COMMAND_SCHEMA = vol.Schema(
    {
        vol.Required("ieee"): cv.string,
        vol.Required("endpoint_id"): cv.positive_int,
        vol.Required("cluster_id"): cv.positive_int,
        vol.Optional("cluster_type", default="in"): cv.string,
        vol.Required("command"): cv.positive_int,
        vol.Required("command_type"): cv.string,
        vol.Exclusive("params", "attrs_params"): dict,
        vol.Optional("manufacturer"): cv.positive_int,
    }
)


class FakeZhaRelay(FakeRelaySwitch):
    """The Zigbee relay behind the ZHA switch, with the ZCL on-timer.

    A plain on leaves a running timer alone; an off cancels it (ZCL On/Off
    semantics). ``timer_offs`` counts the offs the device made by itself.
    """

    def __init__(self) -> None:
        super().__init__("Zha pump")
        self.honours = True
        self.fails = False
        self.unknown = False  # ZHA has no such device (it raises ValueError)
        self.calls: list[dict[str, Any]] = []
        self.timer_offs = 0
        self._timer: Any = None

    def set(self, on: bool) -> None:
        """Switch; an off (by command or by hand) ends the on-timer."""
        if not on and self._timer is not None:
            self._timer.cancel()
            self._timer = None
        super().set(on)

    def timed_on(self, tenths: int) -> None:
        """On With Timed Off: on now, off by itself after ``tenths``."""
        if self._timer is not None:
            self._timer.cancel()
        super().set(True)
        self._timer = self.hass.loop.call_later(tenths / 10, self._timer_fired)

    def _timer_fired(self) -> None:
        self._timer = None
        self.timer_offs += 1
        super().set(False)


@dataclass
class ZhaRelays:
    """The plug and the ZHA pump."""

    plug: FakeRelaySwitch
    pump: FakeZhaRelay
    zha_entry: MockConfigEntry
    device_id: str


async def add_switch_of(
    hass: HomeAssistant,
    platform: str,
    entity: SwitchEntity,
    device_info: DeviceInfo | None = None,
) -> MockConfigEntry:
    """Add ``entity`` as a switch of the integration ``platform``, which is mocked.

    The integration's config entry forwards to a switch platform that adds
    the entity, so the entity registry files it under ``platform`` (and its
    device under the entry), as the real integration would.
    """

    async def setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        await hass.config_entries.async_forward_entry_setups(entry, [Platform.SWITCH])
        return True

    async def setup_switches(
        hass: HomeAssistant, entry: ConfigEntry, add: AddEntitiesCallback
    ) -> None:
        if device_info is not None:
            entity._attr_device_info = device_info
        add([entity])

    mock_integration(hass, MockModule(platform, async_setup_entry=setup_entry))
    mock_platform(hass, f"{platform}.config_flow", None)
    mock_platform(
        hass, f"{platform}.switch", MockPlatform(async_setup_entry=setup_switches)
    )
    entry = MockConfigEntry(domain=platform, title=platform)
    entry.add_to_hass(hass)
    with mock_config_flow(platform, _NoFlow):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    return entry


class _NoFlow(ConfigFlow):
    """The mocked integration's flow handler: entries are made by the test."""


def register_cluster_command(hass: HomeAssistant, pump: FakeZhaRelay) -> None:
    """Register the fake ``zha.issue_zigbee_cluster_command``."""

    async def cluster_command(call: ServiceCall) -> None:
        data = CLUSTER_COMMAND_SCHEMA(dict(call.data))
        pump.calls.append(data)
        if pump.fails:
            raise HomeAssistantError("Failed to send request: MAC_NO_ACK")
        if pump.unknown or data["ieee"] != IEEE:
            raise ValueError(f"Device with IEEE {data['ieee']} not found")
        is_timed_off = (
            data["cluster_id"] == 6
            and data["command"] == 0x42
            and data["command_type"] == "server"
            and data["cluster_type"] == "in"
        )
        if pump.honours and is_timed_off:
            pump.timed_on(data["params"]["on_time"])

    hass.services.async_register("zha", "issue_zigbee_cluster_command", cluster_command)


async def setup_plug(hass: HomeAssistant) -> FakeRelaySwitch:
    """The machine's plug (on), a switch of the test platform."""
    plug = FakeRelaySwitch("Plug", on=True)
    setup_test_component_platform(hass, "switch", [plug])
    assert await async_setup_component(
        hass, "switch", {"switch": [{"platform": "test"}]}
    )
    await hass.async_block_till_done()
    assert hass.states.get(PLUG) is not None
    return plug


async def setup_zha_relays(
    hass: HomeAssistant, *, unique_id: str | None = None
) -> ZhaRelays:
    """The plug, and the pump as a ZHA switch on a ZHA device."""
    plug = await setup_plug(hass)
    pump = FakeZhaRelay()
    pump._attr_unique_id = unique_id or f"{IEEE}-1-6"
    zha_entry = await add_switch_of(
        hass,
        "zha",
        pump,
        DeviceInfo(
            identifiers={("zha", IEEE)},
            connections={(dr.CONNECTION_ZIGBEE, IEEE)},
            manufacturer="Sonoff",
            model="ZBMINIL2",
        ),
    )
    registered = er.async_get(hass).async_get(ZHA_PUMP)
    assert registered is not None
    assert registered.platform == "zha"
    assert registered.device_id is not None
    register_cluster_command(hass, pump)
    return ZhaRelays(plug, pump, zha_entry, registered.device_id)
