"""The relay protocol: what the machine, the runner and the platforms see of a plug or a pump.

The backends live beside it: ``entity`` wraps any Home Assistant switch,
``shelly`` speaks to a Shelly over HTTP, and ``factory`` builds a machine's
relays from its config entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util


class RelayError(Exception):
    """A relay command failed; ``translation_key`` names the user-facing reason."""

    def __init__(self, translation_key: str, **placeholders: str) -> None:
        super().__init__(translation_key, placeholders)
        self.translation_key = translation_key
        self.placeholders = placeholders


@dataclass(frozen=True, slots=True)
class RelayUpdate:
    """A change seen on a relay: on, off, or unavailable (``is_on`` None).

    ``changed_at`` is when the relay itself reported the change (the state's
    own timestamp), not when a callback happened to run.
    """

    is_on: bool | None
    changed_at: datetime


type RelayListener = Callable[[RelayUpdate], None]


class Relay(Protocol):
    """What the machine needs of a plug or a pump."""

    @property
    def available(self) -> bool:
        """Whether the relay can be switched now."""

    @property
    def is_on(self) -> bool | None:
        """The relay's state, None when unknown or unavailable."""

    @property
    def enforces_auto_off(self) -> bool:
        """Whether the device itself switches off after the auto-off it is given."""

    async def async_start(self) -> None:
        """Begin following the relay's state."""

    async def async_stop(self) -> None:
        """Stop following the relay's state."""

    async def async_turn_on(self, auto_off: float | None = None) -> float:
        """Switch on; return the loop time at which the relay reported on.

        ``auto_off`` asks a device that can to switch itself off after that
        many seconds. Raises RelayError when the relay fails or does not
        confirm in time.
        """

    async def async_turn_off(self) -> float:
        """Switch off; return the loop time at which the relay reported off."""

    def async_add_listener(self, listener: RelayListener) -> CALLBACK_TYPE:
        """Call ``listener`` on every change; returns the function that stops it."""

    def diagnostics(self) -> dict[str, Any]:
        """What the relay can tell for a diagnostics dump."""


class RelayListeners:
    """Fan-out of relay updates, shared by every relay implementation."""

    def __init__(self) -> None:
        self._listeners: list[RelayListener] = []

    def add(self, listener: RelayListener) -> CALLBACK_TYPE:
        """Register a listener; return its remover."""
        self._listeners.append(listener)

        @callback
        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def notify(self, update: RelayUpdate) -> None:
        """Tell every listener about an update."""
        for listener in list(self._listeners):
            listener(update)


def loop_time_of(hass: HomeAssistant, when: datetime) -> float:
    """Convert a wall-clock timestamp of the recent past into loop (monotonic) time."""
    return hass.loop.time() - max(0.0, (dt_util.utcnow() - when).total_seconds())
