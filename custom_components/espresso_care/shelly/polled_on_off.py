"""The polled on/off state of one part of a Shelly: a relay's output or an input.

The pump relay (``relays.shelly.ShellyRelay``) and the brew switch's input
(``signals.shelly_input.ShellyInput``) follow a Shelly the same way: a
``DataUpdateCoordinator`` polls it, a failed poll makes the part unavailable
(the coordinator logs the loss and the recovery once each), a new password
starts a reauth, and the listeners hear of every change of on, off or
unavailable, but not of the first poll's baseline. One class holds that loop
so that the two cannot drift apart; each subclass reads its own part.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt as dt_util

from ..const import LOGGER
from ..relays.base import Listeners, RelayListener, RelayUpdate
from .client import ShellyClient


class PolledShellyOnOff[DataT]:
    """An on/off part of a Shelly, polled into ``coordinator.data``.

    A subclass polls in ``_async_poll`` (raising ``ConfigEntryAuthFailed``
    or ``UpdateFailed`` on failure) and says in ``_output`` whether a poll's
    data is on.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        client: ShellyClient,
        config_entry: ConfigEntry[Any] | None,
        *,
        part: str,
        interval: timedelta,
    ) -> None:
        """Poll ``part`` (such as ``relay 0``) of the device ``client`` talks to."""
        self._hass = hass
        self._client = client
        self._listeners = Listeners[RelayUpdate]()
        self._reported: bool | None = None
        self._starting = False
        self._stopped = False
        self._unsub_coordinator: CALLBACK_TYPE | None = None
        self.coordinator: DataUpdateCoordinator[DataT] = DataUpdateCoordinator(
            hass,
            LOGGER,
            config_entry=config_entry,
            name=f"Shelly {client.host} {part}",
            update_interval=interval,
            update_method=self._async_poll,
            always_update=False,
        )

    @property
    def client(self) -> ShellyClient:
        """The device's client, for other parts of the same Shelly."""
        return self._client

    @property
    def available(self) -> bool:
        """Whether the last poll (or a relay's command) reached the device."""
        return (
            self.coordinator.last_update_success and self.coordinator.data is not None
        )

    @property
    def is_on(self) -> bool | None:
        """On or off as last seen, None while the device does not answer."""
        return self._output(self.coordinator.data) if self.available else None

    @property
    def last_poll_error(self) -> str | None:
        """Why the device is unavailable, for diagnostics; None while it answers."""
        error = self.coordinator.last_exception
        return None if self.available or error is None else str(error)

    async def async_start(self) -> None:
        """Poll once, then keep polling.

        The first state is a baseline, not a change, so listeners hear
        nothing about it. A device that is offline now leaves the part
        unavailable until a poll reaches it.
        """
        self._stopped = False
        self._unsub_coordinator = self.coordinator.async_add_listener(
            self._async_coordinator_updated
        )
        self._starting = True
        try:
            await self.coordinator.async_refresh()
        finally:
            self._starting = False
        self._reported = self.is_on

    async def async_stop(self) -> None:
        """Stop polling."""
        self._stopped = True
        if self._unsub_coordinator is not None:
            self._unsub_coordinator()
            self._unsub_coordinator = None
        await self.coordinator.async_shutdown()

    def async_add_listener(self, listener: RelayListener) -> CALLBACK_TYPE:
        """Call ``listener`` on every change, unavailability included."""
        return self._listeners.add(listener)

    async def _async_poll(self) -> DataT:
        """Read the part from the device."""
        raise NotImplementedError

    def _output(self, data: DataT) -> bool:
        """Whether a poll's data is on."""
        raise NotImplementedError

    @callback
    def _async_coordinator_updated(self) -> None:
        """Tell listeners when the part changed or the device came or went.

        A change is dated at the poll (or command) that saw it.
        """
        is_on = self.is_on
        if self._starting or is_on == self._reported:
            return
        self._reported = is_on
        self._listeners.notify(RelayUpdate(is_on=is_on, changed_at=dt_util.utcnow()))
