"""The backflush programs: exact timelines, waits, abort, refusals, failures, restarts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.espresso_care.const import DOMAIN
from custom_components.espresso_care.storage import storage_key

from .conftest import Relays, Rig, machine_entry
from .helpers import abort, advance, is_on, press, resume, run, settle, state_of, stored

STATE = "sensor.espresso_machine_backflush_state"
PROGRESS = "sensor.espresso_machine_backflush_progress"
RUNNING = "binary_sensor.espresso_machine_backflush_running"


def state(hass: HomeAssistant) -> str:
    return state_of(hass, STATE).state


def offsets(relays: Relays, start: datetime) -> list[tuple[float, bool]]:
    """The pump's timeline in seconds from ``start``."""
    return [
        (round((when - start).total_seconds(), 6), on)
        for when, on in relays.pump.timeline
    ]


def pulses(start: float, count: int, on: float, off: float) -> list[tuple[float, bool]]:
    timeline: list[tuple[float, bool]] = []
    for n in range(count):
        t = start + n * (on + off)
        timeline += [(t, True), (t + on, False)]
    return timeline


@pytest.fixture
def events(hass: HomeAssistant) -> dict[str, list[Event]]:
    return {
        name: async_capture_events(hass, f"{DOMAIN}_backflush_{name}")
        for name in ("started", "action_required", "finished")
    }


async def test_cleaner_with_defaults(
    hass: HomeAssistant,
    rig: Rig,
    events: dict[str, list[Event]],
    device_registry: dr.DeviceRegistry,
) -> None:
    device = dr.async_entries_for_config_entry(device_registry, rig.entry.entry_id)[0]
    start = dt_util.utcnow()
    await run(hass)
    assert state(hass) == "cleaning"
    assert state_of(hass, RUNNING).state == STATE_ON
    assert state_of(hass, STATE).attributes["program"] == "cleaner"
    assert state_of(hass, STATE).attributes["step"] == "1/5"
    await rig.advance(100)
    assert state(hass) == "awaiting_rinse"
    assert offsets(rig.relays, start) == pulses(0, 5, 10, 10)
    assert state_of(hass, STATE).attributes["action"] == "rinse_portafilter"
    assert state_of(hass, PROGRESS).state == "38"  # 5 of 13 pulses
    assert state_of(hass, RUNNING).state == STATE_ON
    await rig.advance(60)  # nobody there yet: nothing happens
    assert len(rig.relays.pump.timeline) == 10

    await resume(hass)
    resumed = 160
    assert state(hass) == "rinsing"
    await rig.advance(100)
    assert state(hass) == "awaiting_flush"
    assert offsets(rig.relays, start)[10:] == pulses(resumed, 5, 10, 10)
    assert state_of(hass, STATE).attributes["action"] == "remove_portafilter"

    await rig.advance(20)
    await press(hass, "continue_backflush")
    resumed = 280
    assert state(hass) == "flushing"
    await rig.advance(3 * 13 - 0.001)
    assert state(hass) == "flushing"
    await rig.advance(0.001)
    assert state(hass) == "completed"
    assert offsets(rig.relays, start)[20:] == pulses(resumed, 3, 3, 10)
    assert state_of(hass, PROGRESS).state == "100"
    assert state_of(hass, RUNNING).state == STATE_OFF
    assert rig.relays.pump.is_on is False

    base = {
        "config_entry_id": rig.entry.entry_id,
        "device_id": device.id,
        "program": "cleaner",
    }
    assert [e.data for e in events["started"]] == [base]
    assert [e.data for e in events["action_required"]] == [
        {**base, "action": "rinse_portafilter"},
        {**base, "action": "remove_portafilter"},
    ]
    assert [e.data for e in events["finished"]] == [{**base, "result": "completed"}]
    # A completed cleaner program is a backflush.
    assert state_of(
        hass, "sensor.espresso_machine_last_backflush"
    ).state == dt_util.utcnow().isoformat(timespec="seconds")


async def test_cleaner_with_custom_numbers(hass: HomeAssistant, rig: Rig) -> None:
    start = dt_util.utcnow()
    await run(
        hass,
        cycles=2,
        pump_on_seconds=4,
        pump_off_seconds=6,
        rinse_cycles=1,
        flushes=2,
        flush_seconds=1,
    )
    await rig.advance(20)
    assert state(hass) == "awaiting_rinse"
    await resume(hass)
    await rig.advance(10)
    assert state(hass) == "awaiting_flush"
    await resume(hass)
    await rig.advance(14)
    assert state(hass) == "completed"
    assert offsets(rig.relays, start) == (
        pulses(0, 2, 4, 6) + pulses(20, 1, 4, 6) + pulses(30, 2, 1, 6)
    )


@pytest.mark.parametrize(
    "entry_options",
    [
        {
            "cycles": 3,
            "pump_on_seconds": 5,
            "pump_off_seconds": 5,
            "flushes": 1,
            "flush_seconds": 2,
        }
    ],
)
async def test_water_program_uses_the_options(hass: HomeAssistant, rig: Rig) -> None:
    start = dt_util.utcnow()
    await press(hass, "start_rinse")
    assert state(hass) == "rinsing"
    assert state_of(hass, STATE).attributes["program"] == "water"
    await rig.advance(30)
    assert state(hass) == "awaiting_flush"
    await resume(hass)
    await rig.advance(7)
    assert state(hass) == "completed"
    assert offsets(rig.relays, start) == pulses(0, 3, 5, 5) + pulses(30, 1, 2, 5)


async def test_flush_program_has_its_own_defaults(
    hass: HomeAssistant, rig: Rig
) -> None:
    start = dt_util.utcnow()
    await press(hass, "flush_group")
    assert state(hass) == "flushing"
    await rig.advance(12)
    assert state(hass) == "completed"
    assert offsets(rig.relays, start) == pulses(0, 1, 2, 10)


async def test_flush_allowed_without_three_way_valve(
    hass: HomeAssistant, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    entry = machine_entry(three_way_valve=False)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    for program in ("cleaner", "water"):
        with pytest.raises(ServiceValidationError) as err:
            await run(hass, program=program)
        assert err.value.translation_key == "no_three_way_valve"
    assert relays.pump.commands == []
    await run(hass, program="flush", flushes=2)
    await advance(hass, freezer, 24)
    assert state(hass) == "completed"
    assert relays.pump.on_durations() == [2.0, 2.0]


async def test_prompt_timeout_aborts(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    await run(hass, cycles=1)
    await rig.advance(20)
    assert state(hass) == "awaiting_rinse"
    await rig.advance(15 * 60 - 0.001)
    assert state(hass) == "awaiting_rinse"
    await rig.advance(0.001)
    assert state(hass) == "aborted"
    assert state_of(hass, STATE).attributes["reason"] == "prompt_timeout"
    assert events["finished"][-1].data["reason"] == "prompt_timeout"
    assert rig.relays.pump.is_on is False


@pytest.mark.parametrize(
    ("seconds", "expected_state"),
    [
        (0, "cleaning"),  # pump on
        (15, "cleaning"),  # pause
        (100, "awaiting_rinse"),  # wait for the user
    ],
)
async def test_abort_in_every_state(
    hass: HomeAssistant,
    rig: Rig,
    events: dict[str, list[Event]],
    seconds: float,
    expected_state: str,
) -> None:
    await run(hass)
    await rig.advance(seconds)
    assert state(hass) == expected_state
    at = dt_util.utcnow()
    was_on = rig.relays.pump.is_on
    await abort(hass)
    assert rig.relays.pump.is_on is False
    if was_on:  # at once, not at the end of the step
        assert rig.relays.pump.timeline[-1] == (at, False)
    assert state(hass) == "aborted"
    assert events["finished"][-1].data["result"] == "aborted"
    assert events["finished"][-1].data["reason"] == "user"
    await rig.assert_pump_still(300)


async def test_abort_while_warming_up_and_later_states(
    hass: HomeAssistant, rig: Rig
) -> None:
    rig.relays.plug.set(False)
    await run(hass, warm_up_minutes=5)
    assert state(hass) == "warming_up"
    await abort(hass)
    assert state(hass) == "aborted"
    for program, seconds, expected in (
        ("water", 100, "awaiting_flush"),
        ("flush", 30, "flushing"),
    ):
        await run(hass, program=program, flushes=5)
        await rig.advance(seconds)
        assert state(hass) == expected
        await abort(hass)
        assert state(hass) == "aborted"
        assert rig.relays.pump.is_on is False


async def test_warm_up_then_power_off_after(hass: HomeAssistant, rig: Rig) -> None:
    rig.relays.plug.set(False)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError) as err:
        await run(hass, program="flush")
    assert err.value.translation_key == "machine_off"
    start = dt_util.utcnow()
    await run(hass, program="flush", warm_up_minutes=10, power_off_after=True)
    assert rig.relays.plug.is_on is True
    assert state(hass) == "warming_up"
    await rig.advance(600 - 0.001)
    assert rig.relays.pump.timeline == []
    await rig.advance(0.001)
    assert state(hass) == "flushing"
    await rig.advance(12)
    assert state(hass) == "completed"
    assert offsets(rig.relays, start) == pulses(600, 1, 2, 10)
    assert rig.relays.plug.is_on is False


@pytest.mark.parametrize(
    ("setup", "key"),
    [
        ("running", "program_running"),
        ("pump_unavailable", "pump_unavailable"),
        ("plug_unavailable", "power_unavailable"),
        ("plug_off", "machine_off"),
        ("no_flushes", "empty_program"),
    ],
)
async def test_refusals_switch_nothing(
    hass: HomeAssistant, rig: Rig, setup: str, key: str
) -> None:
    data: dict[str, Any] = {}
    if setup == "running":
        await run(hass)
    elif setup == "pump_unavailable":
        rig.relays.pump.set_available(False)
    elif setup == "plug_unavailable":
        rig.relays.plug.set_available(False)
    elif setup == "plug_off":
        rig.relays.plug.set(False)
    else:
        data = {"program": "flush", "flushes": 0}
    await hass.async_block_till_done()
    before = list(rig.relays.pump.commands), list(rig.relays.plug.commands)
    calls: list[Callable[[], Awaitable[None]]] = [lambda: run(hass, **data)]
    if not data:
        calls.append(lambda: press(hass, "start_backflush"))
    for call in calls:
        with pytest.raises(ServiceValidationError) as err:
            await call()
        assert err.value.translation_key == key
        assert err.value.translation_domain == DOMAIN
    assert (rig.relays.pump.commands, rig.relays.plug.commands) == before
    if setup == "running":
        await abort(hass)


async def test_continue_and_abort_refused_when_idle(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    for call, key in ((resume, "nothing_to_continue"), (abort, "nothing_to_abort")):
        with pytest.raises(ServiceValidationError) as err:
            await call(hass)
        assert err.value.translation_key == key
    await run(hass)
    with pytest.raises(ServiceValidationError) as err:
        await press(hass, "continue_backflush")
    assert err.value.translation_key == "nothing_to_continue"
    await press(hass, "abort_backflush")
    assert state(hass) == "aborted"


@pytest.mark.parametrize("seconds", [0, 5, 15, 100])
async def test_relay_unavailable_mid_program_fails_safe(
    hass: HomeAssistant,
    rig: Rig,
    events: dict[str, list[Event]],
    issue_registry: ir.IssueRegistry,
    seconds: float,
) -> None:
    await run(hass)
    await rig.advance(seconds + 0.5)
    rig.relays.pump.set_available(False)
    await rig.advance(0)
    assert state(hass) == "failed"
    assert events["finished"][-1].data["result"] == "failed"
    assert events["finished"][-1].data["reason"] == "relay_unavailable"
    # The pump is switched off as soon as the relay answers again.
    rig.relays.pump.set_available(True)
    await rig.advance(10)
    assert rig.relays.pump.is_on is False
    assert (
        issue_registry.async_get_issue(DOMAIN, f"program_failed_{rig.entry.entry_id}")
        is not None
    )


async def test_relay_command_failure_mid_program(
    hass: HomeAssistant, rig: Rig, issue_registry: ir.IssueRegistry
) -> None:
    await run(hass)
    await rig.advance(12)
    rig.relays.pump.fail_commands = True
    await rig.advance(10)
    assert state(hass) == "failed"
    assert state_of(hass, STATE).attributes["reason"] == "relay_command_failed"
    rig.relays.pump.fail_commands = False
    await rig.advance(10)
    assert rig.relays.pump.is_on is False
    issue = issue_registry.async_get_issue(
        DOMAIN, f"program_failed_{rig.entry.entry_id}"
    )
    assert issue is not None
    assert issue.translation_key == "program_failed"
    assert issue.translation_placeholders == {
        "name": "Espresso machine",
        "reason": "The relay command failed",
    }
    # The next program clears the issue.
    await run(hass, program="flush")
    assert (
        issue_registry.async_get_issue(DOMAIN, f"program_failed_{rig.entry.entry_id}")
        is None
    )
    await abort(hass)


async def test_relay_that_never_confirms_times_out(
    hass: HomeAssistant, rig: Rig, issue_registry: ir.IssueRegistry
) -> None:
    await run(hass)
    await rig.advance(2)
    rig.relays.pump.ignore_commands = True
    await rig.advance(8 + 5 + 5)
    assert state(hass) == "failed"
    assert state_of(hass, STATE).attributes["reason"] == "relay_timeout"
    await rig.advance(60)
    # Every retry was made, and the user is told the pump may still run.
    assert rig.relays.pump.commands.count(False) >= 6
    assert (
        issue_registry.async_get_issue(
            DOMAIN, f"program_failed_{rig.entry.entry_id}_pump"
        )
        is not None
    )
    assert state(hass) == "failed"


async def test_unload_mid_program_switches_off(
    hass: HomeAssistant, rig: Rig, events: dict[str, list[Event]]
) -> None:
    await run(hass)
    await rig.advance(3)
    assert is_on(rig.relays.pump) is True
    assert await hass.config_entries.async_unload(rig.entry.entry_id)
    await hass.async_block_till_done()
    assert is_on(rig.relays.pump) is False
    assert events["finished"][-1].data["result"] == "aborted"
    assert events["finished"][-1].data["reason"] == "unloaded"
    assert rig.entry.state is ConfigEntryState.NOT_LOADED
    await rig.assert_pump_still(60)


async def test_reload_mid_program_switches_off(hass: HomeAssistant, rig: Rig) -> None:
    await run(hass)
    await rig.advance(3)
    assert await hass.config_entries.async_reload(rig.entry.entry_id)
    await hass.async_block_till_done()
    assert rig.relays.pump.is_on is False
    assert state(hass) == "aborted"


async def test_home_assistant_stopping_switches_off(
    hass: HomeAssistant, rig: Rig
) -> None:
    await run(hass)
    await rig.advance(3)
    await hass.async_stop(force=True)
    assert rig.relays.pump.is_on is False


async def test_restart_mid_program_is_interrupted(
    hass: HomeAssistant, relays: Relays, hass_storage: dict[str, Any]
) -> None:
    entry = stored(
        hass_storage,
        machine_entry(),
        {"shots": 3, "flushes": 1, "tasks": {}, "running_program": "cleaner"},
    )
    relays.pump.set(True)  # left on when Home Assistant died
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert relays.pump.is_on is False
    assert state(hass) == "interrupted"
    assert state_of(hass, STATE).attributes["program"] == "cleaner"
    assert state_of(hass, "sensor.espresso_machine_shots").state == "3"
    assert hass_storage[storage_key(entry.entry_id)]["data"]["running_program"] is None


async def test_restart_with_the_relay_not_yet_there(
    hass: HomeAssistant, relays: Relays, hass_storage: dict[str, Any]
) -> None:
    entry = stored(hass_storage, machine_entry(), {"running_program": "water"})
    relays.pump.set_available(False)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert state(hass) == "interrupted"
    relays.pump._attr_is_on = True
    relays.pump.set_available(True)  # its integration comes up, pump on
    await hass.async_block_till_done()
    assert relays.pump.is_on is False


async def test_program_runs_are_not_shots(hass: HomeAssistant, rig: Rig) -> None:
    await run(hass, program="water", cycles=3, pump_on_seconds=20, flushes=0)
    await rig.advance(200)
    assert state(hass) == "completed"
    assert state_of(hass, "sensor.espresso_machine_shots").state == "0"
    assert state_of(hass, "sensor.espresso_machine_flushes").state == "0"


async def test_several_machines_need_an_entry_id(hass: HomeAssistant, rig: Rig) -> None:
    from homeassistant.setup import async_setup_component

    assert await async_setup_component(
        hass, "input_boolean", {"input_boolean": {"p2": {"initial": True}, "pump2": {}}}
    )
    second = machine_entry(
        power="input_boolean.p2",
        pump="input_boolean.pump2",
        unique_id="pump2",
        title="Second",
    )
    second.add_to_hass(hass)
    assert await hass.config_entries.async_setup(second.entry_id)
    await hass.async_block_till_done()
    with pytest.raises(ServiceValidationError) as err:
        await run(hass)
    assert err.value.translation_key == "config_entry_required"
    await run(hass, config_entry_id=second.entry_id, program="flush")
    assert state_of(hass, "input_boolean.pump2").state == STATE_ON
    assert rig.relays.pump.commands == []
    foreign = MockConfigEntry(domain="input_boolean")
    foreign.add_to_hass(hass)
    for bad in ("nope", foreign.entry_id):
        with pytest.raises(ServiceValidationError) as err:
            await run(hass, config_entry_id=bad)
        assert err.value.translation_key == "unknown_config_entry"
    await hass.services.async_call(
        DOMAIN, "abort_backflush", {"config_entry_id": second.entry_id}, blocking=True
    )
    await hass.config_entries.async_unload(second.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await run(hass, config_entry_id=second.entry_id)
    assert err.value.translation_key == "machine_not_loaded"


@pytest.mark.parametrize(
    "data",
    [
        {"program": "espresso"},
        {"cycles": 0},
        {"cycles": 21},
        {"pump_on_seconds": "long"},
        {"warm_up_minutes": 61},
        {"colour": "blue"},
    ],
)
async def test_bad_action_data_is_a_translated_refusal(
    hass: HomeAssistant, rig: Rig, data: dict[str, Any]
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await run(hass, **data)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "invalid_action_data"
    assert rig.relays.pump.commands == []
    assert state(hass) == "idle"


async def test_switching_the_pump_or_plug_off_ends_a_program(
    hass: HomeAssistant, rig: Rig
) -> None:
    await run(hass)
    await rig.advance(3)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            "switch",
            "turn_on",
            {ATTR_ENTITY_ID: "switch.espresso_machine_pump"},
            blocking=True,
        )
    assert err.value.translation_key == "program_running"
    await hass.services.async_call(
        "switch",
        "turn_off",
        {ATTR_ENTITY_ID: "switch.espresso_machine_pump"},
        blocking=True,
    )
    await settle(hass)
    assert rig.relays.pump.is_on is False
    assert state(hass) == "aborted"
    assert state_of(hass, STATE).attributes["reason"] == "pump_switched_off"
    await run(hass)
    await rig.advance(3)
    await hass.services.async_call(
        "switch",
        "turn_off",
        {ATTR_ENTITY_ID: "switch.espresso_machine_power"},
        blocking=True,
    )
    await settle(hass)
    assert rig.relays.pump.is_on is False
    assert rig.relays.plug.is_on is False
    assert state_of(hass, STATE).attributes["reason"] == "power_switched_off"


@pytest.mark.parametrize("latency", [0.05, 0.2])
async def test_slow_relay_latency_is_learned_and_does_not_add_up(
    hass: HomeAssistant, rig: Rig, latency: float
) -> None:
    """Each command goes out the relay's latency early: pulses and schedule stay exact."""
    rig.relays.pump.latency = latency
    start = dt_util.utcnow()
    await run(hass, cycles=4, rinse_cycles=0, flushes=0)
    await rig.advance(100)
    assert state(hass) == "completed"
    # The first on lands one latency after the start; from then on the
    # relay's own timeline is the nominal one, within a millisecond: the
    # test harness fires timers against the event loop's real clock, which a
    # loaded machine moves on by microseconds between steps (10.200002 s once
    # for 10.2 s beside a benchmark), while latency adding up would be 0.05 s
    # or 0.2 s more at every switch.
    expected: list[tuple[object, bool]] = [  # approx equals a float; to mypy, no
        (pytest.approx(at, abs=1e-3), on) for at, on in pulses(latency, 4, 10, 10)
    ]
    assert offsets(rig.relays, start) == expected
