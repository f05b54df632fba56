"""A power sensor entity as the machine's power meter.

It follows the sensor with state listeners (no polling) and passes on the
state's own timestamps, never the moment a callback ran. It listens to
*reports* of an unchanged value too: a meter that repeats itself says that
nothing changed, which the detector needs to know. (A brew switch sensor
entity is followed by ``relays.entity.EntityOnOff``.)
"""

from __future__ import annotations

import math
from typing import Any

from homeassistant.const import (
    ATTR_DEVICE_CLASS,
    ATTR_UNIT_OF_MEASUREMENT,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    UnitOfElectricPotential,
    UnitOfPower,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    EventStateReportedData,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import (
    async_track_state_change_event,
    async_track_state_report_event,
)

from ..const import LOGGER
from ..relays.base import Listeners
from .base import ReadingListener
from .power.readings import Reading

# Readings above this are not an espresso machine on a household socket.
MAX_PLAUSIBLE_WATTS = 5000.0
# A power sensor reports in one of these; anything else is refused at set-up.
POWER_UNITS: dict[str, float] = {UnitOfPower.WATT: 1.0, UnitOfPower.KILO_WATT: 1000.0}


def power_unit_factor(state: State | None) -> float | None:
    """W per unit of a power sensor's state, None when it is not a power sensor in W or kW."""
    if state is None:
        return None
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    device_class = state.attributes.get(ATTR_DEVICE_CLASS)
    if device_class not in (None, "power") or not isinstance(unit, str):
        return None
    return POWER_UNITS.get(unit)


class EntityPowerMeter:
    """A sensor with device class power (W or kW), and its device's voltage sensor if any.

    Nonsense (text, negative or absurd values) is logged once per kind and
    passed on as an unavailable reading: nothing is counted from it.
    """

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        self._hass = hass
        self.entity_id = entity_id
        self.voltage_entity_id: str | None = None
        self._listeners = Listeners[Reading]()
        self._unsubs: list[CALLBACK_TYPE] = []
        self._volts: float | None = None
        self._last: Reading | None = None
        self._logged: set[str] = set()
        self._attributes: object = None
        self._factor: float | None = None

    @property
    def watts(self) -> float | None:
        """The last reading in W."""
        return self._last.watts if self._last else None

    async def async_start(self) -> None:
        """Follow the sensor's changes and reports, and its device's voltage."""
        hass = self._hass
        self.voltage_entity_id = _voltage_sensor_of(hass, self.entity_id)
        self._unsubs = [
            async_track_state_change_event(hass, [self.entity_id], self._async_event),
            async_track_state_report_event(hass, [self.entity_id], self._async_event),
        ]
        if self.voltage_entity_id is not None:
            self._volts = _volts(hass.states.get(self.voltage_entity_id))
            self._unsubs.append(
                async_track_state_change_event(
                    hass, [self.voltage_entity_id], self._async_voltage
                )
            )
        state = hass.states.get(self.entity_id)
        if state is not None:
            self._last = self._reading(state)

    async def async_stop(self) -> None:
        """Stop following the sensor."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()

    def async_add_reading_listener(self, listener: ReadingListener) -> CALLBACK_TYPE:
        """Register a reading listener."""
        return self._listeners.add(listener)

    @callback
    def _async_voltage(self, event: Event[EventStateChangedData]) -> None:
        self._volts = _volts(event.data["new_state"])

    @callback
    def _async_event(
        self, event: Event[EventStateChangedData] | Event[EventStateReportedData]
    ) -> None:
        """A state of the power sensor (a hot path: a plug may report every second)."""
        state = event.data["new_state"]
        if state is None:
            return
        reading = self._last = self._reading(state)
        for listener in self._listeners.snapshot:
            listener(reading)

    def _reading(self, state: State) -> Reading:
        """The state as a reading."""
        at = state.last_reported_timestamp
        # A meter's attributes rarely change: read the unit once per change of them.
        if state.attributes is not self._attributes:
            self._attributes = state.attributes
            self._factor = power_unit_factor(state)
        try:
            value = float(state.state)
        except ValueError:
            if state.state not in (STATE_UNAVAILABLE, STATE_UNKNOWN):
                self._log_once("text", "is not a number: %r", state.state)
            return Reading(at, None)
        factor = self._factor
        if factor is None:
            self._log_once(
                "unit",
                "is not in W or kW (%s)",
                state.attributes.get(ATTR_UNIT_OF_MEASUREMENT),
            )
            return Reading(at, None)
        watts = value * factor
        # (False for NaN and the infinities too.)
        if not 0.0 <= watts <= MAX_PLAUSIBLE_WATTS:
            self._log_once("range", "reads an impossible %s W", watts)
            return Reading(at, None)
        return Reading(at, watts, self._volts)

    def _log_once(self, kind: str, message: str, *args: Any) -> None:
        if kind in self._logged:
            return
        self._logged.add(kind)
        LOGGER.warning(
            "Power sensor %s %s; not counting from such readings",
            self.entity_id,
            message % args,
        )

    def diagnostics(self) -> dict[str, Any]:
        """The sensor, its voltage companion and the last reading."""
        return {
            "type": "entity",
            "entity_id": self.entity_id,
            "voltage_entity_id": self.voltage_entity_id,
            "watts": self.watts,
            "volts": self._volts,
        }


def _volts(state: State | None) -> float | None:
    if state is None:
        return None
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) and 50 <= value <= 300 else None


def _voltage_sensor_of(hass: HomeAssistant, entity_id: str) -> str | None:
    """A voltage sensor on the same device as the power sensor (a plug that reports both)."""
    registry = er.async_get(hass)
    entry = registry.async_get(entity_id)
    if entry is None or entry.device_id is None:
        return None
    for other in er.async_entries_for_device(registry, entry.device_id):
        if other.domain != "sensor" or other.entity_id == entity_id:
            continue
        state = hass.states.get(other.entity_id)
        if (
            state is not None
            and state.attributes.get(ATTR_DEVICE_CLASS) == "voltage"
            and state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
            == UnitOfElectricPotential.VOLT
        ):
            return other.entity_id
    return None
