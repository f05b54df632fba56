"""A relay that is a Home Assistant entity: any integration's switch or an input_boolean."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_ON,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Context,
    Event,
    EventStateChangedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_state_change_event

from ..const import RELAY_CONFIRM_TIMEOUT_SECONDS
from .base import (
    DeviceBound,
    Listeners,
    RelayError,
    RelayListener,
    RelayUpdate,
    loop_time_of,
)


def state_is_on(state: State | None) -> bool | None:
    """An on/off entity's state: None while it is missing, unknown or unavailable."""
    if state is None or state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN):
        return None
    return state.state == STATE_ON


class EntityOnOff:
    """Follows a two-state entity (switch, input_boolean, binary_sensor) without polling.

    The state side of a wrapped relay, and by itself a brew switch sensor:
    listeners hear each change with the state's own timestamp.
    """

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        self._hass = hass
        self.entity_id = entity_id
        self._listeners = Listeners[RelayUpdate]()
        self._unsub: CALLBACK_TYPE | None = None

    @property
    def available(self) -> bool:
        """Whether the entity exists and is not unavailable."""
        return self.is_on is not None

    @property
    def is_on(self) -> bool | None:
        """The entity's state."""
        return state_is_on(self._hass.states.get(self.entity_id))

    async def async_start(self) -> None:
        """Follow the entity's state changes."""
        self._unsub = async_track_state_change_event(
            self._hass, [self.entity_id], self._async_state_changed
        )

    async def async_stop(self) -> None:
        """Stop following the entity."""
        if self._unsub is not None:
            self._unsub()
            self._unsub = None

    def async_add_listener(self, listener: RelayListener) -> CALLBACK_TYPE:
        """Register a state listener."""
        return self._listeners.add(listener)

    @callback
    def _async_state_changed(self, event: Event[EventStateChangedData]) -> None:
        new_state = event.data["new_state"]
        is_on = state_is_on(new_state)
        if is_on == state_is_on(event.data["old_state"]):
            return
        changed_at = new_state.last_changed if new_state else event.time_fired
        self._async_changed(RelayUpdate(is_on=is_on, changed_at=changed_at))

    @callback
    def _async_changed(self, update: RelayUpdate) -> None:
        self._listeners.notify(update)

    def diagnostics(self) -> dict[str, Any]:
        """The entity and its state."""
        state = self._hass.states.get(self.entity_id)
        return {
            "type": "entity",
            "entity_id": self.entity_id,
            "state": state.state if state else None,
        }


class EntityRelay(EntityOnOff):
    """A relay that is a Home Assistant entity (switch or input_boolean).

    It confirms each command by waiting for the entity to report the new
    state, so the runner can time pulses from the moment the relay switched.
    """

    enforces_auto_off = False
    # A plain entity: nothing but Home Assistant bounds an on.
    device_bound: DeviceBound | None = None

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        super().__init__(hass, entity_id)
        self._waiters: list[tuple[bool, asyncio.Future[float]]] = []
        self.context = Context()

    async def async_stop(self) -> None:
        """Stop following the wrapped entity; fail whoever still waits."""
        await super().async_stop()
        for _, waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(RelayError("relay_unavailable"))
        self._waiters.clear()

    @callback
    def _async_changed(self, update: RelayUpdate) -> None:
        for wanted, waiter in list(self._waiters):
            if waiter.done():
                continue
            if update.is_on is None:
                waiter.set_exception(RelayError("relay_unavailable"))
            elif update.is_on == wanted:
                waiter.set_result(loop_time_of(self._hass, update.changed_at))
        super()._async_changed(update)

    async def async_turn_on(self, auto_off: float | None = None) -> float:
        """Switch the entity on and wait until it reports on."""
        return await self._async_switch(True)

    async def async_turn_off(self) -> float:
        """Switch the entity off and wait until it reports off."""
        return await self._async_switch(False)

    async def _async_switch(
        self, on: bool, send: Callable[[], Awaitable[None]] | None = None
    ) -> float:
        """Send the command (``send``, or the entity's turn_on/turn_off) and wait for it."""
        if self.is_on is None:
            raise RelayError("relay_unavailable")
        if on and self.is_on:
            return self._hass.loop.time()
        waiter: asyncio.Future[float] = self._hass.loop.create_future()
        entry = (on, waiter)
        self._waiters.append(entry)
        domain = self.entity_id.split(".", 1)[0]
        try:
            async with asyncio.timeout(RELAY_CONFIRM_TIMEOUT_SECONDS):
                already = self.is_on == on
                if send is not None:
                    await send()
                else:
                    await self._hass.services.async_call(
                        domain,
                        SERVICE_TURN_ON if on else SERVICE_TURN_OFF,
                        {ATTR_ENTITY_ID: self.entity_id},
                        blocking=True,
                        context=self.context,
                    )
                if already:
                    # An off is always sent (an on may still be on its way),
                    # but a relay already off reports no change to wait for.
                    return self._hass.loop.time()
                return await waiter
        except TimeoutError as err:
            raise RelayError("relay_timeout") from err
        except HomeAssistantError as err:
            raise RelayError("relay_command_failed", error=str(err)) from err
        finally:
            if entry in self._waiters:
                self._waiters.remove(entry)
            if not waiter.done():
                waiter.cancel()
