"""A pump relay in Home Assistant's own Shelly integration, bounded by the device.

The pump entity stays the source of state, as for any wrapped switch; the
device behind it is found from Home Assistant's Shelly integration (its
config entry has the host, port, generation and password; the entity's
unique id the channel), and this integration speaks to it directly for two
bounds that hold even if Home Assistant dies:

* the device's own **auto-off** (Gen2+ ``Switch.SetConfig`` ``auto_off`` /
  ``auto_off_delay``, Gen1 ``/settings/relay/N?auto_off=S``), set to
  ``max_pump_seconds`` at every start and whenever that option changes: any
  on, whoever switches it, ends after that long;
* a **flip-back timer** on every on this integration sends (Gen2+
  ``Switch.Set`` ``toggle_after``, Gen1 ``timer``), as the direct Shelly path
  does. Such an on goes to the device directly and is confirmed, as every
  on, by the entity reporting it.

The device's settings from before are kept in the entry (read by the config
flow) and put back when the machine is removed (``async_restore_previous``).
A password the device refuses starts a reauth; meanwhile the pump is
switched through the entity, bounded by Home Assistant only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
import contextlib
from dataclasses import dataclass
import re
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from ..const import LOGGER, RELAY_CONFIRM_TIMEOUT_SECONDS
from ..shelly.client import ShellyAuthError, ShellyClient, ShellyError, SwitchConfig
from .base import (
    BOUND_SHELLY_AUTO_OFF,
    BOUND_SHELLY_TIMER,
    DeviceBound,
    RelayUpdate,
)
from .entity import EntityRelay

SHELLY_DOMAIN: Final = "shelly"
# Home Assistant's Shelly integration keeps the generation under this key.
SHELLY_CONF_GEN: Final = "gen"
DEFAULT_HTTP_PORT: Final = 80

# Keys of the entry's ``CONF_SHELLY_BOUND`` mapping.
BOUND_SHELLY_ENTRY: Final = "shelly_entry_id"
BOUND_HOST: Final = "host"
BOUND_CHANNEL: Final = "channel"
BOUND_GENERATION: Final = "generation"
BOUND_PASSWORD: Final = "password"
BOUND_AUTO_OFF: Final = "device_auto_off"
BOUND_PULSE_TIMER: Final = "pulse_timer"
BOUND_PREVIOUS: Final = "previous"

# Gen1 relays are ``relay_<n>`` blocks, Gen2+ ``switch:<n>`` components; Home
# Assistant's Shelly integration (2025.4 to 2026.x) builds a relay switch's
# unique id as ``<mac>-<block or component>``.
_CHANNEL_IN_UNIQUE_ID: Final = re.compile(r"-(?:relay_(\d+)|switch:(\d+))$")


def channel_from_unique_id(unique_id: str) -> int | None:
    """The relay channel named by a Shelly switch entity's unique id, if any."""
    match = _CHANNEL_IN_UNIQUE_ID.search(unique_id)
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def _address(host: str, port: Any) -> str:
    """``host[:port]`` as the client takes it (IPv6 in brackets)."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    if (
        isinstance(port, int)
        and not isinstance(port, bool)
        and port
        not in (
            0,
            DEFAULT_HTTP_PORT,
        )
    ):
        return f"{host}:{port}"
    return host


@dataclass(frozen=True, slots=True)
class ShellyTarget:
    """The device and channel behind a switch of Home Assistant's Shelly integration."""

    shelly_entry_id: str
    host: str
    channel: int
    generation: int
    password: str | None
    title: str


def shelly_target(hass: HomeAssistant, entity_id: str | None) -> ShellyTarget | None:
    """The Shelly behind ``entity_id`` when it is a relay of the Shelly integration."""
    if not entity_id:
        return None
    registered = er.async_get(hass).async_get(entity_id)
    if (
        registered is None
        or registered.platform != SHELLY_DOMAIN
        or registered.domain != "switch"
        or registered.config_entry_id is None
    ):
        return None
    channel = channel_from_unique_id(registered.unique_id)
    entry = hass.config_entries.async_get_entry(registered.config_entry_id)
    if channel is None or entry is None or entry.domain != SHELLY_DOMAIN:
        return None
    host = entry.data.get(CONF_HOST)
    if not isinstance(host, str) or not host:
        return None
    generation = entry.data.get(SHELLY_CONF_GEN)
    return ShellyTarget(
        shelly_entry_id=entry.entry_id,
        host=_address(host, entry.data.get(CONF_PORT)),
        channel=channel,
        # Gen1 entries of older Home Assistant versions have no generation.
        generation=generation if isinstance(generation, int) else 1,
        password=entry.data.get(CONF_PASSWORD) or None,
        title=entry.title,
    )


def bound_client(
    hass: HomeAssistant, bound: Mapping[str, Any], *, follow_entry: bool = True
) -> ShellyClient:
    """A client for the bound's device.

    With ``follow_entry``, the host comes from the Shelly integration's entry
    when it still exists (it follows the device to a new address); the
    password typed in this integration's flow wins over that entry's.
    """
    host = bound[BOUND_HOST]
    password = bound.get(BOUND_PASSWORD)
    entry = hass.config_entries.async_get_entry(bound.get(BOUND_SHELLY_ENTRY) or "")
    if follow_entry and entry is not None and entry.domain == SHELLY_DOMAIN:
        if isinstance(entry.data.get(CONF_HOST), str) and entry.data[CONF_HOST]:
            host = _address(entry.data[CONF_HOST], entry.data.get(CONF_PORT))
        password = password or entry.data.get(CONF_PASSWORD) or None
    return ShellyClient(
        async_get_clientsession(hass),
        host,
        password=password,
        gen=bound.get(BOUND_GENERATION),
        timeout=RELAY_CONFIRM_TIMEOUT_SECONDS,
    )


def previous_settings(config: SwitchConfig) -> dict[str, Any]:
    """What the entry keeps of the device's settings, to restore them at removal."""
    return {"auto_off": config.auto_off, "auto_off_delay": config.auto_off_delay}


async def async_restore_previous(hass: HomeAssistant, bound: Mapping[str, Any]) -> bool:
    """Put the device's auto-off back as it was before the machine set it.

    Best effort, bounded in time: the machine is going away either way.
    Returns whether the device took it (True when there was nothing to do).
    """
    previous = bound.get(BOUND_PREVIOUS)
    if not bound.get(BOUND_AUTO_OFF) or not isinstance(previous, Mapping):
        return True
    client = bound_client(hass, bound)
    try:
        async with asyncio.timeout(RELAY_CONFIRM_TIMEOUT_SECONDS * 2):
            await client.set_auto_off(
                bound[BOUND_CHANNEL],
                bool(previous.get("auto_off")),
                float(previous.get("auto_off_delay") or 0.0),
            )
    except (ShellyError, TimeoutError) as err:
        LOGGER.warning(
            "Could not restore the auto-off settings of the Shelly pump relay: %s",
            err,
        )
        return False
    return True


class _DirectFailed(Exception):
    """The device could not be reached directly: the entity switches instead."""


class ShellyBoundRelay(EntityRelay):
    """A Shelly integration's switch as the pump, with the device's own bounds."""

    def __init__(
        self,
        hass: HomeAssistant,
        entity_id: str,
        entry: ConfigEntry[Any],
        bound: Mapping[str, Any],
        max_pump_seconds: Callable[[], float],
    ) -> None:
        """Wrap ``entity_id``; ``bound`` is the entry's ``CONF_SHELLY_BOUND``."""
        super().__init__(hass, entity_id)
        self._entry = entry
        self.channel: int = bound[BOUND_CHANNEL]
        self._client = bound_client(hass, bound)
        self._auto_off_wanted = bool(bound.get(BOUND_AUTO_OFF))
        self._pulse_timer = bool(bound.get(BOUND_PULSE_TIMER))
        self._max_pump_seconds = max_pump_seconds
        # The auto-off the device confirmed (seconds), None while not in force.
        self._auto_off_in_force: float | None = None
        self._applying: asyncio.Task[None] | None = None
        self._unsub_update: CALLBACK_TYPE | None = None
        self._last_timer: float | None = None
        self._last_error: str | None = None

    @property
    def enforces_auto_off(self) -> bool:  # type: ignore[override]
        """Whether this integration's ons carry the device's flip-back timer."""
        return self._pulse_timer

    @property
    def device_bound(self) -> DeviceBound | None:  # type: ignore[override]
        """The auto-off once the device confirmed it (unconfirmed before); else the timer."""
        if self._auto_off_wanted:
            if self._auto_off_in_force is not None:
                return DeviceBound(BOUND_SHELLY_AUTO_OFF, self._auto_off_in_force)
            return DeviceBound(
                BOUND_SHELLY_AUTO_OFF, self._max_pump_seconds(), confirmed=False
            )
        if self.enforces_auto_off:
            return DeviceBound(BOUND_SHELLY_TIMER, self._last_timer)
        return None

    # -- life cycle --------------------------------------------------------------

    async def async_start(self) -> None:
        """Follow the entity and put the device's auto-off in force."""
        await super().async_start()
        if self._auto_off_wanted:
            await self._async_apply_auto_off()
            self._unsub_update = self._entry.add_update_listener(
                self._async_entry_updated
            )

    async def async_stop(self) -> None:
        """Stop following; the device keeps its auto-off (restored at removal)."""
        if self._unsub_update is not None:
            self._unsub_update()
            self._unsub_update = None
        if self._applying is not None and not self._applying.done():
            self._applying.cancel()
        await super().async_stop()

    async def _async_entry_updated(
        self, hass: HomeAssistant, entry: ConfigEntry[Any]
    ) -> None:
        """``max_pump_seconds`` may have changed: the device follows."""
        if self._auto_off_in_force != self._max_pump_seconds():
            await self._async_apply_auto_off()

    async def _async_apply_auto_off(self) -> None:
        """Set the auto-off and read it back; a failure leaves it unconfirmed."""
        seconds = float(self._max_pump_seconds())
        try:
            await self._client.set_auto_off(self.channel, True, seconds)
            config = await self._client.get_switch_config(self.channel)
        except ShellyAuthError as err:
            self._auth_failed(err)
            return
        except ShellyError as err:
            self._note_error("could not set the device's auto-off", err)
            return
        if config.auto_off and config.auto_off_delay > 0:
            if self._auto_off_in_force is None:
                LOGGER.info(
                    "%s: the Shelly switches the pump off by itself after %g s",
                    self.entity_id,
                    config.auto_off_delay,
                )
            self._auto_off_in_force = config.auto_off_delay
            self._last_error = None
        else:
            self._auto_off_in_force = None
            self._note_error("the device did not keep its auto-off", None)

    @callback
    def _async_changed(self, update: RelayUpdate) -> None:
        """Back from unavailable with the auto-off unconfirmed: try again."""
        super()._async_changed(update)
        if (
            update.is_on is not None
            and self._auto_off_wanted
            and self._auto_off_in_force is None
            and self._unsub is not None
            and (self._applying is None or self._applying.done())
        ):
            self._applying = self._hass.async_create_background_task(
                self._async_apply_auto_off(), "espresso_care shelly auto-off"
            )

    # -- commands ----------------------------------------------------------------

    async def async_turn_on(self, auto_off: float | None = None) -> float:
        """Switch on through the device with its flip-back timer, when asked for.

        The entity confirms the on, as for any wrapped switch. A relay already
        on gets the on again, to re-arm the timer. If the device cannot be
        reached directly, the on goes through the entity (Home Assistant's
        watchdog and the device's auto-off still bound it).
        """
        if auto_off is None or not self._pulse_timer:
            return await super().async_turn_on(auto_off)
        if self.is_on:
            # Already on: re-arm; if that fails, the watchdog and the auto-off hold.
            with contextlib.suppress(_DirectFailed):
                await self._async_timed_on(auto_off)
            return self._hass.loop.time()
        try:
            return await self._async_switch(
                True, lambda: self._async_timed_on(auto_off)
            )
        except _DirectFailed:
            return await super().async_turn_on(auto_off)

    async def _async_timed_on(self, seconds: float) -> None:
        try:
            await self._client.set_switch(self.channel, True, seconds)
        except ShellyAuthError as err:
            self._auth_failed(err)
            raise _DirectFailed from err
        except ShellyError as err:
            self._note_error("could not arm the device's timer", err)
            raise _DirectFailed from err
        self._last_timer = seconds

    def _auth_failed(self, err: ShellyAuthError) -> None:
        self._note_error("the Shelly refused the password", err)
        self._entry.async_start_reauth(self._hass)

    def _note_error(self, what: str, err: Exception | None) -> None:
        text = f"{what}: {err}" if err is not None else what
        if text != self._last_error:
            LOGGER.warning("%s: %s", self.entity_id, text)
        self._last_error = text

    def diagnostics(self) -> dict[str, Any]:
        """The entity, the device behind it (host redacted later) and its bounds."""
        return {
            **super().diagnostics(),
            "type": "shelly_entity",
            "host": self._client.host,
            "channel": self.channel,
            "generation": self._client.gen,
            "device_auto_off": self._auto_off_wanted,
            "auto_off_in_force": self._auto_off_in_force,
            "pulse_timer": self._pulse_timer,
            "last_timer": self._last_timer,
            "last_error": self._last_error,
        }
