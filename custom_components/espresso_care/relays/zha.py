"""A pump relay in ZHA: each on is the On/Off cluster's On With Timed Off.

The entity stays the source of state, as for any wrapped switch. What
changes is the on: it goes to the device as the Zigbee command *On With
Timed Off* (On/Off cluster 0x0006, command 0x42) through ZHA's
``zha.issue_zigbee_cluster_command`` action, with the on time in tenths of a
second. The relay then switches itself off when that time is up, even if
Home Assistant has died in between.

The command is optional in the Zigbee cluster library, and a relay without
it answers with an error that ZHA only logs. So support is found out per
device, on the first on: if the entity does not report on within the
confirmation time (or the action fails), the relay is switched on plainly,
and from then on every on is plain; the log and the diagnostics say so once.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, entity_registry as er

from ..const import LOGGER
from .base import BOUND_ZHA_TIMED_OFF, DeviceBound, RelayError, RelayUpdate
from .entity import EntityRelay

ZHA_DOMAIN: Final = "zha"
SERVICE_CLUSTER_COMMAND: Final = "issue_zigbee_cluster_command"
ON_OFF_CLUSTER: Final = 0x0006
ON_WITH_TIMED_OFF: Final = 0x42
# The command's on time is a 16-bit count of tenths; 0xFFFF means "no timer".
MAX_ON_TIME_TENTHS: Final = 0xFFFE

_EUI64 = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){7}$")

# Why On With Timed Off is not used (``ZhaRelay.timed_off_unsupported``).
REASON_NO_ADDRESS: Final = "no_address"  # no IEEE address or endpoint found
REASON_IGNORED: Final = "ignored"  # the entity did not report on in time
REASON_FAILED: Final = "failed"  # the action raised


def zha_address(hass: HomeAssistant, entity_id: str) -> tuple[str, int] | None:
    """The IEEE address and endpoint of a ZHA entity, None when not known for sure.

    The address is the device's (its ``("zha", ieee)`` identifier or its
    Zigbee connection); the endpoint is the second part of the entity's
    unique id, which ZHA builds as ``<ieee>-<endpoint>`` with, on newer
    versions, ``-<cluster>`` and other suffixes after it. When the unique id
    names another device than the registry, nothing is guessed: a command to
    the wrong endpoint could switch another load.
    """
    entry = er.async_get(hass).async_get(entity_id)
    if entry is None or entry.platform != ZHA_DOMAIN:
        return None
    parts = entry.unique_id.split("-")
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    unique_ieee = parts[0].lower()
    device_ieee: str | None = None
    device = dr.async_get(hass).async_get(entry.device_id) if entry.device_id else None
    # Newer Home Assistant may return a child device entry, without connections.
    if isinstance(device, dr.DeviceEntry):
        for domain, value in (*device.identifiers, *device.connections):
            if domain in (ZHA_DOMAIN, dr.CONNECTION_ZIGBEE):
                device_ieee = str(value).lower()
                break
    ieee = device_ieee or unique_ieee
    if not _EUI64.match(ieee) or (device_ieee and device_ieee != unique_ieee):
        return None
    return ieee, int(parts[1])


def on_time_tenths(seconds: float) -> int:
    """The command's on time for ``seconds``: tenths, rounded up, within range."""
    return max(1, min(MAX_ON_TIME_TENTHS, math.ceil(round(seconds * 10, 6))))


class ZhaRelay(EntityRelay):
    """A ZHA switch whose every on carries the device's own off timer, when it can."""

    def __init__(
        self, hass: HomeAssistant, entity_id: str, address: tuple[str, int] | None
    ) -> None:
        """Wrap ``entity_id``; ``address`` is its (IEEE, endpoint), None if unknown."""
        super().__init__(hass, entity_id)
        self.address = address
        # None: not tried yet; True: the device honoured it; False: fell back.
        self._timed_off: bool | None = None if address is not None else False
        self.timed_off_unsupported: str | None = (
            None if address is not None else REASON_NO_ADDRESS
        )
        self._last_on_seconds: float | None = None
        # The on time of a timed on sent and not yet answered.
        self._pending_tenths: int | None = None

    @property
    def enforces_auto_off(self) -> bool:  # type: ignore[override]
        """Whether ons carry the device timer (not known before the first)."""
        return self._timed_off is not False

    @property
    def device_bound(self) -> DeviceBound | None:  # type: ignore[override]
        """On With Timed Off (unconfirmed before the first on); None after a fall-back."""
        if self._timed_off is False:
            return None
        return DeviceBound(
            BOUND_ZHA_TIMED_OFF, self._last_on_seconds, confirmed=bool(self._timed_off)
        )

    @property
    def timed_off_state(self) -> str:
        """``untested``, ``in_use`` or ``unsupported``."""
        if self._timed_off is None:
            return "untested"
        return "in_use" if self._timed_off else "unsupported"

    async def async_start(self) -> None:
        """Follow the entity; say once if no address was found."""
        await super().async_start()
        if self.address is None:
            LOGGER.warning(
                "%s: no Zigbee address or endpoint found for this ZHA entity; "
                "the pump is switched with plain on/off, without a device timer",
                self.entity_id,
            )

    async def async_turn_on(self, auto_off: float | None = None) -> float:
        """Switch on with the device's off timer, or plainly where it has none.

        A relay already on is left alone, as for any entity (its timer runs
        from the on that switched it).
        """
        if (
            auto_off is None
            or self._timed_off is False
            or self.address is None
            or self.is_on is not False
        ):
            return await super().async_turn_on(auto_off)
        tenths = on_time_tenths(auto_off)
        self._pending_tenths = tenths
        try:
            return await self._async_switch(
                True, lambda: self._async_send_timed_on(tenths)
            )
        except RelayError as err:
            if self._timed_off or err.translation_key not in (
                "relay_timeout",
                "relay_command_failed",
            ):
                raise  # known to work, or the relay is gone: a real failure
            self._fall_back(err)
            return await super().async_turn_on(auto_off)
        finally:
            self._pending_tenths = None

    @callback
    def _async_changed(self, update: RelayUpdate) -> None:
        """An on answering our timed on proves the command: say so before anyone hears."""
        if update.is_on and self._pending_tenths is not None:
            self._last_on_seconds = self._pending_tenths / 10
            self._pending_tenths = None
            if self._timed_off is None:
                self._timed_off = True
                LOGGER.info(
                    "%s: the relay honours On With Timed Off; every pump on "
                    "carries its own off timer",
                    self.entity_id,
                )
        super()._async_changed(update)

    async def _async_send_timed_on(self, tenths: int) -> None:
        assert self.address is not None
        ieee, endpoint = self.address
        try:
            await self._hass.services.async_call(
                ZHA_DOMAIN,
                SERVICE_CLUSTER_COMMAND,
                {
                    "ieee": ieee,
                    "endpoint_id": endpoint,
                    "cluster_id": ON_OFF_CLUSTER,
                    "cluster_type": "in",
                    "command": ON_WITH_TIMED_OFF,
                    "command_type": "server",
                    "params": {
                        "on_off_control": 0,
                        "on_time": tenths,
                        "off_wait_time": 0,
                    },
                },
                blocking=True,
                context=self.context,
            )
        except HomeAssistantError:
            raise
        except Exception as err:
            # ZHA raises ValueError for a device it does not know, the action's
            # schema vol.Invalid, and a Zigbee delivery failure its own errors.
            raise HomeAssistantError(f"{type(err).__name__}: {err}") from err

    def _fall_back(self, err: RelayError) -> None:
        reason = (
            REASON_IGNORED if err.translation_key == "relay_timeout" else REASON_FAILED
        )
        self._timed_off = False
        self.timed_off_unsupported = reason
        self._last_on_seconds = None
        LOGGER.warning(
            "%s: the relay %s On With Timed Off (%s); it is switched with plain "
            "on/off from now on, bounded by Home Assistant only",
            self.entity_id,
            "ignored" if reason == REASON_IGNORED else "refused",
            err.placeholders.get("error") or err.translation_key,
        )

    def diagnostics(self) -> dict[str, Any]:
        """The entity, and whether its ons carry the device timer."""
        return {
            **super().diagnostics(),
            "type": "zha",
            "endpoint": self.address[1] if self.address else None,
            "timed_off": self.timed_off_state,
            "timed_off_unsupported": self.timed_off_unsupported,
            "last_on_seconds": self._last_on_seconds,
        }
