"""Binary sensors: a program running, each task due, the pump's device bound."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import (
    EspressoDescribedEntity,
    EspressoEntityDescription,
    described_entities,
)
from .machine import EspressoConfigEntry, Machine
from .maintenance import TASKS, Task

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class EspressoBinarySensorDescription(
    EspressoEntityDescription, BinarySensorEntityDescription
):
    """A binary sensor and how to read it off the machine."""

    is_on_fn: Callable[[Machine], bool | None]


def _due_attributes(task: Task) -> Callable[[Machine], Mapping[str, Any]]:
    def attributes(machine: Machine) -> Mapping[str, Any]:
        status = machine.records.task_status(task)
        return {
            "reasons": list(status.reasons),
            "shots_since": status.shots_since,
            "shots_interval": status.shots_interval,
            "shots_over": status.shots_over,
            "days_since": round(status.days_since, 1),
            "days_interval": status.days_interval,
            "days_over": None
            if status.days_over is None
            else round(status.days_over, 1),
            "due_at": status.due_at.isoformat() if status.due_at else None,
            "last_done": status.last_done.isoformat() if status.last_done else None,
        }

    return attributes


def _due_description(task: Task) -> EspressoBinarySensorDescription:
    return EspressoBinarySensorDescription(
        key=f"{task}_due",
        translation_key=f"{task}_due",
        device_class=BinarySensorDeviceClass.PROBLEM,
        is_on_fn=lambda machine: machine.records.task_status(task).due,
        attributes_fn=_due_attributes(task),
    )


def _pump_bounded(machine: Machine) -> bool | None:
    """On with a device-side bound, unknown while the device has yet to confirm it."""
    bound = machine.pump.device_bound
    if bound is None:
        return False
    return True if bound.confirmed else None


def _pump_bound_attributes(machine: Machine) -> Mapping[str, Any]:
    bound = machine.pump.device_bound
    return {
        "bound": bound.bound if bound is not None else None,
        "seconds": bound.seconds if bound is not None else None,
    }


BINARY_SENSORS: tuple[EspressoBinarySensorDescription, ...] = (
    EspressoBinarySensorDescription(
        key="backflush_running",
        translation_key="backflush_running",
        device_class=BinarySensorDeviceClass.RUNNING,
        is_on_fn=lambda machine: machine.program.running,
    ),
    *(_due_description(task.task) for task in TASKS),
    EspressoBinarySensorDescription(
        key="ready",
        translation_key="ready",
        is_on_fn=lambda machine: machine.routine.ready,
    ),
    EspressoBinarySensorDescription(
        key="pump_bounded_by_device",
        translation_key="pump_bounded_by_device",
        entity_category=EntityCategory.DIAGNOSTIC,
        is_on_fn=_pump_bounded,
        attributes_fn=_pump_bound_attributes,
        exists_fn=lambda machine: machine.has_pump,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EspressoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the machine's binary sensors."""
    async_add_entities(
        described_entities(entry.runtime_data, BINARY_SENSORS, EspressoBinarySensor)
    )


class EspressoBinarySensor(EspressoDescribedEntity, BinarySensorEntity):
    """A yes/no fact about the machine."""

    entity_description: EspressoBinarySensorDescription

    @property
    def is_on(self) -> bool | None:
        """Read off the machine."""
        return self.entity_description.is_on_fn(self.machine)
