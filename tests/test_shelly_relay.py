"""ShellyRelay in a real Home Assistant against the simulated devices."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.espresso_care.const import DOMAIN
from custom_components.espresso_care.relays import shelly as shelly_relay
from custom_components.espresso_care.relays.base import Relay, RelayError, RelayUpdate
from custom_components.espresso_care.relays.shelly import (
    DEFAULT_AUTO_OFF_SECONDS,
    FAST_POLL_INTERVAL,
    SLOW_POLL_INTERVAL,
    ShellyRelay,
    relay_error,
)
from custom_components.espresso_care.shelly.client import (
    ShellyConnectionError,
    ShellyDeviceError,
    ShellyUnsupportedError,
    SwitchStatus,
)

from . import shelly_fixtures
from .shelly_fixtures import RelayFactory, SimFactory

# The fixtures this module uses, taken by name from the shared module.
simulators = shelly_fixtures.simulators
shelly_relays = shelly_fixtures.shelly_relays


def states(updates: list[RelayUpdate]) -> list[bool | None]:
    """The is_on of each update, in order."""
    return [update.is_on for update in updates]


def available(relay: ShellyRelay) -> bool:
    """Read availability afresh (a plain attribute check would stay narrowed for mypy)."""
    return relay.available


def listen(relay: ShellyRelay) -> list[RelayUpdate]:
    """Collect the relay's updates."""
    updates: list[RelayUpdate] = []
    relay.async_add_listener(updates.append)
    return updates


async def test_is_a_relay(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    relay: Relay = await shelly_relays(await simulators(gen=2))
    assert relay.enforces_auto_off is True


async def test_start_takes_a_silent_baseline(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    sim.press(0, True)
    relay = await shelly_relays(sim, start=False)
    updates = listen(relay)
    assert not available(relay)
    await relay.async_start()
    assert available(relay)
    assert relay.is_on is True
    assert relay.power == 1200.0
    assert relay.energy is not None
    assert updates == []
    # On means a pump may be running: poll every second.
    assert relay.coordinator.update_interval == FAST_POLL_INTERVAL
    assert relay.device_info_extra == {
        "mac": "A8032ABE54DC",
        "model": "SNPL-00112EU",
        "firmware": "1.4.4",
    }


async def test_idle_relay_polls_slowly(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    relay = await shelly_relays(await simulators(gen=1))
    assert relay.is_on is False
    assert relay.coordinator.update_interval == SLOW_POLL_INTERVAL


@pytest.mark.parametrize("gen", [1, 2])
async def test_turn_on_carries_the_device_timer(
    hass: HomeAssistant,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
    gen: int,
) -> None:
    sim = await simulators(gen=gen, latency=0.02)
    relay = await shelly_relays(sim)
    updates = listen(relay)
    before = hass.loop.time()
    confirmed = await relay.async_turn_on(15.0)
    command = sim.commands[-1]
    assert (command.on, command.timer) == (True, 15)
    # The returned time is the device's reply, after it switched.
    assert before + 0.02 <= command.at <= confirmed <= hass.loop.time()
    assert sim.output(0) is True
    assert relay.is_on is True
    assert states(updates) == [True]
    assert relay.coordinator.update_interval == FAST_POLL_INTERVAL

    off_at = await relay.async_turn_off()
    assert sim.commands[-1].timer is None
    assert sim.output(0) is False
    assert off_at > confirmed
    assert states(updates) == [True, False]


async def test_every_on_has_a_timer(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    await relay.async_turn_on()
    await relay.async_turn_on(7)  # already on: sent anyway, to re-arm the timer
    assert [c.timer for c in sim.commands] == [DEFAULT_AUTO_OFF_SECONDS, 7]
    assert sim.timer(0) == 7


async def test_plug_may_opt_out_of_the_default_timer(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    plug = await shelly_relays(sim, default_auto_off=None)
    await plug.async_turn_on()
    assert sim.commands[-1].timer is None
    await plug.async_turn_on(3600)
    assert sim.commands[-1].timer == 3600


async def test_listeners_see_polled_transitions(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    updates = listen(relay)

    sim.press(0, True)  # someone pulls a shot at the machine
    await relay.coordinator.async_refresh()
    assert states(updates) == [True]
    assert abs((dt_util.utcnow() - updates[0].changed_at).total_seconds()) < 1
    await relay.coordinator.async_refresh()
    assert states(updates) == [True]  # no change, no update

    # The device's own timer switches off; the next poll sees it.
    await relay.async_turn_on(0.1)
    await asyncio.sleep(0.25)
    assert sim.output(0) is False
    await relay.coordinator.async_refresh()
    assert states(updates) == [True, False]
    assert sim.timeline[-1].source == "timer"


async def test_polls_are_scheduled(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    entry = MockConfigEntry(domain=DOMAIN)
    entry.add_to_hass(hass)
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim, config_entry=entry)
    assert relay.coordinator.config_entry is entry
    updates = listen(relay)
    sim.press(0, True)
    polls = len(sim.requests)

    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=11))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert len(sim.requests) == polls + 1
    assert states(updates) == [True]
    assert relay.coordinator.update_interval == FAST_POLL_INTERVAL

    sim.press(0, False)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=2))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert len(sim.requests) == polls + 2
    assert states(updates) == [True, False]


async def test_connection_loss_and_return(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    updates = listen(relay)

    await sim.refuse_connections()
    await relay.coordinator.async_refresh()
    assert not available(relay)
    assert relay.is_on is None
    assert relay.power is None
    assert relay.energy is None
    await relay.coordinator.async_refresh()
    assert states(updates) == [None]  # once, however many polls fail
    assert relay.coordinator.update_interval == SLOW_POLL_INTERVAL
    assert relay.diagnostics()["last_poll_error"]

    with pytest.raises(RelayError) as caught:
        await relay.async_turn_on(5)
    assert caught.value.translation_key == "relay_unavailable"
    await relay.coordinator.async_refresh()
    # A command was just attempted: a program may be running, keep polling fast.
    assert relay.coordinator.update_interval == FAST_POLL_INTERVAL

    await sim.accept_connections()
    await relay.coordinator.async_refresh()
    assert available(relay)
    assert states(updates) == [None, False]


async def test_unavailable_at_start_then_found(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    await sim.refuse_connections()
    relay = await shelly_relays(sim)
    updates = listen(relay)
    assert relay.available is False
    assert relay.device_info_extra == {"mac": None, "model": None, "firmware": None}
    await sim.accept_connections()
    await relay.coordinator.async_refresh()
    assert states(updates) == [False]


async def test_a_command_brings_it_back(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim, client_kwargs={"gen": 2})
    updates = listen(relay)
    await sim.refuse_connections()
    await relay.coordinator.async_refresh()
    await sim.accept_connections()
    await relay.async_turn_on(5)
    assert relay.available is True
    assert states(updates) == [None, True]
    assert relay.power == 0.0  # the last reading, until the next poll


async def test_identifies_once_when_the_generation_is_known(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    await sim.refuse_connections()
    relay = await shelly_relays(sim, client_kwargs={"gen": 2})
    await sim.accept_connections()
    await relay.async_turn_on(5)  # needs no identity: the generation is known
    assert relay.diagnostics()["mac"] is None
    await relay.coordinator.async_refresh()
    await relay.coordinator.async_refresh()
    assert relay.device_info_extra["mac"] == "A8032ABE54DC"
    assert [r.path for r in sim.requests].count("/shelly") == 1


@pytest.mark.parametrize(
    ("fault", "key", "placeholders"),
    [
        ("hang", "relay_timeout", {}),
        ("refuse", "relay_unavailable", {}),
        ("auth", "relay_auth_failed", {}),
        ("error", "relay_command_failed", {"error": "Device busy (-114)"}),
        (
            "drop",
            "relay_command_failed",
            {"error": "Switch.Set: Argument 'id', value 0 not found!"},
        ),
    ],
)
async def test_command_errors(
    hass: HomeAssistant,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
    fault: str,
    key: str,
    placeholders: dict[str, str],
) -> None:
    sim = await simulators(gen=2, password="secret")
    password = "wrong" if fault == "auth" else "secret"
    relay = await shelly_relays(
        sim, client_kwargs={"password": password, "timeout": 0.2}
    )
    if fault == "hang":
        sim.hang = True
    elif fault == "refuse":
        await sim.refuse_connections()
    elif fault == "error":
        sim.error = (-114, "Device busy")
    elif fault == "drop":
        sim.dropped.add(0)
    with pytest.raises(RelayError) as caught:
        await relay.async_turn_on(5)
    assert caught.value.translation_key == key
    assert caught.value.placeholders == placeholders
    assert sim.output(0) is False
    last = relay.diagnostics()["last_command"]
    assert last["error"] is not None
    assert last["round_trip"] is None


async def test_relay_confirm_timeout(
    hass: HomeAssistant,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole command is bounded, digest round trips included."""
    monkeypatch.setattr(shelly_relay, "RELAY_CONFIRM_TIMEOUT_SECONDS", 0.1)
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    sim.hang = True
    with pytest.raises(RelayError) as caught:
        await relay.async_turn_off()
    assert caught.value.translation_key == "relay_timeout"
    assert relay.diagnostics()["last_command"]["error"] == "timeout"


def test_relay_error_mapping() -> None:
    error = relay_error(ShellyUnsupportedError("no relay 3"))
    assert (error.translation_key, error.placeholders) == (
        "relay_command_failed",
        {"error": "no relay 3"},
    )
    assert relay_error(ShellyDeviceError(None, "x")).placeholders == {"error": "x"}


async def test_poll_racing_a_command_is_dropped(
    hass: HomeAssistant,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A poll that read "off" before our on but answered after it must not undo it."""
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    updates = listen(relay)
    client = relay._client
    read = client.get_switch
    have_read = asyncio.Event()
    release = asyncio.Event()

    async def slow_read(channel: int) -> SwitchStatus:
        status = await read(channel)
        have_read.set()
        await release.wait()
        return status

    monkeypatch.setattr(client, "get_switch", slow_read)
    poll = hass.async_create_task(relay.coordinator.async_refresh())
    await have_read.wait()
    await relay.async_turn_on(5)
    release.set()
    await poll
    assert relay.is_on is True
    assert states(updates) == [True]


async def test_failed_poll_racing_a_command_is_dropped(
    hass: HomeAssistant,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    updates = listen(relay)
    release = asyncio.Event()

    async def failing_read(channel: int) -> SwitchStatus:
        await release.wait()
        raise ShellyConnectionError("lost")

    monkeypatch.setattr(relay._client, "get_switch", failing_read)
    poll = hass.async_create_task(relay.coordinator.async_refresh())
    await asyncio.sleep(0)
    await relay.async_turn_on(5)
    release.set()
    await poll
    assert relay.available is True
    assert states(updates) == [True]


async def test_slow_polling_once_the_program_is_over(
    hass: HomeAssistant,
    simulators: SimFactory,
    shelly_relays: RelayFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    await relay.async_turn_on(5)
    await relay.async_turn_off()
    await relay.coordinator.async_refresh()
    assert relay.coordinator.update_interval == FAST_POLL_INTERVAL
    monkeypatch.setattr(shelly_relay, "ACTIVE_WINDOW_SECONDS", 0.0)
    await relay.coordinator.async_refresh()
    assert relay.coordinator.update_interval == SLOW_POLL_INTERVAL
    sim.press(0, True)
    await relay.coordinator.async_refresh()
    assert relay.coordinator.update_interval == FAST_POLL_INTERVAL


async def test_stop_waits_for_a_poll_and_stops_polling(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim)
    sim.latency = 0.1
    poll = hass.async_create_task(relay.coordinator.async_refresh())
    await asyncio.sleep(0.02)
    await relay.async_stop()
    assert poll.done()
    polls = len(sim.requests)
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=30))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert len(sim.requests) == polls

    # A command after stop (the pump off at unload) still reaches the device.
    await relay.async_turn_on(5)
    assert sim.output(0) is True
    assert relay.is_on is False  # the stopped relay no longer follows


async def test_diagnostics(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=1, password="secret")
    relay = await shelly_relays(sim, channel=0, client_kwargs={"password": "secret"})
    await relay.async_turn_on(12)
    diagnostics = relay.diagnostics()
    assert "secret" not in str(diagnostics)
    last = diagnostics.pop("last_command")
    assert (last["on"], last["auto_off"], last["error"]) == (True, 12, None)
    assert 0 <= last["round_trip"] < 1
    assert diagnostics == {
        "type": "shelly",
        "host": sim.address,
        "channel": 0,
        "generation": 1,
        "mac": "A8032ABE54DC",
        "model": "SHPLG-S",
        "firmware": "20230913-112003/v1.14.0-gcb84623",
        "auth_required": True,
        "available": True,
        "is_on": True,
        "power": 0.0,  # last polled; the next poll reads the load
        "energy": 0.0,
        "device_timer": 12,
        "poll_interval": 1.0,
        "last_poll_error": None,
        "default_auto_off": DEFAULT_AUTO_OFF_SECONDS,
    }


async def test_diagnostics_before_anything(
    hass: HomeAssistant, simulators: SimFactory, shelly_relays: RelayFactory
) -> None:
    sim = await simulators(gen=2)
    relay = await shelly_relays(sim, start=False)
    diagnostics = relay.diagnostics()
    assert diagnostics["available"] is False
    assert diagnostics["mac"] is None
    assert diagnostics["power"] is None
    assert diagnostics["last_command"] is None
    assert diagnostics["last_poll_error"] is None
