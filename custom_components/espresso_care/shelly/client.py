"""A small async client for Shelly relays over their local HTTP API.

Gen1 devices speak plain HTTP (``/shelly``, ``/status``, ``/relay/<n>``) with
Basic auth; Gen2 and later speak JSON-RPC over HTTP with SHA-256 digest auth.
We do not use ``aioshelly``: Home Assistant core pins its own version, and a
custom integration pinning another one breaks installs. The digest handshake is
implemented here rather than with aiohttp's ``DigestAuthMiddleware`` because
that only exists in aiohttp 3.12 and later, and Home Assistant 2025.4 ships
3.11; one code path for every supported version is easier to trust.

The module depends on aiohttp and the standard library only.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field
import hashlib
import itertools
import json
import math
import os
import re
from typing import Any, Final, Literal, NoReturn

import aiohttp
from yarl import URL

DEFAULT_TIMEOUT: Final = 5.0
DEFAULT_USERNAME: Final = "admin"
RPC_SOURCE: Final = "espresso_care"

# Gen2 RPC error codes that mean "there is no such switch here".
_RPC_NOT_FOUND: Final = -105
_RPC_NO_HANDLER: Final = 404
_RPC_UNAUTHORIZED: Final = 401

_HASHES: Final = {
    "SHA-256": hashlib.sha256,
    "MD5": hashlib.md5,
}
_CHALLENGE_PARAM: Final = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))')

type RpcTransport = Literal["post", "get"]


class ShellyError(Exception):
    """Anything that went wrong talking to a Shelly."""


class ShellyConnectionError(ShellyError):
    """The device could not be reached or answered something unreadable."""


class ShellyTimeoutError(ShellyConnectionError):
    """The device did not answer in time (it may still have acted)."""


class ShellyAuthError(ShellyError):
    """The device wants a password, or refused the one we have."""


class ShellyUnsupportedError(ShellyError):
    """Not a Shelly we can drive, or no relay at the requested channel."""


class ShellyDeviceError(ShellyError):
    """The device answered with an error reply."""

    def __init__(self, code: int | None, message: str) -> None:
        super().__init__(f"{message} ({code})" if code is not None else message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """Who answered at a host: enough to set the device up and name it."""

    gen: int
    mac: str
    model: str
    name: str | None
    auth_required: bool
    firmware: str | None = None
    device_id: str | None = None
    num_outputs: int | None = None


@dataclass(frozen=True, slots=True)
class SwitchStatus:
    """One relay channel's state; ``power`` in W, ``energy`` in Wh, ``voltage`` in V when measured."""

    output: bool
    power: float | None = None
    energy: float | None = None
    timer: float | None = None
    voltage: float | None = None


@dataclass(frozen=True, slots=True)
class SwitchConfig:
    """A relay channel's settings that matter here: its own auto-off and its input mode.

    ``auto_off_delay`` is in seconds; ``in_mode`` is the Gen2 name
    (``follow``, ``flip``, ``momentary``, ``detached``, ...) or, on Gen1, the
    ``btn_type`` (``toggle``, ``edge``, ``momentary``, ``detached``, ...).
    """

    auto_off: bool
    auto_off_delay: float
    in_mode: str | None = None

    @property
    def detached(self) -> bool:
        """Whether the input leaves the relay alone."""
        return self.in_mode == "detached"


@dataclass(slots=True)
class _DigestChallenge:
    realm: str
    nonce: str
    algorithm: str
    qop: str | None
    opaque: str | None
    nc: int = field(default=0)


def normalize_mac(mac: str) -> str:
    """Upper-case hex without separators, as Gen2 devices report it."""
    return re.sub(r"[^0-9A-Fa-f]", "", mac).upper()


def parse_digest_challenge(header: str) -> _DigestChallenge:
    """Read a ``WWW-Authenticate: Digest ...`` header."""
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "digest":
        raise ShellyAuthError(f"unexpected authentication scheme {scheme!r}")
    params = {
        match.group(1).lower(): match.group(2)
        if match.group(2) is not None
        else match.group(3)
        for match in _CHALLENGE_PARAM.finditer(rest)
    }
    algorithm = params.get("algorithm") or "MD5"
    if algorithm.upper() not in _HASHES:
        raise ShellyAuthError(f"unsupported digest algorithm {algorithm!r}")
    if "realm" not in params or "nonce" not in params:
        raise ShellyAuthError("digest challenge without realm or nonce")
    qop = params.get("qop")
    if qop is not None:
        options = {option.strip() for option in qop.split(",")}
        if "auth" not in options:
            raise ShellyAuthError(f"unsupported digest qop {qop!r}")
        qop = "auth"
    return _DigestChallenge(
        realm=params["realm"],
        nonce=params["nonce"],
        algorithm=algorithm.upper(),
        qop=qop,
        opaque=params.get("opaque"),
    )


def digest_authorization(
    challenge: _DigestChallenge,
    username: str,
    password: str,
    method: str,
    uri: str,
    *,
    cnonce: str | None = None,
) -> str:
    """Answer a digest challenge (RFC 7616) with an ``Authorization`` header."""

    def hash_hex(text: str) -> str:
        return _HASHES[challenge.algorithm](text.encode()).hexdigest()

    challenge.nc += 1
    ha1 = hash_hex(f"{username}:{challenge.realm}:{password}")
    ha2 = hash_hex(f"{method}:{uri}")
    parts = [
        f'username="{username}"',
        f'realm="{challenge.realm}"',
        f'nonce="{challenge.nonce}"',
        f'uri="{uri}"',
        f"algorithm={challenge.algorithm}",
    ]
    if challenge.qop:
        cnonce = cnonce or os.urandom(8).hex()
        nc = f"{challenge.nc:08x}"
        response = hash_hex(f"{ha1}:{challenge.nonce}:{nc}:{cnonce}:auth:{ha2}")
        parts += ["qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
    else:
        response = hash_hex(f"{ha1}:{challenge.nonce}:{ha2}")
    parts.append(f'response="{response}"')
    if challenge.opaque is not None:
        parts.append(f'opaque="{challenge.opaque}"')
    return "Digest " + ", ".join(parts)


def base_url(host: str) -> URL:
    """Build ``http://host[:port]/`` from what the user typed.

    Accepts a pasted ``http://`` prefix and IPv6 addresses with or without
    brackets; anything else that is not a bare host raises.
    """
    host = host.strip().removeprefix("http://").rstrip("/")
    if host.count(":") > 1 and not host.startswith("["):
        host = f"[{host}]"
    try:
        url = URL(f"http://{host}")
        valid = bool(url.host) and url.path in ("", "/") and not url.query_string
        _ = url.port
    except ValueError:
        valid = False
    if not valid:
        raise ShellyConnectionError(f"invalid host {host!r}")
    return url.with_path("/")


def _rpc_param(value: Any) -> str:
    """One query-string value as Gen2 firmware reads it (JSON literals)."""
    return json.dumps(value)


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


class ShellyClient:
    """Talks to one Shelly at ``host`` (``host`` or ``host:port``).

    The generation comes from the caller (stored at setup) or from
    ``identify()``, which any other call runs first when it is unknown. Every
    request is bounded by ``timeout`` seconds; a digest challenge is kept and
    reused, so an authenticated poll costs one request, not two.
    """

    def __init__(
        self,
        session: aiohttp.ClientSession,
        host: str,
        *,
        password: str | None = None,
        username: str = DEFAULT_USERNAME,
        gen: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        rpc_transport: RpcTransport = "post",
    ) -> None:
        self._session = session
        self.host = host
        self._url = base_url(host)
        self._password = password or None
        self._username = username
        self._gen = gen
        self._timeout = timeout
        self._transport = rpc_transport
        self._challenge: _DigestChallenge | None = None
        self._ids = itertools.count(1)
        self.info: DeviceInfo | None = None

    @property
    def gen(self) -> int | None:
        """The device's generation, once known."""
        return self._gen

    async def identify(self) -> DeviceInfo:
        """Ask the device who it is (``GET /shelly``, never needs auth)."""
        status, _, data = await self._get_json("/shelly", auth=False)
        if status == 401:
            raise ShellyAuthError("the device wants a password even for /shelly")
        if status == 404:
            raise ShellyUnsupportedError("no /shelly endpoint: not a Shelly")
        if status != 200 or not isinstance(data, dict):
            raise ShellyUnsupportedError(f"unexpected reply to /shelly ({status})")
        gen = data.get("gen")
        mac = data.get("mac")
        if not isinstance(mac, str) or not mac:
            raise ShellyUnsupportedError("device reports no MAC address")
        if isinstance(gen, int) and not isinstance(gen, bool) and gen >= 2:
            info = DeviceInfo(
                gen=gen,
                mac=normalize_mac(mac),
                model=str(data.get("model") or data.get("app") or "unknown"),
                name=_text(data.get("name")),
                auth_required=bool(data.get("auth_en")),
                firmware=_text(data.get("ver") or data.get("fw_id")),
                device_id=_text(data.get("id")),
            )
        elif gen is None and isinstance(data.get("type"), str):
            outputs = data.get("num_outputs")
            info = DeviceInfo(
                gen=1,
                mac=normalize_mac(mac),
                model=data["type"],
                name=_text(data.get("name")),
                auth_required=bool(data.get("auth")),
                firmware=_text(data.get("fw")),
                num_outputs=outputs if isinstance(outputs, int) else None,
            )
        else:
            raise ShellyUnsupportedError(f"unknown device generation {gen!r}")
        self._gen = info.gen
        self.info = info
        return info

    async def get_switch(self, channel: int) -> SwitchStatus:
        """Read the relay's output, and its power and energy when metered."""
        if await self._generation() == 1:
            return await self._gen1_status(channel)
        result = await self.rpc("Switch.GetStatus", {"id": channel})
        output = result.get("output")
        if not isinstance(output, bool):
            raise ShellyUnsupportedError(f"switch:{channel} reports no output")
        energy = result.get("aenergy")
        return SwitchStatus(
            output=output,
            power=_number(result.get("apower")),
            energy=_number(energy.get("total")) if isinstance(energy, dict) else None,
            timer=_number(result.get("timer_duration")),
            voltage=_number(result.get("voltage")),
        )

    async def get_input(self, input_id: int) -> bool:
        """Read a digital input's state (on while its contact is closed).

        Raises ShellyUnsupportedError when there is no such input, or when it
        is not an on/off input (an analog or counting one).
        """
        if await self._generation() == 1:
            data = await self._gen1_get("/status")
            inputs = data.get("inputs")
            if not isinstance(inputs, list) or not 0 <= input_id < len(inputs):
                raise ShellyUnsupportedError(f"no input {input_id} on this device")
            entry = inputs[input_id]
            value = entry.get("input") if isinstance(entry, dict) else None
            if isinstance(value, bool) or value not in (0, 1):
                raise ShellyUnsupportedError(f"input {input_id} reports no state")
            return bool(value)
        result = await self.rpc("Input.GetStatus", {"id": input_id})
        state = result.get("state")
        if not isinstance(state, bool):
            raise ShellyUnsupportedError(f"input:{input_id} is not an on/off input")
        return state

    async def get_switch_config(self, channel: int) -> SwitchConfig:
        """Read a relay's auto-off and input mode (Gen1 ``/settings/relay/N``)."""
        if await self._generation() == 1:
            data = await self._gen1_get(f"/settings/relay/{channel}")
            delay = _number(data.get("auto_off")) or 0.0
            return SwitchConfig(
                auto_off=delay > 0,
                auto_off_delay=delay,
                in_mode=_text(data.get("btn_type")),
            )
        result = await self.rpc("Switch.GetConfig", {"id": channel})
        return SwitchConfig(
            auto_off=result.get("auto_off") is True,
            auto_off_delay=_number(result.get("auto_off_delay")) or 0.0,
            in_mode=_text(result.get("in_mode")),
        )

    async def set_auto_off(self, channel: int, enabled: bool, delay: float) -> None:
        """Set the relay's own auto-off: every on, by anyone, ends after ``delay`` s.

        Gen1 has no separate switch for it: a delay of 0 turns it off there.
        """
        if not (math.isfinite(delay) and delay >= 0):
            raise ValueError(f"delay must be a number of seconds, not {delay!r}")
        if await self._generation() == 1:
            seconds = f"{delay:g}" if enabled else "0"
            await self._gen1_get(f"/settings/relay/{channel}", {"auto_off": seconds})
            return
        config: dict[str, Any] = {"auto_off": enabled}
        if delay > 0:
            config["auto_off_delay"] = delay
        await self.rpc("Switch.SetConfig", {"id": channel, "config": config})

    async def set_switch(
        self, channel: int, on: bool, auto_off: float | None = None
    ) -> None:
        """Switch the relay; with ``auto_off`` the device flips it back after that long.

        Returns once the device has accepted the command. An ``auto_off`` only
        goes with an on: a timer on an off would switch the relay on again.
        """
        if auto_off is not None and not (math.isfinite(auto_off) and auto_off > 0):
            raise ValueError(f"auto_off must be a positive number, not {auto_off!r}")
        timer = auto_off if on else None
        if await self._generation() == 1:
            await self._gen1_set(channel, on, timer)
            return
        params: dict[str, Any] = {"id": channel, "on": on}
        if timer is not None:
            params["toggle_after"] = timer
        await self.rpc("Switch.Set", params)

    async def rpc(
        self, method: str, params: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Call a Gen2+ RPC method and return its result."""
        path = "/rpc" if self._transport == "post" else f"/rpc/{method}"
        if self._transport == "post":
            frame = {
                "id": next(self._ids),
                "src": RPC_SOURCE,
                "method": method,
                "params": params or {},
            }
            status, data = await self._digest_json("POST", path, json_body=frame)
        else:
            query = {key: _rpc_param(value) for key, value in (params or {}).items()}
            status, data = await self._digest_json("GET", path, query=query)
        if isinstance(data, dict) and isinstance(data.get("error"), dict):
            self._raise_rpc_error(data["error"], method)
        if isinstance(data, dict) and status != 200 and "code" in data:
            self._raise_rpc_error(data, method)
        if status != 200:
            raise ShellyDeviceError(status, f"HTTP {status} from {method}")
        if self._transport == "post":
            result = data.get("result") if isinstance(data, dict) else None
        else:
            result = data
        if not isinstance(result, dict):
            raise ShellyConnectionError(f"{method} returned no result object")
        return result

    def _raise_rpc_error(self, error: dict[str, Any], method: str) -> NoReturn:
        code = error.get("code")
        message = str(error.get("message") or "error")
        code = code if isinstance(code, int) else None
        if code == _RPC_UNAUTHORIZED:
            raise ShellyAuthError(message)
        if code in (_RPC_NOT_FOUND, _RPC_NO_HANDLER):
            raise ShellyUnsupportedError(f"{method}: {message}")
        raise ShellyDeviceError(code, message)

    async def _generation(self) -> int:
        if self._gen is None:
            return (await self.identify()).gen
        return self._gen

    async def _gen1_status(self, channel: int) -> SwitchStatus:
        data = await self._gen1_get("/status")
        relays = data.get("relays")
        if not isinstance(relays, list) or not 0 <= channel < len(relays):
            raise ShellyUnsupportedError(f"no relay {channel} on this device")
        relay = relays[channel]
        if not isinstance(relay, dict) or not isinstance(relay.get("ison"), bool):
            raise ShellyUnsupportedError(f"relay {channel} reports no state")
        power = energy = None
        meters = data.get("meters")
        if isinstance(meters, list) and channel < len(meters):
            meter = meters[channel]
            if isinstance(meter, dict):
                power = _number(meter.get("power"))
                total = _number(meter.get("total"))  # watt-minutes
                energy = total / 60 if total is not None else None
        timer = _number(relay.get("timer_duration")) if relay.get("has_timer") else None
        return SwitchStatus(
            output=relay["ison"], power=power, energy=energy, timer=timer
        )

    async def _gen1_set(self, channel: int, on: bool, timer: float | None) -> None:
        query = {"turn": "on" if on else "off"}
        if timer is not None:
            # Gen1 firmware counts whole seconds; rounding up never cuts a pulse short.
            query["timer"] = str(max(1, math.ceil(timer)))
        data = await self._gen1_get(f"/relay/{channel}", query)
        if data.get("ison") is not on:
            raise ShellyDeviceError(
                None, f"relay {channel} did not switch {query['turn']}"
            )

    async def _gen1_get(
        self, path: str, query: dict[str, str] | None = None
    ) -> dict[str, Any]:
        status, text, data = await self._get_json(path, query, auth=True)
        if status == 401:
            if self._password is None:
                raise ShellyAuthError("the device wants a password")
            raise ShellyAuthError("the device refused the password")
        if status == 404:
            raise ShellyUnsupportedError(f"{path} not found on this device")
        if status != 200:
            raise ShellyDeviceError(status, text.strip() or f"HTTP {status}")
        if not isinstance(data, dict):
            raise ShellyConnectionError(f"{path} returned no JSON object")
        return data

    async def _get_json(
        self, path: str, query: dict[str, str] | None = None, *, auth: bool
    ) -> tuple[int, str, Any]:
        """Send a GET, with Basic auth when asked; decode JSON only from a 200."""
        headers = (
            {"Authorization": _basic_auth(self._username, self._password)}
            if auth and self._password is not None
            else None
        )
        url = self._url.with_path(path).with_query(query or {})
        status, _, body = await self._send("GET", url, headers=headers)
        text = body.decode(errors="replace")
        return status, text, _decode(body) if status == 200 else None

    async def _digest_json(
        self,
        method: str,
        path: str,
        *,
        json_body: dict[str, Any] | None = None,
        query: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        """Send a request answered with JSON; do the digest handshake when challenged.

        A stored challenge is reused first; if the device rejects it (stale
        nonce) we answer the fresh challenge once, and a rejection of that
        means the password is wrong.
        """
        url = self._url.with_path(path).with_query(query or {})
        uri = url.raw_path_qs
        fresh = False
        while True:
            headers = {}
            if self._challenge is not None and self._password is not None:
                headers["Authorization"] = digest_authorization(
                    self._challenge, self._username, self._password, method, uri
                )
            status, www_authenticate, body = await self._send(
                method, url, json_body=json_body, headers=headers
            )
            if status != 401:
                return status, _decode(body)
            if self._password is None:
                raise ShellyAuthError("the device wants a password")
            if fresh or www_authenticate is None:
                raise ShellyAuthError("the device refused the password")
            self._challenge = parse_digest_challenge(www_authenticate)
            fresh = True

    async def _send(
        self,
        method: str,
        url: URL,
        *,
        json_body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str | None, bytes]:
        try:
            async with (
                asyncio.timeout(self._timeout),
                self._session.request(
                    method,
                    url,
                    json=json_body,
                    headers=headers,
                    allow_redirects=False,
                ) as response,
            ):
                body = await response.read()
                return (
                    response.status,
                    response.headers.get("WWW-Authenticate"),
                    body,
                )
        except TimeoutError as err:
            raise ShellyTimeoutError(
                f"{self.host} did not answer within {self._timeout:g} s"
            ) from err
        except aiohttp.ClientError as err:
            raise ShellyConnectionError(f"{self.host}: {err}") from err


def _decode(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError as err:
        raise ShellyConnectionError(f"unreadable reply: {err}") from err


async def identify(
    session: aiohttp.ClientSession,
    host: str,
    *,
    request_timeout: float = DEFAULT_TIMEOUT,
) -> DeviceInfo:
    """Identify the Shelly at ``host`` without credentials (for the config flow)."""
    return await ShellyClient(session, host, timeout=request_timeout).identify()


def _basic_auth(username: str, password: str) -> str:
    """A Basic ``Authorization`` header's value (aiohttp's BasicAuth is deprecated)."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return f"Basic {token}"
