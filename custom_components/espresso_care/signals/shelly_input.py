"""A Shelly's own input wired to the machine's brew switch, as the brew sensor.

The input must be *detached* from the Shelly's relay (Gen2 ``Switch`` config
``in_mode: detached``, Gen1 relay setting ``btn_type: detached``): otherwise
closing the brew switch would also toggle the relay, which sits across the
same switch, and pull the pump. The set-up checks that (``check_brew_input``).

The input is polled (``Input.GetStatus`` on Gen2+, ``/status`` ``inputs`` on
Gen1) once a second. Sub-second intervals are not possible with Home
Assistant's ``DataUpdateCoordinator``: it schedules from the whole second
(``int(loop.time()) + offset + interval``), so an interval under a second
would poll back to back until the second rolls over. A second is far below
the shortest shot (15 s by default) and applies to a run's start and end
alike, so durations stay right. On the same device as the pump relay the
input shares the relay's client (one digest handshake, one connection pool).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from ..const import (
    BACKEND_SHELLY,
    CONF_BACKEND,
    CONF_BREW_INPUT,
    CONF_GENERATION,
    LOGGER,
)
from ..relays.base import Listeners, Relay, RelayListener, RelayUpdate
from ..relays.factory import shelly_client
from ..relays.shelly import ShellyRelay
from ..shelly.client import (
    ShellyAuthError,
    ShellyClient,
    ShellyError,
    ShellyUnsupportedError,
)
from .base import BinarySource

INPUT_POLL_INTERVAL: Final = timedelta(seconds=1)


class ShellyInput:
    """One digital input of a Shelly, behind the ``BinarySource`` protocol."""

    def __init__(
        self,
        hass: HomeAssistant,
        client: ShellyClient,
        input_id: int,
        config_entry: ConfigEntry[Any] | None,
        *,
        interval: timedelta = INPUT_POLL_INTERVAL,
    ) -> None:
        self._client = client
        self.input_id = input_id
        self._listeners = Listeners[RelayUpdate]()
        self._reported: bool | None = None
        self._starting = False
        self._unsub: CALLBACK_TYPE | None = None
        self.coordinator: DataUpdateCoordinator[bool] = DataUpdateCoordinator(
            hass,
            LOGGER,
            config_entry=config_entry,
            name=f"Shelly {client.host} input {input_id}",
            update_interval=interval,
            update_method=self._async_poll,
            always_update=False,
        )

    @property
    def available(self) -> bool:
        """Whether the last poll reached the device."""
        return (
            self.coordinator.last_update_success and self.coordinator.data is not None
        )

    @property
    def is_on(self) -> bool | None:
        """Whether the brew switch is closed; None while the device does not answer."""
        return self.coordinator.data if self.available else None

    async def async_start(self) -> None:
        """Poll once (a silent baseline), then keep polling."""
        self._unsub = self.coordinator.async_add_listener(self._async_updated)
        self._starting = True
        try:
            await self.coordinator.async_refresh()
        finally:
            self._starting = False
        self._reported = self.is_on

    async def async_stop(self) -> None:
        """Stop polling."""
        if self._unsub is not None:
            self._unsub()
            self._unsub = None
        await self.coordinator.async_shutdown()

    def async_add_listener(self, listener: RelayListener) -> CALLBACK_TYPE:
        """Call ``listener`` on every change, unavailability included."""
        return self._listeners.add(listener)

    async def _async_poll(self) -> bool:
        try:
            return await self._client.get_input(self.input_id)
        except ShellyAuthError as err:
            raise ConfigEntryAuthFailed(str(err)) from err
        except ShellyError as err:
            raise UpdateFailed(str(err)) from err

    @callback
    def _async_updated(self) -> None:
        """Tell listeners about a change, dated at the poll that saw it."""
        is_on = self.is_on
        if self._starting or is_on == self._reported:
            return
        self._reported = is_on
        self._listeners.notify(RelayUpdate(is_on=is_on, changed_at=dt_util.utcnow()))

    def diagnostics(self) -> dict[str, Any]:
        """The input, its state and the last poll error (the host is redacted later)."""
        error = self.coordinator.last_exception
        return {
            "type": "shelly_input",
            "host": self._client.host,
            "input": self.input_id,
            "generation": self._client.gen,
            "available": self.available,
            "is_on": self.is_on,
            "last_poll_error": None if self.available or error is None else str(error),
        }


def shelly_brew_source(
    hass: HomeAssistant, entry: ConfigEntry[Any], pump: Relay | None = None
) -> BinarySource | None:
    """The pump Shelly's input on the brew switch, when the entry names one.

    Given the machine's pump relay and it is that Shelly, the input shares
    its client.
    """
    data = entry.data
    input_id = data.get(CONF_BREW_INPUT)
    if data.get(CONF_BACKEND) != BACKEND_SHELLY or input_id is None:
        return None
    if isinstance(pump, ShellyRelay) and pump.client.host == data[CONF_HOST]:
        client = pump.client
    else:
        client = shelly_client(
            hass, data[CONF_HOST], data.get(CONF_PASSWORD), data.get(CONF_GENERATION)
        )
    return ShellyInput(hass, client, int(input_id), entry)


async def check_brew_input(client: ShellyClient, input_id: int) -> str | None:
    """Whether ``input_id`` can be the brew sensor: None, or the form error.

    The input must exist and be an on/off input, and must not drive its relay
    (detached): a brew switch that also toggles the relay across it would
    pull the pump. An input without a relay of its number drives nothing.
    Connection errors propagate (the caller reports those).
    """
    try:
        await client.get_input(input_id)
    except ShellyUnsupportedError:
        return "input_not_found"
    try:
        config = await client.get_switch_config(input_id)
    except ShellyUnsupportedError:
        return None
    return None if config.detached else "input_not_detached"
