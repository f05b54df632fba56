"""A headless Chromium on the development Home Assistant, for scripts/screenshot and tests_e2e.

Uses Playwright's Python package with Debian's chromium (/usr/bin/chromium):
Playwright's own browser download is never used. Logs in through Home
Assistant's login page as the development user of scripts/provision.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
import sys
import tempfile
import time
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
import provision

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DASHBOARD = "/espresso-care/espresso"
__all__ = [
    "Locator",
    "Page",
    "api",
    "browser",
    "log_in",
    "open_dashboard",
    "state",
    "wait_for",
]


@contextmanager
def browser() -> Iterator[BrowserContext]:
    """Debian's chromium, headless, with a fresh profile that is removed after."""
    with (
        tempfile.TemporaryDirectory(prefix="espresso-chromium-") as profile,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 520, "height": 900},
            device_scale_factor=2,
        )
        try:
            yield context
        finally:
            context.close()


def log_in(page: Page, base_url: str) -> None:
    """Open Home Assistant and log in as the development user."""
    page.goto(f"{base_url}/")
    page.get_by_label("Username").fill(provision.USERNAME)
    page.get_by_label("Password", exact=True).fill(provision.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # The frontend trades the login's code for tokens, which it keeps in the
    # browser: only then may another page be opened.
    page.wait_for_function(
        "() => window.localStorage.getItem('hassTokens') !== null", timeout=60_000
    )


def open_dashboard(page: Page, base_url: str) -> None:
    """Show the Espresso dashboard once its card has rendered."""
    page.goto(f"{base_url}{DASHBOARD}")
    page.get_by_text("Shots since backflush").wait_for(timeout=60_000)
    # States are shown translated once the frontend has the translations.
    page.wait_for_function(
        """() => {
            const hass = document.querySelector("home-assistant")?.hass;
            return !!hass && [
                "component.espresso_care.entity.sensor.backflush_state.state.idle",
                "component.binary_sensor.entity_component.problem.state.on",
            ].every((key) => hass.localize(key) !== "");
        }""",
        timeout=60_000,
    )
    # Two frames: the cards render with them.
    page.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def api(base_url: str) -> provision.Client:
    """A REST client logged in as the development user."""
    client = provision.Client(base_url)
    provision.log_in(client)
    return client


def wait_for[T](
    what: str, check: Callable[[], T | None], timeout: float, interval: float = 0.05
) -> T:
    """Poll check() until it returns something truthy; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout} s waiting for {what}")
        time.sleep(interval)


def state(client: provision.Client, entity_id: str) -> dict[str, Any]:
    """An entity's state object from the REST API."""
    answer: dict[str, Any] = client.expect("GET", f"/api/states/{entity_id}")
    return answer
