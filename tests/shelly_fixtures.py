"""Fixtures for the Shelly tests: simulated devices, odd servers, clients, relays, machines.

``conftest`` registers this module as a plugin, so a test asks for any of
these fixtures by name; the helpers and constants are imported from here.
Every server listens on 127.0.0.1 (the only host the test harness lets
sockets reach) and is stopped at the end of its test.

Time: the machine fixtures run on frozen time (``freezer``), like the rest of
the suite, so a 6 s device timer costs no wall-clock time and every timestamp
is exact. The simulator's flip-back timers are asyncio timers on the same
loop, so they fire at their exact moments when ``Clock.advance`` moves time
on. The catch with real sockets is that replies arrive by I/O, not by timers:
an ``advance`` taken while a request is on the wire would jump straight to the
client's timeout. ``Clock`` therefore counts the integration's requests in
flight (it wraps ``ShellyClient._send``, observing only) and settles only when
none is left (``helpers.settle``'s ``in_flight``).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
import json
from typing import Any

from aiohttp import web
from freezegun.api import FrozenDateTimeFactory
from homeassistant import config_entries
from homeassistant.config_entries import ConfigEntry, ConfigEntryState, ConfigFlowResult
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import (
    BACKEND_SHELLY,
    CONF_BACKEND,
    CONF_CHANNEL,
    CONF_GENERATION,
    CONF_MODEL,
    CONF_POWER_CHANNEL,
    CONF_POWER_ENTITY,
    CONF_POWER_GENERATION,
    CONF_POWER_HOST,
    CONF_POWER_PASSWORD,
    CONF_THREE_WAY_VALVE,
    DOMAIN,
)
from custom_components.espresso_care.relays.shelly import ShellyRelay
from custom_components.espresso_care.shelly.client import ShellyClient
from simulator.shelly import ShellySimulator

from .conftest import PLUG
from .helpers import advance, settle

PUMP_MAC = "A8032ABE0001"
PLUG_MAC = "A8032ABE0002"
OTHER_MAC = "A8032ABE0003"
PUMP_PASSWORD = "pump-secret"
PLUG_PASSWORD = "plug-secret"
PLUG_POWER = 1375.0

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


# -- entries and states --------------------------------------------------------------


def shelly_entry(
    pump: ShellySimulator,
    plug: ShellySimulator | str = PLUG,
    options: dict[str, Any] | None = None,
    *,
    title: str = "Espresso machine",
    host: str | None = None,
    password: str | None = None,
) -> MockConfigEntry:
    """The config entry the shelly step makes for these devices.

    ``plug`` is a plug entity (``switch.plug`` unless said otherwise) or a
    second Shelly; ``host`` and ``password`` replace the pump's own.
    """
    data: dict[str, Any] = {
        CONF_BACKEND: BACKEND_SHELLY,
        CONF_HOST: host or pump.address,
        CONF_CHANNEL: 0,
        CONF_PASSWORD: password if password is not None else pump.password,
        CONF_GENERATION: pump.gen,
        CONF_MODEL: pump.model,
        CONF_THREE_WAY_VALVE: True,
    }
    if isinstance(plug, str):
        data[CONF_POWER_ENTITY] = plug
    else:
        data |= {
            CONF_POWER_HOST: plug.address,
            CONF_POWER_CHANNEL: 0,
            CONF_POWER_PASSWORD: plug.password,
            CONF_POWER_GENERATION: plug.gen,
        }
    return MockConfigEntry(
        domain=DOMAIN,
        title=title,
        unique_id=pump.mac,
        data=data,
        options=options or {},
    )


def offsets(sim: ShellySimulator, start: float) -> list[tuple[float, bool, str]]:
    """The device's output changes: seconds from ``start``, on/off, and who switched."""
    return [
        (round(change.at - start, 3), change.output, change.source)
        for change in sim.timeline
    ]


def pulses(
    start: float, count: int, on: float, off: float
) -> list[tuple[float, bool, str]]:
    """The changes of ``count`` pulses switched over HTTP."""
    timeline: list[tuple[float, bool, str]] = []
    for n in range(count):
        t = start + n * (on + off)
        timeline += [(round(t, 3), True, "http"), (round(t + on, 3), False, "http")]
    return timeline


@pytest.fixture
async def unload_machines(
    hass: HomeAssistant, simulators: SimFactory
) -> AsyncGenerator[None]:
    """Unload every machine at the end, while its devices still answer.

    For tests on real time (the flows): use it with
    ``pytestmark = pytest.mark.usefixtures("unload_machines")``. Depending on
    ``simulators`` makes this run its teardown before the simulators stop.
    """
    yield
    for entry in hass.config_entries.async_entries(DOMAIN):
        if entry.state is ConfigEntryState.LOADED:
            assert await hass.config_entries.async_unload(entry.entry_id)
        elif entry.state is ConfigEntryState.SETUP_RETRY:
            # Cancels the retry timer.
            await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()


# -- frozen time on real sockets -------------------------------------------------------


@dataclass
class Clock:
    """Frozen time that waits for the integration's HTTP requests on the wire."""

    hass: HomeAssistant
    freezer: FrozenDateTimeFactory
    in_flight: int = 0
    # False while a test makes a device hang: its requests end by timeouts,
    # which only moving time fires.
    wait_for_http: bool = True

    def requests_waited_for(self) -> int:
        """The requests in flight that settling waits for."""
        return self.in_flight if self.wait_for_http else 0

    async def settle(self, real_timeout: float = 10.0) -> None:
        """Run the loop until nothing is ready and no request is in flight."""
        await settle(
            self.hass, in_flight=self.requests_waited_for, real_timeout=real_timeout
        )

    async def advance(self, seconds: float) -> None:
        """Move frozen time on, firing each timer at its moment, settling in between.

        ``helpers.advance`` settled with ``self.settle``, so a poll or command
        started by a timer is answered before time moves again.
        """
        await advance(
            self.hass, self.freezer, seconds, in_flight=self.requests_waited_for
        )

    async def until(
        self, condition: Callable[[], bool], limit: float, step: float = 0.1
    ) -> float:
        """Advance in steps until ``condition`` holds; return the seconds it took."""
        waited = 0.0
        while not condition():
            if waited >= limit:
                raise AssertionError(f"not true within {limit} s")
            await self.advance(step)
            waited += step
        return waited

    def now(self) -> float:
        """Loop time (the simulator's ``time.monotonic()`` is the same frozen clock)."""
        return self.hass.loop.time()


@pytest.fixture
async def clock(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Clock:
    """Frozen time aware of the integration's requests in flight.

    Time starts on a whole second: polls then come at a fixed fraction past
    each second (the coordinator's random offset, 0.05 to 0.5 s), after the
    commands a program sends on whole seconds, so the order is known.
    """
    freezer.move_to(dt_util.utcnow().replace(microsecond=0) + timedelta(seconds=1))
    clock = Clock(hass, freezer)
    send = ShellyClient._send

    async def counted_send(self: ShellyClient, *args: Any, **kwargs: Any) -> Any:
        clock.in_flight += 1
        try:
            return await send(self, *args, **kwargs)
        finally:
            clock.in_flight -= 1

    monkeypatch.setattr(ShellyClient, "_send", counted_send)
    return clock


async def shelly_form(hass: HomeAssistant) -> str:
    """Open the user menu and pick the Shelly path; return the flow id."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": config_entries.SOURCE_USER}
    )
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "shelly"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "shelly"
    assert result["errors"] == {}
    return str(result["flow_id"])


async def configure(
    hass: HomeAssistant, clock: Clock, flow_id: str, data: dict[str, Any]
) -> ConfigFlowResult:
    """Send a form; let the set-up that may follow settle."""
    result = await hass.config_entries.flow.async_configure(flow_id, data)
    await clock.settle()
    return result


async def call(
    hass: HomeAssistant, clock: Clock, domain: str, service: str, **data: Any
) -> None:
    """Call an action and let everything it started settle."""
    await hass.services.async_call(domain, service, data, blocking=True)
    await clock.settle()


# -- devices and the machine (on ``clock``) -------------------------------------------


@pytest.fixture
def pump_gen() -> int:
    """The pump Shelly's generation (parametrized by some tests)."""
    return 2


@pytest.fixture
def plug_gen() -> int:
    """The plug Shelly's generation (parametrized by some tests)."""
    return 1


@pytest.fixture
async def pump_sim(simulators: SimFactory, pump_gen: int) -> ShellySimulator:
    """The Shelly across the brew switch, with a password."""
    return await simulators(
        gen=pump_gen, mac=PUMP_MAC, password=PUMP_PASSWORD, metered=False
    )


@pytest.fixture
async def plug_sim(simulators: SimFactory, plug_gen: int) -> ShellySimulator:
    """The machine's Shelly plug, on, measuring the machine's draw."""
    sim = await simulators(
        gen=plug_gen, mac=PLUG_MAC, password=PLUG_PASSWORD, power=PLUG_POWER
    )
    sim.press(0, True)
    return sim


type EntryFactory = Callable[..., Awaitable[MockConfigEntry]]


@pytest.fixture
async def machines(
    hass: HomeAssistant, clock: Clock, simulators: SimFactory
) -> AsyncGenerator[EntryFactory]:
    """Set up machines on simulated devices; unloaded before the devices stop.

    ``await machines(pump, plug, options=None)``, ``plug`` a Shelly or an entity.
    """
    entries: list[MockConfigEntry] = []

    async def setup(
        pump: ShellySimulator,
        plug: ShellySimulator | str,
        options: dict[str, Any] | None = None,
    ) -> MockConfigEntry:
        entry = shelly_entry(pump, plug, options)
        entry.add_to_hass(hass)
        entries.append(entry)
        await hass.config_entries.async_setup(entry.entry_id)
        await clock.settle()
        return entry

    yield setup
    for entry in entries:
        if entry.state is ConfigEntryState.LOADED:
            await hass.config_entries.async_unload(entry.entry_id)
            await clock.settle()


@pytest.fixture
async def machine(
    machines: EntryFactory,
    pump_sim: ShellySimulator,
    plug_sim: ShellySimulator,
    entry_options: dict[str, Any],
) -> MockConfigEntry:
    """A loaded machine: pump and plug both Shellies (``entry_options`` from conftest)."""
    entry = await machines(pump_sim, plug_sim, entry_options)
    assert entry.state is ConfigEntryState.LOADED
    return entry
