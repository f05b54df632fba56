"""Hand-made backflushes recognized through Home Assistant, in frozen time.

A person pulses the brew switch (seen by a brew sensor or the pump relay):
five pulses with cleaner, a rinse, five with water. The machine records the
backflush, fires ``espresso_care_backflush_recognized`` and counts none of
the pulses as flushes; shots, flushes and a program's own pulses are never
taken for one, and the option turns it off.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import (
    EVENT_BACKFLUSH_RECOGNIZED,
    OPT_RECOGNIZE_BACKFLUSH,
)

from .conftest import (
    BREW,
    PLUG,
    PUMP,
    Relays,
    Rig,
    loaded,
    machine_entry,
    machine_marker,
)
from .helpers import run, settle, state_of

FLUSHES = "sensor.espresso_machine_flushes"
SHOTS = "sensor.espresso_machine_shots"
LAST_BACKFLUSH = "sensor.espresso_machine_last_backflush"
SINCE_BACKFLUSH = "sensor.espresso_machine_shots_since_backflush"
STATE = "sensor.espresso_machine_backflush_state"


@pytest.fixture
async def entry(
    hass: HomeAssistant,
    relays: Relays,
    request: pytest.FixtureRequest,
    freezer: FrozenDateTimeFactory,
) -> AsyncGenerator[MockConfigEntry]:
    """A loaded machine; ``@pytest.mark.machine(brew=..., options=...)``."""
    kwargs = machine_marker(request)
    brew = kwargs.get("brew", True)
    if brew:
        hass.states.async_set(BREW, "off")
    entry = machine_entry(
        pump=PUMP if kwargs.get("pump", False) else None,
        brew_sensor=BREW if brew else None,
        unique_id=PLUG,
        options=kwargs.get("options", {}),
    )
    async with loaded(hass, entry):
        yield entry


@pytest.fixture
def recognized(hass: HomeAssistant) -> list[Event]:
    """The recognized events fired."""
    events: list[Event] = []
    hass.bus.async_listen(EVENT_BACKFLUSH_RECOGNIZED, events.append)
    return events


def value(hass: HomeAssistant, entity_id: str) -> str:
    return state_of(hass, entity_id).state


async def pulse(rig: Rig, on: float, off: float, *, relay: bool = False) -> None:
    """The brew switch (or, with ``relay``, the pump relay) on for ``on`` s, then off for ``off`` s."""
    if relay:
        await rig.pulse(on, off)
        return
    for switched_on, seconds in ((True, on), (False, off)):
        rig.hass.states.async_set(BREW, "on" if switched_on else "off")
        await rig.advance(seconds)


async def hand_backflush(rig: Rig, *, relay: bool = False) -> None:
    """Five pulses with cleaner, a rinse of two minutes, five with water."""
    for on, off in ((8, 9), (10, 12), (7, 8), (9, 11), (10, 120)):
        await pulse(rig, on, off, relay=relay)
    for on, off in ((9, 10), (8, 12), (11, 9), (10, 10), (6, 60)):
        await pulse(rig, on, off, relay=relay)


async def test_recognized_by_the_brew_sensor(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    """Recorded, announced; its pulses are no flushes, a flush after it is one."""
    # A shot first: the backflush resets the count since the last one.
    await pulse(rig, 28, 300)
    assert value(hass, SINCE_BACKFLUSH) == "1"
    assert value(hass, LAST_BACKFLUSH) == "unknown"
    started = dt_util.utcnow()
    await hand_backflush(rig)
    (event,) = recognized
    assert event.data["config_entry_id"] == rig.entry.entry_id
    assert event.data["device_id"]
    assert event.data["pulses"] == 10
    assert dt_util.parse_datetime(event.data["started"]) == started
    ended = dt_util.parse_datetime(event.data["ended"])
    assert ended is not None
    assert value(hass, LAST_BACKFLUSH) == ended.replace(microsecond=0).isoformat()
    assert value(hass, SINCE_BACKFLUSH) == "0"
    assert value(hass, FLUSHES) == "0"
    assert value(hass, SHOTS) == "1"
    await pulse(rig, 3, 60)
    assert value(hass, FLUSHES) == "1"
    assert len(recognized) == 1


@pytest.mark.machine(brew=False, pump=True)
async def test_recognized_by_the_pump_relay(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    await hand_backflush(rig, relay=True)
    assert [e.data["pulses"] for e in recognized] == [10]
    assert value(hass, FLUSHES) == "0"
    assert value(hass, LAST_BACKFLUSH) != "unknown"


async def test_recognized_with_a_pulse_seen_as_long_as_a_shot(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    """A slow sensor shows a 12 s pulse 15 s long: a shot at once, taken back as a pulse."""
    await pulse(rig, 28, 300)
    for on, off in ((8, 9), (10, 12), (15, 8)):
        await pulse(rig, on, off)
    assert value(hass, SHOTS) == "2"
    for on, off in ((9, 11), (10, 120)):
        await pulse(rig, on, off)
    for on, off in ((9, 10), (8, 12), (11, 9), (10, 10), (6, 60)):
        await pulse(rig, on, off)
    assert [e.data["pulses"] for e in recognized] == [10]
    assert value(hass, LAST_BACKFLUSH) != "unknown"
    assert value(hass, FLUSHES) == "0"
    # The pulse counted as a shot is taken back: only the real shot remains.
    assert value(hass, SHOTS) == "1"
    assert value(hass, SINCE_BACKFLUSH) == "0"


async def test_shots_and_flushes_are_no_backflush(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    """Shots each followed by flushes, and a burst of flushes alone: all counted."""
    for _ in range(3):
        await pulse(rig, 4, 15)  # a cooling flush
        await pulse(rig, 27, 20)  # the shot
        await pulse(rig, 3, 8)
        await pulse(rig, 4, 120)
    for _ in range(3):
        await pulse(rig, 5, 10)
    await rig.advance(60)
    assert recognized == []
    assert value(hass, SHOTS) == "3"
    assert value(hass, FLUSHES) == "12"
    assert value(hass, LAST_BACKFLUSH) == "unknown"


async def test_a_single_series_is_no_backflush(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    """Five pulses and no rinse series: five flushes, counted once the wait is over."""
    for _ in range(5):
        await pulse(rig, 8, 10)
    assert value(hass, FLUSHES) == "0"  # held: a rinse series may follow
    await rig.advance(700)
    assert value(hass, FLUSHES) == "5"
    assert recognized == []


@pytest.mark.machine(brew=False, pump=True)
async def test_a_programs_own_pulses_are_no_backflush(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    """Two water programs, two minutes apart: pulses like a backflush, but ours."""
    for _ in range(2):
        await run(hass, program="water", cycles=5, flushes=0)
        await rig.advance(200)
        assert value(hass, STATE) == "completed"
        await rig.advance(120)
    await rig.advance(700)
    assert recognized == []
    assert value(hass, FLUSHES) == "0"


@pytest.mark.machine(options={OPT_RECOGNIZE_BACKFLUSH: 0})
async def test_the_option_turns_it_off(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    """Off: every pulse is a flush at once, nothing is recorded."""
    await pulse(rig, 8, 1)
    assert value(hass, FLUSHES) == "1"
    await hand_backflush(rig)
    assert recognized == []
    assert value(hass, FLUSHES) == "11"
    assert value(hass, LAST_BACKFLUSH) == "unknown"


async def test_switching_it_off_and_unloading_count_what_is_held(
    hass: HomeAssistant, rig: Rig, recognized: list[Event]
) -> None:
    """Held pulses are never lost: counted when the option goes off, or at unload."""
    for _ in range(4):
        await pulse(rig, 8, 10)
    assert value(hass, FLUSHES) == "0"
    hass.config_entries.async_update_entry(
        rig.entry, options={**rig.entry.options, OPT_RECOGNIZE_BACKFLUSH: 0}
    )
    await settle(hass)
    assert value(hass, FLUSHES) == "4"
    hass.config_entries.async_update_entry(
        rig.entry, options={**rig.entry.options, OPT_RECOGNIZE_BACKFLUSH: 1}
    )
    await settle(hass)
    for _ in range(3):
        await pulse(rig, 8, 10)
    assert await hass.config_entries.async_reload(rig.entry.entry_id)
    await settle(hass)
    assert value(hass, FLUSHES) == "7"
    assert recognized == []
