"""Sensors: the program's state and progress, shot counters, maintenance dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
import math
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, UnitOfPower
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .entity import (
    EspressoDescribedEntity,
    EspressoEntityDescription,
    described_entities,
)
from .guide import GuidedRunner
from .heat_up import HeatUpState
from .machine import EspressoConfigEntry, Machine
from .maintenance import Task
from .program import BackflushState
from .signals.power.readings import Reading

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class EspressoSensorDescription(EspressoEntityDescription, SensorEntityDescription):
    """A sensor and how to read it off the machine."""

    value_fn: Callable[[Machine], StateType | datetime]
    # Updates beyond the machine's own, as (machine, write state) -> remover.
    follow_fn: Callable[[Machine, CALLBACK_TYPE], CALLBACK_TYPE | None] | None = None


def _state_attributes(machine: Machine) -> dict[str, Any]:
    status = machine.program
    attributes: dict[str, Any] = {"program": status.program}
    if status.steps:
        attributes["step"] = f"{status.step}/{status.steps}"
    if status.action is not None:
        attributes["action"] = status.action
    if status.reason is not None:
        attributes["reason"] = status.reason
    if status.guided:
        # A guided program: whether it checks the person, and its countdown.
        attributes["guided"] = True
        attributes["listening"] = status.listening
        attributes["short_pulses"] = status.short_pulses
        if (switch := status.next_switch) is not None:
            attributes["next_switch"] = switch.isoformat()
            left = (switch - dt_util.utcnow()).total_seconds()
            attributes["seconds_left"] = max(0, math.ceil(left - 1e-3))
    return attributes


def _follow_countdown(
    machine: Machine, write_state: CALLBACK_TYPE
) -> CALLBACK_TYPE | None:
    """A guided program's seconds left change every second: this sensor alone shows them."""
    runner = machine.runner
    if not isinstance(runner, GuidedRunner):
        return None
    return runner.async_add_tick_listener(write_state)


def _follow_power_readings(
    machine: Machine, write_state: CALLBACK_TYPE
) -> CALLBACK_TYPE | None:
    """The meter's readings change while the plug stays on: show each new value."""
    meter = machine.power_meter
    if meter is None:
        return None
    shown: list[float | None] = [meter.watts]

    @callback
    def reading(new: Reading) -> None:
        if new.watts != shown[0]:
            shown[0] = new.watts
            write_state()

    return meter.async_add_reading_listener(reading)


def _watts(machine: Machine) -> float | None:
    meter = machine.power_meter
    return meter.watts if meter is not None else None


def _signal_attributes(machine: Machine) -> dict[str, Any]:
    """Which signal the shots are counted from, and whether counting by power works."""
    signal = machine.signal
    attributes: dict[str, Any] = {"signal": signal.active_kind}
    if signal.counting is not None:
        attributes["counting"] = signal.counting
        attributes["pump_watts"] = round(signal.pump_watts) or None
    return attributes


def _next_descale(machine: Machine) -> datetime | None:
    return machine.records.task_status(Task.DESCALE).due_at


SENSORS: tuple[EspressoSensorDescription, ...] = (
    EspressoSensorDescription(
        key="backflush_state",
        translation_key="backflush_state",
        follow_fn=_follow_countdown,
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in BackflushState],
        value_fn=lambda machine: machine.program.state,
        attributes_fn=_state_attributes,
    ),
    EspressoSensorDescription(
        key="backflush_progress",
        translation_key="backflush_progress",
        native_unit_of_measurement=PERCENTAGE,
        value_fn=lambda machine: machine.program.progress,
    ),
    EspressoSensorDescription(
        key="shots",
        translation_key="shots",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda machine: machine.data.shots,
        attributes_fn=_signal_attributes,
    ),
    EspressoSensorDescription(
        key="flushes",
        translation_key="flushes",
        entity_registry_enabled_default=False,
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda machine: machine.data.flushes,
    ),
    EspressoSensorDescription(
        key="shots_since_backflush",
        translation_key="shots_since_backflush",
        value_fn=lambda machine: machine.data.tasks[Task.BACKFLUSH].shots_since,
    ),
    EspressoSensorDescription(
        key="shots_since_descale",
        translation_key="shots_since_descale",
        value_fn=lambda machine: machine.data.tasks[Task.DESCALE].shots_since,
    ),
    EspressoSensorDescription(
        key="last_backflush",
        translation_key="last_backflush",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda machine: machine.data.tasks[Task.BACKFLUSH].last_done,
    ),
    EspressoSensorDescription(
        key="last_descale",
        translation_key="last_descale",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda machine: machine.data.tasks[Task.DESCALE].last_done,
    ),
    EspressoSensorDescription(
        key="next_descale",
        translation_key="next_descale",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=_next_descale,
    ),
    EspressoSensorDescription(
        key="power",
        translation_key="power",
        device_class=SensorDeviceClass.POWER,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfPower.WATT,
        value_fn=_watts,
        # A power sensor entity shows itself: no copy of it (a copy would
        # double every state write of a plug reporting each second).
        exists_fn=lambda machine: (
            machine.power_meter is not None and machine.power_meter.entity_id is None
        ),
        follow_fn=_follow_power_readings,
    ),
    EspressoSensorDescription(
        key="heat_up",
        translation_key="heat_up",
        device_class=SensorDeviceClass.ENUM,
        options=[state.value for state in HeatUpState],
        value_fn=lambda machine: machine.routine.state,
        attributes_fn=lambda machine: machine.routine.attributes(),
    ),
    EspressoSensorDescription(
        key="ready_at",
        translation_key="ready_at",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda machine: machine.routine.ready_at,
    ),
    EspressoSensorDescription(
        key="auto_off",
        translation_key="auto_off",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda machine: machine.routine.auto_off_at,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EspressoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the machine's sensors."""
    async_add_entities(described_entities(entry.runtime_data, SENSORS, EspressoSensor))


class EspressoSensor(EspressoDescribedEntity, SensorEntity):
    """A value of the machine."""

    entity_description: EspressoSensorDescription
    # A guided program's countdown changes every second: not worth recording.
    _unrecorded_attributes = frozenset({"seconds_left"})

    async def async_added_to_hass(self) -> None:
        """Follow the machine, and whatever else the value depends on."""
        await super().async_added_to_hass()
        if (follow := self.entity_description.follow_fn) is not None and (
            remove := follow(self.machine, self._async_write_if_changed)
        ) is not None:
            self.async_on_remove(remove)

    def shown(self) -> tuple[Any, ...]:
        """The value before Home Assistant formats it: the same changes, cheaper to tell."""
        return (self.available, self.native_value, self.extra_state_attributes)

    @property
    def native_value(self) -> StateType | datetime:
        """The value, read off the machine."""
        return self.entity_description.value_fn(self.machine)
