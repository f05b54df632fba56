"""Logbook: the program events in words, read back through the logbook's API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.espresso_care.const import DOMAIN

from .conftest import Rig
from .helpers import settle, state_of

STATE = "sensor.espresso_machine_backflush_state"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Any, enable_custom_integrations: None
) -> None:
    """The recorder first (it must exist before hass), then the integration."""


class Logbook:
    """The logbook's API, read over the websocket, from ``since`` to a second from now."""

    def __init__(self, hass: HomeAssistant, hass_ws_client: WebSocketGenerator) -> None:
        self.hass = hass
        self.hass_ws_client = hass_ws_client
        self.since = ""
        self.start()

    def start(self) -> None:
        """Read from a second before now on."""
        self.since = (dt_util.utcnow() - timedelta(seconds=1)).isoformat()

    async def entries(self) -> list[tuple[str, str, str | None]]:
        """The integration's entries: name, message and entity id."""
        await async_wait_recording_done(self.hass)
        client = await self.hass_ws_client(self.hass)
        # Time is frozen: both ends of the window a second away from the events.
        end = (dt_util.utcnow() + timedelta(seconds=1)).isoformat()
        await client.send_json_auto_id(
            {"type": "logbook/get_events", "start_time": self.since, "end_time": end}
        )
        response = await client.receive_json()
        assert response["success"], response
        return [
            (e["name"], e["message"], e.get("entity_id"))
            for e in response["result"]
            if e.get("domain") == DOMAIN
        ]


@pytest.fixture
async def logbook(hass: HomeAssistant, hass_ws_client: WebSocketGenerator) -> Logbook:
    """The logbook set up, read from a second before the test's start."""
    # The logbook's panel needs the frontend, whose package the tests lack.
    hass.config.components.add("frontend")
    assert await async_setup_component(hass, "logbook", {})
    return Logbook(hass, hass_ws_client)


async def test_program_events_in_the_logbook(
    hass: HomeAssistant, rig: Rig, logbook: Logbook
) -> None:
    await hass.services.async_call(DOMAIN, "run_backflush", {}, blocking=True)
    # The cleaning phase takes 100 s from the first on; a second more, so a
    # start that a loaded machine lets slip by a hair still ends in the wait.
    await rig.advance(101)
    assert state_of(hass, STATE).state == "awaiting_rinse"
    await hass.services.async_call(DOMAIN, "abort_backflush", {}, blocking=True)
    await settle(hass)

    assert await logbook.entries() == [
        ("Espresso machine", "backflush started: cleaner program", STATE),
        (
            "Espresso machine",
            "backflush waits for you to rinse the portafilter, cleaner program",
            STATE,
        ),
        (
            "Espresso machine",
            "backflush finished: aborted (user), cleaner program",
            STATE,
        ),
    ]


async def test_completed_and_unknown_machine(
    hass: HomeAssistant, entry: MockConfigEntry, logbook: Logbook
) -> None:
    hass.bus.async_fire(
        f"{DOMAIN}_backflush_finished",
        {
            "config_entry_id": entry.entry_id,
            "device_id": None,
            "program": "flush",
            "result": "completed",
        },
    )
    hass.bus.async_fire(
        f"{DOMAIN}_backflush_action_required",
        {
            "config_entry_id": "gone",
            "device_id": None,
            "program": None,
            "action": "remove_portafilter",
        },
    )
    assert await logbook.entries() == [
        ("Espresso machine", "backflush finished: completed, flush program", STATE),
        (
            "Espresso machine",
            "backflush waits for you to remove the portafilter, unknown program",
            None,
        ),
    ]


async def test_recognized_backflush_in_the_logbook(
    hass: HomeAssistant, rig: Rig, logbook: Logbook
) -> None:
    """Pulsed by hand on the pump relay: the logbook says it was recognized, not run."""
    for pause in (10, 10, 10, 180, 10, 10, 10, 60):
        await rig.pulse(8, pause)
    assert await logbook.entries() == [
        (
            "Espresso machine",
            "backflush by hand recognized (8 pulses), not run by the integration",
            STATE,
        )
    ]


HEAT_UP = "sensor.espresso_machine_heat_up"


@pytest.mark.freeze_time("2025-06-18 07:00:00-07:00")
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_routine_events_in_the_logbook(
    hass: HomeAssistant, rig: Rig, logbook: Logbook
) -> None:
    rig.relays.plug.set(False)
    await settle(hass)
    logbook.start()
    rig.relays.plug.set(True)  # no power sensor, no delay: ready at once
    await rig.advance(30 * 60)
    assert not rig.relays.plug.is_on
    await rig.advance(1)
    hass.bus.async_fire(
        f"{DOMAIN}_ready",
        {
            "config_entry_id": rig.entry.entry_id,
            "device_id": None,
            "heat_up_seconds": 540,
        },
    )
    assert await logbook.entries() == [
        ("Espresso machine", "ready", HEAT_UP),
        ("Espresso machine", "switches off at 07:30 unless kept on", HEAT_UP),
        (
            "Espresso machine",
            "switched off by auto-off after 30 minutes without use",
            HEAT_UP,
        ),
        ("Espresso machine", "ready: heated up in 9.0 min", HEAT_UP),
    ]
