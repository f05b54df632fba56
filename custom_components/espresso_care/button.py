"""Buttons: start, continue and abort programs, log a shot, record maintenance."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import EspressoEntity
from .machine import EspressoConfigEntry, Machine
from .maintenance import Task
from .program import Program

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class EspressoButtonDescription(ButtonEntityDescription):
    """A button and the machine method it calls (the same one the action calls)."""

    press_fn: Callable[[Machine], Awaitable[None]]


async def _keep_on(machine: Machine) -> None:
    await machine.routine.async_keep_on()


BUTTONS: tuple[EspressoButtonDescription, ...] = (
    EspressoButtonDescription(
        key="start_backflush",
        translation_key="start_backflush",
        press_fn=lambda machine: machine.async_start_program(Program.CLEANER),
    ),
    EspressoButtonDescription(
        key="start_rinse",
        translation_key="start_rinse",
        press_fn=lambda machine: machine.async_start_program(Program.WATER),
    ),
    EspressoButtonDescription(
        key="flush_group",
        translation_key="flush_group",
        press_fn=lambda machine: machine.async_start_program(Program.FLUSH),
    ),
    EspressoButtonDescription(
        key="continue_backflush",
        translation_key="continue_backflush",
        press_fn=lambda machine: machine.async_continue_program(),
    ),
    EspressoButtonDescription(
        key="abort_backflush",
        translation_key="abort_backflush",
        press_fn=lambda machine: machine.async_abort_program(),
    ),
    EspressoButtonDescription(
        key="log_shot",
        translation_key="log_shot",
        press_fn=lambda machine: machine.records.async_log_shots(1),
    ),
    EspressoButtonDescription(
        key="keep_on",
        translation_key="keep_on",
        press_fn=_keep_on,
    ),
    EspressoButtonDescription(
        key="mark_backflushed",
        translation_key="mark_backflushed",
        entity_category=EntityCategory.CONFIG,
        press_fn=lambda machine: machine.records.async_record(Task.BACKFLUSH),
    ),
    EspressoButtonDescription(
        key="mark_descaled",
        translation_key="mark_descaled",
        entity_category=EntityCategory.CONFIG,
        press_fn=lambda machine: machine.records.async_record(Task.DESCALE),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EspressoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the machine's buttons."""
    async_add_entities(EspressoButton(entry.runtime_data, d) for d in BUTTONS)


class EspressoButton(EspressoEntity, ButtonEntity):
    """A button of the machine."""

    entity_description: EspressoButtonDescription
    _follows_machine = False

    async def async_press(self) -> None:
        """Do what the button says; refusals raise the action's translated error."""
        await self.entity_description.press_fn(self.machine)
