"""The integration's actions; they call the same machine methods as the buttons."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, callback
from homeassistant.helpers import config_validation as cv

try:  # Home Assistant 2026.x validates with probatio, voluptuous' successor
    import probatio as vol
except ImportError:  # Home Assistant 2025.x
    import voluptuous as vol  # type: ignore[no-redef,unused-ignore]

from .const import (
    ATTR_CONFIG_ENTRY_ID,
    ATTR_COUNT,
    ATTR_MINUTES,
    ATTR_POWER_OFF_AFTER,
    ATTR_PROGRAM,
    ATTR_TASK,
    ATTR_WARM_UP_MINUTES,
    ATTR_WHEN,
    DOMAIN,
    NUMBER_OPTION_BY_KEY,
    OPT_CYCLES,
    OPT_FLUSH_SECONDS,
    OPT_FLUSHES,
    OPT_PUMP_OFF_SECONDS,
    OPT_PUMP_ON_SECONDS,
    OPT_RINSE_CYCLES,
)
from .errors import validation_error
from .machine import Machine
from .maintenance import Task
from .program import Program

SERVICE_RUN_BACKFLUSH = "run_backflush"
SERVICE_CONTINUE_BACKFLUSH = "continue_backflush"
SERVICE_ABORT_BACKFLUSH = "abort_backflush"
SERVICE_LOG_SHOT = "log_shot"
SERVICE_RECORD_MAINTENANCE = "record_maintenance"
SERVICE_KEEP_ON = "keep_on"

PROGRAM_OVERRIDES = (
    OPT_CYCLES,
    OPT_PUMP_ON_SECONDS,
    OPT_PUMP_OFF_SECONDS,
    OPT_RINSE_CYCLES,
    OPT_FLUSHES,
    OPT_FLUSH_SECONDS,
)


def whole_number(value: Any) -> int:
    """Accept 3, 3.0 or "3"; refuse True, 2.7 or "two" (Coerce(int) would not)."""
    if isinstance(value, bool):
        raise vol.Invalid("expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise vol.Invalid("expected a whole number")


def _in_range(key: str) -> Any:
    option = NUMBER_OPTION_BY_KEY[key]
    return vol.All(whole_number, vol.Range(min=option.minimum, max=option.maximum))


ENTRY_SCHEMA: dict[vol.Marker, Any] = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
OVERRIDE_FIELDS: dict[vol.Marker, Any] = {
    vol.Optional(key): _in_range(key) for key in PROGRAM_OVERRIDES
}
RUN_SCHEMA = vol.Schema(
    {
        **ENTRY_SCHEMA,
        vol.Optional(ATTR_PROGRAM, default=Program.CLEANER): vol.Coerce(Program),
        **OVERRIDE_FIELDS,
        vol.Optional(ATTR_WARM_UP_MINUTES, default=0): vol.All(
            whole_number, vol.Range(min=0, max=60)
        ),
        vol.Optional(ATTR_POWER_OFF_AFTER, default=False): cv.boolean,
    }
)
ENTRY_ONLY_SCHEMA = vol.Schema(ENTRY_SCHEMA)
LOG_SHOT_SCHEMA = vol.Schema(
    {
        **ENTRY_SCHEMA,
        vol.Optional(ATTR_COUNT, default=1): vol.All(
            whole_number, vol.Range(min=1, max=10)
        ),
    }
)
RECORD_SCHEMA = vol.Schema(
    {
        **ENTRY_SCHEMA,
        vol.Required(ATTR_TASK): vol.Coerce(Task),
        vol.Optional(ATTR_WHEN): cv.datetime,
    }
)
KEEP_ON_SCHEMA = vol.Schema(
    {
        **ENTRY_SCHEMA,
        vol.Optional(ATTR_MINUTES): vol.All(whole_number, vol.Range(min=1, max=720)),
    }
)


def machine_for(hass: HomeAssistant, entry_id: str | None) -> Machine:
    """The machine an action is for; the entry id may be left out when there is one."""
    if entry_id is None:
        loaded = hass.config_entries.async_loaded_entries(DOMAIN)
        if len(loaded) == 1:
            machine: Machine = loaded[0].runtime_data
            return machine
        if not loaded:
            raise validation_error("no_machine")
        raise validation_error("config_entry_required")
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise validation_error("unknown_config_entry", config_entry_id=entry_id)
    if entry.state is not ConfigEntryState.LOADED:
        raise validation_error("machine_not_loaded", name=entry.title)
    return entry.runtime_data  # type: ignore[no-any-return]


async def _run_backflush(machine: Machine, data: dict[str, Any]) -> None:
    await machine.async_start_program(
        data[ATTR_PROGRAM],
        {key: data[key] for key in PROGRAM_OVERRIDES if key in data},
        warm_up_minutes=data[ATTR_WARM_UP_MINUTES],
        power_off_after=data[ATTR_POWER_OFF_AFTER],
    )


async def _continue(machine: Machine, data: dict[str, Any]) -> None:
    await machine.async_continue_program()


async def _abort(machine: Machine, data: dict[str, Any]) -> None:
    await machine.async_abort_program()


async def _log_shot(machine: Machine, data: dict[str, Any]) -> None:
    await machine.records.async_log_shots(data[ATTR_COUNT])


async def _keep_on(machine: Machine, data: dict[str, Any]) -> None:
    await machine.routine.async_keep_on(data.get(ATTR_MINUTES))


async def _record(machine: Machine, data: dict[str, Any]) -> None:
    await machine.records.async_record(data[ATTR_TASK], data.get(ATTR_WHEN))


SERVICES: dict[
    str, tuple[vol.Schema, Callable[[Machine, dict[str, Any]], Awaitable[None]]]
] = {
    SERVICE_RUN_BACKFLUSH: (RUN_SCHEMA, _run_backflush),
    SERVICE_CONTINUE_BACKFLUSH: (ENTRY_ONLY_SCHEMA, _continue),
    SERVICE_ABORT_BACKFLUSH: (ENTRY_ONLY_SCHEMA, _abort),
    SERVICE_LOG_SHOT: (LOG_SHOT_SCHEMA, _log_shot),
    SERVICE_RECORD_MAINTENANCE: (RECORD_SCHEMA, _record),
    SERVICE_KEEP_ON: (KEEP_ON_SCHEMA, _keep_on),
}


def _validated(schema: vol.Schema, data: dict[str, Any]) -> dict[str, Any]:
    """Validate action data, refusing bad input with a translated error.

    Home Assistant would raise voluptuous' own untranslated message; the
    schema is applied here instead so every refusal speaks the user's language.
    """
    try:
        validated: dict[str, Any] = schema(data)
    except vol.Invalid as err:
        raise validation_error("invalid_action_data", error=str(err)) from err
    return validated


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    for name, (schema, handler) in SERVICES.items():

        async def _handle(
            call: ServiceCall, schema: vol.Schema = schema, handler: Any = handler
        ) -> None:
            data = _validated(schema, dict(call.data))
            machine = machine_for(hass, data.pop(ATTR_CONFIG_ENTRY_ID, None))
            await handler(machine, data)

        hass.services.async_register(DOMAIN, name, _handle)
