"""The end-to-end scenario of tests_e2e/run, in a headless Chromium.

Waits on states (polling with deadlines), never on fixed sleeps. Exit status 0
when the scenario passed, 1 when it failed (with a screenshot), 2 when Home
Assistant never became ready.
"""

from __future__ import annotations

import argparse
from datetime import datetime
import os
from pathlib import Path
import sys
import time
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
import ha_browser
import provision

DOMAIN = "espresso_care"
STATE = "sensor.espresso_machine_backflush_state"
PUMP_RELAY = "input_boolean.espresso_pump"
PLUG_RELAY = "input_boolean.espresso_plug"
# Short program timings, set through the options flow: 3 cycles of 1 s on, 1 s off.
OPTIONS = {"cycles": 3, "pump_on_seconds": 1, "pump_off_seconds": 1}
TOLERANCE = 0.6  # seconds a relay switch may lag behind its schedule


def log(message: str) -> None:
    """Print a line of the test's own."""
    print(f"e2e: {message}", flush=True)


def wait_ready(url: str, pid: int, timeout: float) -> provision.Client:
    """Home Assistant running and the machine provisioned; a logged-in client."""
    deadline = time.monotonic() + timeout

    def alive() -> None:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            raise SystemExit("Home Assistant stopped before it was ready") from None

    client: provision.Client | None = None
    while time.monotonic() < deadline:
        alive()
        try:
            if client is None:
                client = ha_browser.api(url)
            status, _ = client.request("GET", f"/api/states/{STATE}", timeout=5)
            if status == 200 and provision.ha_running(client):
                return client
        except (OSError, provision.HomeAssistantError):
            client = None  # not onboarded yet, or not answering yet
        time.sleep(0.5)
    raise SystemExit(f"Home Assistant was not ready within {timeout:.0f} s")


def set_short_timings(client: provision.Client) -> None:
    """Options of the machine for a short program, through the options flow."""
    [entry] = client.expect("GET", f"/api/config/config_entries/entry?domain={DOMAIN}")
    flow = client.expect(
        "POST",
        "/api/config/config_entries/options/flow",
        {"handler": entry["entry_id"]},
    )
    path = f"/api/config/config_entries/options/flow/{flow['flow_id']}"
    if flow.get("type") == "menu":  # settings | calibrate
        flow = client.expect("POST", path, {"next_step_id": "settings"})
    # The form holds every option: send its defaults with ours over them.
    values = {
        field["name"]: field["default"]
        for field in flow.get("data_schema", [])
        if "default" in field
    }
    result = client.expect("POST", path, values | OPTIONS)
    if result.get("type") != "create_entry":
        raise AssertionError(f"options flow: {result}")


def call(client: provision.Client, domain: str, service: str, **data: Any) -> None:
    """Call an action through the REST API."""
    client.expect("POST", f"/api/services/{domain}/{service}", data)


def history(
    client: provision.Client, entity_id: str, since: str
) -> list[tuple[float, str]]:
    """(seconds since the epoch, state) of every change since ``since``."""
    answer = client.expect(
        "GET",
        f"/api/history/period/{since}?filter_entity_id={entity_id}"
        "&minimal_response&no_attributes",
    )
    return [
        (datetime.fromisoformat(item["last_changed"]).timestamp(), item["state"])
        for item in (answer[0] if answer else [])
    ]


def tile_button(page: ha_browser.Page, name: str) -> ha_browser.Locator:
    """The tappable area of the dashboard's tile named ``name``."""
    return page.get_by_role("button", name=name)


def scenario(page: ha_browser.Page, client: provision.Client, url: str) -> None:
    """Start from the dashboard, watch the relay, abort from the dashboard."""
    wait = ha_browser.wait_for

    def entity(entity_id: str) -> dict[str, Any]:
        return ha_browser.state(client, entity_id)

    set_short_timings(client)
    call(client, "input_boolean", "turn_on", entity_id=PLUG_RELAY)
    call(client, "input_boolean", "turn_off", entity_id=PUMP_RELAY)
    if entity(STATE)["state"] not in {
        "idle",
        "completed",
        "aborted",
        "failed",
        "interrupted",
    }:
        call(client, DOMAIN, "abort_backflush")

    log("logging in as dev and opening the dashboard")
    ha_browser.log_in(page, url)
    ha_browser.open_dashboard(page, url)

    started_at = datetime.now().astimezone().isoformat()
    log("tapping Start backflush")
    tile_button(page, "Start backflush").click()
    wait("the pump relay on", lambda: entity(PUMP_RELAY)["state"] == "on", 10)
    wait(
        "the state awaiting_rinse",
        lambda: entity(STATE)["state"] == "awaiting_rinse",
        30,
    )
    if entity(PUMP_RELAY)["state"] != "off":
        raise AssertionError("the pump relay is on while the program waits")
    changes = [
        c for c in history(client, PUMP_RELAY, started_at) if c[1] in {"on", "off"}
    ]
    while changes and changes[0][1] == "off":
        changes.pop(0)  # the relay's state before the program
    ons = [t for t, s in changes if s == "on"]
    offs = [t for t, s in changes if s == "off"]
    log(
        f"pump relay: {len(ons)} pulses, on for "
        + ", ".join(f"{off - on:.2f}" for on, off in zip(ons, offs, strict=False))
        + " s"
    )
    if len(ons) != OPTIONS["cycles"] or len(offs) != OPTIONS["cycles"]:
        raise AssertionError(f"expected {OPTIONS['cycles']} pump pulses: {changes}")
    for on, off in zip(ons, offs, strict=True):
        if abs(off - on - OPTIONS["pump_on_seconds"]) > TOLERANCE:
            raise AssertionError(f"a pulse lasted {off - on:.2f} s: {changes}")
    for off, on in zip(offs, ons[1:], strict=False):
        if abs(on - off - OPTIONS["pump_off_seconds"]) > TOLERANCE:
            raise AssertionError(f"a pause lasted {on - off:.2f} s: {changes}")

    page.locator("hui-markdown-card").get_by_text("Rinse the portafilter").wait_for(
        timeout=10_000
    )
    log("the card asks to rinse the portafilter; tapping Abort backflush")
    tile_button(page, "Abort backflush").click()
    wait("the state aborted", lambda: entity(STATE)["state"] == "aborted", 10)
    if entity(PUMP_RELAY)["state"] != "off":
        raise AssertionError("the pump relay is on after the abort")
    tile_button(page, "Start backflush").wait_for(timeout=10_000)


def main() -> int:
    """Run the scenario once Home Assistant is ready; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--ha-pid", type=int, required=True)
    parser.add_argument("--ha-log", type=Path)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--failure-screenshot", type=Path, required=True)
    args = parser.parse_args()

    started = time.monotonic()
    try:
        client = wait_ready(args.url, args.ha_pid, args.timeout)
    except SystemExit as err:
        log(str(err))
        return 2
    log(f"Home Assistant ready after {time.monotonic() - started:.0f} s")
    with ha_browser.browser() as context:
        page = context.new_page()
        try:
            scenario(page, client, args.url)
        except Exception as err:
            args.failure_screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.failure_screenshot), full_page=True)
            log(f"FAILED: {type(err).__name__}: {err}")
            log(f"screenshot: {args.failure_screenshot}")
            return 1
    log(f"scenario passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
