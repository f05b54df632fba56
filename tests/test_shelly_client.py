"""The Shelly client against the simulated devices (Gen1 and Gen2) and odd servers."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time

import aiohttp
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest

from custom_components.espresso_care.shelly.client import (
    DeviceInfo,
    ShellyAuthError,
    ShellyConnectionError,
    ShellyDeviceError,
    ShellyTimeoutError,
    ShellyUnsupportedError,
    SwitchStatus,
    base_url,
    digest_authorization,
    identify,
    normalize_mac,
    parse_digest_challenge,
)
from simulator.shelly import OutputChange, ShellySimulator, serve

from . import shelly_fixtures
from .shelly_fixtures import CannedFactory, SimFactory, make_client

# The fixtures this module uses, taken by name from the shared module.
simulators = shelly_fixtures.simulators
canned_server = shelly_fixtures.canned_server

TRANSPORTS = ("post", "get")


# -- identity ----------------------------------------------------------------------


async def test_identify_gen1(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=1, mac="a8:03:2a:be:54:dc")
    info = await make_client(hass, sim).identify()
    assert info == DeviceInfo(
        gen=1,
        mac="A8032ABE54DC",
        model="SHPLG-S",
        name=None,
        auth_required=False,
        firmware="20230913-112003/v1.14.0-gcb84623",
        device_id=None,
        num_outputs=1,
    )


async def test_identify_gen2_needs_no_password(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, password="secret", name="Pump")
    client = make_client(hass, sim)
    info = await client.identify()
    assert info.gen == 2
    assert info.mac == "A8032ABE54DC"
    assert info.model == "SNPL-00112EU"
    assert info.name == "Pump"
    assert info.auth_required is True
    assert info.firmware == "1.4.4"
    assert info.device_id == "shellyplusplugs-a8032abe54dc"
    assert client.gen == 2
    assert client.info is info


@pytest.mark.parametrize("gen", [1, 2, 3])
async def test_module_identify(
    hass: HomeAssistant, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, password="secret")
    info = await identify(async_get_clientsession(hass), sim.address)
    assert info.gen == gen
    assert info.auth_required is True


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ((404, "Not Found"), ShellyUnsupportedError),
        ((500, "boom"), ShellyUnsupportedError),
        ((200, [1, 2]), ShellyUnsupportedError),
        ((200, {"type": "SHSW-1"}), ShellyUnsupportedError),
        ((200, {"gen": "two", "mac": "AA"}), ShellyUnsupportedError),
        ((200, {"gen": True, "mac": "AA"}), ShellyUnsupportedError),
        ((200, {"mac": "AA"}), ShellyUnsupportedError),
        ((200, "<html>not json</html>"), ShellyConnectionError),
        ((401, "Unauthorized"), ShellyAuthError),
    ],
)
async def test_identify_odd_replies(
    hass: HomeAssistant,
    canned_server: CannedFactory,
    reply: tuple[int, object],
    error: type[Exception],
) -> None:
    host = await canned_server({"/shelly": reply})
    with pytest.raises(error):
        await make_client(hass, host).identify()


async def test_identify_fills_optional_fields_leniently(
    hass: HomeAssistant, canned_server: CannedFactory
) -> None:
    host = await canned_server(
        {"/shelly": (200, {"gen": 2, "mac": "aabbccddeeff", "app": "Mini", "name": ""})}
    )
    info = await make_client(hass, host).identify()
    assert info == DeviceInfo(
        gen=2, mac="AABBCCDDEEFF", model="Mini", name=None, auth_required=False
    )


# -- status and switching ---------------------------------------------------------


async def test_gen1_status_and_set_with_timer(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=1, channels=2)
    client = make_client(hass, sim)
    assert await client.get_switch(1) == SwitchStatus(
        output=False, power=0.0, energy=0.0, timer=None
    )
    await client.set_switch(1, True, 14.2)
    # Gen1 counts whole seconds: the timer is rounded up, never down.
    assert sim.commands[-1].timer == 15
    status = await client.get_switch(1)
    assert status.output is True
    assert status.power == 1200.0
    assert status.timer == 15
    assert sim.output(0) is False
    await client.set_switch(1, False, 30)
    off = sim.commands[-1]
    assert (off.on, off.timer) == (False, None)
    assert sim.output(1) is False
    assert [r.path for r in sim.requests if r.path.startswith("/relay")] == [
        "/relay/1?turn=on&timer=15",
        "/relay/1?turn=off",
    ]


async def test_gen1_unmetered_relay_has_no_power(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=1, metered=False)
    status = await make_client(hass, sim, gen=1).get_switch(0)
    assert status == SwitchStatus(output=False)
    assert sim.requests[0].path == "/status"  # the known generation saves /shelly


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_gen2_status_and_set_with_toggle_after(
    hass: HomeAssistant, simulators: SimFactory, transport: str
) -> None:
    sim = await simulators(gen=2)
    client = make_client(hass, sim, rpc_transport=transport)
    assert (await client.get_switch(0)).output is False
    await client.set_switch(0, True, 12.5)
    command = sim.commands[-1]
    assert (command.on, command.timer) == (True, 12.5)
    status = await client.get_switch(0)
    assert status.output is True
    assert status.power == 1200.0
    assert status.timer == 12.5
    assert status.energy is not None
    await client.set_switch(0, True)
    assert sim.commands[-1].timer is None
    assert sim.timer(0) is None  # a new command replaces the running timer
    await client.set_switch(0, False, 9)
    assert sim.commands[-1].timer is None
    assert sim.output(0) is False


async def test_gen2_unmetered_switch(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, metered=False)
    assert await make_client(hass, sim).get_switch(0) == SwitchStatus(output=False)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf")])
async def test_auto_off_must_be_positive(
    hass: HomeAssistant, simulators: SimFactory, bad: float
) -> None:
    sim = await simulators(gen=2)
    with pytest.raises(ValueError, match="auto_off"):
        await make_client(hass, sim).set_switch(0, True, bad)
    assert sim.commands == []


async def test_gen1_relay_that_does_not_switch(
    hass: HomeAssistant, canned_server: CannedFactory
) -> None:
    host = await canned_server({"/relay/0": (200, {"ison": False})})
    with pytest.raises(ShellyDeviceError, match="did not switch on"):
        await make_client(hass, host, gen=1).set_switch(0, True, 5)


# -- simulator timers really flip back ----------------------------------------------


async def test_gen2_toggle_after_flips_back(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2)
    client = make_client(hass, sim)
    before = time.monotonic()
    await client.set_switch(0, True, 0.15)
    assert sim.output(0) is True
    await asyncio.sleep(0.3)
    assert sim.output(0) is False
    assert (await client.get_switch(0)).output is False
    on, off = sim.timeline
    assert (on.output, on.source, on.timer) == (True, "http", 0.15)
    assert (off.output, off.source) == (False, "timer")
    assert before <= on.at < off.at
    assert sim.on_durations(0) == [pytest.approx(0.15, abs=0.1)]


async def test_gen1_timer_flips_back(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=1)
    session = async_get_clientsession(hass)
    async with session.get(f"http://{sim.address}/relay/0?turn=on&timer=0.1") as resp:
        assert (await resp.json())["has_timer"] is True
    await asyncio.sleep(0.25)
    assert sim.output(0) is False
    assert [change.source for change in sim.timeline] == ["http", "timer"]


async def test_off_with_timer_flips_back_on(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    """The device does what it is told: a timer on an off switches on again."""
    sim = await simulators(gen=2)
    client = make_client(hass, sim)
    await client.rpc("Switch.Set", {"id": 0, "on": False, "toggle_after": 0.1})
    await asyncio.sleep(0.25)
    assert sim.output(0) is True
    sim.press(0)
    assert sim.output(0) is False
    assert sim.timeline[-1].source == "button"


# -- authentication -----------------------------------------------------------------


async def test_gen1_basic_auth(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=1, password="secret")
    assert (
        await make_client(hass, sim, password="secret").get_switch(0)
    ).output is False
    with pytest.raises(ShellyAuthError, match="refused"):
        await make_client(hass, sim, password="wrong").get_switch(0)
    with pytest.raises(ShellyAuthError, match="wants a password"):
        await make_client(hass, sim).set_switch(0, True, 5)
    assert sim.commands == []


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_gen2_digest_auth(
    hass: HomeAssistant, simulators: SimFactory, transport: str
) -> None:
    sim = await simulators(gen=2, password="secret")
    client = make_client(hass, sim, password="secret", rpc_transport=transport)
    await client.set_switch(0, True, 5)
    assert sim.output(0) is True
    await client.get_switch(0)
    await client.get_switch(0)
    # One challenge, then the stored nonce is reused: one request per call.
    rpc = [r for r in sim.requests if r.path.startswith("/rpc")]
    assert len(rpc) == 4
    with pytest.raises(ShellyAuthError, match="refused"):
        await make_client(
            hass, sim, password="wrong", rpc_transport=transport
        ).get_switch(0)
    with pytest.raises(ShellyAuthError, match="wants a password"):
        await make_client(hass, sim, rpc_transport=transport).set_switch(0, False)
    assert sim.output(0) is True


async def test_gen2_stale_nonce_is_answered_again(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2, password="secret", nonce_lifetime=0.0)
    client = make_client(hass, sim, password="secret")
    with pytest.raises(ShellyAuthError):
        # Every nonce is stale at once: the fresh one fails too, like a bad password.
        await client.get_switch(0)
    sim.nonce_lifetime = 60.0
    await client.get_switch(0)  # stored nonce rejected, fresh one accepted
    assert [r.path for r in sim.requests] == ["/shelly"] + ["/rpc"] * 4


async def test_gen2_md5_digest(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=2, password="secret", digest_algorithm="MD5")
    await make_client(hass, sim, password="secret").set_switch(0, True, 3)
    assert sim.output(0) is True


async def test_gen2_401_without_challenge(
    hass: HomeAssistant, canned_server: CannedFactory
) -> None:
    host = await canned_server({"/rpc": (401, {"code": 401, "message": "no"})})
    with pytest.raises(ShellyAuthError, match="refused"):
        await make_client(hass, host, gen=2, password="x").get_switch(0)


def test_parse_digest_challenge() -> None:
    challenge = parse_digest_challenge(
        'Digest qop="auth-int, auth", realm="shelly-1", nonce="abc", '
        'algorithm=SHA-256, opaque="o"'
    )
    assert (challenge.realm, challenge.nonce, challenge.qop) == (
        "shelly-1",
        "abc",
        "auth",
    )
    assert (challenge.algorithm, challenge.opaque) == ("SHA-256", "o")
    header = digest_authorization(challenge, "admin", "pw", "POST", "/rpc", cnonce="c")
    ha1 = hashlib.sha256(b"admin:shelly-1:pw").hexdigest()
    ha2 = hashlib.sha256(b"POST:/rpc").hexdigest()
    response = hashlib.sha256(f"{ha1}:abc:00000001:c:auth:{ha2}".encode()).hexdigest()
    assert f'response="{response}"' in header
    assert 'opaque="o"' in header
    assert "nc=00000001" in header
    assert "nc=00000002" in digest_authorization(challenge, "admin", "pw", "GET", "/")


def test_digest_without_qop_is_rfc2069() -> None:
    challenge = parse_digest_challenge('Digest realm="r", nonce="n"')
    assert (challenge.algorithm, challenge.qop) == ("MD5", None)
    header = digest_authorization(challenge, "admin", "pw", "GET", "/x")
    ha1 = hashlib.md5(b"admin:r:pw").hexdigest()
    ha2 = hashlib.md5(b"GET:/x").hexdigest()
    assert hashlib.md5(f"{ha1}:n:{ha2}".encode()).hexdigest() in header
    assert "qop" not in header


@pytest.mark.parametrize(
    "header",
    [
        'Basic realm="x"',
        'Digest realm="x", nonce="n", algorithm=SHA-512',
        'Digest nonce="n"',
        'Digest realm="x", nonce="n", qop="auth-int"',
    ],
)
def test_parse_digest_challenge_rejects(header: str) -> None:
    with pytest.raises(ShellyAuthError):
        parse_digest_challenge(header)


# -- error replies ------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
async def test_gen2_error_reply_shapes(
    hass: HomeAssistant, simulators: SimFactory, transport: str
) -> None:
    """POST /rpc answers with a JSON-RPC error frame, GET /rpc/<Method> with a bare one."""
    sim = await simulators(gen=2)
    sim.error = (-114, "Device busy")
    client = make_client(hass, sim, rpc_transport=transport)
    with pytest.raises(ShellyDeviceError) as caught:
        await client.set_switch(0, True, 5)
    assert (caught.value.code, caught.value.message) == (-114, "Device busy")
    assert str(caught.value) == "Device busy (-114)"
    assert sim.commands == []


@pytest.mark.parametrize(
    ("reply", "error", "match"),
    [
        (
            (200, {"id": 1, "error": {"code": 401, "message": "x"}}),
            ShellyAuthError,
            "x",
        ),
        ((200, {"id": 1, "error": {"message": "odd"}}), ShellyDeviceError, "odd"),
        ((500, {"code": "E", "message": "bad"}), ShellyDeviceError, "bad"),
        ((500, "oops"), ShellyConnectionError, "unreadable"),
        ((503, {"busy": True}), ShellyDeviceError, "HTTP 503"),
        ((200, {"id": 1}), ShellyConnectionError, "no result"),
        ((200, {"id": 1, "result": {"id": 0}}), ShellyUnsupportedError, "no output"),
    ],
)
async def test_gen2_odd_replies(
    hass: HomeAssistant,
    canned_server: CannedFactory,
    reply: tuple[int, object],
    error: type[Exception],
    match: str,
) -> None:
    host = await canned_server({"/rpc": reply})
    with pytest.raises(error, match=match):
        await make_client(hass, host, gen=2).get_switch(0)


async def test_gen1_error_reply(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=1)
    sim.error = (500, "Internal error")
    with pytest.raises(ShellyDeviceError) as caught:
        await make_client(hass, sim).set_switch(0, True, 5)
    assert (caught.value.code, caught.value.message) == (500, "Internal error")


@pytest.mark.parametrize("status", [{"relays": [{"ison": "yes"}]}, {"relays": "none"}])
async def test_gen1_status_without_relay_state(
    hass: HomeAssistant, canned_server: CannedFactory, status: object
) -> None:
    host = await canned_server({"/status": (200, status)})
    with pytest.raises(ShellyUnsupportedError):
        await make_client(hass, host, gen=1).get_switch(0)


async def test_gen1_status_with_odd_meter(
    hass: HomeAssistant, canned_server: CannedFactory
) -> None:
    status = {"relays": [{"ison": True, "has_timer": False}], "meters": ["x"]}
    host = await canned_server({"/status": (200, status)})
    assert await make_client(hass, host, gen=1).get_switch(0) == SwitchStatus(
        output=True
    )


async def test_gen1_status_not_an_object(
    hass: HomeAssistant, canned_server: CannedFactory
) -> None:
    host = await canned_server({"/status": (200, [1])})
    with pytest.raises(ShellyConnectionError, match="no JSON object"):
        await make_client(hass, host, gen=1).get_switch(0)


# -- unsupported devices and channels -----------------------------------------------


@pytest.mark.parametrize("gen", [1, 2])
async def test_no_such_channel(
    hass: HomeAssistant, simulators: SimFactory, gen: int
) -> None:
    sim = await simulators(gen=gen, channels=1)
    client = make_client(hass, sim)
    with pytest.raises(ShellyUnsupportedError):
        await client.get_switch(1)
    with pytest.raises(ShellyUnsupportedError):
        await client.set_switch(3, True, 5)
    sim.dropped.add(0)
    with pytest.raises(ShellyUnsupportedError):
        await client.get_switch(0)
    assert sim.commands == []


async def test_device_without_relays(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=1, channels=0)
    assert (await make_client(hass, sim).identify()).num_outputs == 0
    with pytest.raises(ShellyUnsupportedError):
        await make_client(hass, sim).get_switch(0)


async def test_gen2_without_switch_component(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2)
    with pytest.raises(ShellyUnsupportedError, match="No handler"):
        await make_client(hass, sim).rpc("Cover.GetStatus", {"id": 0})


async def test_wrong_generation_given(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2)
    with pytest.raises(ShellyUnsupportedError):
        await make_client(hass, sim, gen=1).get_switch(0)


async def test_simulator_rejects_bad_arguments(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2)
    client = make_client(hass, sim)
    for params in (
        {},
        {"id": True},
        {"id": 0},
        {"id": 0, "on": True, "toggle_after": -1},
    ):
        with pytest.raises(ShellyDeviceError) as caught:
            await client.rpc("Switch.Set", params)
        assert caught.value.code == -103
    session = async_get_clientsession(hass)
    async with session.post(f"http://{sim.address}/rpc", data=b"nonsense") as resp:
        assert (await resp.json())["error"]["code"] == -103
    async with session.post(f"http://{sim.address}/rpc/Switch.Set", data=b"[") as resp:
        assert resp.status == 400
    sim1 = await simulators(gen=1)
    for query in ("turn=sideways", "turn=on&timer=soon", "turn=on&timer=-1"):
        async with session.get(f"http://{sim1.address}/relay/0?{query}") as resp:
            assert resp.status == 400
    async with session.get(
        f"http://{sim1.address}/relay/0?turn=toggle&timer=0"
    ) as resp:
        assert (await resp.json())["has_timer"] is False
    assert sim1.output(0) is True


# -- connection faults --------------------------------------------------------------


async def test_connection_refused(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=2)
    client = make_client(hass, sim)
    await sim.refuse_connections()
    with pytest.raises(ShellyConnectionError) as caught:
        await client.identify()
    assert not isinstance(caught.value, ShellyTimeoutError)
    await sim.accept_connections()
    assert (await client.get_switch(0)).output is False


async def test_timeout(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=2)
    sim.hang = True
    started = time.monotonic()
    with pytest.raises(ShellyTimeoutError, match=r"0\.2 s"):
        await make_client(hass, sim, timeout=0.2).set_switch(0, True, 5)
    assert time.monotonic() - started < 1.0


async def test_latency(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=2, latency=0.05)
    client = make_client(hass, sim, gen=2)
    started = time.monotonic()
    await client.set_switch(0, True, 5)
    assert time.monotonic() - started >= 0.05
    assert sim.commands[0].at - started >= 0.05


@pytest.mark.parametrize("gen", [1, 2])
async def test_bad_json(hass: HomeAssistant, simulators: SimFactory, gen: int) -> None:
    sim = await simulators(gen=gen)
    sim.bad_json = True
    with pytest.raises(ShellyConnectionError, match="unreadable"):
        await make_client(hass, sim).identify()
    with pytest.raises(ShellyConnectionError, match="unreadable"):
        await make_client(hass, sim, gen=gen).get_switch(0)


async def test_client_error_becomes_connection_error(hass: HomeAssistant) -> None:
    class BrokenSession:
        def request(self, *args: object, **kwargs: object) -> object:
            raise aiohttp.ClientConnectionError("network is down")

    client = make_client(hass, "127.0.0.1:9", gen=2)
    client._session = BrokenSession()  # type: ignore[assignment]
    with pytest.raises(ShellyConnectionError, match="network is down"):
        await client.get_switch(0)


# -- hosts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("192.168.1.20", "http://192.168.1.20/"),
        (" shelly.local:8080 ", "http://shelly.local:8080/"),
        ("fe80::1", "http://[fe80::1]/"),
        ("[fe80::1]:81", "http://[fe80::1]:81/"),
        ("http://10.0.0.7/", "http://10.0.0.7/"),
    ],
)
def test_base_url(host: str, url: str) -> None:
    assert str(base_url(host)) == url


@pytest.mark.parametrize("host", ["", "host/path", "host:port", "a b?c=1", "host?x=1"])
def test_base_url_rejects(host: str) -> None:
    with pytest.raises(ShellyConnectionError, match="invalid host"):
        base_url(host)


def test_normalize_mac() -> None:
    assert normalize_mac("a8:03:2a:be:54:dc") == "A8032ABE54DC"


def test_simulator_rejects_unknown_settings() -> None:
    with pytest.raises(ValueError, match="generation"):
        ShellySimulator(gen=5)
    with pytest.raises(ValueError, match="digest"):
        ShellySimulator(digest_algorithm="SHA-1")


# -- the simulator itself -------------------------------------------------------------


async def test_simulator_records(hass: HomeAssistant, simulators: SimFactory) -> None:
    sim = await simulators(gen=2, channels=2)
    assert sim.address == f"127.0.0.1:{sim.port}"
    await sim.accept_connections()  # already listening: nothing to do
    client = make_client(hass, sim)
    seen: list[OutputChange] = []
    sim.on_change = seen.append
    await client.set_switch(1, True, 30)
    sim.press(0)
    sim.press(0)
    await client.set_switch(1, False)
    assert [(c.channel, c.output, c.source) for c in seen] == [
        (1, True, "http"),
        (0, True, "button"),
        (0, False, "button"),
        (1, False, "http"),
    ]
    assert len(sim.on_durations(0)) == len(sim.on_durations(1)) == 1
    assert [(c.channel, c.on, c.timer) for c in sim.commands] == [
        (1, True, 30),
        (1, False, None),
    ]
    sim.clear_records()
    assert (sim.timeline, sim.commands, sim.requests) == ([], [], [])


async def test_simulator_query_values(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    sim = await simulators(gen=2)
    session = async_get_clientsession(hass)
    url = f"http://{sim.address}/rpc"
    async with session.get(f"{url}/Shelly.GetDeviceInfo?ident=plain") as resp:
        assert (await resp.json())["gen"] == 2
    query = "Switch.Set?id=0&on=true&toggle_after=%22soon%22"
    async with session.get(f"{url}/{query}") as resp:
        assert resp.status == 400
    async with session.post(f"{url}/Switch.GetStatus") as resp:
        assert resp.status == 400  # no params at all


async def test_simulator_digest_details(
    hass: HomeAssistant, simulators: SimFactory
) -> None:
    """RFC 2069 answers (no qop) are accepted; other schemes and URIs are not."""
    sim = await simulators(gen=2, password="pw")
    session = async_get_clientsession(hass)
    url = f"http://{sim.address}/rpc/Switch.GetStatus?id=0"
    async with session.get(url) as resp:
        assert resp.status == 401
        challenge = parse_digest_challenge(resp.headers["WWW-Authenticate"])
    challenge.qop = None
    header = digest_authorization(
        challenge, "admin", "pw", "GET", "/rpc/Switch.GetStatus?id=0"
    )
    async with session.get(url, headers={"Authorization": header}) as resp:
        assert resp.status == 200
    basic = "Basic " + base64.b64encode(b"admin:pw").decode()
    async with session.get(url, headers={"Authorization": basic}) as resp:
        assert resp.status == 401
    other_uri = digest_authorization(challenge, "admin", "pw", "GET", "/rpc")
    async with session.get(url, headers={"Authorization": other_uri}) as resp:
        assert resp.status == 401


async def test_simulator_cli(
    hass: HomeAssistant, socket_enabled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped = asyncio.Event()
    task = hass.async_create_task(
        serve(["--gen", "2", "--port", "0", "--password", "pw"], stopped)
    )
    out = ""
    for _ in range(200):
        out += capsys.readouterr().out
        if "http://" in out:
            break
        await asyncio.sleep(0.01)
    assert "Shelly Gen2 simulator (SNPL-00112EU, MAC A8032ABE54DC)" in out
    assert out.rstrip().endswith("with a password")
    host = out.split("http://")[1].split()[0]
    client = make_client(hass, host, password="pw")
    await client.set_switch(0, True, 0.05)
    await asyncio.sleep(0.15)
    stopped.set()
    await task
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("relay 0 on by http (timer 0.05 s)")
    assert lines[1].endswith("relay 0 off by timer")
