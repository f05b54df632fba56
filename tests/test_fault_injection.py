"""Fault injection: random sequences of actions, relay faults, reloads, stops and time.

Each Hypothesis example runs on a Home Assistant of its own (a stopped one
cannot start again), with the machine on fake relays, in frozen time. A
sequence draws from: program starts (any program, any numbers the actions
accept), continues, aborts, the pump switched by hand through the machine,
shots pulled on the relay itself, relay faults (commands raise, commands
are ignored, the relay drops off the network; and their ends), option
changes through the options flow, entry reloads, shots logged, maintenance
recorded, and time advancing; a Home Assistant stop can only be the last step.

After every step: the backflush state is one of its options, the shot and
flush counters never went down (a task's shots-since count only by a reset
to 0), a running program waits for a timer or the user. At the end every
fault ends, silently (a relay that ignored or failed commands just obeys
again; one that was unavailable reports its state again); then after the
longest a program can take, nothing runs and the pump is off. After a stop
(always the last step), the pump is off if its relay was sound. Nothing may
have raised into the event loop or logged an error along the way.

The defects this test found each have a deterministic test at the end of
this file. One behaviour is accepted rather than fixed (a strict xfail
there): a stop while a failed program still retries the pump's off leaves
the pump to the next start; the random test skips its stop check after
exactly that (``World.stopped_while_retrying``).

Settings: 200 derandomized examples by default (CI); set
``HYPOTHESIS_PROFILE=thorough`` or ``--hypothesis-profile=thorough`` (the
profile is registered in conftest.py) for 2,000 random ones.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Iterator
import contextlib
from dataclasses import dataclass, field
from datetime import timedelta
import logging
import math
import os
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant import loader
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed_exact,
    async_test_home_assistant,
    get_scheduled_timer_handles,
    mock_config_flow,
    setup_test_component_platform,
)

from custom_components.espresso_care.const import (
    AUTO_OFF_MARGIN_SECONDS,
    DEFAULT_OPTIONS,
    DOMAIN,
    NUMBER_OPTION_BY_KEY,
    NUMBER_OPTIONS,
)
from custom_components.espresso_care.program import BackflushState
from custom_components.espresso_care.relays.shelly_bound import ShellyBoundRelay
from custom_components.espresso_care.services import PROGRAM_OVERRIDES
from simulator.shelly import ShellySimulator

from .conftest import (
    PLUG,
    PUMP,
    FakeRelaySwitch,
    Rig,
    advance,
    machine_entry,
    settle,
)
from .helpers import options_form, run
from .shelly_fixtures import Clock, SimFactory, call as call_settled
from .shelly_integration_mock import (
    MAC as SHELLY_BOUND_MAC,
    MockShellyFlow,
    add_shelly_device,
    machine_with_bound,
    unload as unload_shelly_machine,
)
from .zha_fixtures import ZHA_PUMP, setup_zha_relays

STATE = "sensor.espresso_machine_backflush_state"
SHOTS = "sensor.espresso_machine_shots"
FLUSHES = "sensor.espresso_machine_flushes"
PUMP_SWITCH = "switch.espresso_machine_pump"
# Longer than any program can take: a 60 min warm-up, two waits of at most
# 240 min, 20 + 20 cycles of at most 30 + 60 s and 10 flushes of 10 + 60 s.
LONGEST_PROGRAM = 60 * 60 + 2 * 240 * 60 + 40 * 90 + 10 * 70
# Words that mean something escaped into the event loop.
LOOP_ERRORS = (
    "Error doing job",
    "Exception in",
    "Task exception was never retrieved",
    "Error while dispatching",
    "Error executing service",
    "unexpected error",
)

for _name, _examples in (("fault_ci", 200), ("fault_thorough", 2000)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        derandomize=_name == "fault_ci",
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
        print_blob=True,
    )


def _profile() -> settings:
    """The thorough profile when asked for by name, else the CI one."""
    wanted = os.environ.get("HYPOTHESIS_PROFILE", "")
    try:
        current = settings.get_current_profile_name()
    except AssertionError:  # pragma: no cover - no profile loaded
        current = "default"
    thorough = "thorough" in (wanted, current)
    return settings.get_profile("fault_thorough" if thorough else "fault_ci")


# --- the steps ----------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    program: str
    overrides: dict[str, int]
    warm_up_minutes: int = 0
    power_off_after: bool = False


@dataclass(frozen=True)
class Continue:
    pass


@dataclass(frozen=True)
class Abort:
    pass


@dataclass(frozen=True)
class PumpByHand:
    """The machine's own pump switch (with its watchdog)."""

    on: bool


@dataclass(frozen=True)
class ShotOnTheRelay:
    """Someone runs the pump on the relay itself for ``seconds``."""

    seconds: float


@dataclass(frozen=True)
class Fault:
    relay: str  # "pump" or "plug"
    kind: str  # "fail": commands raise; "ignore": never confirm; "unavailable"
    active: bool


@dataclass(frozen=True)
class Options:
    changes: dict[str, int]


@dataclass(frozen=True)
class Reload:
    pass


@dataclass(frozen=True)
class LogShot:
    count: int


@dataclass(frozen=True)
class RecordMaintenance:
    task: str


@dataclass(frozen=True)
class Advance:
    seconds: float


@dataclass(frozen=True)
class Stop:
    pass


type Step = (
    Start
    | Continue
    | Abort
    | PumpByHand
    | ShotOnTheRelay
    | Fault
    | Options
    | Reload
    | LogShot
    | RecordMaintenance
    | Advance
    | Stop
)


def _in_range(key: str) -> st.SearchStrategy[int]:
    option = NUMBER_OPTION_BY_KEY[key]
    return st.integers(option.minimum, option.maximum)


starts = st.builds(
    Start,
    program=st.sampled_from(["cleaner", "water", "flush"]),
    overrides=st.fixed_dictionaries(
        {}, optional={key: _in_range(key) for key in PROGRAM_OVERRIDES}
    ),
    warm_up_minutes=st.one_of(st.just(0), st.integers(0, 60)),
    power_off_after=st.booleans(),
)
advances = st.builds(
    Advance,
    st.one_of(
        st.floats(0, 30, allow_nan=False).map(lambda s: round(s, 3)),
        st.sampled_from([0, 0.001, 1, 5, 6, 10, 60, 300, 900, 3600]),
    ),
)
faults = st.builds(
    Fault,
    relay=st.sampled_from(["pump", "pump", "plug"]),
    kind=st.sampled_from(["fail", "ignore", "unavailable"]),
    active=st.booleans(),
)
options = st.builds(
    Options,
    st.fixed_dictionaries(
        {}, optional={option.key: _in_range(option.key) for option in NUMBER_OPTIONS}
    ),
)
steps: st.SearchStrategy[Step] = st.one_of(
    starts,
    starts,
    st.just(Continue()),
    st.just(Abort()),
    st.builds(PumpByHand, st.booleans()),
    st.builds(ShotOnTheRelay, st.sampled_from([2.0, 10.0, 25.0, 200.0])),
    faults,
    faults,
    options,
    st.just(Reload()),
    st.builds(LogShot, st.integers(1, 10)),
    st.builds(RecordMaintenance, st.sampled_from(["backflush", "descale"])),
    advances,
    advances,
    advances,
)
sequences = st.tuples(st.lists(steps, max_size=12), st.booleans()).map(
    lambda drawn: [*drawn[0], Stop()] if drawn[1] else drawn[0]
)


# --- one example ----------------------------------------------------------------


@dataclass
class World:
    """One example's Home Assistant, relays, machine, and what it saw."""

    hass: HomeAssistant
    freezer: FrozenDateTimeFactory
    pump: FakeRelaySwitch
    plug: FakeRelaySwitch
    entry: MockConfigEntry
    counters: tuple[int, int] = (0, 0)
    shots_since: dict[str, int] = field(default_factory=dict)
    loop_errors: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False
    # Stopped while a failed program still retried the pump's off: the pump
    # is left to the next start (test_end_during_the_off_retries_keeps_them).
    stopped_while_retrying: bool = False
    pump_healthy_at_stop: bool = False

    def relay(self, name: str) -> FakeRelaySwitch:
        return self.pump if name == "pump" else self.plug

    def drop(self, name: str) -> None:
        """The relay goes unavailable."""
        self.relay(name).set_available(False)


@contextlib.asynccontextmanager
async def fresh_hass(freezer: FrozenDateTimeFactory) -> AsyncIterator[HomeAssistant]:
    """A Home Assistant of its own, on the test's loop and storage mock."""
    loop = asyncio.get_running_loop()
    timers_before = set(get_scheduled_timer_handles(loop))
    async with async_test_home_assistant() as hass:
        hass.data.pop(loader.DATA_CUSTOM_COMPONENTS, None)
        try:
            yield hass
        finally:
            if hass.state is not CoreState.stopped:
                await drive(hass, freezer, hass.async_stop(force=True))
            await asyncio.sleep(0)  # lets the harness forget this instance
            for handle in set(get_scheduled_timer_handles(loop)) - timers_before:
                handle.cancel()


async def drive[T](
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    awaitable: Awaitable[T],
    limit: float = 3600,
) -> T:
    """Await something that may wait for frozen timers: move time until it is done.

    Never waits for Home Assistant's tracked tasks (one of them may itself be
    waiting for a timer, as the stop listener does behind a silent relay).
    """
    loop = hass.loop
    task = asyncio.ensure_future(awaitable)
    moved = 0.0
    while True:
        for _ in range(50):
            if task.done():
                return task.result()
            await asyncio.sleep(0)
        if moved > limit:
            task.cancel()
            raise AssertionError(f"{awaitable!r} still waits after {limit} s")
        pending = [
            h.when() for h in get_scheduled_timer_handles(loop) if not h.cancelled()
        ]
        step = min([1.0, *(max(w - loop.time(), 0.0) for w in pending)])
        micro = max(1, math.ceil(step * 1_000_000 - 1e-3))
        freezer.tick(timedelta(microseconds=micro))
        moved += micro / 1_000_000
        async_fire_time_changed_exact(hass)


async def expect_refusal_or_nothing(world: World, awaitable: Awaitable[Any]) -> None:
    """An action may be refused, but only with a translated error of ours."""
    try:
        await drive(world.hass, world.freezer, awaitable)
    except HomeAssistantError as err:
        refusal = err
    else:
        return
    assert refusal.translation_domain == DOMAIN, refusal
    assert refusal.translation_key, refusal


async def call(world: World, action: str, **data: Any) -> None:
    await expect_refusal_or_nothing(
        world,
        world.hass.services.async_call(DOMAIN, action, data, blocking=True),
    )


async def apply(world: World, step: Step) -> None:
    hass = world.hass
    match step:
        case Start():
            await call(
                world,
                "run_backflush",
                program=step.program,
                warm_up_minutes=step.warm_up_minutes,
                power_off_after=step.power_off_after,
                **step.overrides,
            )
        case Continue():
            await call(world, "continue_backflush")
        case Abort():
            await call(world, "abort_backflush")
        case PumpByHand():
            await expect_refusal_or_nothing(
                world,
                hass.services.async_call(
                    "switch",
                    "turn_on" if step.on else "turn_off",
                    {"entity_id": PUMP_SWITCH},
                    blocking=True,
                ),
            )
        case ShotOnTheRelay():
            if world.pump.available and not world.pump.is_on:
                world.pump.set(True)
                await advance(hass, world.freezer, step.seconds)
                if world.pump.available:
                    world.pump.set(False)
        case Fault():
            relay = world.relay(step.relay)
            if step.kind == "fail":
                relay.fail_commands = step.active
            elif step.kind == "ignore":
                relay.ignore_commands = step.active
            elif step.active:
                world.drop(step.relay)
            else:
                relay.set_available(True)
        case Options():
            flow = await options_form(hass, world.entry.entry_id)
            current = {**DEFAULT_OPTIONS, **world.entry.options}
            result = await hass.config_entries.options.async_configure(
                flow["flow_id"], {**current, **step.changes}
            )
            if result["type"] is FlowResultType.FORM:
                assert result["errors"] == {"shot_max_seconds": "shot_range"}
                hass.config_entries.options.async_abort(flow["flow_id"])
            else:
                assert result["type"] is FlowResultType.CREATE_ENTRY
        case Reload():
            assert await drive(
                hass,
                world.freezer,
                hass.config_entries.async_reload(world.entry.entry_id),
            )
            assert world.entry.state is ConfigEntryState.LOADED
        case LogShot():
            await call(world, "log_shot", count=step.count)
        case RecordMaintenance():
            await call(world, "record_maintenance", task=step.task)
        case Advance():
            await advance(hass, world.freezer, step.seconds)
        case Stop():
            world.stopped_while_retrying = _retrying_off(world)
            world.pump_healthy_at_stop = _healthy(world.pump)
            await drive(hass, world.freezer, hass.async_stop(force=True))
            world.stopped = True
    if not world.stopped:
        await settle(hass)


def _retrying_off(world: World) -> bool:
    """The program has ended; only the retries of the pump's off go on."""
    runner = world.entry.runtime_data.runner
    return runner.running and not runner.status.running


def _healthy(relay: FakeRelaySwitch) -> bool:
    return relay.available and not relay.fail_commands and not relay.ignore_commands


def check_after_step(world: World, step: Step) -> None:
    hass = world.hass
    state = hass.states.get(STATE)
    assert state is not None
    assert state.state in [s.value for s in BackflushState]
    assert state.state in state.attributes["options"]
    data = world.entry.runtime_data.data
    counters = (data.shots, data.flushes)
    assert counters[0] >= world.counters[0], f"shots went down after {step}"
    assert counters[1] >= world.counters[1], f"flushes went down after {step}"
    for entity_id, value in ((SHOTS, data.shots), (FLUSHES, data.flushes)):
        counter = hass.states.get(entity_id)  # the flushes one is off by default
        assert counter is None or counter.state == str(value), entity_id
    world.counters = counters
    for task, record in data.tasks.items():
        before = world.shots_since.get(task, 0)
        # Only a reset (the task done) brings a task's shot count down.
        assert record.shots_since >= before or record.shots_since == 0, (
            f"shots since {task} went from {before} to {record.shots_since} "
            f"after {step}"
        )
        world.shots_since[task] = record.shots_since
    runner = world.entry.runtime_data.runner
    if runner.running:
        timers = [
            h for h in get_scheduled_timer_handles(hass.loop) if not h.cancelled()
        ]
        assert runner.waiting_for_user or timers, (
            "a program runs with nothing to wake it"
        )


async def heal_and_wait(world: World) -> None:
    """Every fault ends without a word from the relay; then time runs out."""
    hass = world.hass
    for name in ("pump", "plug"):
        relay = world.relay(name)
        relay.fail_commands = False
        relay.ignore_commands = False
        if not relay.available:
            relay.set_available(True)
            await settle(hass)
    await settle(hass)
    await advance(hass, world.freezer, LONGEST_PROGRAM)


async def run_example(
    sequence: list[Step],
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.clear()
    caplog.set_level(logging.WARNING)  # debug records cost more than the example
    loop = asyncio.get_running_loop()
    previous_handler, debug = loop.get_exception_handler(), loop.get_debug()
    loop.set_debug(False)  # asyncio's debug mode triples the time of an example
    async with fresh_hass(freezer) as hass:
        pump, plug = FakeRelaySwitch("Pump"), FakeRelaySwitch("Plug", on=True)
        setup_test_component_platform(hass, "switch", [plug, pump])
        assert await async_setup_component(
            hass, "switch", {"switch": [{"platform": "test"}]}
        )
        await hass.async_block_till_done()
        assert pump.entity_id == PUMP
        assert plug.entity_id == PLUG
        entry = machine_entry()
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        world = World(hass, freezer, pump, plug, entry)
        loop.set_exception_handler(
            lambda _loop, context: world.loop_errors.append(context)
        )
        try:
            for step in sequence:
                await apply(world, step)
                if world.stopped:
                    break
                check_after_step(world, step)
            if world.stopped:
                runner = entry.runtime_data.runner
                assert not runner.running
                if world.pump_healthy_at_stop and not world.stopped_while_retrying:
                    assert pump.is_on is False, (
                        "the pump is on after Home Assistant stopped"
                    )
            else:
                await heal_and_wait(world)
                check_after_step(world, Advance(LONGEST_PROGRAM))
                runner = entry.runtime_data.runner
                assert not runner.running, "a program outlived the longest one"
                assert pump.is_on is False, "the pump was left on"
            if not world.stopped:
                assert await drive(
                    hass, freezer, hass.config_entries.async_unload(entry.entry_id)
                )
        finally:
            loop.set_exception_handler(previous_handler)
            loop.set_debug(debug)
    assert world.loop_errors == []
    errors = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.ERROR or any(w in r.getMessage() for w in LOOP_ERRORS)
    ]
    assert errors == []


@pytest.mark.freeze_time(ignore=["hypothesis"])  # Hypothesis keeps its own clock
@_profile()
@given(sequence=sequences)
async def test_random_sequences_leave_the_machine_safe(
    sequence: list[Step],
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
    hass_storage: dict[str, Any],
) -> None:
    hass_storage.clear()
    await run_example(sequence, freezer, caplog)


# --- defects found by fault injection ------------------------------------------
# Each was found by the random test above (shrunk to these steps), then fixed;
# a stop during the off's retries is left to the next start (its xfail).


async def _pump_on_by_hand(hass: HomeAssistant) -> None:
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": PUMP_SWITCH}, blocking=True
    )
    await settle(hass)


async def _pump_on(hass: HomeAssistant, *, by_hand: bool) -> None:
    """The pump on by hand (the machine's pump switch), or by a program."""
    if by_hand:
        await _pump_on_by_hand(hass)
    else:
        await run(hass)


def _state(hass: HomeAssistant) -> str:
    state = hass.states.get(STATE)
    assert state is not None
    return state.state


async def test_abort_while_the_on_command_is_in_flight(
    hass: HomeAssistant, rig: Rig
) -> None:
    """A relay that reports later (MQTT, Zigbee, ESPHome): the off must still go."""
    rig.relays.pump.latency = 0.1
    await hass.services.async_call(
        DOMAIN, "run_backflush", {"program": "flush"}, blocking=True
    )
    assert rig.relays.pump.commands == [True]  # sent; the relay has not reported yet
    assert rig.relays.pump.is_on is False
    await hass.services.async_call(DOMAIN, "abort_backflush", {}, blocking=True)
    await rig.advance(60)
    assert _state(hass) == "aborted"
    assert rig.relays.pump.is_on is False, (
        f"left on; commands: {rig.relays.pump.commands}"
    )


async def test_watchdog_survives_a_relay_dropping_off(
    hass: HomeAssistant, rig: Rig
) -> None:
    await _pump_on_by_hand(hass)
    rig.relays.pump.set_available(False)  # a Wi-Fi blip; the pump still runs
    await settle(hass)
    rig.relays.pump.set_available(True)
    await rig.advance(2 * DEFAULT_OPTIONS["max_pump_seconds"] + 30)
    assert rig.relays.pump.is_on is False


async def test_stop_switches_off_a_pump_on_by_hand(
    hass: HomeAssistant, rig: Rig
) -> None:
    await _pump_on_by_hand(hass)
    assert rig.relays.pump.is_on is True
    await hass.async_stop(force=True)
    assert rig.relays.pump.is_on is False


@pytest.mark.parametrize("by_hand", [False, True])
async def test_reload_keeps_switching_off_a_pump_that_would_not(
    hass: HomeAssistant, rig: Rig, by_hand: bool
) -> None:
    await _pump_on(hass, by_hand=by_hand)
    assert rig.relays.pump.is_on is True
    rig.relays.pump.fail_commands = True
    assert await drive(
        hass, rig.freezer, hass.config_entries.async_reload(rig.entry.entry_id)
    )
    rig.relays.pump.fail_commands = False
    rig.relays.pump.set_available(False)  # the relay comes back: it reports again
    rig.relays.pump.set_available(True)
    await rig.advance(600)
    assert rig.relays.pump.is_on is False


async def test_next_start_switches_off_a_pump_a_stop_could_not(
    hass: HomeAssistant, rig: Rig
) -> None:
    await run(hass)
    await rig.advance(2)
    rig.relays.pump.ignore_commands = True
    await drive(hass, rig.freezer, hass.async_stop(force=True))
    assert rig.relays.pump.is_on is True  # it could not be switched off
    # Home Assistant starts again (same storage); the relay answers, still on.
    async with fresh_hass(rig.freezer) as again:
        pump = FakeRelaySwitch("Pump", on=True)
        plug = FakeRelaySwitch("Plug", on=True)
        setup_test_component_platform(again, "switch", [plug, pump])
        assert await async_setup_component(
            again, "switch", {"switch": [{"platform": "test"}]}
        )
        same = MockConfigEntry(
            domain=DOMAIN,
            entry_id=rig.entry.entry_id,
            title=rig.entry.title,
            unique_id=rig.entry.unique_id,
            data=dict(rig.entry.data),
        )
        same.add_to_hass(again)
        assert await again.config_entries.async_setup(same.entry_id)
        await advance(again, rig.freezer, 60)
        try:
            assert pump.is_on is False
        finally:
            await drive(
                again, rig.freezer, again.config_entries.async_unload(same.entry_id)
            )


async def test_pump_switched_off_when_a_silent_relay_recovers(
    hass: HomeAssistant, rig: Rig
) -> None:
    await run(hass)
    await rig.advance(2)
    assert rig.relays.pump.is_on is True
    rig.relays.pump.ignore_commands = True  # out of radio reach, still "on"
    await rig.advance(120)  # the program fails, every retry times out
    assert _state(hass) == "failed"
    rig.relays.pump.ignore_commands = False  # back in reach; no state change
    await rig.advance(3600)
    assert rig.relays.pump.is_on is False


@pytest.mark.parametrize("by_hand", [True, False])
async def test_restart_that_could_not_switch_off_keeps_retrying(
    hass: HomeAssistant, rig: Rig, by_hand: bool
) -> None:
    await _pump_on(hass, by_hand=by_hand)
    rig.relays.pump.fail_commands = True
    assert await drive(
        hass, rig.freezer, hass.config_entries.async_reload(rig.entry.entry_id)
    )
    assert rig.relays.pump.is_on is True
    rig.relays.pump.fail_commands = False  # the relay obeys again, says nothing
    await rig.advance(3600)
    assert rig.relays.pump.is_on is False


async def test_relay_flapping_after_a_restart_is_switched_off(
    hass: HomeAssistant, rig: Rig
) -> None:
    await _pump_on_by_hand(hass)
    rig.relays.pump.set_available(False)
    await settle(hass)
    assert await drive(
        hass, rig.freezer, hass.config_entries.async_reload(rig.entry.entry_id)
    )
    rig.relays.pump.set_available(True)  # back for an instant...
    rig.relays.pump.set_available(False)  # ...gone again before the off goes out
    await settle(hass)
    rig.relays.pump.set_available(True)
    await rig.advance(600)
    assert rig.relays.pump.is_on is False


@pytest.mark.parametrize(
    "end",
    [
        "abort",
        pytest.param(
            "stop",
            marks=pytest.mark.xfail(
                strict=True,
                reason="Home Assistant stopping while the pump's off is retried: "
                "the slow retries die with Home Assistant; the stored promise "
                "switches the pump off at the next start, not before",
            ),
        ),
    ],
)
async def test_end_during_the_off_retries_keeps_them(
    hass: HomeAssistant, rig: Rig, end: str
) -> None:
    await run(hass)
    rig.relays.pump.set_available(False)  # the program fails; the off is retried
    await settle(hass)
    assert _state(hass) == "failed"
    rig.relays.pump.set_available(True)  # back, still on, before the next retry
    await settle(hass)
    if end == "stop":
        await drive(hass, rig.freezer, hass.async_stop(force=True))
    else:
        with contextlib.suppress(ServiceValidationError):
            await drive(
                hass,
                rig.freezer,
                hass.services.async_call(DOMAIN, "abort_backflush", {}, blocking=True),
            )
        await rig.advance(600)
    assert rig.relays.pump.is_on is False


# -- Device-side bounds: Home Assistant crashes mid-pulse ---------------------------
#
# A crash is simulated by freezing everything the integration does to the pump
# from a moment on: every pump command it makes from then on hangs and never
# reaches the device (the runner, the watchdog, unloading are stuck), while
# the device, outside Home Assistant, keeps its own timer. The fakes' timers
# run on the test's event loop: a ZHA relay (``zha_fixtures``: the fake cluster
# command honours ``on_time``) and a Shelly spoken to directly (the simulator's
# flip-back timer). Whatever the moment of the crash, the pump must be off
# within the bound of its last on, switched off by the device itself.

CRASH_PROGRAM = {
    "program": "flush",
    "flushes": 3,
    "flush_seconds": 4,
    "pump_off_seconds": 3,
}
CRASH_PULSE_BOUND = 4 + AUTO_OFF_MARGIN_SECONDS
CRASH_MANUAL_LIMIT = 30
# Seconds from the start to the crash: mid first pulse, in a pause, mid last pulse.
CRASH_MOMENTS = [1.0, 5.5, 15.0]


def crash_pump_commands(
    entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> asyncio.Event:
    """From now on the integration's pump commands hang; set the event to recover."""
    pump = entry.runtime_data.pump
    turn_on, turn_off = pump.async_turn_on, pump.async_turn_off
    revived = asyncio.Event()

    async def frozen_on(auto_off: float | None = None) -> float:
        await revived.wait()
        return await turn_on(auto_off)

    async def frozen_off() -> float:
        await revived.wait()
        return await turn_off()

    monkeypatch.setattr(pump, "async_turn_on", frozen_on)
    monkeypatch.setattr(pump, "async_turn_off", frozen_off)
    return revived


async def _recover(hass: HomeAssistant, revived: asyncio.Event) -> None:
    revived.set()
    with contextlib.suppress(ServiceValidationError):
        await hass.services.async_call(DOMAIN, "abort_backflush", {}, blocking=True)
    await settle(hass)


def _bound_seconds(hass: HomeAssistant, entry: MockConfigEntry) -> Any:
    entity_id = er.async_get(hass).async_get_entity_id(
        "binary_sensor", DOMAIN, f"{entry.entry_id}_pump_bounded_by_device"
    )
    assert entity_id is not None
    state = hass.states.get(entity_id)
    assert state is not None
    assert state.state == "on"
    return state.attributes["seconds"]


@pytest.mark.parametrize("crash_at", [*CRASH_MOMENTS, "manual"])
async def test_zha_pump_is_off_within_its_bound_after_a_crash(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
    crash_at: float | str,
) -> None:
    zha = await setup_zha_relays(hass)
    entry = machine_entry(
        pump=ZHA_PUMP,
        unique_id=ZHA_PUMP,
        options={"max_pump_seconds": CRASH_MANUAL_LIMIT},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await settle(hass)
    if crash_at == "manual":
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": PUMP_SWITCH}, blocking=True
        )
        bound = float(CRASH_MANUAL_LIMIT)
        await advance(hass, freezer, 10)
    else:
        await run(hass, **CRASH_PROGRAM)
        bound = CRASH_PULSE_BOUND
        await advance(hass, freezer, float(crash_at))
    was_on = zha.pump.is_on
    if was_on:
        assert _bound_seconds(hass, entry) == bound
    commands_before, calls_before = len(zha.pump.commands), len(zha.pump.calls)
    revived = crash_pump_commands(entry, monkeypatch)

    await advance(hass, freezer, bound + 1)
    assert zha.pump.is_on is False
    # Nothing of Home Assistant reached the relay after the crash.
    assert len(zha.pump.commands) == commands_before
    assert len(zha.pump.calls) == calls_before
    if was_on:
        assert zha.pump.timer_offs == 1  # the relay's own timer switched it off
        last_on = zha.pump.on_durations()[-1]
        assert last_on == pytest.approx(bound, abs=1e-3)
    else:
        assert zha.pump.timer_offs == 0
    await _recover(hass, revived)
    assert zha.pump.is_on is False


@pytest.mark.parametrize("entry_options", [{"max_pump_seconds": CRASH_MANUAL_LIMIT}])
@pytest.mark.parametrize("crash_at", [*CRASH_MOMENTS, "manual"])
async def test_shelly_pump_is_off_within_its_bound_after_a_crash(
    hass: HomeAssistant,
    clock: Clock,
    machine: MockConfigEntry,
    pump_sim: ShellySimulator,
    monkeypatch: pytest.MonkeyPatch,
    crash_at: float | str,
) -> None:
    pump_sim.clear_records()
    if crash_at == "manual":
        await call_settled(hass, clock, "switch", "turn_on", entity_id=PUMP_SWITCH)
        bound = float(CRASH_MANUAL_LIMIT)
        await clock.advance(10)
    else:
        await call_settled(hass, clock, DOMAIN, "run_backflush", **CRASH_PROGRAM)
        bound = CRASH_PULSE_BOUND
        await clock.advance(float(crash_at))
    was_on = pump_sim.output(0)
    if was_on:
        assert _bound_seconds(hass, machine) == bound
    assert machine.runtime_data.power.device_bound is None  # the plug stays on
    commands_before = len(pump_sim.commands)
    revived = crash_pump_commands(machine, monkeypatch)

    await clock.advance(bound + 1)
    assert pump_sim.output(0) is False
    assert len(pump_sim.commands) == commands_before
    changes = pump_sim.timeline
    if was_on:
        last_on, last_off = changes[-2], changes[-1]
        assert last_off.source == "timer"  # the device's own flip-back timer
        assert last_off.at - last_on.at == pytest.approx(bound, abs=1e-3)
    else:
        assert all(change.source != "timer" for change in changes)
    revived.set()
    with contextlib.suppress(ServiceValidationError):
        await call_settled(hass, clock, DOMAIN, "abort_backflush")
    assert pump_sim.output(0) is False


# A pump that is a switch of Home Assistant's own ``shelly`` integration
# (``ShellyBoundRelay``), bounded by the device's own auto-off only: the flow
# sets ``auto_off``/``auto_off_delay`` on the device (``max_pump_seconds``),
# and no on carries a flip-back timer. The Shelly integration is the mock of
# ``test_shelly_bound`` (its switch sends plain on/off over HTTP to the
# simulator, which enforces the auto-off with its own timer on the test's
# loop). The crash is the same: the machine's pump commands hang from then on.

SHELLY_AUTO_OFF_SECONDS = 5


@pytest.fixture
def shelly_integration_flow() -> Iterator[None]:
    """Home Assistant's Shelly integration's flow, only there to be found."""
    with mock_config_flow("shelly", MockShellyFlow):
        yield


@pytest.mark.usefixtures("relays", "shelly_integration_flow")
@pytest.mark.parametrize("gen", [1, 2])
@pytest.mark.parametrize("crash_at", [*CRASH_MOMENTS, "manual"])
async def test_shelly_integration_pump_is_off_within_its_auto_off_after_a_crash(
    hass: HomeAssistant,
    clock: Clock,
    simulators: SimFactory,
    monkeypatch: pytest.MonkeyPatch,
    crash_at: float | str,
    gen: int,
) -> None:
    """Crash mid-pulse, in a pause or during a manual on: the device's auto-off ends it.

    Simulated: Home Assistant crashes (the machine's pump commands hang, so
    neither the runner, the watchdog nor an abort reaches the device); the
    device, a Shelly of Home Assistant's Shelly integration with the auto-off
    our flow set, keeps its own timer.
    """
    sim = await simulators(gen=gen, mac=SHELLY_BOUND_MAC, metered=False)
    await add_shelly_device(hass, sim)
    entry = await machine_with_bound(
        hass, clock, {"device_auto_off": True, "pulse_timer": False}
    )
    hass.config_entries.async_update_entry(
        entry, options={"max_pump_seconds": SHELLY_AUTO_OFF_SECONDS}
    )
    await clock.settle()
    assert isinstance(entry.runtime_data.pump, ShellyBoundRelay)
    assert sim.config(0)["auto_off"] is True
    assert sim.config(0)["auto_off_delay"] == SHELLY_AUTO_OFF_SECONDS
    bound = float(SHELLY_AUTO_OFF_SECONDS)
    sim.clear_records()
    if crash_at == "manual":
        await call_settled(hass, clock, "switch", "turn_on", entity_id=PUMP_SWITCH)
        assert sim.output(0) is True
        await clock.advance(2)
    else:
        await call_settled(hass, clock, DOMAIN, "run_backflush", **CRASH_PROGRAM)
        await clock.advance(float(crash_at))
    was_on = sim.output(0)
    assert was_on is (crash_at != 5.5)
    assert _bound_seconds(hass, entry) == bound
    assert all(command.timer is None for command in sim.commands)  # auto-off only
    commands_before = len(sim.commands)
    revived = crash_pump_commands(entry, monkeypatch)
    try:
        await clock.advance(bound + 1)
        assert sim.output(0) is False
        # Nothing of Home Assistant reached the device after the crash.
        assert len(sim.commands) == commands_before
        changes = sim.timeline
        if was_on:
            last_on, last_off = changes[-2], changes[-1]
            assert last_off.source == "timer"  # the device's own auto-off
            assert last_off.at - last_on.at == pytest.approx(bound, abs=1e-3)
        else:
            assert all(change.source != "timer" for change in changes)
    finally:
        revived.set()  # a failure ends the test instead of hanging its teardown
    with contextlib.suppress(ServiceValidationError):
        await call_settled(hass, clock, DOMAIN, "abort_backflush")
    assert sim.output(0) is False
    await unload_shelly_machine(hass, clock, entry)
