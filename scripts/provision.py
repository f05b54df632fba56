"""Provision the development Home Assistant that scripts/develop starts.

Waits for Home Assistant to answer, then, through its REST API:
  1. finishes onboarding (user "dev", password "dev-espresso") when not done yet;
  2. adds the espresso machine through the espresso_care config flow, backed by
     input_boolean.espresso_plug and input_boolean.espresso_pump, unless an
     espresso_care entry exists already.
Safe to run any number of times. Keeps nothing: the access token it gets lives
in memory only and its refresh token is revoked at the end.

With --power the machine is plug-only: no pump relay, its shots counted from
sensor.espresso_power, which this script then keeps feeding (once a second,
until Home Assistant stops) from the espresso machine simulator
(simulator/espresso.py, a thermostat single boiler with a vibratory pump).
input_boolean.espresso_plug switches the simulated machine, and
input_boolean.espresso_brew is its brew switch: turn it on to pull a shot and
off to end it, or press input_button.espresso_pull_shot (25 s) or
input_button.espresso_flush (3 s).

Home Assistant 2026.10 and later keep the HTTP server's settings in
.storage/http: they take the `http:` block of configuration.yaml (only this
computer, port ESPRESSO_DEV_PORT) once, as a "pending" configuration on trial,
and restart with the previous (default: every network interface, port 8123)
unless it is confirmed within 5 minutes; that is what the UI asks on the first
start ("confirm the new HTTP configuration"). `hass` ends on a restart, and so
would scripts/develop. This script confirms it right after onboarding, through
the WebSocket commands the UI uses (http/config, http/config/promote);
Home Assistant 2025.4 answers unknown_command and has nothing to confirm.

`provision.py --prepare CONFIG_DIR`, run before Home Assistant's first start,
marks the onboarding step "core_config" as done in CONFIG_DIR/.storage (only
when there is no onboarding state yet). POSTing that step is what the UI does
after the location page, and it has Home Assistant add four integrations of its
own (met, radio_browser, google_translate, shopping_list): they install
packages into the venv while it runs, and met, radio_browser and the TTS's
ffmpeg fail here with tracebacks, as they have no network or binary to use. The
location comes from configuration.yaml, so nothing is lost by skipping it.
On later starts it has Home Assistant (2026.10 and later) take the `http:`
block again (a changed ESPRESSO_DEV_PORT or ESPRESSO_DEV_BIND would otherwise
be ignored): configuration.yaml stays the source of the dev instance's HTTP
settings.

Exit status: 0 when provisioned, 1 when a step failed (the reason is printed),
2 when Home Assistant did not answer in time or stopped.
Standard library only, so it runs with any Python >= 3.13.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
from pathlib import Path
import socket
import struct
import sys
import time
from typing import Any
import urllib.error
import urllib.parse
import urllib.request

USERNAME = "dev"
PASSWORD = "dev-espresso"  # a local development instance's login, printed on purpose
PERSON_NAME = "Developer"
DOMAIN = "espresso_care"
PLUG = "input_boolean.espresso_plug"
PUMP = "input_boolean.espresso_pump"
ONBOARDING_STEPS = ("user", "core_config", "analytics", "integration")
MACHINE = {
    "name": "Espresso machine",
    "power_entity": PLUG,
    "pump_entity": PUMP,
    "three_way_valve": True,
}
# --power: the simulated machine's meter and brew switch.
POWER_SENSOR = "sensor.espresso_power"
BREW = "input_boolean.espresso_brew"
PULL_SHOT = "input_button.espresso_pull_shot"
FLUSH = "input_button.espresso_flush"
PLUG_ONLY_MACHINE = {
    "name": "Espresso machine",
    "power_entity": PLUG,
    "power_sensor": POWER_SENSOR,
    "three_way_valve": True,
}
# The simulated vibratory pump's step, as a calibration would find it.
SIMULATED_PUMP_WATTS = 55


class HomeAssistantError(Exception):
    """An answer that provisioning cannot go on from."""


class Client:
    """A tiny JSON client for Home Assistant's REST API."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.client_id = f"{self.base_url}/"
        self.token: str | None = None

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        form: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, Any]:
        """Send one request; return the status and the decoded JSON (or text)."""
        headers = {"Accept": "application/json"}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(
            self.base_url + path, data=data, headers=headers, method=method
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        text = raw.decode(errors="replace")
        try:
            return status, json.loads(text) if text else None
        except json.JSONDecodeError:
            return status, text

    def expect(self, method: str, path: str, body: Any = None, **kwargs: Any) -> Any:
        """Send a request that must succeed (2xx); return its JSON."""
        status, answer = self.request(method, path, body, **kwargs)
        if not 200 <= status < 300:
            raise HomeAssistantError(f"{method} {path} answered {status}: {answer}")
        return answer


def log(message: str) -> None:
    """Print a line marked as coming from this script."""
    print(f"[provision] {message}", flush=True)


def process_alive(pid: int | None) -> bool:
    """Tell whether the Home Assistant process (if given) still runs."""
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_until(what: str, check: Any, deadline: float, pid: int | None) -> Any:
    """Call check() every second until it returns something truthy."""
    last_note = 0.0
    while True:
        try:
            result = check()
        except (OSError, urllib.error.URLError):
            result = None
        if result:
            return result
        if not process_alive(pid):
            raise SystemExit(_stop(f"Home Assistant stopped before {what}"))
        now = time.monotonic()
        if now > deadline:
            raise SystemExit(_stop(f"gave up waiting for {what}"))
        if now - last_note > 30:
            log(f"waiting for {what} ...")
            last_note = now
        time.sleep(1)


def _stop(message: str) -> int:
    log(message)
    return 2


def onboarding_status(client: Client) -> dict[str, bool] | None:
    """Return {step: done} once the onboarding API answers."""
    status, answer = client.request("GET", "/api/onboarding", timeout=5)
    if status == 404:
        # Once onboarded, Home Assistant drops these views. (Its HTTP server
        # opens after the frontend, hence after onboarding, is set up.)
        return dict.fromkeys(ONBOARDING_STEPS, True)
    if status != 200 or not isinstance(answer, list):
        return None
    return {item["step"]: item["done"] for item in answer}


def token_from_code(client: Client, code: str) -> dict[str, Any]:
    """Trade an authorization code for tokens."""
    tokens: dict[str, Any] = client.expect(
        "POST",
        "/auth/token",
        form={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": client.client_id,
        },
    )
    client.token = tokens["access_token"]
    return tokens


def log_in(client: Client) -> dict[str, Any]:
    """Log in as the dev user through the login flow (user made before)."""
    flow = client.expect(
        "POST",
        "/auth/login_flow",
        {
            "client_id": client.client_id,
            "handler": ["homeassistant", None],
            "redirect_uri": client.client_id,
        },
    )
    result = client.expect(
        "POST",
        f"/auth/login_flow/{flow['flow_id']}",
        {"client_id": client.client_id, "username": USERNAME, "password": PASSWORD},
    )
    if result.get("type") != "create_entry":
        raise HomeAssistantError(
            f"cannot log in as {USERNAME!r} with the development password "
            f"(errors: {result.get('errors')}); was the user changed? "
            "To start over, stop Home Assistant and delete config/.storage"
        )
    return token_from_code(client, result["result"])


def onboard(client: Client, steps: dict[str, bool]) -> dict[str, Any]:
    """Finish whatever onboarding steps are left; return tokens for the dev user."""
    if not steps.get("user"):
        log(f"onboarding: creating the user {USERNAME!r}")
        answer = client.expect(
            "POST",
            "/api/onboarding/users",
            {
                "client_id": client.client_id,
                "name": PERSON_NAME,
                "username": USERNAME,
                "password": PASSWORD,
                "language": "en",
            },
        )
        tokens = token_from_code(client, answer["auth_code"])
    else:
        tokens = log_in(client)
    for step, body in (
        ("core_config", {}),
        ("analytics", {}),
        (
            "integration",
            {"client_id": client.client_id, "redirect_uri": client.client_id},
        ),
    ):
        if steps.get(step):
            continue
        log(f"onboarding: finishing the {step} step")
        status, answer = client.request("POST", f"/api/onboarding/{step}", body)
        if status == 403 and "already done" in str(answer):
            continue
        if not 200 <= status < 300:
            raise HomeAssistantError(
                f"onboarding step {step} answered {status}: {answer}"
            )
    return tokens


class WebSocket:
    """Home Assistant's WebSocket API, just enough for a few commands (stdlib only)."""

    def __init__(self, client: Client, timeout: float = 30) -> None:
        parts = urllib.parse.urlsplit(client.base_url)
        self.sock = socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or 80), timeout=timeout
        )
        self.buffer = b""
        self.last_id = 0
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /api/websocket HTTP/1.1\r\nHost: {parts.netloc}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise HomeAssistantError(f"no WebSocket: {head.decode(errors='replace')}")
        self.receive()  # auth_required
        self.send({"type": "auth", "access_token": client.token})
        answer = self.receive()
        if answer.get("type") != "auth_ok":
            raise HomeAssistantError(f"the WebSocket API refused the token: {answer}")

    def __enter__(self) -> WebSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise HomeAssistantError("the WebSocket closed")
        self.buffer += chunk

    def _take(self, size: int) -> bytes:
        while len(self.buffer) < size:
            self._fill()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def _frame(self, opcode: int, payload: bytes) -> None:
        """Send one final frame, masked as a client must."""
        size = len(payload)
        header = bytes([0x80 | opcode])
        if size < 126:
            header += bytes([0x80 | size])
        elif size < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", size)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", size)
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, message: dict[str, Any]) -> None:
        """Send one JSON message."""
        self._frame(0x1, json.dumps(message).encode())

    def receive(self) -> dict[str, Any]:
        """The next JSON message (answering pings, joining fragments)."""
        message = b""
        while True:
            first, second = self._take(2)
            size = second & 0x7F
            if size == 126:
                (size,) = struct.unpack("!H", self._take(2))
            elif size == 127:
                (size,) = struct.unpack("!Q", self._take(8))
            payload = self._take(size)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise HomeAssistantError("the WebSocket closed")
            if opcode == 0x9:
                self._frame(0xA, payload)
                continue
            if opcode in (0x0, 0x1):
                message += payload
                if first & 0x80:
                    answer: dict[str, Any] = json.loads(message)
                    return answer

    def command(self, kind: str, **data: Any) -> dict[str, Any]:
        """Run one command; return its result message (success true or false)."""
        self.last_id += 1
        self.send({"id": self.last_id, "type": kind, **data})
        while True:
            answer = self.receive()
            if answer.get("id") == self.last_id and answer.get("type") == "result":
                return answer


def confirm_http_config(client: Client) -> None:
    """Confirm the HTTP settings on trial (configuration.yaml's), as the UI asks.

    Home Assistant 2026.10 and later restart with the previous settings unless
    a pending configuration is confirmed within 5 minutes (see the module
    docstring); earlier versions have no such command and nothing to confirm.
    """
    with WebSocket(client) as ws:
        answer = ws.command("http/config")
        if not answer.get("success"):
            code = (answer.get("error") or {}).get("code")
            if code != "unknown_command":
                raise HomeAssistantError(f"http/config answered {answer}")
            return
        config = answer["result"]
        pending = config.get("pending")
        if config.get("active_config_type") != "pending" or not pending:
            return
        if pending.get("error"):
            raise HomeAssistantError(f"the HTTP settings on trial failed: {pending}")
        answer = ws.command("http/config/promote")
        if not answer.get("success"):
            raise HomeAssistantError(f"http/config/promote answered {answer}")
    hosts = ",".join(pending.get("server_host") or ["every interface"])
    log(
        f"http: confirmed the HTTP settings on trial ({hosts}, port "
        f"{pending.get('server_port')}; Home Assistant would otherwise go back "
        f"to its previous ones and restart at {config.get('revert_at')})"
    )


def ha_running(client: Client) -> bool:
    """Tell whether Home Assistant finished starting (all integrations set up)."""
    status, answer = client.request("GET", "/api/config", timeout=5)
    return (
        status == 200 and isinstance(answer, dict) and answer.get("state") == "RUNNING"
    )


def add_machine(
    client: Client, shelly_host: str | None = None, *, plug_only: bool = False
) -> None:
    """Create the espresso_care entry through its config flow, unless one exists.

    With ``shelly_host`` the pump is that (simulated) Shelly and the plug the
    input_boolean; with ``plug_only`` there is no pump relay and the shots are
    counted from the power sensor; otherwise both relays are the input_booleans.
    """
    menu_choice = "shelly" if shelly_host else "entities"
    machine: dict[str, Any] = (
        {
            "name": "Espresso machine",
            "host": shelly_host,
            "channel": 0,
            "power_entity": PLUG,
            "three_way_valve": True,
        }
        if shelly_host
        else PLUG_ONLY_MACHINE
        if plug_only
        else MACHINE
    )
    entries = client.expect("GET", f"/api/config/config_entries/entry?domain={DOMAIN}")
    if entries:
        titles = ", ".join(repr(entry.get("title")) for entry in entries)
        log(f"{DOMAIN}: already set up ({titles}); nothing to add")
        return
    for entity_id in (PLUG, POWER_SENSOR) if plug_only else (PLUG, PUMP):
        status, _ = client.request("GET", f"/api/states/{entity_id}")
        if status != 200:
            raise HomeAssistantError(
                f"{entity_id} does not exist (answer {status}): "
                "is it still defined in config/configuration.yaml?"
            )
    log(f"{DOMAIN}: starting the config flow")
    status, result = client.request(
        "POST",
        "/api/config/config_entries/flow",
        {"handler": DOMAIN, "show_advanced_options": False},
    )
    if status in (400, 404):
        raise HomeAssistantError(
            f"Home Assistant has no config flow for {DOMAIN} (answer {status}: {result}). "
            "Is custom_components/espresso_care complete (manifest.json with "
            '"config_flow": true, config_flow.py) and free of import errors? '
            "See Home Assistant's log above or config/home-assistant.log"
        )
    if not 200 <= status < 300:
        raise HomeAssistantError(
            f"starting the config flow answered {status}: {result}"
        )
    for _ in range(10):
        kind = result.get("type")
        flow_path = f"/api/config/config_entries/flow/{result.get('flow_id')}"
        if kind == "menu":
            if menu_choice not in result.get("menu_options", []):
                raise HomeAssistantError(f"unexpected menu: {result}")
            log(f"{DOMAIN}: menu {result.get('step_id')!r} -> {menu_choice}")
            result = client.expect("POST", flow_path, {"next_step_id": menu_choice})
        elif kind == "form":
            if result.get("errors"):
                raise HomeAssistantError(
                    f"the form {result.get('step_id')!r} refused the machine: {result['errors']}"
                )
            log(f"{DOMAIN}: form {result.get('step_id')!r} <- {machine}")
            result = client.expect("POST", flow_path, machine)
        elif kind == "create_entry":
            log(f"{DOMAIN}: added {result.get('title')!r}")
            if plug_only:
                set_pump_watts(client, result["result"]["entry_id"])
            return
        elif kind == "abort" and result.get("reason") == "already_configured":
            log(f"{DOMAIN}: already configured")
            return
        else:
            raise HomeAssistantError(f"the config flow ended unexpectedly: {result}")
    raise HomeAssistantError("the config flow did not finish within 10 steps")


def set_pump_watts(client: Client, entry_id: str) -> None:
    """Type the simulated pump's watts into the options, as a user who knows them would."""
    result = client.expect(
        "POST", "/api/config/config_entries/options/flow", {"handler": entry_id}
    )
    flow_path = f"/api/config/config_entries/options/flow/{result['flow_id']}"
    if result.get("type") == "menu":
        result = client.expect("POST", flow_path, {"next_step_id": "settings"})
    values = {
        field["name"]: field["default"]
        for field in result.get("data_schema", [])
        if "default" in field
    }
    values["pump_watts"] = SIMULATED_PUMP_WATTS
    result = client.expect("POST", flow_path, values)
    if result.get("type") != "create_entry":
        raise HomeAssistantError(f"the options flow refused pump_watts: {result}")
    log(f"{DOMAIN}: pump_watts set to {SIMULATED_PUMP_WATTS} W")


class PowerFeed:
    """The simulated machine behind sensor.espresso_power, stepped in real time.

    Each second it reads the plug and the brew switch (and the two buttons)
    through the REST API, moves the simulator on, and posts the power as a
    metering plug would report it (an unchanged value is posted again: Home
    Assistant records it as a report).
    """

    def __init__(self, client: Client) -> None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from simulator.espresso import MachineModel  # noqa: PLC0415

        self.client = client
        self.model = MachineModel("thermostat", "vibratory", seed=7)
        self.start = time.monotonic()
        self.brew_until: float | None = None
        self.buttons: dict[str, str | None] = {PULL_SHOT: None, FLUSH: None}
        self.pump_on = False

    def now(self) -> float:
        """Seconds since the feed started (the simulator's clock)."""
        return time.monotonic() - self.start

    def state(self, entity_id: str) -> str | None:
        """An entity's state, None when it is missing."""
        status, answer = self.client.request("GET", f"/api/states/{entity_id}")
        return (
            answer.get("state") if status == 200 and isinstance(answer, dict) else None
        )

    def step(self) -> None:
        """Read the switches, move the simulator, post one reading."""
        at = self.now()
        self.model.set_power(self.state(PLUG) == "on", at)
        for button, seconds in ((PULL_SHOT, 25.0), (FLUSH, 3.0)):
            pressed = self.state(button)
            if self.buttons[button] is not None and pressed != self.buttons[button]:
                self.brew_until = at + seconds
                log(f"power feed: {button} pressed, pump on for {seconds:.0f} s")
            self.buttons[button] = pressed
        pump = self.state(BREW) == "on" or (
            self.brew_until is not None and at < self.brew_until
        )
        if pump != self.pump_on:
            self.model.set_pump(pump, at)
            self.pump_on = pump
            log(f"power feed: pump {'on' if pump else 'off'} at {at:.1f} s")
        self.post(self.model.power_at(at))

    def post(self, watts: float) -> None:
        """Report the power as the plug integration would."""
        self.client.request(
            "POST",
            f"/api/states/{POWER_SENSOR}",
            {
                "state": f"{watts:.1f}",
                "attributes": {
                    "unit_of_measurement": "W",
                    "device_class": "power",
                    "state_class": "measurement",
                    "friendly_name": "Espresso power (simulated)",
                },
            },
        )

    def run(self, pid: int | None) -> None:
        """Feed once a second until Home Assistant (``pid``) ends.

        The access token lasts 30 minutes: a refused request logs in again. A
        request that fails (a busy or stopping Home Assistant) costs that
        second's reading only, as a lost report would: logged, then on.
        """
        while process_alive(pid):
            try:
                status, _ = self.client.request("GET", "/api/")
                if status == 401:
                    log_in(self.client)
                self.step()
            except OSError as err:
                if process_alive(pid):
                    log(f"power feed: no reading at {self.now():.1f} s ({err!r})")
            time.sleep(1.0)


# Home Assistant's onboarding store (homeassistant/components/onboarding): the
# same format in 2025.4 and 2026.10.
ONBOARDING_STORE = {
    "version": 4,
    "minor_version": 1,
    "key": "onboarding",
    "data": {"done": ["core_config"]},
}


def retake_http_yaml(config_dir: Path) -> None:
    """Have Home Assistant (2026.10+) take configuration.yaml's `http:` again.

    Once it has moved that block into .storage/http it ignores it; clearing
    its "yaml_migration_done" makes it compare the block with the stored
    settings on the next start and put a changed one on trial (which
    provisioning confirms). An unchanged one leaves the settings as they are.
    """
    store = config_dir / ".storage" / "http"
    try:
        content = json.loads(store.read_text())
    except (OSError, ValueError):
        return
    data = content.get("data") if isinstance(content, dict) else None
    if not isinstance(data, dict) or data.get("yaml_migration_done") is not True:
        return
    data["yaml_migration_done"] = False
    store.write_text(json.dumps(content, indent=2))


def prepare(config_dir: Path) -> int:
    """Mark core_config done in a configuration never started (see above)."""
    retake_http_yaml(config_dir)
    store = config_dir / ".storage" / "onboarding"
    if store.exists() or (config_dir / ".storage" / "auth").exists():
        return 0
    store.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with os.fdopen(
        os.open(store, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w"
    ) as file:
        json.dump(ONBOARDING_STORE, file, indent=2)
    log(f"new configuration: onboarding step core_config marked done in {store}")
    return 0


def main() -> int:
    """Provision the instance; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--prepare",
        metavar="CONFIG_DIR",
        type=Path,
        help="only seed a new configuration",
    )
    parser.add_argument(
        "--url",
        default=f"http://127.0.0.1:{os.environ.get('ESPRESSO_DEV_PORT', '8123')}",
        help="Home Assistant's address (default %(default)s)",
    )
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds to wait for it"
    )
    parser.add_argument("--pid", type=int, help="stop waiting if this process ends")
    parser.add_argument(
        "--shelly", metavar="HOST:PORT", help="the pump is the Shelly (simulator) there"
    )
    parser.add_argument(
        "--login-url", help="address to print for the browser (default: --url)"
    )
    parser.add_argument(
        "--power",
        action="store_true",
        help="a plug-only machine on the simulated power meter, fed until HA stops",
    )
    args = parser.parse_args()
    if args.prepare:
        return prepare(args.prepare)
    client = Client(args.url)
    deadline = time.monotonic() + args.timeout

    log(f"waiting for Home Assistant at {client.base_url}")
    steps = wait_until(
        "the onboarding API", lambda: onboarding_status(client), deadline, args.pid
    )
    tokens: dict[str, Any] = {}
    try:
        tokens = onboard(client, steps)
        confirm_http_config(client)
        wait_until(
            "Home Assistant to finish starting",
            lambda: ha_running(client),
            deadline,
            args.pid,
        )
        feed = PowerFeed(client) if args.power else None
        if feed is not None:
            feed.step()  # the power sensor exists before the flow names it
        add_machine(client, args.shelly, plug_only=args.power)
        login_url = args.login_url or client.base_url.replace("127.0.0.1", "localhost")
        log("ready:")
        log(f"  open      {login_url}")
        log(f"  user      {USERNAME}")
        log(f"  password  {PASSWORD}")
        if feed is None:
            log(f"  relays    {PLUG}, {PUMP} (toggle them under Settings > Helpers)")
            return 0
        log(f"  plug      {PLUG}; power {POWER_SENSOR} from the simulator")
        log(f"  pull      {PULL_SHOT} (25 s), {FLUSH} (3 s), or {BREW} on/off")
        feed.run(args.pid)
    except (HomeAssistantError, OSError) as err:
        log(f"FAILED: {err}")
        return 1
    finally:
        if tokens.get("refresh_token") and process_alive(args.pid):
            # Home Assistant may go away meanwhile: nothing to revoke from then.
            with contextlib.suppress(OSError):
                client.request(
                    "POST", "/auth/revoke", form={"token": tokens["refresh_token"]}
                )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
