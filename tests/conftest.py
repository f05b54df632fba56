"""Shared fixtures: fake relays as real switch entities, a configured machine, time travel."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.switch import SwitchEntity
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from hypothesis import settings
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    setup_test_component_platform,
)

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

# Re-exported: the tests import the time helpers from here too.
from .helpers import advance, settle

pytest_plugins = [
    "pytest_homeassistant_custom_component",
    # The Shelly fixtures (simulated devices, clients, relays, machines), for
    # any test that asks for them by name.
    "tests.shelly_fixtures",
    # The options flow's calibration: the plug's meter, a plug-only machine.
    "tests.calibration_flow",
]

PLUG = "switch.plug"
PUMP = "switch.pump"
# The signals a machine may count from: a plug's power sensor, a brew switch sensor.
POWER = "sensor.machine_power"
BREW = "binary_sensor.brew_switch"
WATTS = {"unit_of_measurement": "W", "device_class": "power"}

# ``--hypothesis-profile=thorough`` needs the profile registered before the
# options are applied (conftest is read first). The property-based tests pick
# their own long settings when it is the current profile (test_fault_injection).
settings.register_profile("thorough", max_examples=2000, deadline=None)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load the integration from custom_components."""


class FakeRelaySwitch(SwitchEntity):
    """A switch standing in for a relay, with a timeline and injectable faults."""

    _attr_should_poll = False

    def __init__(self, name: str, *, on: bool = False) -> None:
        self._attr_name = name
        self._attr_unique_id = f"fake_{name.lower()}"
        self._attr_is_on = on
        self.latency = 0.0
        self.fail_commands = False
        self.ignore_commands = False
        self.timeline: list[tuple[datetime, bool]] = []
        self.commands: list[bool] = []

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on after the relay's latency."""
        await self._switch(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off after the relay's latency."""
        await self._switch(False)

    async def _switch(self, on: bool) -> None:
        self.commands.append(on)
        if self.fail_commands:
            raise HomeAssistantError("relay fault")
        if self.ignore_commands:
            return
        if self.latency:
            # Like a radio relay: the command returns, the new state comes later.
            self.hass.loop.call_later(self.latency, self.set, on)
            return
        self.set(on)

    def set(self, on: bool) -> None:
        """Change state as if the relay switched (also by hand)."""
        if self._attr_is_on != on:
            self.timeline.append((dt_util.utcnow(), on))
        self._attr_is_on = on
        self.async_write_ha_state()

    def set_available(self, available: bool) -> None:
        """Make the relay drop off the network, or come back."""
        self._attr_available = available
        self.async_write_ha_state()

    def on_durations(self) -> list[float]:
        """Seconds of every completed on period in the timeline."""
        durations: list[float] = []
        started: datetime | None = None
        for when, on in self.timeline:
            if on:
                started = when
            elif started is not None:
                durations.append((when - started).total_seconds())
                started = None
        return durations


@dataclass
class Relays:
    """The machine's fake plug and pump."""

    plug: FakeRelaySwitch
    pump: FakeRelaySwitch


@pytest.fixture
async def relays(hass: HomeAssistant) -> Relays:
    """A plug (on) and a pump (off) as switch entities."""
    plug = FakeRelaySwitch("Plug", on=True)
    pump = FakeRelaySwitch("Pump")
    setup_test_component_platform(hass, "switch", [plug, pump])
    assert await async_setup_component(
        hass, "switch", {"switch": [{"platform": "test"}]}
    )
    await hass.async_block_till_done()
    return Relays(plug, pump)


def machine_entry(
    *,
    options: dict[str, Any] | None = None,
    three_way_valve: bool = True,
    power_sensor: str | None = None,
    brew_sensor: str | None = None,
    **kwargs: Any,
) -> MockConfigEntry:
    """A config entry for the fake relays; ``pump=None`` makes a plug-only machine.

    The optional signals are left out of the data unless given, as the
    config flow leaves them out.
    """
    pump = kwargs.pop("pump", PUMP)
    data: dict[str, Any] = {
        CONF_BACKEND: BACKEND_ENTITY,
        CONF_POWER_ENTITY: kwargs.pop("power", PLUG),
        CONF_THREE_WAY_VALVE: three_way_valve,
    }
    for key, value in (
        (CONF_PUMP_ENTITY, pump),
        (CONF_POWER_SENSOR, power_sensor),
        (CONF_BREW_SENSOR, brew_sensor),
    ):
        if value is not None:
            data[key] = value
    return MockConfigEntry(
        domain=DOMAIN,
        title=kwargs.pop("title", "Espresso machine"),
        unique_id=kwargs.pop("unique_id", pump or data[CONF_POWER_ENTITY]),
        data=data,
        options=options or {},
        **kwargs,
    )


def machine_marker(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The keywords of the test's ``@pytest.mark.machine(...)``; none: ``{}``."""
    marker = request.node.get_closest_marker("machine")
    return dict(marker.kwargs) if marker else {}


@pytest.fixture
def entry_options() -> dict[str, Any]:
    """Options of the machine under test (override per test)."""
    return {}


@pytest.fixture
async def entry(
    hass: HomeAssistant,
    relays: Relays,
    entry_options: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> AsyncGenerator[MockConfigEntry]:
    """A loaded machine on the fake relays, added at the frozen "now"; unloaded at the end."""
    async with loaded(hass, machine_entry(options=entry_options)) as config_entry:
        yield config_entry


@dataclass
class Rig:
    """The machine under test: its loaded entry, its fake relays, frozen time."""

    hass: HomeAssistant
    entry: MockConfigEntry
    relays: Relays
    freezer: FrozenDateTimeFactory

    async def advance(self, seconds: float) -> None:
        """Move frozen time on by ``seconds``, firing each timer on the way."""
        await advance(self.hass, self.freezer, seconds)

    async def pulse(self, on: float, off: float) -> None:
        """The pump relay on by hand for ``on`` seconds, then off for ``off``."""
        self.relays.pump.set(True)
        await self.advance(on)
        self.relays.pump.set(False)
        await self.advance(off)

    async def assert_pump_still(self, seconds: float) -> None:
        """Nothing switches the pump for ``seconds``: a program has truly ended."""
        before = len(self.relays.pump.timeline)
        await self.advance(seconds)
        assert len(self.relays.pump.timeline) == before


@pytest.fixture
def rig(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
) -> Rig:
    """The ``entry`` machine on the fake ``relays``, in frozen time (one fixture for four)."""
    return Rig(hass, entry, relays, freezer)


@asynccontextmanager
async def loaded(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> AsyncIterator[MockConfigEntry]:
    """A machine's entry added and set up (every entity enabled); unloaded after, if still loaded."""
    config_entry.add_to_hass(hass)
    enable_all_entities(hass, config_entry)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await settle(hass)
    yield config_entry
    if (
        hass.config_entries.async_get_entry(config_entry.entry_id) is not None
        and config_entry.state.recoverable
    ):
        await hass.config_entries.async_unload(config_entry.entry_id)
        await settle(hass)


def enable_all_entities(hass: HomeAssistant, config_entry: MockConfigEntry) -> None:
    """Register the entities that are disabled by default as enabled, as a user would."""
    registry = er.async_get(hass)
    registry.async_get_or_create(
        "sensor",
        DOMAIN,
        f"{config_entry.entry_id}_flushes",
        config_entry=config_entry,
        suggested_object_id="espresso_machine_flushes",
        disabled_by=None,
    )
