"""Home Assistant's Shelly integration as the tests mock it, and the flows that find it.

A Shelly config entry whose relay is the pump (``PUMP``), and the machine's
config flow choosing the device-side bound on it; shared by the bound's
tests and the fault injection.
"""

from __future__ import annotations

from typing import Any

from homeassistant import config_entries
from homeassistant.components.switch import SwitchEntity
from homeassistant.config_entries import (
    ConfigEntry,
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
)
from homeassistant.const import (
    CONF_HOST,
    CONF_NAME,
    CONF_PASSWORD,
    CONF_PORT,
    Platform,
)
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    mock_integration,
    mock_platform,
)

from custom_components.espresso_care.const import (
    CONF_POWER_ENTITY,
    CONF_PUMP_ENTITY,
    CONF_THREE_WAY_VALVE,
    DOMAIN,
)
from custom_components.espresso_care.shelly.client import ShellyClient
from simulator.shelly import ShellySimulator

from .conftest import PLUG
from .shelly_fixtures import Clock, SimFactory, configure, make_client

PUMP = "switch.pump_shelly"
MAC = "A8032ABE0042"


# -- the mock of Home Assistant's Shelly integration ------------------------------------


class MockShellyFlow(ConfigFlow):
    """The Shelly integration's config flow: only there to be found."""

    VERSION = 1


class ShellyIntegrationSwitch(SwitchEntity):
    """The relay as Home Assistant's Shelly integration shows it (see the docstring)."""

    _attr_should_poll = False

    def __init__(self, sim: ShellySimulator, client: ShellyClient) -> None:
        self._sim = sim
        self._client = client
        self._attr_name = "Pump Shelly"
        suffix = "relay_0" if sim.gen == 1 else "switch:0"
        self._attr_unique_id = f"{sim.mac}-{suffix}"

    @property
    def is_on(self) -> bool:
        """The device's output, as last pushed."""
        return self._sim.output(0)

    async def async_turn_on(self, **kwargs: Any) -> None:
        """A plain on over HTTP, no timer (as the real integration)."""
        await self._client.set_switch(0, True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """A plain off over HTTP."""
        await self._client.set_switch(0, False)

    async def async_added_to_hass(self) -> None:
        """The device pushes every output change."""
        self._sim.on_change = lambda change: self.async_write_ha_state()


async def add_shelly_device(
    hass: HomeAssistant,
    sim: ShellySimulator,
    *,
    password: str | None = None,
    port_in_host: bool = False,
) -> MockConfigEntry:
    """A loaded Shelly config entry for ``sim``, with its relay switch (``PUMP``)."""
    client = make_client(hass, sim, password=password or sim.password)

    async def setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        await hass.config_entries.async_forward_entry_setups(entry, [Platform.SWITCH])
        return True

    async def unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        return await hass.config_entries.async_unload_platforms(
            entry, [Platform.SWITCH]
        )

    async def setup_switch(
        hass: HomeAssistant, entry: ConfigEntry, add: AddEntitiesCallback
    ) -> None:
        add([ShellyIntegrationSwitch(sim, client)])

    mock_integration(
        hass,
        MockModule(
            "shelly", async_setup_entry=setup_entry, async_unload_entry=unload_entry
        ),
    )
    mock_platform(hass, "shelly.switch", MockPlatform(async_setup_entry=setup_switch))
    mock_platform(hass, "shelly.config_flow", None)
    host, port = sim.address.rsplit(":", 1)
    data: dict[str, Any] = {
        CONF_HOST: sim.address if port_in_host else host,
        CONF_PORT: 80 if port_in_host else int(port),
        "sleep_period": 0,
        "model": sim.model,
        "gen": sim.gen,
    }
    if password:
        data |= {"username": "admin", CONF_PASSWORD: password}
    entry = MockConfigEntry(
        domain="shelly", title="Pump Shelly", unique_id=sim.mac, data=data
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    er.async_get(hass).async_update_entity(
        er.async_get(hass).async_get_entity_id(
            "switch", "shelly", ShellyIntegrationSwitch(sim, client).unique_id or ""
        )
        or "",
        new_entity_id=PUMP,
    )
    await hass.async_block_till_done()
    assert hass.states.get(PUMP) is not None
    return entry


# -- flows ------------------------------------------------------------------------


async def entities_flow(hass: HomeAssistant, clock: Clock) -> ConfigFlowResult:
    """The entities step with the Shelly pump; returns the step that follows."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": config_entries.SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "entities"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_NAME: "Espresso machine",
            CONF_POWER_ENTITY: PLUG,
            CONF_PUMP_ENTITY: PUMP,
            CONF_THREE_WAY_VALVE: True,
        },
    )
    await clock.settle()
    return result


BOTH = {"device_auto_off": True, "pulse_timer": True}


def bounded(hass: HomeAssistant, entry: ConfigEntry) -> str:
    """The machine's ``pump_bounded_by_device`` binary sensor, found by unique id."""
    entity_id = er.async_get(hass).async_get_entity_id(
        "binary_sensor", DOMAIN, f"{entry.entry_id}_pump_bounded_by_device"
    )
    assert entity_id is not None
    return entity_id


async def reconfigure_flow(hass: HomeAssistant, entry: ConfigEntry) -> ConfigFlowResult:
    """Open the machine's reconfigure flow."""
    return await hass.config_entries.flow.async_init(
        DOMAIN,
        context={
            "source": config_entries.SOURCE_RECONFIGURE,
            "entry_id": entry.entry_id,
        },
    )


async def machine_with_bound(
    hass: HomeAssistant, clock: Clock, choice: dict[str, bool] = BOTH
) -> ConfigEntry:
    """Add the machine through the flow, choosing ``choice``."""
    result = await entities_flow(hass, clock)
    assert result["step_id"] == "shelly_bound"
    result = await configure(hass, clock, result["flow_id"], choice)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    entry: ConfigEntry = result["result"]
    assert entry.state is ConfigEntryState.LOADED
    return entry


async def shelly_pump(
    hass: HomeAssistant,
    simulators: SimFactory,
    *,
    gen: int = 2,
    password: str | None = None,
    **device: Any,
) -> ShellySimulator:
    """An unmetered Shelly (``MAC``) as the pump, in a loaded Shelly integration.

    ``password`` is the device's, given to its Shelly entry too; more
    ``add_shelly_device`` keywords go in ``device``.
    """
    sim = await simulators(gen=gen, mac=MAC, metered=False, password=password)
    await add_shelly_device(hass, sim, password=password, **device)
    return sim


async def unload(hass: HomeAssistant, clock: Clock, entry: ConfigEntry) -> None:
    """Unload a machine while its device still answers."""
    if entry.state is ConfigEntryState.LOADED:
        await hass.config_entries.async_unload(entry.entry_id)
        await clock.settle()
