"""What the shot signals are built from: on/off sources and power meters.

A machine counts its shots from one signal (``shot_signal``): a sensor on the
brew switch, the plug's power meter, or the pump relay. The first and the last
are on/off sources (a relay's state side is one); the power meter reports
readings that the pure detector in ``power.pump`` turns into pump runs.
Platforms never see these, only the machine does.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, Protocol

from homeassistant.core import CALLBACK_TYPE

from ..relays.base import RelayListener
from .power.readings import Reading


class SignalKind(StrEnum):
    """Which signal a machine counts its shots from, in order of preference."""

    BREW_SENSOR = "brew_sensor"
    POWER = "power"
    PUMP_RELAY = "pump_relay"
    NONE = "none"


class BinarySource(Protocol):
    """Something that is on while the pump runs: a brew switch sensor or the pump relay."""

    @property
    def available(self) -> bool:
        """Whether the source reports a state now."""

    @property
    def is_on(self) -> bool | None:
        """On, off, or None while unknown or unavailable."""

    async def async_start(self) -> None:
        """Begin following the source."""

    async def async_stop(self) -> None:
        """Stop following the source."""

    def async_add_listener(self, listener: RelayListener) -> CALLBACK_TYPE:
        """Call ``listener`` with a ``RelayUpdate`` on every change of state."""

    def diagnostics(self) -> dict[str, Any]:
        """What the source can tell for a diagnostics dump."""


type ReadingListener = Callable[[Reading], None]


class PowerMeter(Protocol):
    """The machine's power as a metering plug reports it, reading by reading."""

    @property
    def entity_id(self) -> str | None:
        """The Home Assistant entity that already shows this power, if there is one."""

    @property
    def watts(self) -> float | None:
        """The last reading in W, None while unknown or unavailable."""

    async def async_start(self) -> None:
        """Begin following the meter."""

    async def async_stop(self) -> None:
        """Stop following the meter."""

    def async_add_reading_listener(self, listener: ReadingListener) -> CALLBACK_TYPE:
        """Call ``listener`` with every reading, repeated values included.

        A reading's ``at`` is the meter's own timestamp (POSIX seconds), its
        ``watts`` None while the meter is unavailable or reports nonsense.
        """

    def diagnostics(self) -> dict[str, Any]:
        """What the meter can tell for a diagnostics dump."""
