"""Helpers shared by the tests: frozen time that settles, states, the machine's actions.

``settle`` and ``advance`` move the loop (and frozen time) on; given
``in_flight`` (a function counting requests on the wire) they also wait for
those to be answered, spinning the loop with real-time polls meanwhile, so a
test on real sockets never jumps time over a reply that is on its way.
Tests import them from here: ``conftest`` imports both for its own fixtures,
which mypy --strict does not count as a re-export.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import timedelta
import math
from typing import Any

from freezegun.api import FrozenDateTimeFactory, real_monotonic
from homeassistant.components.switch import SwitchEntity
from homeassistant.config_entries import SOURCE_USER, ConfigEntry, ConfigFlowResult
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, State
from homeassistant.data_entry_flow import FlowManager, FlowResultType
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed_exact,
    get_scheduled_timer_handles,
)

try:  # Home Assistant 2026.x validates with probatio, voluptuous' successor
    import probatio as vol
except ImportError:  # Home Assistant 2025.x
    import voluptuous as vol  # type: ignore[no-redef,unused-ignore]

from custom_components.espresso_care.const import DOMAIN
from custom_components.espresso_care.storage import storage_key

type InFlight = Callable[[], int]

# Loop times near 1.8e9 s carry about 0.25 us of float rounding.
_ROUNDING = 1e-6


# -- time --------------------------------------------------------------------------


async def settle(
    hass: HomeAssistant,
    *,
    in_flight: InFlight | None = None,
    real_timeout: float = 10.0,
) -> None:
    """Run the loop until nothing is ready to run, background tasks included.

    A background task (a running program) may wait on an executor job, which
    finishes in real time on another thread: wait for those too, or a time
    jump could overtake them. With ``in_flight``, also wait (up to
    ``real_timeout`` seconds of real time) until it counts no request on the
    wire: replies arrive by I/O, which the loop polls each time it yields.
    """
    deadline = real_monotonic() + real_timeout
    spins = 0
    while True:
        await hass.async_block_till_done()
        jobs = [
            job
            for job in hass._background_tasks
            if not isinstance(job, asyncio.Task) and not job.done()
        ]
        if jobs:
            await asyncio.wait(jobs)
            continue
        waiting = in_flight() if in_flight is not None else 0
        if waiting:
            if real_monotonic() > deadline:
                raise AssertionError(f"{waiting} request(s) never answered")
            spins = 0
        elif not hass.loop._ready:  # type: ignore[attr-defined]
            return
        else:
            spins += 1
            if spins >= 10_000:
                raise AssertionError("the event loop never settled")
        await asyncio.sleep(0)


async def _fire_due(hass: HomeAssistant, in_flight: InFlight | None) -> None:
    """Fire every timer due now, those a float rounding puts a hair later included."""
    for _ in range(1_000):
        now = hass.loop.time()
        if not any(
            handle.when() - now <= _ROUNDING
            for handle in get_scheduled_timer_handles(hass.loop)
            if not handle.cancelled()
        ):
            return
        async_fire_time_changed_exact(
            hass, dt_util.utcnow() + timedelta(microseconds=1)
        )
        await settle(hass, in_flight=in_flight)
    raise AssertionError("timers keep firing at the same moment")


async def advance(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    seconds: float,
    *,
    in_flight: InFlight | None = None,
) -> None:
    """Move frozen time forward, firing each timer at its exact moment on the way.

    Frozen time moves in whole microseconds, so each step is rounded up to one.
    Every settle in between waits for ``in_flight`` (see ``settle``), so a poll
    or command started by a timer is answered before time moves again.
    """
    await settle(hass, in_flight=in_flight)
    remaining = round(seconds * 1_000_000)
    for _ in range(100_000):
        now = hass.loop.time()
        pending = [
            handle.when()
            for handle in get_scheduled_timer_handles(hass.loop)
            if not handle.cancelled()
        ]
        if not pending:
            break
        step = max(0, math.ceil((min(pending) - now) * 1_000_000 - 1e-3))
        if step > remaining:
            break
        freezer.tick(timedelta(microseconds=step))
        remaining -= step
        await _fire_due(hass, in_flight)
    else:
        raise AssertionError("timers keep firing at the same moment")
    freezer.tick(timedelta(microseconds=remaining))
    await _fire_due(hass, in_flight)


# -- states and responses -----------------------------------------------------------


def state_of(hass: HomeAssistant, entity_id: str) -> State:
    """The state of ``entity_id``; fails the test when the entity has none."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} has no state"
    return state


def state(hass: HomeAssistant, entity_id: str) -> str:
    """The state string of ``entity_id``; fails the test when the entity has none."""
    return state_of(hass, entity_id).state


def is_on(switch: SwitchEntity) -> bool | None:
    """Whether ``switch`` (a fake relay) is on now.

    For a test that asserts a relay before and after an action: mypy keeps an
    asserted ``relay.is_on`` narrowed past the ``await`` that changed it, and
    would call the second assert unreachable; a call's result it does not keep.
    """
    return switch.is_on


def json_object(value: object) -> dict[str, Any]:
    """``value`` as a JSON object (a service's response, a part of one), or a failure."""
    assert isinstance(value, dict), f"no JSON object: {value!r}"
    return value


# -- the machine's actions -----------------------------------------------------------


async def run(hass: HomeAssistant, **data: Any) -> None:
    """Start a program (``run_backflush``) and let it settle."""
    await hass.services.async_call(DOMAIN, "run_backflush", data, blocking=True)
    await settle(hass)


async def resume(hass: HomeAssistant) -> None:
    """Continue a waiting program (``continue_backflush``) and let it settle."""
    await hass.services.async_call(DOMAIN, "continue_backflush", {}, blocking=True)
    await settle(hass)


async def abort(hass: HomeAssistant) -> None:
    """Abort the program; only what the call started is waited for."""
    await hass.services.async_call(DOMAIN, "abort_backflush", {}, blocking=True)
    await hass.async_block_till_done()


async def press(hass: HomeAssistant, key: str) -> None:
    """Press the machine's button ``button.espresso_machine_<key>`` and settle."""
    await hass.services.async_call(
        "button",
        "press",
        {ATTR_ENTITY_ID: f"button.espresso_machine_{key}"},
        blocking=True,
    )
    await settle(hass)


# -- the machine's store ------------------------------------------------------------


def stored[Entry: ConfigEntry](
    hass_storage: dict[str, Any],
    entry: Entry,
    data: Any,
    *,
    minor_version: int = 2,
) -> Entry:
    """Leave ``data`` in ``entry``'s store, as a previous run would have; the entry."""
    hass_storage[storage_key(entry.entry_id)] = {
        "version": 1,
        "minor_version": minor_version,
        "key": storage_key(entry.entry_id),
        "data": data,
    }
    return entry


# -- the config flows -----------------------------------------------------------------


async def choose(
    manager: FlowManager[Any, ConfigFlowResult, Any],
    handler: str,
    menu: list[str],
    choice: str,
    **init: Any,
) -> ConfigFlowResult:
    """Open a flow on its menu (offering ``menu``), choose ``choice``: what comes of it."""
    result = await manager.async_init(handler, **init)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == menu
    return await manager.async_configure(result["flow_id"], {"next_step_id": choice})


def placeholders_of(result: ConfigFlowResult) -> Mapping[str, str]:
    """The step's description placeholders; fails the test when it has none."""
    found = result.get("description_placeholders")
    assert found is not None, f"step {result.get('step_id')} has no placeholders"
    return found


def schema_of(result: ConfigFlowResult) -> vol.Schema:
    """The form's schema; fails the test when the step shows no form."""
    schema = result.get("data_schema")
    assert schema is not None, f"step {result.get('step_id')} has no form"
    return schema


async def entities_form(hass: HomeAssistant) -> str:
    """Start the config flow and pick ``entities`` in its menu: the form's flow id."""
    result = await choose(
        hass.config_entries.flow,
        DOMAIN,
        ["entities", "shelly"],
        "entities",
        context={"source": SOURCE_USER},
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "entities"
    return str(result["flow_id"])


async def reconfigure(
    hass: HomeAssistant, entry: MockConfigEntry, user_input: dict[str, Any]
) -> ConfigFlowResult:
    """Reconfigure ``entry`` with ``user_input`` and settle: where the flow ends."""
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], user_input
    )
    await settle(hass)
    return result


# -- the options flow ---------------------------------------------------------------


async def options_form(hass: HomeAssistant, entry_id: str) -> ConfigFlowResult:
    """Open the options flow and pick ``settings`` in its menu: the numbers' form."""
    result = await choose(
        hass.config_entries.options, entry_id, ["settings", "calibrate"], "settings"
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "settings"
    return result
