"""Spoken cues: texts, speakers, the learned lead, failing speakers, the options."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_IDLE, STATE_PLAYING, STATE_UNAVAILABLE
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.event import async_track_state_change_event
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.espresso_care.announce import (
    LEAD_CAP_SECONDS,
    Announcer,
    Cue,
)
from custom_components.espresso_care.const import (
    DEFAULT_OPTIONS,
    OPT_ANNOUNCE_ENTITIES,
    OPT_ANNOUNCE_TTS,
)
from custom_components.espresso_care.program import ProgramResult, UserAction

from .fake_speakers import HALL, KITCHEN, PLAYER, TTS, FakeSpeakers
from .helpers import advance, options_form, settle

TRANSLATIONS = (
    Path(__file__).parent.parent / "custom_components/espresso_care/translations"
)


@pytest.fixture
def speakers(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> FakeSpeakers:
    """Two satellites, a media player and a tts entity, all idle."""
    for entity_id in (KITCHEN, HALL, PLAYER):
        hass.states.async_set(entity_id, STATE_IDLE)
    hass.states.async_set(TTS, "unknown")
    hass.config.language = "en"
    return FakeSpeakers(hass)


def announcer(
    hass: HomeAssistant, *entities: str, tts_entity: str | None = None
) -> Announcer:
    return Announcer(hass, entities=entities, tts_entity=tts_entity, name="Espresso")


async def say(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speaker: Announcer,
    cue: Cue,
    seconds: float = 15,
) -> None:
    """Say a cue and let it play out."""
    speaker.say(cue)
    await advance(hass, freezer, seconds)


# --- the cues ---------------------------------------------------------------------


def test_cues_are_the_guides_values() -> None:
    """The guide passes its actions and results through as cues."""
    for action in UserAction:
        assert Cue(action.value) == action
    for result in (
        ProgramResult.COMPLETED,
        ProgramResult.ABORTED,
        ProgramResult.FAILED,
    ):
        assert Cue(result.value) == result


@pytest.mark.parametrize("language", ["en", "de", "it"])
def test_every_cue_has_words(language: str) -> None:
    texts = json.loads((TRANSLATIONS / f"{language}.json").read_text("utf-8"))
    options = texts["selector"]["announcement"]["options"]
    assert set(options) == set(Cue)
    assert all(text.strip() for text in options.values())


@pytest.mark.parametrize(
    ("language", "brew_on", "done"),
    [
        ("en", "Brew on", "Backflush done"),
        ("de", "Bezug starten", "Rückspülung fertig"),
        ("de-CH", "Bezug starten", "Rückspülung fertig"),
        ("it", "Avvia l'erogazione", "Controlavaggio finito"),
        ("fr", "Brew on", "Backflush done"),  # no French: English
    ],
)
async def test_satellite_announces_in_the_machines_language(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speakers: FakeSpeakers,
    language: str,
    brew_on: str,
    done: str,
) -> None:
    hass.config.language = language
    speaker = announcer(hass, KITCHEN)
    await speaker.async_prepare()
    await say(hass, freezer, speaker, Cue.BREW_ON)
    await say(hass, freezer, speaker, Cue.COMPLETED)
    assert speakers.said[0].data == {
        "entity_id": KITCHEN,
        "message": brew_on,
        "preannounce": False,
    }
    assert speakers.messages(KITCHEN) == [brew_on, done]


async def test_media_player_speaks_through_tts(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    hass.config.language = "de"
    speaker = announcer(hass, PLAYER, tts_entity=TTS)
    await say(hass, freezer, speaker, Cue.REMOVE_PORTAFILTER)
    assert [s.data for s in speakers.said] == [
        {
            "entity_id": TTS,
            "media_player_entity_id": PLAYER,
            "message": "Siebträger herausnehmen",
            "language": "de",
        }
    ]
    assert speaker.lead_seconds == pytest.approx(0.5)


async def test_tts_engine_refusing_the_language_speaks_its_own(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    """An engine that knows "de" only as "de_DE" gets no language, from then on."""
    hass.config.language = "de"
    speakers.refuse_language = True
    speaker = announcer(hass, PLAYER, tts_entity=TTS)
    await say(hass, freezer, speaker, Cue.BREW_ON)
    await say(hass, freezer, speaker, Cue.BREW_OFF)
    assert speakers.messages(PLAYER) == ["Bezug starten", "Bezug stoppen"]
    assert all("language" not in s.data for s in speakers.said)
    assert speaker.diagnostics()["tts_language"] is False


async def test_no_speakers_does_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    speaker = Announcer.from_options(hass, DEFAULT_OPTIONS, name="Espresso")
    await speaker.async_prepare()
    speaker.say(Cue.BREW_ON)
    assert not hass._background_tasks
    await advance(hass, freezer, 15)
    assert speakers.said == []
    assert speaker.lead_seconds == 0.0
    await speaker.async_stop()
    assert speaker.diagnostics()["entities"] == []


# --- the lead -------------------------------------------------------------------


async def test_lead_is_learned_from_the_start_and_capped(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    speaker = announcer(hass, KITCHEN)
    assert speaker.lead_seconds == 0.0
    speakers.start_after[KITCHEN] = 1.5
    await say(hass, freezer, speaker, Cue.BREW_ON)
    assert speaker.lead_seconds == pytest.approx(1.5)
    speakers.start_after[KITCHEN] = 2.5
    await say(hass, freezer, speaker, Cue.BREW_OFF)
    assert speaker.lead_seconds == pytest.approx(2.0)  # half of the new sample
    # A start 9 s after the call counts as the cap, not as 9 s.
    speakers.start_after[KITCHEN] = 9.0
    await say(hass, freezer, speaker, Cue.BREW_ON, 30)
    assert speaker.lead_seconds == pytest.approx((2.0 + LEAD_CAP_SECONDS) / 2)
    assert speaker.diagnostics()["leads"] == {KITCHEN: 3.5}


async def test_no_start_no_learning(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    """A call that never shows a start, or shows it too late, teaches nothing."""
    speaker = announcer(hass, KITCHEN, PLAYER, tts_entity=TTS)
    speakers.start_after = {KITCHEN: None, PLAYER: None}
    await say(hass, freezer, speaker, Cue.BREW_ON)
    speakers.start_after = {KITCHEN: 12.0, PLAYER: 12.0}  # past the 10 s limit
    await say(hass, freezer, speaker, Cue.BREW_OFF, 30)
    assert len(speakers.said) == 4
    assert hass.states.get(PLAYER).state == STATE_IDLE
    assert speaker.lead_seconds == 0.0
    assert speaker.diagnostics()["leads"] == {KITCHEN: None, PLAYER: None}


async def test_a_player_already_playing_teaches_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    hass.states.async_set(PLAYER, STATE_PLAYING)
    speaker = announcer(hass, PLAYER, tts_entity=TTS)
    await say(hass, freezer, speaker, Cue.BREW_ON)
    assert speakers.messages(PLAYER) == ["Brew on"]
    assert speaker.lead_seconds == 0.0


async def test_quicker_speakers_get_the_cue_later(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    """Every speaker starts on the beat: the slowest sets the lead."""
    speaker = announcer(hass, KITCHEN, HALL)
    speakers.start_after = {KITCHEN: 2.0, HALL: 0.5}
    await say(hass, freezer, speaker, Cue.BREW_ON)
    assert speaker.lead_seconds == pytest.approx(2.0)
    speakers.said.clear()
    sent = hass.loop.time()
    starts: dict[str, float] = {}

    @callback
    def started(event: Event[EventStateChangedData]) -> None:
        if (new := event.data["new_state"]) and new.state == "responding":
            starts.setdefault(new.entity_id, hass.loop.time())

    async_track_state_change_event(hass, [KITCHEN, HALL], started)
    await say(hass, freezer, speaker, Cue.BREW_OFF)
    calls = {s.entity_id: s.at - sent for s in speakers.said}
    assert calls == {
        KITCHEN: pytest.approx(0.0, abs=1e-5),
        HALL: pytest.approx(1.5, abs=1e-5),
    }
    assert starts[KITCHEN] - sent == pytest.approx(2.0, abs=1e-5)
    assert starts[HALL] - sent == pytest.approx(2.0, abs=1e-5)


# --- failing speakers, replaced and cancelled cues ---------------------------------


async def test_failing_speaker_logs_once_and_others_carry_on(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speakers: FakeSpeakers,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    speaker = announcer(hass, KITCHEN, HALL)
    speakers.failing.add(KITCHEN)
    for cue in (Cue.BREW_ON, Cue.BREW_OFF, Cue.BREW_ON):
        await say(hass, freezer, speaker, cue)
    assert speakers.messages(HALL) == ["Brew on", "Brew off", "Brew on"]
    assert speakers.messages(KITCHEN) == []
    assert caplog.text.count(f"speaker {KITCHEN} could not announce") == 1
    assert "speaker fault" in caplog.text
    assert speaker.diagnostics()["failing"] == [KITCHEN]
    speakers.failing.clear()
    await say(hass, freezer, speaker, Cue.COMPLETED)
    assert speakers.messages(KITCHEN) == ["Backflush done"]
    assert caplog.text.count(f"speaker {KITCHEN} is back") == 1
    assert speaker.diagnostics()["failing"] == []
    # Failing again is worth a new warning.
    speakers.failing.add(KITCHEN)
    await say(hass, freezer, speaker, Cue.BREW_ON)
    assert caplog.text.count(f"speaker {KITCHEN} could not announce") == 2


@pytest.mark.parametrize(
    ("entities", "tts_entity", "prepare", "reason"),
    [
        ((KITCHEN,), None, lambda hass: hass.states.async_remove(KITCHEN), "not found"),
        (
            (KITCHEN,),
            None,
            lambda hass: hass.states.async_set(KITCHEN, STATE_UNAVAILABLE),
            "unavailable",
        ),
        ((PLAYER,), None, lambda hass: None, "no text-to-speech entity"),
        ((PLAYER,), TTS, lambda hass: hass.states.async_remove(TTS), "not found"),
        (("light.kitchen",), None, lambda hass: None, "not an assist satellite"),
    ],
)
async def test_speaker_that_cannot_speak_is_skipped(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speakers: FakeSpeakers,
    caplog: pytest.LogCaptureFixture,
    entities: tuple[str, ...],
    tts_entity: str | None,
    prepare: Any,
    reason: str,
) -> None:
    prepare(hass)
    speaker = announcer(hass, *entities, HALL, tts_entity=tts_entity)
    await say(hass, freezer, speaker, Cue.BREW_ON)
    await say(hass, freezer, speaker, Cue.BREW_OFF)
    assert speakers.messages(HALL) == ["Brew on", "Brew off"]
    assert [s.entity_id for s in speakers.said] == [HALL, HALL]
    assert caplog.text.count("could not announce") == 1
    assert reason in caplog.text


async def test_a_newer_cue_replaces_one_still_playing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    speaker = announcer(hass, KITCHEN)
    speakers.speak_for = 5.0
    speaker.say(Cue.BREW_ON)
    await advance(hass, freezer, 1)
    speaker.say(Cue.BREW_OFF)
    await advance(hass, freezer, 15)
    assert speakers.messages(KITCHEN) == ["Brew on", "Brew off"]
    assert speakers.cancelled == [KITCHEN]
    assert speaker.diagnostics()["failing"] == []
    # Only the second call's start was learned (the first started at 0.5 s too).
    assert speaker.lead_seconds == pytest.approx(0.5)


async def test_stop_cancels_what_is_pending(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    speaker = announcer(hass, KITCHEN, HALL)
    speakers.start_after = {KITCHEN: 3.0, HALL: 1.0}
    await say(hass, freezer, speaker, Cue.BREW_ON)
    speakers.said.clear()
    speaker.say(Cue.BREW_OFF)  # the hall waits 2 s to start with the kitchen
    await settle(hass)
    await speaker.async_stop()
    await advance(hass, freezer, 15)
    assert [s.entity_id for s in speakers.said] == [KITCHEN]
    assert speakers.cancelled == [KITCHEN]
    assert hass.states.get(KITCHEN).state == STATE_IDLE


async def test_new_speakers_keep_what_was_learned(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, speakers: FakeSpeakers
) -> None:
    speaker = Announcer.from_options(
        hass, {OPT_ANNOUNCE_ENTITIES: [KITCHEN, HALL]}, name="Espresso"
    )
    speakers.start_after = {KITCHEN: 1.0, HALL: 2.0}
    await say(hass, freezer, speaker, Cue.BREW_ON)
    assert speaker.lead_seconds == pytest.approx(2.0)
    speaker.async_update(entities=[KITCHEN, PLAYER], tts_entity=TTS)
    assert speaker.lead_seconds == pytest.approx(1.0)
    assert speaker.diagnostics() == {
        "entities": [KITCHEN, PLAYER],
        "tts_entity": TTS,
        "lead_seconds": 1.0,
        "leads": {KITCHEN: 1.0, PLAYER: None},
        "failing": [],
        "tts_language": True,
    }
    await say(hass, freezer, speaker, Cue.ABORTED)
    assert speakers.messages(PLAYER) == ["Backflush stopped"]
    assert speakers.messages(HALL) == ["Brew on"]


# --- the options ----------------------------------------------------------------


def test_options_are_translated() -> None:
    for language in ("en", "de", "it"):
        texts = json.loads((TRANSLATIONS / f"{language}.json").read_text("utf-8"))
        settings = texts["options"]["step"]["settings"]
        for key in (OPT_ANNOUNCE_ENTITIES, OPT_ANNOUNCE_TTS):
            assert settings["data"][key]
            assert settings["data_description"][key]
        errors = texts["options"]["error"]
        assert {"entity_not_found", "wrong_domain", "tts_needed"} <= set(errors)


@pytest.mark.parametrize(
    ("speaker_options", "errors"),
    [
        (
            {OPT_ANNOUNCE_ENTITIES: ["assist_satellite.attic"]},
            {OPT_ANNOUNCE_ENTITIES: "entity_not_found"},
        ),
        (
            {OPT_ANNOUNCE_ENTITIES: ["switch.plug"]},
            {OPT_ANNOUNCE_ENTITIES: "wrong_domain"},
        ),
        ({OPT_ANNOUNCE_ENTITIES: [KITCHEN, PLAYER]}, {OPT_ANNOUNCE_TTS: "tts_needed"}),
        (
            {OPT_ANNOUNCE_ENTITIES: [PLAYER], OPT_ANNOUNCE_TTS: "tts.nope"},
            {OPT_ANNOUNCE_TTS: "entity_not_found"},
        ),
        (
            {OPT_ANNOUNCE_ENTITIES: [PLAYER], OPT_ANNOUNCE_TTS: "switch.plug"},
            {OPT_ANNOUNCE_TTS: "wrong_domain"},
        ),
    ],
)
async def test_options_refuse_bad_speakers(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    speakers: FakeSpeakers,
    speaker_options: dict[str, Any],
    errors: dict[str, str],
) -> None:
    before = dict(entry.options)
    result = await options_form(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**DEFAULT_OPTIONS, "cycles": 7, **speaker_options}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert dict(entry.options) == before


async def test_options_save_speakers(
    hass: HomeAssistant, entry: MockConfigEntry, speakers: FakeSpeakers
) -> None:
    result = await options_form(hass, entry.entry_id)
    fields = {str(key): key for key in result["data_schema"].schema}
    assert {OPT_ANNOUNCE_ENTITIES, OPT_ANNOUNCE_TTS} <= set(fields)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            **DEFAULT_OPTIONS,
            "cycles": 7,
            OPT_ANNOUNCE_ENTITIES: [KITCHEN, PLAYER, KITCHEN],
            OPT_ANNOUNCE_TTS: TTS,
        },
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[OPT_ANNOUNCE_ENTITIES] == [KITCHEN, PLAYER]
    assert entry.options[OPT_ANNOUNCE_TTS] == TTS
    assert entry.options["cycles"] == 7
    assert entry.runtime_data.options["cycles"] == 7
    # The form shows them again, and clearing them removes them.
    result = await options_form(hass, entry.entry_id)
    suggested = {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
        if str(key) in (OPT_ANNOUNCE_ENTITIES, OPT_ANNOUNCE_TTS)
    }
    assert suggested == {
        OPT_ANNOUNCE_ENTITIES: [KITCHEN, PLAYER],
        OPT_ANNOUNCE_TTS: TTS,
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**DEFAULT_OPTIONS}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert OPT_ANNOUNCE_ENTITIES not in entry.options
    assert OPT_ANNOUNCE_TTS not in entry.options


async def test_options_accept_a_registered_speaker_without_state(
    hass: HomeAssistant, entry: MockConfigEntry, speakers: FakeSpeakers
) -> None:
    """A speaker whose integration is not loaded yet is known to the registry."""
    from homeassistant.helpers import entity_registry as er

    er.async_get(hass).async_get_or_create(
        "assist_satellite", "esphome", "attic", suggested_object_id="attic"
    )
    result = await options_form(hass, entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {**DEFAULT_OPTIONS, OPT_ANNOUNCE_ENTITIES: ["assist_satellite.attic"]},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[OPT_ANNOUNCE_ENTITIES] == ["assist_satellite.attic"]
