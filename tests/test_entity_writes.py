"""A machine update writes only the entities whose state or attributes changed.

Home Assistant reports every write, changed or not (``state_changed`` or
``state_reported``): both are counted through the bus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from homeassistant.const import EVENT_STATE_CHANGED, EVENT_STATE_REPORTED
from homeassistant.core import (
    Event,
    EventStateChangedData,
    EventStateReportedData,
    HomeAssistant,
    callback,
)
from homeassistant.util.event_type import EventType

from .conftest import Rig
from .helpers import settle, state_of

SHOTS = "sensor.espresso_machine_shots"
HEAT_UP = "sensor.espresso_machine_heat_up"
PLUG = "switch.espresso_machine_power"
BACKFLUSH_DUE = "binary_sensor.espresso_machine_backflush_due"
LOG_SHOT = "button.espresso_machine_log_shot"

# (event type, entity id): an event type is no str to a type checker.
type Write = tuple[EventType[Any] | str, str]


@contextmanager
def writes(hass: HomeAssistant) -> Iterator[Counter[Write]]:
    """Count each entity's writes meanwhile, as (event type, entity id)."""
    counted: Counter[Write] = Counter()

    @callback
    def count(
        event: Event[EventStateChangedData] | Event[EventStateReportedData],
    ) -> None:
        counted[(event.event_type, event.data["entity_id"])] += 1

    @callback
    def every(_data: object) -> bool:
        return True

    removers = [
        hass.bus.async_listen(EVENT_STATE_CHANGED, count),
        hass.bus.async_listen(EVENT_STATE_REPORTED, count, event_filter=every),
    ]
    try:
        yield counted
    finally:
        for remove in removers:
            remove()


def written(counted: Counter[Write], entity_id: str) -> int:
    """How often the entity's state was written, changed or not."""
    return sum(n for (_kind, entity), n in counted.items() if entity == entity_id)


async def test_an_update_that_changes_nothing_writes_nothing(
    hass: HomeAssistant, rig: Rig
) -> None:
    """The plug switched off: the heat-up changes, the shots and the buttons do not."""
    with writes(hass) as counted:
        rig.relays.plug.set(False)
        await settle(hass)
    assert counted[(EVENT_STATE_CHANGED, HEAT_UP)] == 1
    assert counted[(EVENT_STATE_CHANGED, PLUG)] == 1
    assert written(counted, SHOTS) == 0
    assert written(counted, BACKFLUSH_DUE) == 0
    assert written(counted, LOG_SHOT) == 0
    assert not [key for key in counted if key[0] == EVENT_STATE_REPORTED]


async def test_changed_attributes_are_written(hass: HomeAssistant, rig: Rig) -> None:
    """A shot changes the due sensor's attributes, not its state: it is written."""
    before = state_of(hass, BACKFLUSH_DUE)
    with writes(hass) as counted:
        await rig.pulse(25, 5)
    after = state_of(hass, BACKFLUSH_DUE)
    assert state_of(hass, SHOTS).state == "1"
    assert after.state == before.state
    assert after.attributes["shots_since"] == before.attributes["shots_since"] + 1
    assert counted[(EVENT_STATE_CHANGED, BACKFLUSH_DUE)] == 1
    assert counted[(EVENT_STATE_CHANGED, SHOTS)] == 1
    assert not [key for key in counted if key[0] == EVENT_STATE_REPORTED]
