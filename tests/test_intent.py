"""Voice: the intents, the shipped custom sentences, spoken refusals, the LLM tools."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import timedelta
from pathlib import Path
import shutil
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import device_registry as dr, intent, translation
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.const import DOMAIN
from custom_components.espresso_care.intent import (
    INTENT_ABORT,
    INTENT_CONTINUE,
    INTENT_KEEP_ON,
    INTENT_NEXT,
    INTENT_PULSES_LEFT,
    INTENT_READY,
    INTENT_START,
    INTENT_STATUS,
)

from .conftest import BREW, Relays, machine_entry
from .helpers import advance, json_object, settle, state_of

REPO = Path(__file__).parent.parent
STATE = "sensor.espresso_machine_backflush_state"
NOW = "2025-06-15 10:00:00+00:00"  # noon in Berlin, 3 am in the tests' US/Pacific


@pytest.fixture
async def voice(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """The intent integration, which sets up Espresso Care's intent platform."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "intent", {})
    await hass.async_block_till_done()


async def handle(
    hass: HomeAssistant,
    intent_type: str,
    language: str = "en",
    **slots: Any,
) -> intent.IntentResponse:
    response = await intent.async_handle(
        hass,
        "test",
        intent_type,
        {key: {"value": value} for key, value in slots.items()},
        language=language,
    )
    await settle(hass)
    return response


def speech(response: intent.IntentResponse) -> str:
    text: str = response.speech["plain"]["speech"]
    return text


def state(hass: HomeAssistant) -> str:
    return state_of(hass, STATE).state


async def test_intents_registered_by_the_platform(
    hass: HomeAssistant, voice: None, caplog: pytest.LogCaptureFixture
) -> None:
    handlers = {h.intent_type: h for h in intent.async_get(hass)}
    for name in (
        INTENT_START,
        INTENT_CONTINUE,
        INTENT_ABORT,
        INTENT_STATUS,
        INTENT_PULSES_LEFT,
    ):
        assert handlers[name].description
    assert "being overwritten" not in caplog.text


async def test_start_continue_abort(
    hass: HomeAssistant,
    voice: None,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
) -> None:
    response = await handle(hass, INTENT_START)
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert speech(response).startswith("Backflush with cleaner started.")
    assert state(hass) == "cleaning"
    assert relays.pump.is_on

    await advance(hass, freezer, 100)
    assert state(hass) == "awaiting_rinse"
    response = await handle(hass, INTENT_CONTINUE)
    assert speech(response) == "Continuing the program."
    assert state(hass) == "rinsing"

    response = await handle(hass, INTENT_ABORT)
    assert speech(response) == "Program aborted. The pump is off."
    assert state(hass) == "aborted"
    assert not relays.pump.is_on


@pytest.mark.parametrize(
    ("program", "first_state", "reply"),
    [
        ("water", "rinsing", "Backflush with water started."),
        ("flush", "flushing", "Group flush started."),
    ],
)
async def test_start_other_programs(
    hass: HomeAssistant, voice: None, program: str, first_state: str, reply: str
) -> None:
    response = await handle(hass, INTENT_START, program=program)
    assert speech(response).startswith(reply)
    assert state(hass) == first_state
    assert state_of(hass, STATE).attributes["program"] == program


async def test_unknown_program_is_invalid(hass: HomeAssistant, voice: None) -> None:
    with pytest.raises(intent.InvalidSlotInfo):
        await handle(hass, INTENT_START, program="espresso")
    assert state(hass) == "idle"


async def test_refusals_are_spoken(
    hass: HomeAssistant, voice: None, relays: Relays
) -> None:
    response = await handle(hass, INTENT_CONTINUE)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert response.error_code is intent.IntentResponseErrorCode.FAILED_TO_HANDLE
    assert speech(response) == "No program is waiting for you."

    assert speech(await handle(hass, INTENT_ABORT)) == "No program is running."

    relays.plug.set(False)
    await settle(hass)
    response = await handle(hass, INTENT_START)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert speech(response).startswith("The machine is switched off.")
    assert state(hass) == "idle"
    assert not relays.pump.commands


async def test_reply_in_the_request_language(hass: HomeAssistant, voice: None) -> None:
    real = translation.async_get_translations
    with patch(
        "custom_components.espresso_care.intent.translation.async_get_translations",
        wraps=real,
    ) as spy:
        response = await handle(hass, INTENT_ABORT, language="de")
    assert {call.args[1] for call in spy.call_args_list} == {"de"}
    expected = await real(hass, "de", "exceptions", [DOMAIN])
    assert (
        speech(response)
        == expected[f"component.{DOMAIN}.exceptions.nothing_to_abort.message"]
    )


@pytest.mark.freeze_time(NOW)
async def test_status_sentence(hass: HomeAssistant, voice: None) -> None:
    now = dt_util.utcnow()
    for task, days in (("backflush", 12), ("descale", 49)):
        await hass.services.async_call(
            DOMAIN,
            "record_maintenance",
            {"task": task, "when": (now - timedelta(days=days)).isoformat()},
            blocking=True,
        )
    for count in (10, 10, 3):
        await hass.services.async_call(
            DOMAIN, "log_shot", {"count": count}, blocking=True
        )
    response = await handle(hass, INTENT_STATUS)
    assert speech(response) == (
        "Your espresso machine is due for a backflush: 23 shots since the last"
        " one, 12 days ago. Descaling is due in 41 days."
    )


@pytest.mark.freeze_time(NOW)
@pytest.mark.parametrize(
    ("entry_options", "backflush_days", "shots", "descale_days", "expected"),
    [
        (
            {},
            None,
            1,
            None,
            "Your espresso machine needs no backflush yet: 1 shot so far."
            " Descaling is due in 90 days.",
        ),
        (
            {"backflush_interval_shots": 2},
            None,
            2,
            89,
            "Your espresso machine is due for a backflush: 2 shots and no"
            " backflush recorded yet. Descaling is due tomorrow.",
        ),
        (
            {},
            1,
            0,
            89.9,
            "Your espresso machine needs no backflush yet: 0 shots since the last"
            " one, yesterday. Descaling is due today.",
        ),
        (
            {"descale_interval_days": 0, "descale_interval_shots": 500},
            0,
            4,
            None,
            "Your espresso machine needs no backflush yet: 4 shots since the last"
            " one, today. Descaling is due in 496 shots.",
        ),
        (
            {"descale_interval_days": 0},
            None,
            0,
            None,
            "Your espresso machine needs no backflush yet: 0 shots so far.",
        ),
        (
            {"descale_interval_days": 10},
            None,
            0,
            11,
            "Your espresso machine needs no backflush yet: 0 shots so far."
            " Descaling is due.",
        ),
    ],
)
async def test_status_variants(
    hass: HomeAssistant,
    voice: None,
    backflush_days: int | None,
    shots: int,
    descale_days: float | None,
    expected: str,
) -> None:
    now = dt_util.utcnow()
    for task, days in (("backflush", backflush_days), ("descale", descale_days)):
        if days is not None:
            await hass.services.async_call(
                DOMAIN,
                "record_maintenance",
                {"task": task, "when": (now - timedelta(days=days)).isoformat()},
                blocking=True,
            )
    if shots:
        await hass.services.async_call(
            DOMAIN, "log_shot", {"count": shots}, blocking=True
        )
    assert speech(await handle(hass, INTENT_STATUS)) == expected


async def test_status_while_running_and_waiting(
    hass: HomeAssistant, voice: None, freezer: FrozenDateTimeFactory
) -> None:
    await handle(hass, INTENT_START)
    await advance(hass, freezer, 30)  # 2 of 13 pulses done
    text = speech(await handle(hass, INTENT_STATUS))
    assert text.startswith("Backflush with cleaner is running, 15 percent done. ")
    await advance(hass, freezer, 70)
    text = speech(await handle(hass, INTENT_STATUS))
    assert text.startswith(
        "Backflush with cleaner is waiting for you. Rinse the portafilter, put it"
        " back with the blind basket and no cleaner, then continue. Your espresso"
        " machine"
    )


@pytest.fixture
async def second_machine(
    hass: HomeAssistant, entry: MockConfigEntry
) -> MockConfigEntry:
    """A second machine, on the same fake relays (only its name matters here)."""
    kitchen = machine_entry(title="Kitchen machine", unique_id="switch.other")
    kitchen.add_to_hass(hass)
    assert await hass.config_entries.async_setup(kitchen.entry_id)
    await hass.async_block_till_done()
    return kitchen


async def test_machine_by_name(
    hass: HomeAssistant, voice: None, second_machine: MockConfigEntry
) -> None:
    response = await handle(hass, INTENT_STATUS)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert speech(response) == (
        "Which espresso machine: Espresso machine, Kitchen machine?"
    )

    text = speech(await handle(hass, INTENT_STATUS, machine="the  Kitchen MACHINE"))
    assert text.startswith("Kitchen machine needs no backflush yet")
    text = speech(await handle(hass, INTENT_STATUS, machine="espresso machine"))
    assert text.startswith("Espresso machine needs no backflush yet")

    response = await handle(hass, INTENT_START, machine="garage machine")
    assert speech(response) == "There is no espresso machine called garage machine."

    await handle(hass, INTENT_START, program="flush", machine="my kitchen machine")
    kitchen = second_machine.runtime_data
    assert kitchen.program.program == "flush"
    assert state(hass) == "idle"  # the first machine did not start
    await handle(hass, INTENT_ABORT, machine="kitchen machine")
    assert kitchen.program.state == "aborted"


async def test_machine_by_device_name(
    hass: HomeAssistant, voice: None, entry: MockConfigEntry
) -> None:
    registry = dr.async_get(hass)
    [device] = dr.async_entries_for_config_entry(registry, entry.entry_id)
    registry.async_update_device(device.id, name_by_user="Silvia")
    text = speech(await handle(hass, INTENT_STATUS, machine="Silvia"))
    assert text.startswith("Your espresso machine needs no backflush yet")


async def test_no_machine(hass: HomeAssistant) -> None:
    assert await async_setup_component(hass, DOMAIN, {})
    assert await async_setup_component(hass, "intent", {})
    await hass.async_block_till_done()
    response = await handle(hass, INTENT_STATUS)
    assert speech(response) == "No espresso machine is set up."


# --- the shipped custom sentences through the built-in conversation agent ---


@pytest.fixture
async def sentences(
    hass: HomeAssistant, entry: MockConfigEntry, tmp_path: Path
) -> None:
    """The repository's custom_sentences/ in the config dir, and conversation."""
    shutil.copytree(REPO / "custom_sentences", tmp_path / "custom_sentences")
    hass.config.config_dir = str(tmp_path)
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()


async def say(hass: HomeAssistant, text: str, language: str = "en") -> dict[str, Any]:
    result = await hass.services.async_call(
        "conversation",
        "process",
        {"text": text, "language": language},
        blocking=True,
        return_response=True,
    )
    await settle(hass)
    return json_object(json_object(result)["response"])


def said(response: dict[str, Any]) -> str:
    text: str = response["speech"]["plain"]["speech"]
    return text


async def test_sentences_full_program(
    hass: HomeAssistant,
    sentences: None,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
) -> None:
    response = await say(hass, "start the backflush")
    assert said(response).startswith("Backflush with cleaner started.")
    assert state(hass) == "cleaning"
    await advance(hass, freezer, 100)
    assert said(await say(hass, "the portafilter is rinsed")) == (
        "Continuing the program."
    )
    assert state(hass) == "rinsing"
    assert said(await say(hass, "stop the backflush")) == (
        "Program aborted. The pump is off."
    )
    assert state(hass) == "aborted"
    assert not relays.pump.is_on
    text = said(await say(hass, "is the espresso machine due for a backflush"))
    assert text.startswith("Your espresso machine needs no backflush yet")


@pytest.mark.parametrize(
    ("language", "text", "program"),
    [
        ("en", "run a water backflush on the espresso machine", "water"),
        ("en", "start a group flush", "flush"),
        ("en", "backflush my coffee machine", "cleaner"),
        ("de", "starte eine Rückspülung", "cleaner"),
        ("de", "Rückspülung mit Wasser starten", "water"),
        ("de", "starte eine Gruppenspülung auf der Espresso machine", "flush"),
        ("it", "avvia il controlavaggio", "cleaner"),
        ("it", "avvia il controlavaggio con acqua", "water"),
        ("it", "fai il lavaggio del gruppo", "flush"),
    ],
)
async def test_sentences_start(
    hass: HomeAssistant, sentences: None, language: str, text: str, program: str
) -> None:
    response = await say(hass, text, language)
    assert response["response_type"] == "action_done", response
    assert state_of(hass, STATE).attributes["program"] == program


@pytest.mark.parametrize(
    ("language", "stop", "status"),
    [
        ("en", "cancel the cleaning", "how many shots since the last backflush"),
        (
            "de",
            "brich die Rückspülung ab",
            "braucht die Espressomaschine eine Rückspülung",
        ),
        ("it", "interrompi il controlavaggio", "stato della macchina del caffè"),
    ],
)
async def test_sentences_abort_and_status(
    hass: HomeAssistant, sentences: None, language: str, stop: str, status: str
) -> None:
    start = {
        "en": "start the backflush",
        "de": "starte die Reinigung",
        "it": "avvia la pulizia",
    }
    await say(hass, start[language], language)
    assert state(hass) == "cleaning"
    response = await say(hass, stop, language)
    assert response["response_type"] == "action_done", response
    assert state(hass) == "aborted"
    response = await say(hass, status, language)
    assert response["response_type"] == "action_done", response
    expected = await translation.async_get_translations(
        hass, language, "exceptions", [DOMAIN]
    )
    subject = expected[f"component.{DOMAIN}.exceptions.speech_your_machine.message"]
    assert said(response).startswith(subject)


async def test_sentences_continue_in_every_language(
    hass: HomeAssistant, sentences: None, freezer: FrozenDateTimeFactory
) -> None:
    for language, start, go_on in (
        ("en", "start the backflush", "continue the backflush"),
        ("de", "starte die Rückspülung", "Rückspülung fortsetzen"),
        ("it", "avvia il controlavaggio", "continua il controlavaggio"),
    ):
        await say(hass, start, language)
        await advance(hass, freezer, 100)
        assert state(hass) == "awaiting_rinse"
        response = await say(hass, go_on, language)
        assert response["response_type"] == "action_done", response
        assert state(hass) == "rinsing"
        await say(hass, "stop the backflush")


async def test_sentence_refusal_is_spoken(hass: HomeAssistant, sentences: None) -> None:
    response = await say(hass, "continue the backflush")
    assert response["response_type"] == "error"
    assert said(response) == "No program is waiting for you."


# --- LLM tools ---------------------------------------------------------------

try:
    from homeassistant.components import llm as llm_component  # noqa: F401
except ImportError:
    HAS_LLM_PLATFORMS = False
else:
    HAS_LLM_PLATFORMS = True


@pytest.mark.skipif(
    not HAS_LLM_PLATFORMS,
    reason="Home Assistant < 2026 has no llm platform: its Assist API offers the"
    " intents itself (test_llm_tools_from_intents covers that)",
)
async def test_llm_tools(hass: HomeAssistant, sentences: None, relays: Relays) -> None:
    from homeassistant.components.homeassistant.exposed_entities import (
        async_expose_entity,
    )
    from homeassistant.helpers import entity_registry as er, llm

    # This test runs on Home Assistant 2026+ only; type-checked against 2025.x
    # too, its new API is ignored there (call-arg, attr-defined).
    context = llm.LLMContext(  # type: ignore[call-arg,unused-ignore]
        platform="test",
        context=Context(),
        language="en",
        assistant="conversation",
        device_id=None,
    )
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, context)
    tools = {tool.name: tool for tool in api.tools}
    start = tools[f"{DOMAIN}__{INTENT_START}"]
    assert f"{DOMAIN}__{INTENT_STATUS}" in tools
    assert f"{DOMAIN}__{INTENT_CONTINUE}" in tools
    assert f"{DOMAIN}__{INTENT_ABORT}" in tools
    assert start.integration == DOMAIN  # type: ignore[attr-defined,unused-ignore]
    assert start.title == "Start espresso machine cleaning"  # type: ignore[attr-defined,unused-ignore]
    assert tools[f"{DOMAIN}__{INTENT_STATUS}"].annotations.read_only  # type: ignore[attr-defined,unused-ignore]
    assert tools[f"{DOMAIN}__{INTENT_PULSES_LEFT}"].annotations.read_only  # type: ignore[attr-defined,unused-ignore]

    result = await api.async_call_tool(
        llm.ToolInput(f"{DOMAIN}__{INTENT_START}", {"program": "water"})
    )
    await settle(hass)
    data = result.data  # type: ignore[attr-defined,unused-ignore]
    assert json_object(data)["speech"]["plain"]["speech"].startswith(
        "Backflush with water started."
    )
    assert state(hass) == "rinsing"

    # Nothing of the machine exposed: no tools.
    for entity in er.async_entries_for_config_entry(
        er.async_get(hass), hass.config_entries.async_entries(DOMAIN)[0].entry_id
    ):
        async_expose_entity(hass, "conversation", entity.entity_id, False)
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, context)
    assert not [tool for tool in api.tools if tool.name.startswith(DOMAIN)]
    # Another API than Assist gets nothing either.
    from custom_components.espresso_care import llm as platform

    assert platform.async_get_tools(hass, context, "other_api") is None


@pytest.mark.skipif(
    HAS_LLM_PLATFORMS,
    reason="Home Assistant 2026+ offers only llm platform tools (test_llm_tools)",
)
async def test_llm_tools_from_intents(hass: HomeAssistant, sentences: None) -> None:
    from homeassistant.helpers import llm

    # This test runs on Home Assistant 2025.x only (2026 has no user_prompt).
    context = llm.LLMContext(  # type: ignore[call-arg,unused-ignore]
        platform="test",
        context=Context(),
        user_prompt="backflush",
        language="en",
        assistant="conversation",
        device_id=None,
    )
    api = await llm.async_get_api(hass, llm.LLM_API_ASSIST, context)
    tools = {tool.name: tool for tool in api.tools}
    start = next(
        t for t in tools.values() if t.name.casefold().endswith("startbackflush")
    )
    assert start.description
    assert "cleaner" in start.description
    # The bare "next" is for spoken sentences only.
    assert not [t for t in tools if t.casefold().endswith("espressocarenext")]
    assert any(t.casefold().endswith("espressocarepulsesleft") for t in tools)
    result = await api.async_call_tool(llm.ToolInput(start.name, {"program": "flush"}))
    await settle(hass)
    assert json_object(result)["speech"]["plain"]["speech"] == "Group flush started."
    assert state(hass) == "flushing"


# --- the daily routine: ready, and keep on -------------------------------------------

SEVEN = "2025-06-18 07:00:00-07:00"  # in the tests' time zone


@pytest.mark.freeze_time(SEVEN)
@pytest.mark.parametrize("entry_options", [{"ready_delay_minutes": 12}])
async def test_ready_intent(
    hass: HomeAssistant, voice: None, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    relays.plug.set(False)
    await settle(hass)
    assert speech(await handle(hass, INTENT_READY)) == (
        "Your espresso machine is switched off."
    )
    relays.plug.set(True)
    await settle(hass)
    assert speech(await handle(hass, INTENT_READY)) == (
        "Your espresso machine is heating up and will be ready at about 07:12."
    )
    expected = await translation.async_get_translations(
        hass, "de", "exceptions", [DOMAIN]
    )
    german = expected[f"component.{DOMAIN}.exceptions.speech_heating_at.message"]
    assert speech(await handle(hass, INTENT_READY, language="de")) == german.format(
        machine="Deine Espressomaschine", time="07:12"
    )
    await advance(hass, freezer, 12 * 60)
    assert speech(await handle(hass, INTENT_READY)) == "Your espresso machine is ready."


@pytest.mark.freeze_time(SEVEN)
async def test_ready_intent_nothing_learned_yet(
    hass: HomeAssistant, relays: Relays
) -> None:
    """With a power sensor and no heat-up learned, no time is made up."""
    hass.states.async_set("sensor.machine_power", "1200", {"unit_of_measurement": "W"})
    relays.plug.set(False)
    entry = machine_entry()
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data={**entry.data, "power_sensor": "sensor.machine_power"}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    assert await async_setup_component(hass, "intent", {})
    await settle(hass)
    relays.plug.set(True)
    await settle(hass)
    assert speech(await handle(hass, INTENT_READY)) == (
        "Your espresso machine is heating up. I can tell when it will be ready"
        " after its first heat-ups."
    )
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.freeze_time(SEVEN)
@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 30}])
async def test_keep_on_intent(
    hass: HomeAssistant, voice: None, relays: Relays, freezer: FrozenDateTimeFactory
) -> None:
    await advance(hass, freezer, 10 * 60)
    assert speech(await handle(hass, INTENT_KEEP_ON)) == (
        "Your espresso machine stays on until 07:40."
    )
    assert speech(await handle(hass, INTENT_KEEP_ON, minutes=60)) == (
        "Your espresso machine stays on until 08:10."
    )
    with pytest.raises(intent.InvalidSlotInfo):
        await handle(hass, INTENT_KEEP_ON, minutes=0)
    relays.plug.set(False)
    await settle(hass)
    response = await handle(hass, INTENT_KEEP_ON)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert speech(response).startswith("The machine is switched off.")


async def test_keep_on_intent_without_auto_off(
    hass: HomeAssistant, voice: None
) -> None:
    response = await handle(hass, INTENT_KEEP_ON)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert speech(response) == (
        "Auto-off is not set for this machine (auto_off_minutes), so nothing"
        " will switch it off."
    )


@pytest.mark.freeze_time(SEVEN)
@pytest.mark.parametrize(
    "entry_options", [{"ready_delay_minutes": 12, "auto_off_minutes": 30}]
)
@pytest.mark.parametrize(
    ("language", "ready", "when", "keep_on", "keep_on_minutes"),
    [
        (
            "en",
            "is the espresso machine ready",
            "when will the espresso machine be ready",
            "keep the espresso machine on",
            "keep the coffee machine on for 45 minutes",
        ),
        (
            "de",
            "ist die Espressomaschine schon bereit",
            "wann ist die Espressomaschine betriebsbereit",
            "lass die Espressomaschine an",
            "lass die Espressomaschine noch 45 Minuten an",
        ),
        (
            "it",
            "la macchina del caffè è pronta",
            "quando sarà pronta la macchina per espresso",
            "tieni accesa la macchina del caffè",
            "tieni accesa la macchina per espresso per 45 minuti",
        ),
    ],
)
async def test_sentences_ready_and_keep_on(
    hass: HomeAssistant,
    sentences: None,
    relays: Relays,
    language: str,
    ready: str,
    when: str,
    keep_on: str,
    keep_on_minutes: str,
) -> None:
    relays.plug.set(False)
    await settle(hass)
    relays.plug.set(True)
    await settle(hass)
    texts = await translation.async_get_translations(
        hass, language, "exceptions", [DOMAIN]
    )

    def text(key: str, **values: str) -> str:
        return texts[f"component.{DOMAIN}.exceptions.{key}.message"].format(
            machine=texts[f"component.{DOMAIN}.exceptions.speech_your_machine.message"],
            **values,
        )

    for question in (ready, when):
        response = await say(hass, question, language)
        assert response["response_type"] == "action_done", response
        assert said(response) == text("speech_heating_at", time="07:12")
    response = await say(hass, keep_on, language)
    assert said(response) == text("speech_kept_on", time="07:30")
    response = await say(hass, keep_on_minutes, language)
    assert said(response) == text("speech_kept_on", time="07:45")


# --- at the machine: "next", "done", "how many pulses are left" ---------------


async def texts(hass: HomeAssistant, language: str) -> dict[str, str]:
    """The spoken sentences of a language, by key (``speech_...``)."""
    found: dict[str, str] = {}
    for category in ("exceptions", "selector", "entity"):
        found |= await translation.async_get_translations(
            hass, language, category, [DOMAIN]
        )
    prefix = f"component.{DOMAIN}.exceptions."
    result = {
        key.removeprefix(prefix).removesuffix(".message"): value
        for key, value in found.items()
        if key.startswith(prefix)
    }
    result["cleaner"] = found[f"component.{DOMAIN}.selector.program.options.cleaner"]
    for action in ("rinse_portafilter", "brew_on"):
        result[action] = found[
            f"component.{DOMAIN}.entity.sensor.backflush_state"
            f".state_attributes.action.state.{action}"
        ]
    return result


# Each new sentence, by language and by what it asks for. Said with no program
# running, each gives that intent's own answer (so each was understood).
NEXT_SENTENCES = {
    "en": [
        "next step",
        "what's next",
        "okay what is next",
        "ok next",
        "what now",
        "what do I do now",
        "done",
        "I'm done",
        "all done",
        "I rinsed it",
        "I have removed the portafilter",
        "I've rinsed it",
        "it's out",
    ],
    "de": [
        "nächster Schritt",
        "okay weiter",
        "mach weiter",
        "weiter mit der Reinigung",
        "was nun",
        "was kommt jetzt",
        "was kommt als Nächstes",
        "wie geht es weiter",
        "was muss ich jetzt tun",
        "fertig",
        "ich bin fertig",
        "erledigt",
        "ich habe ihn ausgespült",
        "ich habe den Siebträger herausgenommen",
        "ist ausgespült",
    ],
    "it": [
        "avanti",
        "ok avanti",
        "prossimo passo",
        "e adesso",
        "e ora",
        "cosa faccio adesso",
        "cosa devo fare ora",
        "fatto",
        "ho fatto",
        "ho finito",
        "l'ho sciacquato",
        "l'ho tolto",
        "ho rimosso il portafiltro",
    ],
}
PULSES_SENTENCES = {
    "en": [
        "how many pulses are left",
        "how many more pulses to go",
        "how many cycles remain",
        "how many pulses are left on the espresso machine",
    ],
    "de": [
        "wie viele Stöße noch",
        "wie viele Pulse sind noch übrig",
        "wie viele Zyklen fehlen noch",
    ],
    "it": [
        "quanti cicli mancano",
        "quanti impulsi restano ancora",
        "quanti colpi rimangono",
    ],
}
GUIDE_SENTENCES = {
    "en": [
        "guide me through the backflush",
        "walk me through a cleaning program",
        "take me through backflushing the espresso machine",
        "help me clean my coffee machine",
    ],
    "de": [
        "führe mich durch die Rückspülung",
        "leite mich durch eine Reinigung",
        "hilf mir bei der Rückspülung",
    ],
    "it": [
        "avvia il lavaggio",
        "fai il controlavaggio",
        "lava la macchina",
        "guidami nel controlavaggio",
        "guidami nella pulizia",
    ],
}


@pytest.mark.parametrize(
    ("language", "text"),
    [(lang, text) for lang, group in NEXT_SENTENCES.items() for text in group],
)
async def test_sentences_next_understood(
    hass: HomeAssistant, sentences: None, language: str, text: str
) -> None:
    """With nothing running, "next" and "done" refuse: they act on a program only."""
    response = await say(hass, text, language)
    assert response["response_type"] == "error", response
    assert said(response) == (await texts(hass, language))["nothing_to_continue"]
    assert state(hass) == "idle"


@pytest.mark.parametrize(
    ("language", "text"),
    [(lang, text) for lang, group in PULSES_SENTENCES.items() for text in group],
)
async def test_sentences_pulses_left_understood(
    hass: HomeAssistant, sentences: None, language: str, text: str
) -> None:
    response = await say(hass, text, language)
    assert response["response_type"] == "action_done", response
    assert said(response) == (await texts(hass, language))["speech_no_program"]


@pytest.mark.parametrize(
    ("language", "text"),
    [(lang, text) for lang, group in GUIDE_SENTENCES.items() for text in group],
)
async def test_sentences_guide_me_start_the_cleaner(
    hass: HomeAssistant, sentences: None, relays: Relays, language: str, text: str
) -> None:
    """On a machine with a pump relay, "guide me" runs the cleaner program itself."""
    response = await say(hass, text, language)
    assert response["response_type"] == "action_done", response
    assert said(response) == (await texts(hass, language))["speech_started_cleaner"]
    assert state(hass) == "cleaning"
    assert state_of(hass, STATE).attributes["program"] == "cleaner"
    assert relays.pump.is_on


# A bare "next" is Home Assistant's own media sentence too: the words, the
# built-in intent they reach without Espresso Care, and its spoken answer.
BARE_NEXT = [
    ("en", "next", "HassMediaNext", "Playing next"),
    ("de", "weiter", "HassMediaUnpause", "Fortgesetzt"),
    ("it", "prossimo", "HassMediaNext", "Riproduco successivo"),
    ("it", "vai avanti", "HassMediaNext", "Riproduco successivo"),
]


class FakeMedia(intent.IntentHandler):
    """Stands in for the media player integration's intent: records the calls."""

    def __init__(self, intent_type: str) -> None:
        self.intent_type = intent_type
        self.calls: list[intent.Intent] = []

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        self.calls.append(intent_obj)
        return intent_obj.create_response()


@pytest.fixture
def media(hass: HomeAssistant) -> dict[str, FakeMedia]:
    """Fake HassMediaNext and HassMediaUnpause handlers."""
    handlers = {name: FakeMedia(name) for name in ("HassMediaNext", "HassMediaUnpause")}
    for handler in handlers.values():
        intent.async_register(hass, handler)
    return handlers


@pytest.fixture
def satellite(hass: HomeAssistant) -> dr.DeviceEntry:
    """A voice satellite in the kitchen."""
    from homeassistant.helpers import area_registry as ar

    kitchen = ar.async_get(hass).async_create("Kitchen")
    satellite_entry = MockConfigEntry(domain="test")
    satellite_entry.add_to_hass(hass)
    devices = dr.async_get(hass)
    device = devices.async_get_or_create(
        config_entry_id=satellite_entry.entry_id, identifiers={("test", "satellite")}
    )
    updated = devices.async_update_device(device.id, area_id=kitchen.id)
    assert updated is not None
    return updated


async def say_at(
    hass: HomeAssistant, text: str, language: str, device_id: str | None
) -> dict[str, Any]:
    """Say something to the built-in agent through a device (a satellite)."""
    from homeassistant.components import conversation

    result = await conversation.async_converse(
        hass, text, None, Context(), language, device_id=device_id
    )
    await settle(hass)
    response: dict[str, Any] = result.response.as_dict()
    return response


@pytest.mark.parametrize(("language", "text", "media_intent", "answer"), BARE_NEXT)
async def test_bare_next_continues_a_program(
    hass: HomeAssistant,
    sentences: None,
    media: dict[str, FakeMedia],
    satellite: dr.DeviceEntry,
    freezer: FrozenDateTimeFactory,
    language: str,
    text: str,
    media_intent: str,
    answer: str,
) -> None:
    """While a program runs, a bare "next" is the machine's, not the music's."""
    words = await texts(hass, language)
    await say(hass, "start the backflush")
    await advance(hass, freezer, 30)
    assert state(hass) == "cleaning"
    response = await say_at(hass, text, language, satellite.id)
    assert response["response_type"] == "action_done", response
    assert said(response) == words["speech_running_by_itself"].format(
        program=words["cleaner"]
    )
    await advance(hass, freezer, 70)
    assert state(hass) == "awaiting_rinse"
    response = await say_at(hass, text, language, satellite.id)
    assert response["response_type"] == "action_done", response
    assert said(response) == words["speech_continued"]
    assert state(hass) == "rinsing"
    assert not media[media_intent].calls
    await say(hass, "stop the backflush")


@pytest.mark.parametrize(("language", "text", "media_intent", "answer"), BARE_NEXT)
async def test_bare_next_without_a_program_reaches_media(
    hass: HomeAssistant,
    sentences: None,
    media: dict[str, FakeMedia],
    satellite: dr.DeviceEntry,
    language: str,
    text: str,
    media_intent: str,
    answer: str,
) -> None:
    """With no program, the words reach Home Assistant's media intent as before."""
    from homeassistant.components import conversation

    response = await say_at(hass, text, language, satellite.id)
    assert response["response_type"] == "action_done", response
    assert said(response) == answer
    assert state(hass) == "idle"
    other = next(name for name in media if name != media_intent)
    assert not media[other].calls
    [call] = media[media_intent].calls
    assert call.slots["area"]["value"] == "Kitchen"
    assert call.slots["preferred_area_id"]["value"] == satellite.area_id
    assert call.device_id == satellite.id
    assert call.language == language
    assert call.text_input == text
    assert call.assistant == conversation.DOMAIN
    assert call.conversation_agent_id == conversation.HOME_ASSISTANT_AGENT


async def test_bare_next_from_another_caller_takes_the_device_area(
    hass: HomeAssistant,
    sentences: None,
    media: dict[str, FakeMedia],
    satellite: dr.DeviceEntry,
) -> None:
    """Without the agent's preferred area, the device's area is the speaker's."""
    await intent.async_handle(
        hass,
        "test",
        INTENT_NEXT,
        {"media": {"value": "HassMediaUnpause"}},
        "weiter",
        language="de",
        device_id=satellite.id,
    )
    assert not media["HassMediaNext"].calls
    [call] = media["HassMediaUnpause"].calls
    assert call.platform == "test"
    assert call.slots["area"]["value"] == "Kitchen"
    assert call.slots["preferred_area_id"]["value"] == satellite.area_id
    with pytest.raises(intent.InvalidSlotInfo):
        await intent.async_handle(
            hass, "test", INTENT_NEXT, {"media": {"value": "HassTurnOff"}}
        )


async def test_bare_next_skips_the_track_of_the_area_only(
    hass: HomeAssistant, sentences: None, satellite: dr.DeviceEntry
) -> None:
    """Through the real media player intent: the kitchen's player skips, no other."""
    from homeassistant.components.media_player import MediaPlayerEntityFeature
    from homeassistant.helpers import entity_registry as er
    from pytest_homeassistant_custom_component.common import async_mock_service

    assert await async_setup_component(hass, "media_player", {})
    # Its intents come from an integration platform loaded in the background:
    # wait for them, or a loaded machine answers "next" before they exist.
    await hass.async_block_till_done()
    assert any(
        handler.intent_type == "HassMediaNext" for handler in intent.async_get(hass)
    )
    entities = er.async_get(hass)
    for name, area in (("kitchen", satellite.area_id), ("living_room", None)):
        entity = entities.async_get_or_create("media_player", "test", name)
        entities.async_update_entity(entity.entity_id, area_id=area)
        hass.states.async_set(
            entity.entity_id,
            "playing",
            {"supported_features": MediaPlayerEntityFeature.NEXT_TRACK},
        )
    calls = async_mock_service(hass, "media_player", "media_next_track")
    response = await say_at(hass, "next", "en", satellite.id)
    assert response["response_type"] == "action_done", response
    assert said(response) == "Playing next"
    assert [call.data["entity_id"] for call in calls] == ["media_player.test_kitchen"]


async def test_bare_next_with_nothing_to_reach_refuses(
    hass: HomeAssistant, sentences: None, satellite: dr.DeviceEntry
) -> None:
    """No program, no media intent (or no area to play in): nothing runs."""
    for language, text, _, _ in BARE_NEXT:
        response = await say_at(hass, text, language, satellite.id)
        assert response["response_type"] == "error", response
        assert said(response) == (await texts(hass, language))["nothing_to_continue"]
    handlers = {"HassMediaNext": FakeMedia("HassMediaNext")}
    intent.async_register(hass, handlers["HassMediaNext"])
    # Typed in the browser, or said to a satellite without an area: Home
    # Assistant's own "next" needs the speaker's area, so it goes nowhere.
    for device_id in (None, "no-such-device"):
        response = await say_at(hass, "next", "en", device_id)
        assert response["response_type"] == "error", response
        assert said(response) == "No program is waiting for you."
    assert not handlers["HassMediaNext"].calls
    assert state(hass) == "idle"


async def test_bare_next_with_two_running_machines_asks_which(
    hass: HomeAssistant,
    sentences: None,
    second_machine: MockConfigEntry,
    satellite: dr.DeviceEntry,
) -> None:
    for entry in hass.config_entries.async_entries(DOMAIN):
        await hass.services.async_call(
            DOMAIN,
            "run_backflush",
            {"config_entry_id": entry.entry_id, "program": "cleaner"},
            blocking=True,
        )
    await settle(hass)
    response = await say_at(hass, "next", "en", satellite.id)
    assert response["response_type"] == "error", response
    names = sorted(e.title for e in hass.config_entries.async_entries(DOMAIN))
    assert said(response) == f"Which espresso machine: {', '.join(names)}?"
    for entry in hass.config_entries.async_entries(DOMAIN):
        await entry.runtime_data.async_abort_program()
    await settle(hass)


@pytest.mark.parametrize(
    ("language", "next_step", "rinsed", "pulses_left"),
    [
        ("en", "what's next", "I rinsed it", "how many pulses are left"),
        ("de", "nächster Schritt", "ich habe ihn ausgespült", "wie viele Stöße noch"),
        ("it", "prossimo passo", "l'ho sciacquato", "quanti cicli mancano"),
    ],
)
async def test_sentences_during_a_relay_program(
    hass: HomeAssistant,
    sentences: None,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    language: str,
    next_step: str,
    rinsed: str,
    pulses_left: str,
) -> None:
    """While the relay runs the pulses, "next" says so; when it waits, it goes on."""
    words = await texts(hass, language)
    await say(hass, GUIDE_SENTENCES[language][0], language)
    await advance(hass, freezer, 30)  # 2 of 13 pulses done
    running = words["speech_running_by_itself"].format(program=words["cleaner"])

    response = await say(hass, next_step, language)
    assert response["response_type"] == "action_done", response
    assert said(response) == running
    assert state(hass) == "cleaning"

    response = await say(hass, pulses_left, language)
    eleven = words["speech_pulses"].format(count=11)
    assert said(response) == (
        f"{words['speech_pulses_left'].format(pulses=eleven)} {running}"
    )

    await advance(hass, freezer, 70)
    assert state(hass) == "awaiting_rinse"
    response = await say(hass, pulses_left, language)
    eight = words["speech_pulses"].format(count=8)
    assert said(response) == (
        f"{words['speech_pulses_left'].format(pulses=eight)}"
        f" {words['rinse_portafilter']}"
    )
    response = await say(hass, rinsed, language)
    assert response["response_type"] == "action_done", response
    assert said(response) == words["speech_continued"]
    assert state(hass) == "rinsing"

    await say(hass, "stop the backflush")
    assert state(hass) == "aborted"
    response = await say(hass, next_step, language)
    assert response["response_type"] == "error"
    assert said(response) == words["nothing_to_continue"]
    response = await say(hass, pulses_left, language)
    assert said(response) == words["speech_no_program"]


@pytest.mark.parametrize("entry_options", [{"auto_off_minutes": 0}])
async def test_pulses_left_while_warming_up(
    hass: HomeAssistant, voice: None, relays: Relays
) -> None:
    relays.plug.set(False)
    await settle(hass)
    await hass.services.async_call(
        DOMAIN,
        "run_backflush",
        {"program": "cleaner", "warm_up_minutes": 5},
        blocking=True,
    )
    await settle(hass)
    assert state(hass) == "warming_up"
    assert speech(await handle(hass, INTENT_PULSES_LEFT)) == (
        "13 pulses left. The machine is warming up for Backflush with cleaner:"
        " nothing to do yet."
    )
    assert speech(await handle(hass, INTENT_CONTINUE)) == (
        "The machine is warming up for Backflush with cleaner: nothing to do yet."
    )
    await handle(hass, INTENT_ABORT)


# --- a guided program (no pump relay: the person presses brew) ----------------


@pytest.fixture
async def guided(
    hass: HomeAssistant,
    relays: Relays,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    freezer: FrozenDateTimeFactory,
) -> AsyncGenerator[MockConfigEntry]:
    """A plug-only machine with a brew sensor (``brew_sensor`` param: or none), and the sentences."""
    brew = getattr(request, "param", True)
    if brew:
        hass.states.async_set(BREW, "off")
    entry = machine_entry(
        pump=None, brew_sensor=BREW if brew else None, unique_id="switch.plug"
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    shutil.copytree(REPO / "custom_sentences", tmp_path / "custom_sentences")
    hass.config.config_dir = str(tmp_path)
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await settle(hass)
    yield entry
    if entry.state.recoverable:
        await hass.config_entries.async_unload(entry.entry_id)
        await settle(hass)


async def brew(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, on: float, off: float
) -> None:
    """The person presses brew for ``on`` seconds, then waits ``off``."""
    hass.states.async_set(BREW, "on")
    await advance(hass, freezer, on)
    hass.states.async_set(BREW, "off")
    await advance(hass, freezer, off)


@pytest.mark.parametrize(
    ("language", "start", "next_step", "rinsed", "pulses_left", "status"),
    [
        (
            "en",
            "guide me through the backflush",
            "what's next",
            "I rinsed it",
            "how many pulses are left",
            "what is the status of espresso machine",
        ),
        (
            "de",
            "führe mich durch die Rückspülung",
            "was nun",
            "ich habe ihn ausgespült",
            "wie viele Stöße noch",
            "wie ist der Status von Espresso machine",
        ),
        (
            "it",
            "avvia il lavaggio",
            "e adesso",
            "l'ho sciacquato",
            "quanti cicli mancano",
            "qual è lo stato di Espresso machine",
        ),
    ],
)
async def test_sentences_during_a_guided_program(
    hass: HomeAssistant,
    guided: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    language: str,
    start: str,
    next_step: str,
    rinsed: str,
    pulses_left: str,
    status: str,
) -> None:
    words = await texts(hass, language)

    def seconds(count: int) -> str:
        return words["speech_seconds"].format(count=count)

    response = await say(hass, start, language)
    assert response["response_type"] == "action_done", response
    assert said(response) == words["speech_started_guided"].format(
        program=words["cleaner"]
    )
    assert state_of(hass, STATE).attributes["program"] == "cleaner"
    assert guided.runtime_data.program.guided

    # Asked to press brew: no countdown until the press is seen; then the
    # pulse lasts 10 s from the press.
    brew_on = words["speech_brew_on_left"]
    assert said(await say(hass, next_step, language)) == words["brew_on"]
    hass.states.async_set(BREW, "on")
    await advance(hass, freezer, 3)
    assert said(await say(hass, next_step, language)) == brew_on.format(
        seconds=seconds(7)
    )
    response = await say(hass, status, language)
    running = words["speech_status_running"].format(
        program=words["cleaner"], progress=0
    )
    assert said(response).startswith(f"{running} {brew_on.format(seconds=seconds(7))} ")
    await advance(hass, freezer, 7)
    hass.states.async_set(BREW, "off")
    await advance(hass, freezer, 4)
    brew_off = words["speech_brew_off_wait"].format(seconds=seconds(6))
    response = await say(hass, next_step, language)
    assert response["response_type"] == "action_done", response
    assert said(response) == brew_off
    twelve = words["speech_pulses"].format(count=12)
    assert said(await say(hass, pulses_left, language)) == (
        f"{words['speech_pulses_left'].format(pulses=twelve)} {brew_off}"
    )
    await advance(hass, freezer, 6)
    for _ in range(4):
        await brew(hass, freezer, 10, 10)
    assert state(hass) == "awaiting_rinse"

    response = await say(hass, rinsed, language)
    assert response["response_type"] == "action_done", response
    assert said(response) == words["speech_continued_guided"]
    assert state(hass) == "rinsing"
    await say(hass, "stop the backflush")
    assert state(hass) == "aborted"


@pytest.mark.parametrize("guided", [False], indirect=True)
async def test_guided_without_a_signal_says_so(
    hass: HomeAssistant, guided: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    response = await say(hass, "guide me through the backflush")
    assert said(response) == (
        "Backflush with cleaner started, guided: switch brew on and off when"
        " told. Ask me what's next at any time. I cannot see the pump, so keep"
        " to the timing."
    )
    await advance(hass, freezer, 0.5)
    assert said(await say(hass, "what's next")) == "Brew on, 10 seconds left."
    await say(hass, "stop the backflush")
