"""Fixtures for the Shelly tests: simulated devices, odd servers, clients and relays.

Test modules import what they use from here explicitly. Every server listens
on 127.0.0.1 (the only host the test harness lets sockets reach) and is
stopped at the end of its test.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
import json
from typing import Any

from aiohttp import web
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest

from custom_components.espresso_care.relays.shelly import ShellyRelay
from custom_components.espresso_care.shelly.client import ShellyClient
from simulator.shelly import ShellySimulator

type SimFactory = Callable[..., Awaitable[ShellySimulator]]
type Canned = dict[str, tuple[int, Any] | tuple[int, Any, dict[str, str]]]
type CannedFactory = Callable[[Canned], Awaitable[str]]
type RelayFactory = Callable[..., Awaitable[ShellyRelay]]


@pytest.fixture
async def simulators(socket_enabled: None) -> AsyncGenerator[SimFactory]:
    """Start simulated Shellies on free ports: ``await simulators(gen=1, ...)``."""
    started: list[ShellySimulator] = []

    async def start(**kwargs: Any) -> ShellySimulator:
        sim = ShellySimulator(**kwargs)
        await sim.start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        await sim.stop()


@pytest.fixture
async def canned_server(socket_enabled: None) -> AsyncGenerator[CannedFactory]:
    """Serve fixed replies by path (``{path: (status, body[, headers])}``); 404 otherwise.

    For the odd devices the simulator would never be: a body that is not a
    str or bytes is sent as JSON.
    """
    runners: list[web.AppRunner] = []

    async def start(replies: Canned) -> str:
        async def handle(request: web.Request) -> web.Response:
            reply = replies.get(request.path)
            if reply is None:
                return web.Response(status=404, text="404: Not Found")
            status, body, *rest = reply
            headers = rest[0] if rest else {}
            if isinstance(body, bytes):
                return web.Response(status=status, body=body, headers=headers)
            if isinstance(body, str):
                return web.Response(status=status, text=body, headers=headers)
            return web.Response(
                status=status,
                text=json.dumps(body),
                content_type="application/json",
                headers=headers,
            )

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        runners.append(runner)
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        return f"127.0.0.1:{runner.addresses[0][1]}"

    yield start
    for runner in runners:
        await runner.cleanup()


def make_client(
    hass: HomeAssistant, target: ShellySimulator | str, **kwargs: Any
) -> ShellyClient:
    """A client on Home Assistant's shared session for a simulator or ``host:port``."""
    host = target if isinstance(target, str) else target.address
    return ShellyClient(async_get_clientsession(hass), host, **kwargs)


@pytest.fixture
async def shelly_relays(hass: HomeAssistant) -> AsyncGenerator[RelayFactory]:
    """Build and start ShellyRelays; each is stopped at the end of the test.

    ``await shelly_relays(sim, channel=0, config_entry=None, start=True,
    client_kwargs=..., **relay_kwargs)``.
    """
    relays: list[ShellyRelay] = []

    async def build(
        sim: ShellySimulator,
        *,
        channel: int = 0,
        config_entry: ConfigEntry | None = None,
        start: bool = True,
        client_kwargs: dict[str, Any] | None = None,
        **relay_kwargs: Any,
    ) -> ShellyRelay:
        client = make_client(hass, sim, **(client_kwargs or {}))
        relay = ShellyRelay(hass, client, channel, config_entry, **relay_kwargs)
        relays.append(relay)
        if start:
            await relay.async_start()
        return relay

    yield build
    for relay in relays:
        await relay.async_stop()
