"""Binary sensors: a program running, and each maintenance task being due."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import EspressoEntity
from .machine import EspressoConfigEntry, Machine
from .maintenance import TASKS, Task

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class EspressoBinarySensorDescription(BinarySensorEntityDescription):
    """A binary sensor and how to read it off the machine."""

    is_on_fn: Callable[[Machine], bool]
    attributes_fn: Callable[[Machine], Mapping[str, Any]] | None = None


def _due_attributes(task: Task) -> Callable[[Machine], Mapping[str, Any]]:
    def attributes(machine: Machine) -> Mapping[str, Any]:
        status = machine.task_status(task)
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
        is_on_fn=lambda machine: machine.task_status(task).due,
        attributes_fn=_due_attributes(task),
    )


BINARY_SENSORS: tuple[EspressoBinarySensorDescription, ...] = (
    EspressoBinarySensorDescription(
        key="backflush_running",
        translation_key="backflush_running",
        device_class=BinarySensorDeviceClass.RUNNING,
        is_on_fn=lambda machine: machine.program.running,
    ),
    *(_due_description(task.task) for task in TASKS),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EspressoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the machine's binary sensors."""
    async_add_entities(
        EspressoBinarySensor(entry.runtime_data, d) for d in BINARY_SENSORS
    )


class EspressoBinarySensor(EspressoEntity, BinarySensorEntity):
    """A yes/no fact about the machine."""

    entity_description: EspressoBinarySensorDescription

    @property
    def is_on(self) -> bool:
        """Read off the machine."""
        return self.entity_description.is_on_fn(self.machine)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Why a task is due, and how far over."""
        if self.entity_description.attributes_fn is None:
            return None
        return self.entity_description.attributes_fn(self.machine)
