"""A relay that is a Shelly spoken to over its local HTTP API.

Unlike a wrapped switch, a Shelly enforces the auto-off itself: every on
carries the device's flip-back timer, so the pump stops even if Home
Assistant, the network or this integration dies mid-pulse. State comes from
polling (every second while the pump is on or a program is running, more
slowly otherwise: see ``idle_interval``); a command's successful reply counts as the device's
confirmation, so pulses are timed from it without waiting for a poll.

A metering Shelly (a plug, or a PM relay) is also the machine's power meter:
every poll that carries power is a ``Reading`` for the reading listeners,
and ``ShellyPowerMeter`` presents that side as a ``PowerMeter``.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import UpdateFailed
from homeassistant.util import dt as dt_util

from ..const import RELAY_CONFIRM_TIMEOUT_SECONDS
from ..shelly.client import (
    ShellyAuthError,
    ShellyClient,
    ShellyConnectionError,
    ShellyError,
    ShellyTimeoutError,
    SwitchStatus,
)
from ..shelly.polled_on_off import PolledShellyOnOff
from ..signals.base import ReadingListener
from ..signals.power.readings import Reading
from .base import (
    BOUND_SHELLY_TIMER,
    DeviceBound,
    Listeners,
    Relay,
    RelayError,
)

# The flip-back timer sent when a caller gives none: no on without a timer.
DEFAULT_AUTO_OFF_SECONDS: Final = 60.0
FAST_POLL_INTERVAL: Final = timedelta(seconds=1)
SLOW_POLL_INTERVAL: Final = timedelta(seconds=10)
# An idle pump is polled this often, so a shot's start is seen within it.
PUMP_IDLE_POLL_INTERVAL: Final = timedelta(seconds=2)
# A plug that meters is the power meter: polled this often, pump runs show.
METER_POLL_INTERVAL: Final = timedelta(seconds=1)
# How long after our last command we keep polling fast (a program is running).
ACTIVE_WINDOW_SECONDS: Final = 60.0


def relay_error(err: ShellyError) -> RelayError:
    """Translate a client failure into the user-facing RelayError."""
    if isinstance(err, ShellyTimeoutError):
        return RelayError("relay_timeout")
    if isinstance(err, ShellyConnectionError):
        return RelayError("relay_unavailable")
    if isinstance(err, ShellyAuthError):
        return RelayError("relay_auth_failed")
    return RelayError("relay_command_failed", error=str(err))


class ShellyRelay(PolledShellyOnOff[SwitchStatus]):
    """One channel of a Shelly (Gen1 or Gen2+), behind the ``Relay`` protocol.

    The polling, availability and change reports are ``PolledShellyOnOff``'s;
    this adds the commands, the device's flip-back timer and the power readings.
    """

    enforces_auto_off = True

    def __init__(
        self,
        hass: HomeAssistant,
        client: ShellyClient,
        channel: int,
        config_entry: ConfigEntry | None,
        *,
        default_auto_off: float | None = DEFAULT_AUTO_OFF_SECONDS,
        idle_interval: timedelta = SLOW_POLL_INTERVAL,
        metering_interval: timedelta | None = None,
        fast_while_on: bool = True,
    ) -> None:
        """Wrap ``channel`` of the device ``client`` talks to.

        ``default_auto_off`` is the flip-back timer of an on that names none.
        Keep the default for a pump. Only a relay that must stay on, such as
        the machine's power plug, may pass None (no device timer then).
        ``idle_interval`` and ``fast_while_on`` set the polling: a pump is
        polled often even when idle (shots start by hand) and every second
        while on; a plug stays on all day and needs neither.
        ``metering_interval``, when given, replaces ``idle_interval`` once
        the device reports power: a metering plug is the power meter.
        """
        super().__init__(
            hass, client, config_entry, part=f"relay {channel}", interval=idle_interval
        )
        self._idle_interval = idle_interval
        self._metering_interval = metering_interval
        self._metered: bool | None = None
        self._readings = Listeners[Reading]()
        self._last_reading: Reading | None = None
        self._fast_while_on = fast_while_on
        self.channel = channel
        self._default_auto_off = default_auto_off
        self._lock = asyncio.Lock()
        self._command_seq = 0
        self._last_command_at: float | None = None
        self._last_command: dict[str, Any] | None = None
        self._polls = 0
        self._polls_done = asyncio.Event()
        self._polls_done.set()

    # -- state ------------------------------------------------------------------

    @property
    def power(self) -> float | None:
        """Power drawn through the relay (W), when the device measures it."""
        return self.coordinator.data.power if self.available else None

    @property
    def metered(self) -> bool | None:
        """Whether the device reports power; None until it has answered once."""
        return self._metered

    @property
    def last_reading(self) -> Reading | None:
        """The last power reading (watts None after a failed poll)."""
        return self._last_reading

    @property
    def energy(self) -> float | None:
        """Energy counter (Wh), when the device measures it."""
        return self.coordinator.data.energy if self.available else None

    @property
    def device_info_extra(self) -> dict[str, str | None]:
        """What the device registry may show about the Shelly."""
        info = self._client.info
        return {
            "mac": info.mac if info else None,
            "model": info.model if info else None,
            "firmware": info.firmware if info else None,
        }

    @property
    def device_bound(self) -> DeviceBound | None:
        """Every on carries a flip-back timer, unless this relay opted out (a plug).

        ``seconds`` is the timer of the last on sent, None before the first.
        """
        if self._default_auto_off is None:
            return None
        last = self._last_command
        seconds = last["auto_off"] if last is not None and last["on"] else None
        return DeviceBound(BOUND_SHELLY_TIMER, seconds)

    # -- lifecycle --------------------------------------------------------------

    async def async_stop(self) -> None:
        """Stop polling and wait for a poll in flight, so nothing lingers."""
        await super().async_stop()
        await self._polls_done.wait()

    def async_add_reading_listener(self, listener: ReadingListener) -> CALLBACK_TYPE:
        """Call ``listener`` with the power of every poll, repeated values included.

        A failed poll is a reading without watts. A device that does not
        meter gives readings only for failures.
        """
        return self._readings.add(listener)

    # -- commands ---------------------------------------------------------------

    async def async_turn_on(self, auto_off: float | None = None) -> float:
        """Switch on with the device's flip-back timer; return the confirmation time.

        The timer is ``auto_off``, or the default when the caller gives none.
        An on is always sent, even to a relay already on, to re-arm the timer.
        """
        timer = self._default_auto_off if auto_off is None else auto_off
        return await self._async_switch(True, timer)

    async def async_turn_off(self) -> float:
        """Switch off; return the loop time of the device's confirmation."""
        return await self._async_switch(False, None)

    async def _async_switch(self, on: bool, timer: float | None) -> float:
        async with self._lock:
            loop = self._hass.loop
            sent_at = loop.time()
            try:
                async with asyncio.timeout(RELAY_CONFIRM_TIMEOUT_SECONDS):
                    await self._client.set_switch(self.channel, on, timer)
            except TimeoutError as err:
                self._note_command(on, timer, sent_at, "timeout")
                raise RelayError("relay_timeout") from err
            except ShellyError as err:
                self._note_command(on, timer, sent_at, repr(err))
                raise relay_error(err) from err
            confirmed_at = loop.time()
            self._note_command(on, timer, sent_at, None, confirmed_at)
            if not self._stopped:
                data = self.coordinator.data
                status = (
                    replace(data, output=on, timer=timer)
                    if data is not None
                    else SwitchStatus(output=on, timer=timer)
                )
                self.coordinator.update_interval = FAST_POLL_INTERVAL
                # Marks the relay available, notifies, and restarts the poll timer.
                self.coordinator.async_set_updated_data(status)
            return confirmed_at

    def _note_command(
        self,
        on: bool,
        timer: float | None,
        sent_at: float,
        error: str | None,
        confirmed_at: float | None = None,
    ) -> None:
        self._command_seq += 1
        self._last_command_at = self._hass.loop.time()
        self._last_command = {
            "on": on,
            "auto_off": timer,
            "round_trip": None if confirmed_at is None else confirmed_at - sent_at,
            "error": error,
        }

    # -- polling ----------------------------------------------------------------

    async def _async_poll(self) -> SwitchStatus:
        """Read the relay; a reply that raced a command is dropped for the command's."""
        self._polls += 1
        self._polls_done.clear()
        seq = self._command_seq
        busy = self._lock.locked()
        try:
            if self._client.info is None:
                await self._client.identify()  # model and firmware, once
            status = await self._client.get_switch(self.channel)
        except ShellyAuthError as err:
            # A new password on the device: Home Assistant asks the user (reauth).
            self._note_reading(None)
            self._set_interval(None)
            raise ConfigEntryAuthFailed(str(err)) from err
        except ShellyError as err:
            self._note_reading(None)
            if self._raced(seq, busy):
                return self.coordinator.data
            self._set_interval(None)
            raise UpdateFailed(str(err)) from err
        finally:
            self._polls -= 1
            if not self._polls:
                self._polls_done.set()
        # The power is the device's own, whatever raced on the output.
        self._note_reading(status)
        if self._raced(seq, busy):
            return self.coordinator.data
        self._set_interval(status.output)
        return status

    def _note_reading(self, status: SwitchStatus | None) -> None:
        """Tell the reading listeners what this poll measured, timed at its reply."""
        if self._stopped:
            return
        if status is not None:
            self._metered = status.power is not None
            if not self._metered:
                return
        reading = Reading(
            at=dt_util.utcnow().timestamp(),
            watts=status.power if status is not None else None,
            volts=status.voltage if status is not None else None,
        )
        self._last_reading = reading
        self._readings.notify(reading)

    def _output(self, data: SwitchStatus) -> bool:
        return data.output

    def _raced(self, seq: int, busy: bool) -> bool:
        raced = busy or self._lock.locked() or seq != self._command_seq
        return raced and self.coordinator.data is not None

    def _set_interval(self, output: bool | None) -> None:
        """Poll fast while on or shortly after our last command, else slowly."""
        recent = (
            self._last_command_at is not None
            and self._hass.loop.time() - self._last_command_at < ACTIVE_WINDOW_SECONDS
        )
        fast = (output is True and self._fast_while_on) or recent
        idle = self._idle_interval
        if self._metered and self._metering_interval is not None:
            idle = self._metering_interval
        self.coordinator.update_interval = FAST_POLL_INTERVAL if fast else idle

    def diagnostics(self) -> dict[str, Any]:
        """Describe the device, its last reading and our last command (no password)."""
        info = self._client.info
        data = self.coordinator.data
        interval = self.coordinator.update_interval
        return {
            "type": "shelly",
            "host": self._client.host,
            "channel": self.channel,
            "generation": self._client.gen,
            "mac": info.mac if info else None,
            "model": info.model if info else None,
            "firmware": info.firmware if info else None,
            "auth_required": info.auth_required if info else None,
            "available": self.available,
            "is_on": self.is_on,
            "power": data.power if data else None,
            "energy": data.energy if data else None,
            "device_timer": data.timer if data else None,
            "poll_interval": interval.total_seconds() if interval else None,
            "last_poll_error": self.last_poll_error,
            "last_command": self._last_command,
            "default_auto_off": self._default_auto_off,
        }


class ShellyPowerMeter:
    """The power-meter side of a metering Shelly relay (the machine's plug).

    A thin view: the machine starts and stops the relay itself, so starting
    or stopping the meter does nothing; readings flow while the relay polls.
    """

    # No Home Assistant entity shows this power: the machine's power sensor does.
    entity_id = None

    def __init__(self, relay: ShellyRelay) -> None:
        self.relay = relay

    @property
    def watts(self) -> float | None:
        """The last polled power in W, None while unknown or unreachable."""
        reading = self.relay.last_reading
        return reading.watts if reading is not None else None

    async def async_start(self) -> None:
        """Nothing to do: the relay polls from the machine's start of it."""

    async def async_stop(self) -> None:
        """Nothing to do: the machine stops the relay, and the readings with it."""

    def async_add_reading_listener(self, listener: ReadingListener) -> CALLBACK_TYPE:
        """Call ``listener`` with every poll's reading (see the relay's listener)."""
        return self.relay.async_add_reading_listener(listener)

    def diagnostics(self) -> dict[str, Any]:
        """Which meter this is and its last reading (the relay tells the rest)."""
        reading = self.relay.last_reading
        return {
            "type": "shelly",
            "channel": self.relay.channel,
            "metered": self.relay.metered,
            "watts": reading.watts if reading else None,
            "volts": reading.volts if reading else None,
            "at": reading.at if reading else None,
        }


def shelly_power_meter(relay: Relay) -> ShellyPowerMeter | None:
    """The plug's own meter when the plug is a Shelly spoken to directly.

    A Shelly that has answered without power (a plain relay, not a plug or
    a PM) is no meter; one not heard from yet may be.
    """
    if not isinstance(relay, ShellyRelay) or relay.metered is False:
        return None
    return ShellyPowerMeter(relay)
