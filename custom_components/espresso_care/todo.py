"""A to-do list of the machine's maintenance: what is due, or due within a week.

Checking an item off records that maintenance, like the buttons do.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.todo import TodoItem, TodoListEntity
from homeassistant.components.todo.const import TodoItemStatus, TodoListEntityFeature
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .entity import EspressoEntity
from .errors import validation_error
from .machine import EspressoConfigEntry, Machine
from .maintenance import TASKS, Task

PARALLEL_UPDATES = 0

MAINTENANCE_LIST = EntityDescription(key="maintenance", translation_key="maintenance")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EspressoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the maintenance to-do list."""
    async_add_entities([MaintenanceTodoList(entry.runtime_data, MAINTENANCE_LIST)])


class MaintenanceTodoList(EspressoEntity, TodoListEntity):
    """One item per maintenance task that is due or falls due within a week."""

    _attr_supported_features = TodoListEntityFeature.UPDATE_TODO_ITEM

    def __init__(self, machine: Machine, description: EntityDescription) -> None:
        super().__init__(machine, description)
        self._summaries: dict[str, str] = {}

    async def async_added_to_hass(self) -> None:
        """Load the tasks' names in the user's language."""
        await super().async_added_to_hass()
        translations = await async_get_translations(
            self.hass, self.hass.config.language, "selector", {DOMAIN}
        )
        prefix = f"component.{DOMAIN}.selector.task.options."
        self._summaries = {
            key.removeprefix(prefix): value
            for key, value in translations.items()
            if key.startswith(prefix)
        }

    def shown(self) -> tuple[Any, ...]:
        """The items themselves: the state counts them, a card shows them."""
        return (self.available, *self.todo_items)

    @property
    def todo_items(self) -> list[TodoItem]:
        """The tasks that are due or due soon, in table order."""
        now = dt_util.utcnow()
        items: list[TodoItem] = []
        for task in TASKS:
            status = self.machine.records.task_status(task.task, now)
            if not status.shows_on_todo(now):
                continue
            items.append(
                TodoItem(
                    uid=task.task,
                    summary=self._summaries.get(task.task, task.task.capitalize()),
                    status=TodoItemStatus.NEEDS_ACTION,
                    # A task due by shots alone is due today.
                    due=dt_util.as_local(status.due_at or now),
                )
            )
        return items

    async def async_update_todo_item(self, item: TodoItem) -> None:
        """Checking an item off records the maintenance."""
        if item.uid not in Task.__members__.values():
            raise validation_error("unknown_task")
        if item.status == TodoItemStatus.COMPLETED:
            await self.machine.records.async_record(Task(str(item.uid)))
