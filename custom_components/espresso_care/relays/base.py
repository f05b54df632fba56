"""The relay protocol: what the machine, the runner and the platforms see of a plug or a pump.

The backends live beside it: ``entity`` wraps any Home Assistant switch,
``shelly`` speaks to a Shelly over HTTP, and ``factory`` builds a machine's
relays from its config entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

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

# What bounds the pump on the device itself (``DeviceBound.bound``).
BOUND_SHELLY_TIMER: Final = "shelly_timer"  # a flip-back timer with every on
BOUND_SHELLY_AUTO_OFF: Final = "shelly_auto_off"  # the device's auto-off, any on
BOUND_ZHA_TIMED_OFF: Final = "zha_timed_off"  # On With Timed Off with every pulse


@dataclass(frozen=True, slots=True)
class DeviceBound:
    """A limit the relay itself puts on an on, independent of Home Assistant.

    ``bound`` is one of the ``BOUND_*`` names. ``seconds`` is how long the
    device lets an on last: the fixed auto-off, or for a bound sent with each
    on (a timer per pulse) the one the last on carried; None while unknown
    (no on sent yet). ``confirmed`` is False while the device has yet to show
    that it honours the bound (a ZHA relay before its first timed on).
    """

    bound: str
    seconds: float | None
    confirmed: bool = True


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

    @property
    def device_bound(self) -> DeviceBound | None:
        """The bound the device itself keeps on the pump now, None without one."""

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


class Listeners[T]:
    """Fan-out of updates to callbacks: relay states, power readings.

    ``notify`` walks a snapshot, so a listener may remove itself (or add one)
    while being told; the snapshot is made when the listeners change, not on
    every update (a plug's readings come every second). A hot path may walk
    ``snapshot`` itself, saving a call per update.
    """

    def __init__(self) -> None:
        self._listeners: list[Callable[[T], None]] = []
        self.snapshot: tuple[Callable[[T], None], ...] = ()

    def add(self, listener: Callable[[T], None]) -> CALLBACK_TYPE:
        """Register a listener; return its remover."""
        self._listeners.append(listener)
        self.snapshot = tuple(self._listeners)

        @callback
        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)
                self.snapshot = tuple(self._listeners)

        return remove

    def notify(self, update: T) -> None:
        """Tell every listener about an update."""
        for listener in self.snapshot:
            listener(update)


def loop_time_of(hass: HomeAssistant, when: datetime) -> float:
    """Convert a wall-clock timestamp of the recent past into loop (monotonic) time."""
    return hass.loop.time() - max(0.0, (dt_util.utcnow() - when).total_seconds())


class NoRelay:
    """The pump relay of a machine that has none (a plug-only set-up).

    Never available, never on; switching it on is refused with a reason the
    user can read, switching it off has nothing to do. Programs check
    ``Machine.has_pump`` first and run as guides (``guide.py``) instead.
    """

    available = False
    is_on = None
    enforces_auto_off = False
    device_bound = None

    def __init__(self, hass: HomeAssistant) -> None:
        self._hass = hass

    async def async_start(self) -> None:
        """Nothing to follow."""

    async def async_stop(self) -> None:
        """Nothing to stop."""

    async def async_turn_on(self, auto_off: float | None = None) -> float:
        """Refuse: there is no pump relay to switch."""
        raise RelayError("no_pump_relay")

    async def async_turn_off(self) -> float:
        """Nothing to switch off: a pump with no relay is not ours to run."""
        return self._hass.loop.time()

    def async_add_listener(self, listener: RelayListener) -> CALLBACK_TYPE:
        """No changes will ever come."""
        return _nothing

    def diagnostics(self) -> dict[str, Any]:
        """Say that there is no relay."""
        return {"type": "none"}


@callback
def _nothing() -> None:
    """Remove a listener that was never added."""
