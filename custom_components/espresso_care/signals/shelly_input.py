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
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import UpdateFailed

from ..const import BACKEND_SHELLY, CONF_BACKEND, CONF_BREW_INPUT, CONF_GENERATION
from ..relays.base import Relay
from ..relays.factory import shelly_client
from ..relays.shelly import ShellyRelay
from ..shelly.client import (
    ShellyAuthError,
    ShellyClient,
    ShellyError,
    ShellyUnsupportedError,
)
from ..shelly.polled_on_off import PolledShellyOnOff
from .base import BinarySource

INPUT_POLL_INTERVAL: Final = timedelta(seconds=1)


class ShellyInput(PolledShellyOnOff[bool]):
    """One digital input of a Shelly, behind the ``BinarySource`` protocol.

    On while the brew switch is closed; the polling is ``PolledShellyOnOff``'s.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        client: ShellyClient,
        input_id: int,
        config_entry: ConfigEntry[Any] | None,
        *,
        interval: timedelta = INPUT_POLL_INTERVAL,
    ) -> None:
        """Poll input ``input_id`` of the device ``client`` talks to."""
        super().__init__(
            hass, client, config_entry, part=f"input {input_id}", interval=interval
        )
        self.input_id = input_id

    async def _async_poll(self) -> bool:
        try:
            return await self._client.get_input(self.input_id)
        except ShellyAuthError as err:
            raise ConfigEntryAuthFailed(str(err)) from err
        except ShellyError as err:
            raise UpdateFailed(str(err)) from err

    def _output(self, data: bool) -> bool:
        return data

    def diagnostics(self) -> dict[str, Any]:
        """The input, its state and the last poll error (the host is redacted later)."""
        return {
            "type": "shelly_input",
            "host": self._client.host,
            "input": self.input_id,
            "generation": self._client.gen,
            "available": self.available,
            "is_on": self.is_on,
            "last_poll_error": self.last_poll_error,
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
