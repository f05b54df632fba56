"""Shot counting and maintenance: classification, due rules, resets, persistence."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import DOMAIN
from custom_components.espresso_care.storage import storage_key

from .conftest import Relays, Rig, loaded, machine_entry
from .helpers import abort, json_object, press, run, settle, state_of, stored

SHOTS = "sensor.espresso_machine_shots"
FLUSHES = "sensor.espresso_machine_flushes"
SINCE_BACKFLUSH = "sensor.espresso_machine_shots_since_backflush"
SINCE_DESCALE = "sensor.espresso_machine_shots_since_descale"
LAST_BACKFLUSH = "sensor.espresso_machine_last_backflush"
LAST_DESCALE = "sensor.espresso_machine_last_descale"
NEXT_DESCALE = "sensor.espresso_machine_next_descale"
BACKFLUSH_DUE = "binary_sensor.espresso_machine_backflush_due"
DESCALE_DUE = "binary_sensor.espresso_machine_descale_due"
TODO = "todo.espresso_machine_maintenance"


def value(hass: HomeAssistant, entity_id: str) -> str:
    return state_of(hass, entity_id).state


async def pull(rig: Rig, seconds: float) -> None:
    """Run the pump by hand (the brew switch) for ``seconds``."""
    rig.relays.pump.set(True)
    await settle(rig.hass)
    rig.freezer.tick(timedelta(seconds=seconds))
    rig.relays.pump.set(False)
    await settle(rig.hass)


@pytest.mark.parametrize(
    ("seconds", "shots", "flushes"),
    [
        (1, 0, 1),
        (14.999, 0, 1),
        (15, 1, 0),
        (60, 1, 0),
        (120, 1, 0),
        (120.001, 0, 0),
        (300, 0, 0),
    ],
)
async def test_classification_at_the_boundaries(
    hass: HomeAssistant,
    rig: Rig,
    caplog: pytest.LogCaptureFixture,
    seconds: float,
    shots: int,
    flushes: int,
) -> None:
    caplog.set_level(logging.DEBUG, logger="custom_components.espresso_care")
    await pull(rig, seconds)
    # A flush counts once no backflush pulse follows it.
    await rig.advance(40)
    assert value(hass, SHOTS) == str(shots)
    assert value(hass, FLUSHES) == str(flushes)
    assert value(hass, SINCE_BACKFLUSH) == str(shots)
    assert value(hass, SINCE_DESCALE) == str(shots)
    if not shots and not flushes:
        assert "neither shot nor flush" in caplog.text


async def test_duration_comes_from_the_state_timestamps(
    hass: HomeAssistant, rig: Rig
) -> None:
    """Callbacks that run late do not stretch a flush into a shot."""
    rig.relays.pump.set(True)
    rig.freezer.tick(timedelta(seconds=10))
    rig.relays.pump.set(False)
    rig.freezer.tick(timedelta(seconds=30))  # the loop is slow to run the callbacks
    await settle(hass)
    await rig.advance(40)  # a flush counts once no pulse follows
    assert value(hass, FLUSHES) == "1"
    assert value(hass, SHOTS) == "0"


async def test_unavailable_mid_run_is_not_counted(
    hass: HomeAssistant, rig: Rig
) -> None:
    rig.relays.pump.set(True)
    await settle(hass)
    rig.freezer.tick(timedelta(seconds=10))
    rig.relays.pump.set_available(False)
    await settle(hass)
    rig.freezer.tick(timedelta(seconds=10))
    rig.relays.pump.set_available(True)
    rig.relays.pump.set(False)
    await settle(hass)
    assert value(hass, SHOTS) == "0"
    assert value(hass, FLUSHES) == "0"


async def test_no_phantom_run_at_start(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    relays.pump.set(True)  # on before the integration starts
    async with loaded(hass, machine_entry()) as entry:
        freezer.tick(timedelta(seconds=25))
        relays.pump.set(False)
        await settle(hass)
        assert value(hass, SHOTS) == "0"
        await pull(Rig(hass, entry, relays, freezer), 25)
        assert value(hass, SHOTS) == "1"


async def test_manual_logging(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 3}, blocking=True)
    await press(hass, "log_shot")
    await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
    await settle(hass)
    assert value(hass, SHOTS) == "5"
    assert value(hass, SINCE_BACKFLUSH) == "5"


@pytest.mark.parametrize("entry_options", [{"backflush_interval_shots": 3}])
async def test_backflush_due_by_shots(hass: HomeAssistant, rig: Rig) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 2}, blocking=True)
    await settle(hass)
    assert value(hass, BACKFLUSH_DUE) == STATE_OFF
    await pull(rig, 25)
    assert value(hass, BACKFLUSH_DUE) == STATE_ON
    attributes = state_of(hass, BACKFLUSH_DUE).attributes
    assert attributes["reasons"] == ["shots"]
    assert attributes["shots_over"] == 0
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 2}, blocking=True)
    await settle(hass)
    assert state_of(hass, BACKFLUSH_DUE).attributes["shots_over"] == 2
    assert value(hass, DESCALE_DUE) == STATE_OFF


async def test_backflush_due_by_days_needs_a_shot(
    hass: HomeAssistant, rig: Rig
) -> None:
    await rig.advance(8 * 86400)
    assert value(hass, BACKFLUSH_DUE) == STATE_OFF  # no coffee, no oils
    await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
    await settle(hass)
    assert value(hass, BACKFLUSH_DUE) == STATE_ON
    attributes = state_of(hass, BACKFLUSH_DUE).attributes
    assert attributes["reasons"] == ["days"]
    assert attributes["days_over"] == 1.0


async def test_days_rule_flips_with_no_event(hass: HomeAssistant, rig: Rig) -> None:
    due = rig.entry.created_at + timedelta(days=7)
    await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
    await settle(hass)
    await rig.advance((due - dt_util.utcnow()).total_seconds() - 0.001)
    assert value(hass, BACKFLUSH_DUE) == STATE_OFF
    await rig.advance(0.001)
    assert value(hass, BACKFLUSH_DUE) == STATE_ON


async def test_days_rule_flips_after_a_restart(hass: HomeAssistant, rig: Rig) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
    await rig.advance(3 * 86400)
    assert await hass.config_entries.async_reload(rig.entry.entry_id)
    await settle(hass)
    assert value(hass, SHOTS) == "1"
    await rig.advance(4 * 86400 - 1)
    assert value(hass, BACKFLUSH_DUE) == STATE_OFF
    await rig.advance(1)
    assert value(hass, BACKFLUSH_DUE) == STATE_ON


async def test_descale_by_days_and_next_descale(hass: HomeAssistant, rig: Rig) -> None:
    due_at = rig.entry.created_at + timedelta(days=90)
    assert dt_util.parse_datetime(value(hass, NEXT_DESCALE)) == due_at.replace(
        microsecond=0
    )
    assert value(hass, LAST_DESCALE) == "unknown"
    await rig.advance((due_at - dt_util.utcnow()).total_seconds() - 1)
    assert value(hass, DESCALE_DUE) == STATE_OFF
    await rig.advance(1)
    assert value(hass, DESCALE_DUE) == STATE_ON
    assert state_of(hass, DESCALE_DUE).attributes["reasons"] == ["days"]
    await press(hass, "mark_descaled")
    assert value(hass, DESCALE_DUE) == STATE_OFF
    assert dt_util.parse_datetime(
        value(hass, LAST_DESCALE)
    ) == dt_util.utcnow().replace(microsecond=0)
    assert dt_util.parse_datetime(value(hass, NEXT_DESCALE)) == (
        dt_util.utcnow() + timedelta(days=90)
    ).replace(microsecond=0)


@pytest.mark.parametrize(
    "entry_options", [{"descale_interval_shots": 2, "descale_interval_days": 0}]
)
async def test_descale_by_shots(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    assert value(hass, NEXT_DESCALE) == "unknown"
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 2}, blocking=True)
    await settle(hass)
    assert value(hass, DESCALE_DUE) == STATE_ON
    assert state_of(hass, DESCALE_DUE).attributes["reasons"] == ["shots"]


@pytest.mark.parametrize("entry_options", [{"backflush_interval_shots": 2}])
async def test_reset_by_completed_cleaner_program(
    hass: HomeAssistant, rig: Rig
) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 2}, blocking=True)
    await settle(hass)
    assert value(hass, BACKFLUSH_DUE) == STATE_ON
    # Water and flush programs are not a backflush with cleaner.
    await run(hass, program="flush")
    await rig.advance(60)
    assert value(hass, BACKFLUSH_DUE) == STATE_ON
    await run(hass, cycles=1, rinse_cycles=0, flushes=0)
    await rig.advance(20)
    assert value(hass, "sensor.espresso_machine_backflush_state") == "completed"
    assert value(hass, BACKFLUSH_DUE) == STATE_OFF
    assert value(hass, SINCE_BACKFLUSH) == "0"
    assert value(hass, SINCE_DESCALE) == "2"
    assert value(hass, SHOTS) == "2"


async def test_aborted_program_does_not_reset(hass: HomeAssistant, rig: Rig) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
    await run(hass)
    await rig.advance(5)
    await abort(hass)
    await settle(hass)
    assert value(hass, SINCE_BACKFLUSH) == "1"
    assert value(hass, LAST_BACKFLUSH) == "unknown"


async def test_record_maintenance_action(hass: HomeAssistant, rig: Rig) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 4}, blocking=True)
    when = dt_util.utcnow() - timedelta(days=2)
    await hass.services.async_call(
        DOMAIN, "record_maintenance", {"task": "backflush", "when": when}, blocking=True
    )
    await settle(hass)
    assert dt_util.parse_datetime(value(hass, LAST_BACKFLUSH)) == when.replace(
        microsecond=0
    )
    assert value(hass, SINCE_BACKFLUSH) == "0"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            "record_maintenance",
            {"task": "descale", "when": dt_util.utcnow() + timedelta(minutes=1)},
            blocking=True,
        )
    assert err.value.translation_key == "when_in_future"
    assert value(hass, LAST_DESCALE) == "unknown"
    await press(hass, "mark_backflushed")
    assert dt_util.parse_datetime(
        value(hass, LAST_BACKFLUSH)
    ) == dt_util.utcnow().replace(microsecond=0)


async def _todo_items(hass: HomeAssistant) -> list[dict[str, Any]]:
    result = await hass.services.async_call(
        "todo", "get_items", {ATTR_ENTITY_ID: TODO}, blocking=True, return_response=True
    )
    items: list[dict[str, Any]] = json_object(json_object(result)[TODO])["items"]
    return items


@pytest.mark.parametrize("entry_options", [{"backflush_interval_shots": 1}])
async def test_todo_list(hass: HomeAssistant, rig: Rig) -> None:
    assert await _todo_items(hass) == []
    assert value(hass, TODO) == "0"
    await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
    await settle(hass)
    items = await _todo_items(hass)
    assert [(i["summary"], i["uid"], i["status"]) for i in items] == [
        ("Backflush", "backflush", "needs_action")
    ]
    assert value(hass, TODO) == "1"
    # Descale enters the list a week before it falls due.
    await rig.advance(
        (rig.entry.created_at + timedelta(days=83) - dt_util.utcnow()).total_seconds()
        - 1,
    )
    assert [i["uid"] for i in await _todo_items(hass)] == ["backflush"]
    await rig.advance(1)
    items = await _todo_items(hass)
    assert [i["uid"] for i in items] == ["backflush", "descale"]
    assert dt_util.parse_datetime(items[1]["due"]) == rig.entry.created_at + timedelta(
        days=90
    )
    # Checking an item off records the maintenance.
    await hass.services.async_call(
        "todo",
        "update_item",
        {ATTR_ENTITY_ID: TODO, "item": "Backflush", "status": "completed"},
        blocking=True,
    )
    await settle(hass)
    assert [i["uid"] for i in await _todo_items(hass)] == ["descale"]
    assert value(hass, SINCE_BACKFLUSH) == "0"
    assert value(hass, LAST_BACKFLUSH) != "unknown"


@pytest.mark.parametrize("entry_options", [{"backflush_interval_shots": 10}])
async def test_options_apply_live(hass: HomeAssistant, rig: Rig) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {"count": 5}, blocking=True)
    await settle(hass)
    assert value(hass, BACKFLUSH_DUE) == STATE_OFF
    hass.config_entries.async_update_entry(
        rig.entry, options={**rig.entry.options, "backflush_interval_shots": 5}
    )
    await settle(hass)
    assert value(hass, BACKFLUSH_DUE) == STATE_ON
    # A shorter day interval re-arms the calendar timer at once.
    hass.config_entries.async_update_entry(
        rig.entry, options={**rig.entry.options, "descale_interval_days": 1}
    )
    await settle(hass)
    await rig.advance(
        (rig.entry.created_at + timedelta(days=1) - dt_util.utcnow()).total_seconds(),
    )
    assert value(hass, DESCALE_DUE) == STATE_ON


async def test_shots_are_saved_at_once_and_survive_a_restart(
    hass: HomeAssistant, rig: Rig, hass_storage: dict[str, Any]
) -> None:
    await pull(rig, 25)
    await pull(rig, 5)
    # Written as soon as counted (a flush once no backflush pulse follows):
    # a crash a second later loses nothing.
    await rig.advance(40)
    stored = hass_storage[storage_key(rig.entry.entry_id)]
    assert stored["version"] == 1
    assert stored["data"]["shots"] == 1
    assert stored["data"]["flushes"] == 1
    await hass.services.async_call(
        DOMAIN, "record_maintenance", {"task": "descale"}, blocking=True
    )
    assert await hass.config_entries.async_unload(rig.entry.entry_id)
    hass_storage[storage_key(rig.entry.entry_id)] = dict(
        hass_storage[storage_key(rig.entry.entry_id)]
    )
    assert await hass.config_entries.async_setup(rig.entry.entry_id)
    await settle(hass)
    assert value(hass, SHOTS) == "1"
    assert value(hass, FLUSHES) == "1"
    assert value(hass, SINCE_BACKFLUSH) == "1"
    assert value(hass, LAST_DESCALE) != "unknown"


@pytest.mark.parametrize(
    "data",
    [
        {"shots": "many"},
        {"shots": -1},
        {"tasks": {"backflush": {"last_done": "not a date", "shots_since": 1}}},
        {"tasks": "garbage"},
        "not even a dict",
    ],
)
async def test_corrupt_storage_starts_clean(
    hass: HomeAssistant,
    relays: Relays,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    data: Any,
) -> None:
    entry = stored(hass_storage, machine_entry(), data)
    async with loaded(hass, entry):
        assert value(hass, SHOTS) == "0"
        assert "unreadable" in caplog.text
        await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
        assert hass_storage[storage_key(entry.entry_id)]["data"]["shots"] == 1


async def test_migration_from_1_1(
    hass: HomeAssistant, relays: Relays, hass_storage: dict[str, Any]
) -> None:
    entry = stored(
        hass_storage,
        machine_entry(),
        {"shots": 7, "flushes": 2, "last_backflush": "2026-11-01T08:00:00+00:00"},
        minor_version=1,
    )
    async with loaded(hass, entry):
        assert value(hass, SHOTS) == "7"
        assert value(hass, LAST_BACKFLUSH) == "2026-11-01T08:00:00+00:00"


async def test_removal_cleans_storage(
    hass: HomeAssistant, entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    await hass.services.async_call(DOMAIN, "log_shot", {}, blocking=True)
    assert storage_key(entry.entry_id) in hass_storage
    assert await hass.config_entries.async_remove(entry.entry_id)
    await settle(hass)
    assert storage_key(entry.entry_id) not in hass_storage
