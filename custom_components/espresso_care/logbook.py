"""Logbook: the program events in words, on the machine's backflush state sensor.

The daily routine's events (ready, auto-off soon, switched off by auto-off)
go on its heat-up sensor.

Home Assistant's logbook descriptions are plain strings (English), like the
core integrations' own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util

from .const import (
    DOMAIN,
    EVENT_AUTO_OFF,
    EVENT_AUTO_OFF_SOON,
    EVENT_BACKFLUSH_ACTION_REQUIRED,
    EVENT_BACKFLUSH_FINISHED,
    EVENT_BACKFLUSH_RECOGNIZED,
    EVENT_BACKFLUSH_STARTED,
    EVENT_READY,
)

ACTIONS = {
    "rinse_portafilter": "rinse the portafilter",
    "remove_portafilter": "remove the portafilter",
}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Any], dict[str, Any]]], None],
) -> None:
    """Describe the started, action required and finished events."""

    def entry(
        data: Mapping[str, Any], message: str, sensor: str = "backflush_state"
    ) -> dict[str, Any]:
        entry_id = data.get("config_entry_id")
        config_entry = hass.config_entries.async_get_entry(entry_id or "")
        described: dict[str, Any] = {
            LOGBOOK_ENTRY_NAME: config_entry.title
            if config_entry
            else "Espresso machine",
            LOGBOOK_ENTRY_MESSAGE: message,
        }
        if entity_id := er.async_get(hass).async_get_entity_id(
            Platform.SENSOR, DOMAIN, f"{entry_id}_{sensor}"
        ):
            described[LOGBOOK_ENTRY_ENTITY_ID] = entity_id
        return described

    @callback
    def started(event: Any) -> dict[str, Any]:
        data = event.data
        return entry(data, f"backflush started: {_program(data)}")

    @callback
    def action_required(event: Any) -> dict[str, Any]:
        data = event.data
        action = ACTIONS.get(data.get("action"), data.get("action"))
        return entry(data, f"backflush waits for you to {action}, {_program(data)}")

    @callback
    def finished(event: Any) -> dict[str, Any]:
        data = event.data
        result = data.get("result")
        if reason := data.get("reason"):
            result = f"{result} ({str(reason).replace('_', ' ')})"
        return entry(data, f"backflush finished: {result}, {_program(data)}")

    @callback
    def recognized(event: Any) -> dict[str, Any]:
        pulses = event.data.get("pulses")
        return entry(
            event.data,
            f"backflush by hand recognized ({pulses} pulses), not run by the integration",
        )

    @callback
    def ready(event: Any) -> dict[str, Any]:
        seconds = event.data.get("heat_up_seconds")
        took = f": heated up in {seconds / 60:.1f} min" if seconds else ""
        return entry(event.data, f"ready{took}", "heat_up")

    @callback
    def auto_off_soon(event: Any) -> dict[str, Any]:
        when = dt_util.parse_datetime(str(event.data.get("off_at")))
        at = f" at {dt_util.as_local(when):%H:%M}" if when else ""
        return entry(event.data, f"switches off{at} unless kept on", "heat_up")

    @callback
    def auto_off(event: Any) -> dict[str, Any]:
        minutes = event.data.get("minutes")
        return entry(
            event.data,
            f"switched off by auto-off after {minutes} minutes without use",
            "heat_up",
        )

    async_describe_event(DOMAIN, EVENT_BACKFLUSH_STARTED, started)
    async_describe_event(DOMAIN, EVENT_BACKFLUSH_ACTION_REQUIRED, action_required)
    async_describe_event(DOMAIN, EVENT_BACKFLUSH_FINISHED, finished)
    async_describe_event(DOMAIN, EVENT_BACKFLUSH_RECOGNIZED, recognized)
    async_describe_event(DOMAIN, EVENT_READY, ready)
    async_describe_event(DOMAIN, EVENT_AUTO_OFF_SOON, auto_off_soon)
    async_describe_event(DOMAIN, EVENT_AUTO_OFF, auto_off)


def _program(data: Mapping[str, Any]) -> str:
    return f"{data.get('program') or 'unknown'} program"
