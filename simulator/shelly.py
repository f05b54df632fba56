"""A simulated Shelly relay on a local aiohttp server: Gen1 HTTP or Gen2+ RPC.

It answers the endpoints Espresso Care uses, the way the real firmware does:

* Gen1: ``GET /shelly`` (no auth), ``GET /status`` (``relays``, ``meters``
  of a metering device, ``inputs``), ``GET /relay/<n>?turn=on|off&timer=<s>``,
  ``GET /settings/relay/<n>[?auto_off=<s>&btn_type=<mode>]``, HTTP Basic auth
  (user ``admin``) when a password is set, plain text error bodies.
* Gen2+: ``GET /shelly``, ``POST /rpc`` (a JSON-RPC frame; errors come back as
  ``{"id", "src", "error": {"code", "message"}}``) and ``GET|POST
  /rpc/<Method>`` (errors as ``{"code", "message"}`` with an HTTP error
  status); methods ``Shelly.GetDeviceInfo`` (no auth), ``Switch.GetStatus``
  (``apower``, ``voltage``, ``aenergy`` when metering), ``Switch.Set`` with
  ``toggle_after``, ``Switch.GetConfig`` / ``Switch.SetConfig`` (``auto_off``,
  ``auto_off_delay``, ``in_mode``), ``Input.GetStatus`` and
  ``Input.GetConfig``; SHA-256 digest auth when a password is set.

Flip-back timers are real asyncio timers, so a test can watch the device turn
a pump off by itself. The device's own auto-off is enforced the same way: an
on by anyone (a command without a timer, the button, the input) ends after
``auto_off_delay``. The inputs act on their relay as the input mode says
(``follow``, ``flip``, ``momentary``) unless detached; ``set_input`` moves
one. A metering channel reports a constant load while on, or whatever
``set_power_source`` gives it (the espresso machine model of
``simulator.espresso``). Every output change is recorded with its
``time.monotonic()`` timestamp (the clock asyncio's loop time uses on Linux),
and every switching command with the timer it carried. Faults can be injected
while it runs: latency, hanging requests, error replies, unreadable replies,
missing channels and refused connections.

Only aiohttp and the standard library are imported, so it runs standalone:
``python -m simulator.shelly --gen 2 --port 8001 [--password x]``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
from collections.abc import Awaitable, Callable, Sequence
import contextlib
from dataclasses import dataclass
import hashlib
import hmac
import json
import math
import os
import re
import signal
import time
from typing import Any, Final

from aiohttp import web

USERNAME: Final = "admin"
DEFAULT_MAC: Final = "A8032ABE54DC"
VOLTAGE: Final = 230.0

_GEN2_FIRMWARE: Final = ("20241011-114455/1.4.4-g6d2a586", "1.4.4")
_GEN1_FIRMWARE: Final = "20230913-112003/v1.14.0-gcb84623"
_HASHES: Final = {"SHA-256": hashlib.sha256, "MD5": hashlib.md5}
# Input modes, Gen2 names (``Switch.GetConfig`` ``in_mode``) and Gen1 names
# (``/settings/relay/N`` ``btn_type``) of the same behaviours.
IN_MODES: Final = ("follow", "flip", "momentary", "detached")
_GEN1_BTN_TYPES: Final = {
    "follow": "toggle",
    "flip": "edge",
    "momentary": "momentary",
    "detached": "detached",
}
_GEN2_IN_MODES: Final = {gen1: gen2 for gen2, gen1 in _GEN1_BTN_TYPES.items()}

type PowerSource = Callable[[float], float]
_AUTH_PARAM: Final = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))')

# Gen2 RPC error codes, as the firmware uses them.
ERR_INVALID_ARGUMENT: Final = -103
ERR_NOT_FOUND: Final = -105
ERR_UNAVAILABLE: Final = -114
ERR_UNAUTHORIZED: Final = 401
ERR_NO_HANDLER: Final = 404

type Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class OutputChange:
    """An output change; ``timer`` is the flip-back timer the command armed."""

    at: float
    channel: int
    output: bool
    source: str
    timer: float | None


@dataclass(frozen=True, slots=True)
class Command:
    """A switching command as the device received it, changed or not."""

    at: float
    channel: int
    on: bool
    timer: float | None


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One HTTP request, to measure polling."""

    at: float
    method: str
    path: str


class _RpcError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(slots=True)
class _Channel:
    output: bool = False
    source: str = "init"
    timer_handle: asyncio.TimerHandle | None = None
    timer_duration: float | None = None
    timer_started_at: float | None = None
    on_since: float | None = None
    energy_wh: float = 0.0
    auto_off: bool = False
    auto_off_delay: float = 60.0
    in_mode: str = "follow"
    power_source: PowerSource | None = None
    voltage_source: PowerSource | None = None
    energy_at: float | None = None

    def cancel_timer(self) -> None:
        if self.timer_handle is not None:
            self.timer_handle.cancel()
        self.timer_handle = None
        self.timer_duration = None
        self.timer_started_at = None


def _auth_params(header: str) -> dict[str, str]:
    return {
        match.group(1).lower(): match.group(2)
        if match.group(2) is not None
        else match.group(3)
        for match in _AUTH_PARAM.finditer(header)
    }


def _query_value(raw: str) -> Any:
    """Read a Gen2 query-string value: a JSON literal, otherwise a plain string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _positive_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and number > 0 else None


class ShellySimulator:
    """One simulated Shelly with ``channels`` relays.

    ``latency`` (seconds) delays every request before the device acts on it,
    like a slow device or network. The fault switches are plain attributes
    and take effect on the next request: ``hang`` (requests never answer),
    ``error`` (``(code, message)``: status and set calls fail with it),
    ``bad_json`` (replies are not JSON), ``dropped`` (channels that vanished);
    ``refuse_connections()`` closes the listening socket until
    ``accept_connections()``. ``inputs`` is the number of digital inputs
    (by default one per relay, none on a metering plug); input ``n`` drives
    relay ``n``.
    """

    def __init__(
        self,
        gen: int = 2,
        channels: int = 1,
        password: str | None = None,
        latency: float = 0.0,
        mac: str = DEFAULT_MAC,
        *,
        power: float = 1200.0,
        metered: bool = True,
        name: str | None = None,
        model: str | None = None,
        nonce_lifetime: float = 60.0,
        digest_algorithm: str = "SHA-256",
        inputs: int | None = None,
    ) -> None:
        if gen not in (1, 2, 3, 4):
            raise ValueError(f"unknown generation {gen}")
        if digest_algorithm not in _HASHES:
            raise ValueError(f"unknown digest algorithm {digest_algorithm}")
        self.gen = gen
        self.password = password
        self.latency = latency
        self.mac = mac.replace(":", "").upper()
        self.power = power
        self.metered = metered
        self.name = name
        self.nonce_lifetime = nonce_lifetime
        self.digest_algorithm = digest_algorithm
        if gen == 1:
            self.model = model or ("SHPLG-S" if metered else "SHSW-1")
            self.device_id = f"shelly{'plug-s' if metered else '1'}-{self.mac}"
        else:
            self.model = model or ("SNPL-00112EU" if metered else "SNSW-001X16EU")
            app = "plusplugs" if metered else "plus1"
            self.device_id = f"shelly{app}-{self.mac.lower()}"
        self._channels = [_Channel() for _ in range(channels)]
        self._inputs = [False] * (
            (0 if metered else channels) if inputs is None else inputs
        )

        self.hang = False
        self.error: tuple[int, str] | None = None
        self.bad_json = False
        self.dropped: set[int] = set()

        self.timeline: list[OutputChange] = []
        self.commands: list[Command] = []
        self.requests: list[RequestRecord] = []
        self.on_change: Callable[[OutputChange], None] | None = None

        self._nonces: dict[str, float] = {}
        self._release = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._host = "127.0.0.1"
        self._port = 0

    # -- lifecycle -------------------------------------------------------------

    @property
    def port(self) -> int:
        """The port it listens on (after ``start``)."""
        return self._port

    @property
    def address(self) -> str:
        """``host:port``, as the integration's config flow takes it."""
        return f"{self._host}:{self._port}"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen on ``host:port`` (0 picks a free port); return the port."""
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/shelly", self._handle_shelly)
        if self.gen == 1:
            app.router.add_get("/status", self._handle_gen1_status)
            app.router.add_get(r"/relay/{channel:\d+}", self._handle_gen1_relay)
            app.router.add_get(
                r"/settings/relay/{channel:\d+}", self._handle_gen1_settings
            )
        else:
            app.router.add_post("/rpc", self._handle_rpc_frame)
            app.router.add_route("*", "/rpc/{method}", self._handle_rpc_method)
        self._release = asyncio.Event()
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        self._host = host
        self._port = port
        await self.accept_connections()
        return self._port

    async def stop(self) -> None:
        """Release hung requests, cancel the device timers and close the server."""
        self._release.set()
        for channel in self._channels:
            channel.cancel_timer()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None
        self._site = None

    async def refuse_connections(self) -> None:
        """Close the listening socket: connections are refused (device offline)."""
        if self._site is not None:
            await self._site.stop()
            self._site = None

    async def accept_connections(self) -> None:
        """Listen again on the same port (device back online)."""
        if self._runner is None or self._site is not None:
            return
        self._site = web.TCPSite(self._runner, self._host, self._port)
        await self._site.start()
        if self._port == 0:
            self._port = int(self._runner.addresses[0][1])

    # -- the device's state, for tests -------------------------------------------

    def output(self, channel: int = 0) -> bool:
        """Whether the relay at ``channel`` is on."""
        return self._channels[channel].output

    def timer(self, channel: int = 0) -> float | None:
        """Return the running flip-back timer's duration, if any."""
        return self._channels[channel].timer_duration

    def press(self, channel: int = 0, on: bool | None = None) -> None:
        """Switch locally (the device's button): no command; only the auto-off times it."""
        state = self._channels[channel]
        state.cancel_timer()
        on = not state.output if on is None else on
        self._set_output(channel, on, "button")
        if on:
            self._arm_auto_off(channel)

    def input(self, input_id: int = 0) -> bool:
        """Whether the digital input ``input_id`` is closed."""
        return self._inputs[input_id]

    def set_input(self, input_id: int, state: bool) -> None:
        """Close or open an input (the brew switch wired to it).

        Its relay follows as the input mode says, unless detached.
        """
        was = self._inputs[input_id]
        self._inputs[input_id] = state
        if input_id >= len(self._channels) or state == was:
            return
        mode = self._channels[input_id].in_mode
        if mode == "follow":
            self._input_switch(input_id, state)
        elif mode == "flip" or (mode == "momentary" and state):
            self._input_switch(input_id, not self._channels[input_id].output)

    def _input_switch(self, channel: int, on: bool) -> None:
        self._channels[channel].cancel_timer()
        self._set_output(channel, on, "input")
        if on:
            self._arm_auto_off(channel)

    def config(self, channel: int = 0) -> dict[str, Any]:
        """The relay's settings as ``Switch.GetConfig`` reports them."""
        state = self._channels[channel]
        return {
            "auto_off": state.auto_off,
            "auto_off_delay": state.auto_off_delay,
            "in_mode": state.in_mode,
        }

    def configure(
        self,
        channel: int = 0,
        *,
        auto_off: bool | None = None,
        auto_off_delay: float | None = None,
        in_mode: str | None = None,
    ) -> None:
        """Change the relay's settings as the device's own app would."""
        state = self._channels[channel]
        if in_mode is not None:
            if in_mode not in IN_MODES:
                raise ValueError(f"unknown input mode {in_mode!r}")
            state.in_mode = in_mode
        if auto_off_delay is not None:
            if _positive_number(auto_off_delay) is None:
                raise ValueError(f"bad auto_off_delay {auto_off_delay!r}")
            state.auto_off_delay = float(auto_off_delay)
        if auto_off is not None:
            state.auto_off = auto_off

    def set_power_source(
        self,
        channel: int,
        power: PowerSource | None,
        voltage: PowerSource | None = None,
    ) -> None:
        """Meter ``power(t)`` W (and ``voltage(t)`` V) on ``channel`` while it is on.

        ``t`` is ``time.monotonic()``, the clock of every record here (a
        ``simulator.espresso.MachineModel``'s ``power_at``/``voltage_at``
        take it as is). None goes back to the constant ``power``.
        """
        state = self._channels[channel]
        now = time.monotonic()
        state.energy_wh = self._energy(state, now)
        state.on_since = now if state.output else None
        state.energy_at = now
        state.power_source = power
        state.voltage_source = voltage

    def on_durations(self, channel: int = 0) -> list[float]:
        """How long each completed on period of ``channel`` lasted, in seconds."""
        durations: list[float] = []
        started: float | None = None
        for change in self.timeline:
            if change.channel != channel:
                continue
            if change.output:
                started = change.at
            elif started is not None:
                durations.append(change.at - started)
                started = None
        return durations

    def clear_records(self) -> None:
        """Forget the recorded timeline, commands and requests."""
        self.timeline.clear()
        self.commands.clear()
        self.requests.clear()

    def _exists(self, channel: int) -> bool:
        return 0 <= channel < len(self._channels) and channel not in self.dropped

    def _switch(self, channel: int, on: bool, timer: float | None) -> bool:
        """Apply a command; any command replaces the running timer. Returns was_on."""
        state = self._channels[channel]
        was_on = state.output
        self.commands.append(Command(time.monotonic(), channel, on, timer))
        state.cancel_timer()
        self._set_output(channel, on, "http", timer)
        if timer is not None:
            self._arm(channel, timer)
        elif on:
            self._arm_auto_off(channel)
        return was_on

    def _arm(self, channel: int, seconds: float) -> None:
        state = self._channels[channel]
        loop = asyncio.get_running_loop()
        state.timer_handle = loop.call_later(seconds, self._flip_back, channel)
        state.timer_duration = seconds
        state.timer_started_at = time.time()

    def _arm_auto_off(self, channel: int) -> None:
        """The device's own auto-off: an on without a timer of its own ends after the delay."""
        state = self._channels[channel]
        if state.auto_off and state.output:
            self._arm(channel, state.auto_off_delay)

    def _flip_back(self, channel: int) -> None:
        state = self._channels[channel]
        state.timer_handle = None
        state.timer_duration = state.timer_started_at = None
        self._set_output(channel, not state.output, "timer")

    def _set_output(
        self, channel: int, on: bool, source: str, timer: float | None = None
    ) -> None:
        state = self._channels[channel]
        state.source = source
        if state.output == on:
            return
        now = time.monotonic()
        state.energy_wh = self._energy(state, now)  # up to now, at the old output
        state.on_since = now if on else None
        state.output = on
        change = OutputChange(now, channel, on, source, timer)
        self.timeline.append(change)
        if self.on_change is not None:
            self.on_change(change)

    def _energy(self, state: _Channel, now: float) -> float:
        if state.power_source is not None:
            # Integrated reading by reading, at the power of each reading.
            since = state.energy_at if state.energy_at is not None else now
            state.energy_wh += (now - since) * self._power(state) / 3600
            state.energy_at = now
            return state.energy_wh
        if state.on_since is None:
            return state.energy_wh
        return state.energy_wh + (now - state.on_since) * self.power / 3600

    def _power(self, state: _Channel) -> float:
        if not state.output:
            return 0.0
        if state.power_source is not None:
            return float(state.power_source(time.monotonic()))
        return self.power

    def _voltage(self, state: _Channel) -> float:
        if state.voltage_source is not None:
            return float(state.voltage_source(time.monotonic()))
        return VOLTAGE

    # -- HTTP plumbing -----------------------------------------------------------

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        """Record, delay or hang the request; never keep the connection alive.

        Gen2 firmware closes every HTTP connection after its reply; doing the
        same makes ``refuse_connections`` take effect on the very next request.
        """
        self.requests.append(
            RequestRecord(time.monotonic(), request.method, request.path_qs)
        )
        if self.hang:
            await self._release.wait()
            response: web.StreamResponse = web.Response(status=503)
        else:
            if self.latency > 0:
                await asyncio.sleep(self.latency)
            try:
                response = await handler(request)
            except web.HTTPException as err:
                response = web.Response(status=err.status, text=err.text)
            if self.bad_json and response.status == 200:
                response = web.Response(
                    status=200, body=b'{"truncated', content_type="application/json"
                )
        response.force_close()
        return response

    async def _handle_shelly(self, request: web.Request) -> web.Response:
        if self.gen == 1:
            return web.json_response(
                {
                    "type": self.model,
                    "mac": self.mac,
                    "auth": self.password is not None,
                    "fw": _GEN1_FIRMWARE,
                    "discoverable": False,
                    "longid": 1,
                    "num_outputs": len(self._channels),
                    "num_meters": len(self._channels) if self.metered else 0,
                }
            )
        return web.json_response(self._device_info())

    def _device_info(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.device_id,
            "mac": self.mac,
            "slot": 0,
            "model": self.model,
            "gen": self.gen,
            "fw_id": _GEN2_FIRMWARE[0],
            "ver": _GEN2_FIRMWARE[1],
            "app": "PlusPlugS" if self.metered else "Plus1",
            "auth_en": self.password is not None,
            "auth_domain": self.device_id if self.password is not None else None,
        }

    # -- Gen1 --------------------------------------------------------------------

    def _basic_ok(self, request: web.Request) -> bool:
        if self.password is None:
            return True
        expected = base64.b64encode(f"{USERNAME}:{self.password}".encode()).decode()
        return hmac.compare_digest(
            request.headers.get("Authorization", ""), f"Basic {expected}"
        )

    def _gen1_guard(self, request: web.Request) -> web.Response | None:
        """Pre-empt a Gen1 call with a Basic challenge or an injected error, if due."""
        if not self._basic_ok(request):
            return web.Response(
                status=401,
                text="401 Unauthorized",
                headers={"WWW-Authenticate": f'Basic realm="{self.device_id}"'},
            )
        if self.error is not None:
            return web.Response(status=500, text=self.error[1])
        return None

    def _gen1_relay(self, channel: int) -> dict[str, Any]:
        state = self._channels[channel]
        remaining = 0.0
        if state.timer_handle is not None:
            loop = asyncio.get_running_loop()
            remaining = max(0.0, state.timer_handle.when() - loop.time())
        return {
            "ison": state.output,
            "has_timer": state.timer_duration is not None,
            "timer_started": int(state.timer_started_at or 0),
            "timer_duration": state.timer_duration or 0,
            "timer_remaining": round(remaining, 3),
            "overpower": False,
            "source": state.source,
        }

    async def _handle_gen1_status(self, request: web.Request) -> web.Response:
        if (reply := self._gen1_guard(request)) is not None:
            return reply
        present = 0
        while self._exists(present):
            present += 1
        now = time.monotonic()
        status: dict[str, Any] = {
            "mac": self.mac,
            "relays": [self._gen1_relay(channel) for channel in range(present)],
            "uptime": int(now),
        }
        if self.metered:
            status["meters"] = [
                {
                    "power": self._power(state),
                    "overpower": 0.0,
                    "is_valid": True,
                    "timestamp": int(time.time()),
                    "counters": [0.0, 0.0, 0.0],
                    "total": int(self._energy(state, now) * 60),
                }
                for state in self._channels[:present]
            ]
        if self._inputs:
            status["inputs"] = [
                {"input": int(value), "event": "", "event_cnt": 0}
                for value in self._inputs
            ]
        return web.json_response(status)

    async def _handle_gen1_settings(self, request: web.Request) -> web.Response:
        """``/settings/relay/<n>``: read, or change ``auto_off`` and ``btn_type``."""
        if (reply := self._gen1_guard(request)) is not None:
            return reply
        channel = int(request.match_info["channel"])
        if not self._exists(channel):
            return web.Response(status=404, text="Not Found")
        state = self._channels[channel]
        if "auto_off" in request.query:
            try:
                delay = float(request.query["auto_off"])
            except ValueError:
                return web.Response(status=400, text="Bad auto_off!")
            if not math.isfinite(delay) or delay < 0:
                return web.Response(status=400, text="Bad auto_off!")
            # Gen1 has no switch for it: 0 means no auto-off.
            state.auto_off = delay > 0
            if delay > 0:
                state.auto_off_delay = delay
        if "btn_type" in request.query:
            mode = _GEN2_IN_MODES.get(request.query["btn_type"])
            if mode is None:
                return web.Response(status=400, text="Bad btn_type!")
            state.in_mode = mode
        return web.json_response(
            {
                "name": None,
                "appliance_type": "General",
                "ison": state.output,
                "has_timer": state.timer_duration is not None,
                "default_state": "off",
                "btn_type": _GEN1_BTN_TYPES[state.in_mode],
                "btn_reverse": 0,
                "auto_on": 0.0,
                "auto_off": state.auto_off_delay if state.auto_off else 0.0,
                "schedule": False,
                "schedule_rules": [],
            }
        )

    async def _handle_gen1_relay(self, request: web.Request) -> web.Response:
        if (reply := self._gen1_guard(request)) is not None:
            return reply
        channel = int(request.match_info["channel"])
        if not self._exists(channel):
            return web.Response(status=404, text="Not Found")
        turn = request.query.get("turn")
        if turn is not None:
            if turn not in ("on", "off", "toggle"):
                return web.Response(status=400, text="Bad turn!")
            timer: float | None = None
            if "timer" in request.query:
                try:
                    timer = float(request.query["timer"])
                except ValueError:
                    return web.Response(status=400, text="Bad timer!")
                if not math.isfinite(timer) or timer < 0:
                    return web.Response(status=400, text="Bad timer!")
                timer = timer or None  # timer=0 means no timer
            on = (
                not self._channels[channel].output if turn == "toggle" else turn == "on"
            )
            self._switch(channel, on, timer)
        return web.json_response(self._gen1_relay(channel))

    # -- Gen2 RPC ------------------------------------------------------------------

    def _challenge(self) -> str:
        now = time.monotonic()
        self._nonces = {
            nonce: issued
            for nonce, issued in self._nonces.items()
            if now - issued <= self.nonce_lifetime
        }
        nonce = os.urandom(8).hex()
        self._nonces[nonce] = now
        return (
            f'Digest qop="auth", realm="{self.device_id}", nonce="{nonce}", '
            f"algorithm={self.digest_algorithm}"
        )

    def _digest_ok(self, request: web.Request) -> bool:
        if self.password is None:
            return True
        header = request.headers.get("Authorization", "")
        scheme, _, rest = header.partition(" ")
        if scheme.lower() != "digest":
            return False
        params = _auth_params(rest)
        issued = self._nonces.get(params.get("nonce", ""))
        if issued is None or time.monotonic() - issued > self.nonce_lifetime:
            return False
        if (
            params.get("username") != USERNAME
            or params.get("realm") != self.device_id
            or params.get("uri") != request.raw_path
        ):
            return False
        hash_fn = _HASHES[self.digest_algorithm]

        def hash_hex(text: str) -> str:
            return hash_fn(text.encode()).hexdigest()

        ha1 = hash_hex(f"{USERNAME}:{self.device_id}:{self.password}")
        ha2 = hash_hex(f"{request.method}:{params['uri']}")
        nonce = params["nonce"]
        if params.get("qop") == "auth":
            expected = hash_hex(
                f"{ha1}:{nonce}:{params.get('nc', '')}:{params.get('cnonce', '')}"
                f":auth:{ha2}"
            )
        else:
            expected = hash_hex(f"{ha1}:{nonce}:{ha2}")
        return hmac.compare_digest(expected, params.get("response", ""))

    def _call(
        self, method: str, params: dict[str, Any] | None, authorized: bool
    ) -> dict[str, Any]:
        """Run one RPC method; raise _RpcError for an error reply."""
        if method == "Shelly.GetDeviceInfo":
            return self._device_info()
        if not authorized:
            raise _RpcError(ERR_UNAUTHORIZED, "Unauthorized")
        if method not in _GEN2_METHODS:
            raise _RpcError(ERR_NO_HANDLER, f"No handler for {method}")
        if params is None:
            raise _RpcError(ERR_INVALID_ARGUMENT, "Bad params")
        if self.error is not None:
            raise _RpcError(*self.error)
        channel = params.get("id")
        if isinstance(channel, bool) or not isinstance(channel, int):
            raise _RpcError(ERR_INVALID_ARGUMENT, "Missing required argument 'id'!")
        if method.startswith("Input."):
            return self._gen2_input(method, channel)
        if not self._exists(channel):
            raise _RpcError(ERR_NOT_FOUND, f"Argument 'id', value {channel} not found!")
        if method == "Switch.GetStatus":
            return self._gen2_status(channel)
        if method == "Switch.GetConfig":
            return self._gen2_config(channel)
        if method == "Switch.SetConfig":
            return self._gen2_set_config(channel, params.get("config"))
        on = params.get("on")
        if not isinstance(on, bool):
            raise _RpcError(ERR_INVALID_ARGUMENT, "Missing required argument 'on'!")
        timer = None
        if "toggle_after" in params:
            timer = _positive_number(params["toggle_after"])
            if timer is None:
                raise _RpcError(
                    ERR_INVALID_ARGUMENT, "Invalid argument 'toggle_after'!"
                )
        return {"was_on": self._switch(channel, on, timer)}

    def _gen2_input(self, method: str, input_id: int) -> dict[str, Any]:
        if not 0 <= input_id < len(self._inputs):
            raise _RpcError(
                ERR_NOT_FOUND, f"Argument 'id', value {input_id} not found!"
            )
        if method == "Input.GetStatus":
            return {"id": input_id, "state": self._inputs[input_id]}
        return {
            "id": input_id,
            "name": None,
            "type": "switch",
            "enable": True,
            "invert": False,
            "factory_reset": True,
        }

    def _gen2_config(self, channel: int) -> dict[str, Any]:
        state = self._channels[channel]
        config: dict[str, Any] = {
            "id": channel,
            "name": None,
            "in_mode": state.in_mode,
            "initial_state": "match_input",
            "auto_on": False,
            "auto_on_delay": 60.0,
            "auto_off": state.auto_off,
            "auto_off_delay": state.auto_off_delay,
        }
        if self.metered:
            config |= {"power_limit": 2500, "voltage_limit": 280, "current_limit": 10}
        return config

    def _gen2_set_config(self, channel: int, config: Any) -> dict[str, Any]:
        """Validate the whole change first: a bad field changes nothing."""
        if not isinstance(config, dict):
            raise _RpcError(ERR_INVALID_ARGUMENT, "Missing required argument 'config'!")
        auto_off = config.get("auto_off")
        if "auto_off" in config and not isinstance(auto_off, bool):
            raise _RpcError(ERR_INVALID_ARGUMENT, "Invalid argument 'auto_off'!")
        delay = None
        if "auto_off_delay" in config:
            delay = _positive_number(config["auto_off_delay"])
            if delay is None:
                raise _RpcError(
                    ERR_INVALID_ARGUMENT, "Invalid argument 'auto_off_delay'!"
                )
        mode = config.get("in_mode")
        if "in_mode" in config and mode not in IN_MODES:
            raise _RpcError(ERR_INVALID_ARGUMENT, "Invalid argument 'in_mode'!")
        self.configure(channel, auto_off=auto_off, auto_off_delay=delay, in_mode=mode)
        return {"restart_required": False}

    def _gen2_status(self, channel: int) -> dict[str, Any]:
        state = self._channels[channel]
        status: dict[str, Any] = {
            "id": channel,
            "source": state.source,
            "output": state.output,
        }
        if state.timer_duration is not None:
            status["timer_started_at"] = state.timer_started_at
            status["timer_duration"] = state.timer_duration
        if self.metered:
            power = self._power(state)
            voltage = self._voltage(state)
            status |= {
                "apower": power,
                "voltage": voltage,
                "current": round(power / voltage, 3),
                "aenergy": {
                    "total": round(self._energy(state, time.monotonic()), 3),
                    "by_minute": [0.0, 0.0, 0.0],
                    "minute_ts": int(time.time()),
                },
                "temperature": {"tC": 41.2, "tF": 106.2},
            }
        return status

    async def _handle_rpc_frame(self, request: web.Request) -> web.Response:
        """``POST /rpc``: a whole JSON-RPC frame in, a whole frame out."""
        try:
            frame = await request.json()
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("method"), str):
            error = {"code": ERR_INVALID_ARGUMENT, "message": "Bad request frame"}
            return web.json_response(
                {"id": None, "src": self.device_id, "error": error}
            )
        reply: dict[str, Any] = {"id": frame.get("id"), "src": self.device_id}
        params = frame.get("params")
        try:
            reply["result"] = self._call(
                frame["method"],
                params if isinstance(params, dict) else {},
                self._digest_ok(request),
            )
        except _RpcError as err:
            reply["error"] = {"code": err.code, "message": err.message}
            if err.code == ERR_UNAUTHORIZED:
                return web.json_response(
                    reply, status=401, headers={"WWW-Authenticate": self._challenge()}
                )
        return web.json_response(reply)

    async def _handle_rpc_method(self, request: web.Request) -> web.Response:
        """``/rpc/<Method>``: params in the query (GET) or body (POST), bare replies."""
        params: Any
        if request.method == "POST" and request.can_read_body:
            try:
                params = await request.json()
            except ValueError:
                params = None
        else:
            params = {key: _query_value(value) for key, value in request.query.items()}
        try:
            result = self._call(
                request.match_info["method"],
                params if isinstance(params, dict) else None,
                self._digest_ok(request),
            )
        except _RpcError as err:
            body = {"code": err.code, "message": err.message}
            if err.code == ERR_UNAUTHORIZED:
                return web.json_response(
                    body, status=401, headers={"WWW-Authenticate": self._challenge()}
                )
            status = {ERR_NO_HANDLER: 404, ERR_INVALID_ARGUMENT: 400}.get(err.code, 500)
            return web.json_response(body, status=status)
        return web.json_response(result)


_GEN2_METHODS: Final = frozenset(
    {
        "Switch.GetStatus",
        "Switch.Set",
        "Switch.GetConfig",
        "Switch.SetConfig",
        "Input.GetStatus",
        "Input.GetConfig",
    }
)


# -- command line --------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m simulator.shelly",
        description="Run a simulated Shelly relay for Espresso Care's dev instance.",
    )
    parser.add_argument("--gen", type=int, choices=(1, 2, 3, 4), default=2)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--password", default=None)
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds")
    parser.add_argument("--power", type=float, default=1200.0, help="W while on")
    parser.add_argument("--mac", default=DEFAULT_MAC)
    return parser.parse_args(argv)


async def serve(
    argv: Sequence[str] | None = None, stopped: asyncio.Event | None = None
) -> None:
    """Run a simulator from command-line arguments until ``stopped`` is set.

    Without an event of its own it stops on SIGINT or SIGTERM (the CLI).
    Every output change is printed, with seconds since the start.
    """
    args = _parse_args(argv)
    sim = ShellySimulator(
        gen=args.gen,
        channels=args.channels,
        password=args.password,
        latency=args.latency,
        mac=args.mac,
        power=args.power,
    )
    started = time.monotonic()

    def show(change: OutputChange) -> None:
        timer = f" (timer {change.timer:g} s)" if change.timer else ""
        state = "on" if change.output else "off"
        print(
            f"{change.at - started:10.3f}  relay {change.channel} {state}"
            f" by {change.source}{timer}",
            flush=True,
        )

    sim.on_change = show
    if stopped is None:
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stopped.set)
    port = await sim.start(args.host, args.port)
    print(
        f"Shelly Gen{args.gen} simulator ({sim.model}, MAC {sim.mac}) on "
        f"http://{args.host}:{port}" + (" with a password" if args.password else ""),
        flush=True,
    )
    try:
        await stopped.wait()
    finally:
        await sim.stop()


def main(argv: Sequence[str] | None = None) -> None:
    """Run the simulator until interrupted."""
    asyncio.run(serve(argv))


if __name__ == "__main__":
    main()
