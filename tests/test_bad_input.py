"""Bad input: every action and the options flow refuse it, and nothing changes.

Home Assistant 2025.4.4 raises voluptuous' own, untranslated ``MultipleInvalid``
for an action registered with a schema. The integration registers its actions
without one and applies the schema in the handler, so a schema error is a
translated ``ServiceValidationError`` (``invalid_action_data``), as are the
machine's own refusals (unknown entry, nothing to abort, ...). The options
flow's form is validated by Home Assistant (``InvalidData``, a ``vol.Invalid``
the frontend shows per field). Either way no state, counter, option, issue
or relay command changes.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.espresso_care.const import DEFAULT_OPTIONS, DOMAIN

from .conftest import Relays, machine_entry
from .helpers import options_form, settle

# Each action with data that fits it, to which the bad values are added.
ACTIONS: dict[str, dict[str, Any]] = {
    "run_backflush": {},
    "continue_backflush": {},
    "abort_backflush": {},
    "log_shot": {},
    "record_maintenance": {"task": "backflush"},
}

OVERRIDES = (
    ("cycles", 1, 20),
    ("pump_on_seconds", 1, 30),
    ("pump_off_seconds", 1, 60),
    ("rinse_cycles", 0, 20),
    ("flushes", 0, 10),
    ("flush_seconds", 1, 10),
)

WRONG_TYPES: tuple[Any, ...] = ("ten", None, [3], {"n": 3}, "")

# Schema errors of run_backflush: wrong types, out of range, unknown programs.
RUN_BAD: list[dict[str, Any]] = [
    {"program": "espresso"},
    {"program": ""},
    {"program": None},
    {"program": 3},
    {"program": ["cleaner"]},
    {"program": "CLEANER"},
    {"warm_up_minutes": -1},
    {"warm_up_minutes": 61},
    {"warm_up_minutes": "soon"},
    {"warm_up_minutes": None},
    {"power_off_after": "maybe"},
    {"power_off_after": None},
    {"power_off_after": [True]},
]
for _key, _low, _high in OVERRIDES:
    RUN_BAD += [{_key: _low - 1}, {_key: _high + 1}, {_key: -1000}, {_key: 10**9}]
    RUN_BAD += [{_key: value} for value in WRONG_TYPES]

LOG_SHOT_BAD: list[dict[str, Any]] = [
    {"count": 0},
    {"count": 11},
    {"count": -1},
    {"count": "two"},
    {"count": None},
    {"count": [1]},
]

RECORD_BAD: list[dict[str, Any]] = [
    {},  # the task is required
    {"task": "espresso"},
    {"task": None},
    {"task": 1},
    {"task": ["backflush"]},
    {"task": "backflush", "when": "yesterday"},
    {"task": "backflush", "when": 12345},
    {"task": "backflush", "when": None},
    {"task": "descale", "when": "2025-13-40T25:61:00"},
]

# Extra keys, on every action.
EXTRA_KEYS: list[dict[str, Any]] = [
    {"colour": "blue"},
    {"entity_id": "switch.pump"},
    {"device_id": "abc"},
    {"config_entry": "x"},
]

# A config entry id of a wrong type.
ENTRY_ID_TYPES: list[Any] = [None, ["x"], {"id": "x"}]


def cases(action: str) -> list[dict[str, Any]]:
    """Every bad data set for one action."""
    base = ACTIONS[action]
    bad = {
        "run_backflush": RUN_BAD,
        "log_shot": LOG_SHOT_BAD,
        "record_maintenance": RECORD_BAD,
    }.get(action, [])
    return [
        *bad,
        *({**base, **extra} for extra in EXTRA_KEYS),
        *({**base, "config_entry_id": value} for value in ENTRY_ID_TYPES),
    ]


def snapshot(hass: HomeAssistant, entry: MockConfigEntry, relays: Relays) -> Any:
    """Everything bad input must leave alone."""
    registry = er.async_get(hass)
    ours = [
        e.entity_id for e in er.async_entries_for_config_entry(registry, entry.entry_id)
    ]
    states = {}
    for entity_id in ours:
        state = hass.states.get(entity_id)
        states[entity_id] = (
            None if state is None else (state.state, dict(state.attributes))
        )
    return {
        "states": states,
        "data": entry.runtime_data.data.as_dict(),
        "options": dict(entry.options),
        "pump": list(relays.pump.commands),
        "plug": list(relays.plug.commands),
        "pump_timeline": list(relays.pump.timeline),
        "issues": sorted(ir.async_get(hass).issues),
        "running": entry.runtime_data.runner.running,
    }


async def call(hass: HomeAssistant, action: str, data: dict[str, Any]) -> None:
    await hass.services.async_call(DOMAIN, action, data, blocking=True)


def assert_refusal(err: ServiceValidationError, key: str | None = None) -> None:
    assert err.translation_domain == DOMAIN
    assert err.translation_key
    if key is not None:
        assert err.translation_key == key


async def assert_refused(
    hass: HomeAssistant, action: str, data: dict[str, Any], key: str | None = None
) -> ServiceValidationError:
    """The action is refused with a translated error (``key``, if given): the error."""
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, action, data)
    assert_refusal(err.value, key)
    return err.value


@pytest.mark.parametrize("action", list(ACTIONS))
async def test_schema_errors_are_translated_refusals(
    hass: HomeAssistant, entry: MockConfigEntry, relays: Relays, action: str
) -> None:
    before = snapshot(hass, entry, relays)
    for data in cases(action):
        err = await assert_refused(hass, action, data, "invalid_action_data")
        await settle(hass)
        assert not isinstance(err, vol.Invalid)
        assert snapshot(hass, entry, relays) == before, data


@pytest.mark.parametrize("action", list(ACTIONS))
async def test_unknown_and_foreign_entries_are_refused(
    hass: HomeAssistant, entry: MockConfigEntry, relays: Relays, action: str
) -> None:
    foreign = MockConfigEntry(domain="input_boolean", title="Not a machine")
    foreign.add_to_hass(hass)
    unloaded = machine_entry(unique_id="other", pump="switch.other", title="Other")
    unloaded.add_to_hass(hass)  # ours, but never set up
    before = snapshot(hass, entry, relays)
    for entry_id, key in (
        ("nope", "unknown_config_entry"),
        ("", "unknown_config_entry"),
        (12345, "unknown_config_entry"),  # coerced to the string "12345"
        (foreign.entry_id, "unknown_config_entry"),
        (unloaded.entry_id, "machine_not_loaded"),
    ):
        await assert_refused(
            hass, action, {**ACTIONS[action], "config_entry_id": entry_id}, key
        )
    await settle(hass)
    assert snapshot(hass, entry, relays) == before


async def test_machine_refusals_change_nothing(
    hass: HomeAssistant, entry: MockConfigEntry, relays: Relays
) -> None:
    """The machine's own refusals of well-formed data: translated, nothing moves."""
    before = snapshot(hass, entry, relays)
    future = (dt_util.utcnow() + timedelta(days=1)).isoformat()
    for action, data, key in (
        ("continue_backflush", {}, "nothing_to_continue"),
        ("abort_backflush", {}, "nothing_to_abort"),
        ("record_maintenance", {"task": "descale", "when": future}, "when_in_future"),
        ("run_backflush", {"program": "flush", "flushes": 0}, "empty_program"),
        (
            "run_backflush",
            {"program": "flush", "flush_seconds": 1, "flushes": 0},
            "empty_program",
        ),
    ):
        await assert_refused(hass, action, data, key)
    await settle(hass)
    assert snapshot(hass, entry, relays) == before


async def test_bad_input_while_a_program_runs_leaves_it_alone(
    hass: HomeAssistant, entry: MockConfigEntry, relays: Relays
) -> None:
    await call(hass, "run_backflush", {"program": "flush", "flushes": 2})
    await settle(hass)
    assert relays.pump.is_on is True
    before = snapshot(hass, entry, relays)
    for action, data in (
        ("run_backflush", {"cycles": 0}),
        ("run_backflush", {"program": "flush"}),  # valid, but one runs already
        ("abort_backflush", {"colour": "blue"}),
        ("continue_backflush", {"config_entry_id": None}),
        ("log_shot", {"count": 0}),
    ):
        await assert_refused(hass, action, data)
    await settle(hass)
    assert snapshot(hass, entry, relays) == before
    await call(hass, "abort_backflush", {})


async def test_fractions_and_booleans_are_refused(
    hass: HomeAssistant, entry: MockConfigEntry, relays: Relays
) -> None:
    """Coerce(int) would take 2.7 for 2 and True for 1: a whole number is required."""
    before = snapshot(hass, entry, relays)
    for action, data in (
        ("run_backflush", {"cycles": 2.7}),
        ("run_backflush", {"pump_on_seconds": 1.5}),
        ("run_backflush", {"cycles": True}),
        ("run_backflush", {"flushes": False}),
        ("run_backflush", {"warm_up_minutes": 0.5}),
        ("run_backflush", {"cycles": "2.5"}),
        ("log_shot", {"count": 1.5}),
        ("log_shot", {"count": True}),
    ):
        await assert_refused(hass, action, data, "invalid_action_data")
        await settle(hass)
        assert snapshot(hass, entry, relays) == before, data


async def test_whole_numbers_in_other_forms_are_taken(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    for count in (2.0, "2", 2):
        await call(hass, "log_shot", {"count": count})
    await settle(hass)
    assert entry.runtime_data.data.shots == 6


# --- the options flow ---------------------------------------------------------


def good_options(**changes: Any) -> dict[str, Any]:
    return {**DEFAULT_OPTIONS, **changes}


OPTION_BAD: list[dict[str, Any]] = [
    good_options(cycles=0),
    good_options(cycles=21),
    good_options(max_pump_seconds=4),
    good_options(shot_max_seconds=601),
    good_options(descale_interval_shots=-1),
    good_options(prompt_timeout_minutes=241),
    good_options(cycles="ten"),
    good_options(cycles=None),
    good_options(cycles=[5]),
    {**good_options(), "colour": "blue"},
]


async def test_options_flow_refuses_bad_input(
    hass: HomeAssistant, entry: MockConfigEntry, relays: Relays
) -> None:
    before = snapshot(hass, entry, relays)
    result = await options_form(hass, entry.entry_id)
    for user_input in OPTION_BAD:
        with pytest.raises(vol.Invalid):  # the form's schema (HA's InvalidData)
            await hass.config_entries.options.async_configure(
                result["flow_id"], user_input
            )
        await settle(hass)
        assert snapshot(hass, entry, relays) == before, user_input
    # The flow is still there: a good answer goes through.
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], good_options(cycles=6)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["cycles"] == 6


async def test_options_flow_refuses_an_empty_shot_range(
    hass: HomeAssistant, entry: MockConfigEntry, relays: Relays
) -> None:
    before = snapshot(hass, entry, relays)
    result = await options_form(hass, entry.entry_id)
    for shot_min, shot_max in ((60, 60), (60, 10), (30, 29)):
        result = await hass.config_entries.options.async_configure(
            result["flow_id"],
            good_options(shot_min_seconds=shot_min, shot_max_seconds=shot_max),
        )
        assert result["type"] is FlowResultType.FORM
        assert result["errors"] == {"shot_max_seconds": "shot_range"}
        await settle(hass)
        assert snapshot(hass, entry, relays) == before


async def test_options_flow_of_unknown_entries(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    from homeassistant.config_entries import UnknownEntry

    with pytest.raises(UnknownEntry):
        await hass.config_entries.options.async_init("nope")
    assert dict(entry.options) == {}
