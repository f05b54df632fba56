"""Spoken cues of a guided program: "brew on", "brew off", the waits and the end.

Each cue goes to the speakers the user picked, in the machine's language:
``assist_satellite`` entities through their announce action, ``media_player``
entities through ``tts.speak`` on a chosen ``tts`` entity. Sending is
fire-and-forget: a cue never blocks nor stops the program, and a failing
speaker logs once (a warning) until it works again (an info).

Timing: a speaker takes a while from the call to its first word (speech is
synthesized, the audio buffered). The announcer learns that lead per speaker
from the state change that shows it started (``responding``, ``playing``),
as the runner learns a relay's latency, and the guide sends each cue
``lead_seconds`` early. A cue reaches the quicker speakers correspondingly
later, so all of them speak on the beat. A newer cue for a speaker replaces
one still pending or playing there: a late cue is worse than a cut one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, cast

from homeassistant.const import ATTR_ENTITY_ID, STATE_UNAVAILABLE
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
    split_entity_id,
    valid_entity_id,
)
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er, selector
from homeassistant.helpers.event import (
    async_call_later,
    async_track_state_change_event,
)
from homeassistant.helpers.translation import async_get_translations

try:  # Home Assistant 2026.x validates with probatio, voluptuous' successor
    import probatio as vol
except ImportError:  # Home Assistant 2025.x
    import voluptuous as vol  # type: ignore[no-redef,unused-ignore]

from .const import DOMAIN, LOGGER, OPT_ANNOUNCE_ENTITIES, OPT_ANNOUNCE_TTS


class Cue(StrEnum):
    """What a speaker says; the values are those of UserAction and ProgramResult."""

    BREW_ON = "brew_on"
    BREW_OFF = "brew_off"
    RINSE_PORTAFILTER = "rinse_portafilter"
    REMOVE_PORTAFILTER = "remove_portafilter"
    COMPLETED = "completed"
    ABORTED = "aborted"
    FAILED = "failed"


ASSIST_SATELLITE: Final = "assist_satellite"
MEDIA_PLAYER: Final = "media_player"
TTS: Final = "tts"
SPEAKER_DOMAINS: Final = (ASSIST_SATELLITE, MEDIA_PLAYER)
ANNOUNCE_OPTIONS: Final = (OPT_ANNOUNCE_ENTITIES, OPT_ANNOUNCE_TTS)

# The state that shows a speaker started to speak (AssistSatelliteState and
# MediaPlayerState values, spelled out: no import of either component).
_STARTED: Final = {ASSIST_SATELLITE: "responding", MEDIA_PLAYER: "playing"}
# A learned lead is never trusted beyond this (a stuck speaker is not "slow").
LEAD_CAP_SECONDS: Final = 5.0
# Weight of the newest sample in the lead estimate.
_LEAD_WEIGHT: Final = 0.5
# A start seen later than this after the call is not taken for the call's.
START_LIMIT_SECONDS: Final = 10.0
# A call that has not returned by then counts as failed (a satellite's call
# returns when the announcement has been played).
CALL_LIMIT_SECONDS: Final = 60.0
# Where the spoken texts are in the translations.
_TEXTS: Final = f"component.{DOMAIN}.selector.announcement.options."


@dataclass(slots=True)
class _Speaker:
    """One speaker: its learned lead, whether it fails, what it is doing."""

    entity_id: str
    lead: float | None = None
    failing: bool = False
    task: asyncio.Task[None] | None = None
    stop_listening: CALLBACK_TYPE | None = None

    @property
    def domain(self) -> str:
        return split_entity_id(self.entity_id)[0]

    def learn(self, sample: float) -> None:
        """Fold one measured lead into the estimate."""
        sample = min(max(sample, 0.0), LEAD_CAP_SECONDS)
        old = self.lead
        self.lead = sample if old is None else old + _LEAD_WEIGHT * (sample - old)


class Announcer:
    """Speaks a machine's cues on its speakers; with no speakers it does nothing."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        entities: Sequence[str],
        tts_entity: str | None,
        name: str,
    ) -> None:
        self._hass = hass
        self._name = name
        self._tts_entity = tts_entity
        self._speakers = {
            entity: _Speaker(entity) for entity in dict.fromkeys(entities)
        }
        # Spoken texts by language, loaded once each.
        self._texts: dict[str, dict[str, str]] = {}
        # Pass the language to tts.speak until an engine refuses the tag.
        self._tts_language = True

    @classmethod
    def from_options(
        cls, hass: HomeAssistant, options: Mapping[str, Any], *, name: str
    ) -> Announcer:
        """An announcer for a machine's options (no speakers when none are chosen)."""
        entities, tts_entity = speakers_in(options)
        return cls(hass, entities=entities, tts_entity=tts_entity, name=name)

    @property
    def entities(self) -> list[str]:
        """The speakers, in the order chosen."""
        return list(self._speakers)

    @property
    def lead_seconds(self) -> float:
        """How early to send a cue: the slowest speaker's learned lead (0.0 until learned)."""
        return max((s.lead for s in self._speakers.values() if s.lead), default=0.0)

    @callback
    def async_update(self, *, entities: Sequence[str], tts_entity: str | None) -> None:
        """New speakers (options changed): the ones kept keep what was learned."""
        kept = {
            entity: self._speakers.get(entity) for entity in dict.fromkeys(entities)
        }
        for entity, speaker in self._speakers.items():
            if entity not in kept:
                _stop(speaker)
        self._speakers = {e: s or _Speaker(e) for e, s in kept.items()}
        if tts_entity != self._tts_entity:
            self._tts_entity = tts_entity
            self._tts_language = True

    async def async_prepare(self) -> None:
        """Load the spoken texts now, so the first cue is not delayed by it."""
        if self._speakers:
            await self._async_texts()

    @callback
    def say(self, cue: Cue) -> None:
        """Speak a cue on every speaker, in the background; returns at once, never raises."""
        if not self._speakers:
            return
        lead = self.lead_seconds
        now = self._hass.loop.time()
        for speaker in self._speakers.values():
            # A quicker speaker gets the cue later, to speak with the slowest.
            due = now + lead - (speaker.lead or 0.0)
            speaker.task = self._hass.async_create_background_task(
                self._async_speak(speaker, cue, due, speaker.task),
                f"{DOMAIN} announce {cue} on {speaker.entity_id}",
            )

    async def async_stop(self) -> None:
        """Cancel every cue still pending or playing."""
        tasks = [s.task for s in self._speakers.values() if s.task is not None]
        for speaker in self._speakers.values():
            _stop(speaker)
        if tasks:
            await asyncio.wait(tasks)

    def diagnostics(self) -> dict[str, Any]:
        """The speakers and what was learned about them."""
        return {
            "entities": self.entities,
            "tts_entity": self._tts_entity,
            "lead_seconds": round(self.lead_seconds, 3),
            "leads": {
                s.entity_id: None if s.lead is None else round(s.lead, 3)
                for s in self._speakers.values()
            },
            "failing": [s.entity_id for s in self._speakers.values() if s.failing],
            "tts_language": self._tts_language,
        }

    # --- sending ----------------------------------------------------------

    async def _async_speak(
        self,
        speaker: _Speaker,
        cue: Cue,
        due: float,
        previous: asyncio.Task[None] | None,
    ) -> None:
        """One cue on one speaker: after the one before it, at its moment."""
        if previous is not None and not previous.done():
            previous.cancel()
            await asyncio.wait([previous])
        try:
            text = (await self._async_texts()).get(cue) or cue.replace("_", " ")
            delay = due - self._hass.loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            await self._async_send(speaker, text)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # a speaker never stops anything
            self._failed(speaker, str(err) or type(err).__name__)

    async def _async_send(self, speaker: _Speaker, text: str) -> None:
        if (problem := self._problem(speaker)) is not None:
            self._failed(speaker, problem)
            return
        self._listen_for_start(speaker)
        try:
            async with asyncio.timeout(CALL_LIMIT_SECONDS):
                if speaker.domain == ASSIST_SATELLITE:
                    await self._hass.services.async_call(
                        ASSIST_SATELLITE,
                        "announce",
                        {
                            ATTR_ENTITY_ID: speaker.entity_id,
                            "message": text,
                            "preannounce": False,
                        },
                        blocking=True,
                    )
                else:
                    await self._async_tts_speak(speaker.entity_id, text)
        except BaseException:
            # A failed or cancelled call: a start seen now is not this call's.
            _stop_listening(speaker)
            raise
        if speaker.failing:
            speaker.failing = False
            LOGGER.info("%s: speaker %s is back", self._name, speaker.entity_id)

    async def _async_tts_speak(self, entity_id: str, text: str) -> None:
        """Speak through the tts entity; an engine that refuses the language tag gets its own default."""
        data: dict[str, Any] = {
            ATTR_ENTITY_ID: self._tts_entity,
            "media_player_entity_id": entity_id,
            "message": text,
        }
        if self._tts_language:
            try:
                await self._hass.services.async_call(
                    TTS,
                    "speak",
                    {**data, "language": self._hass.config.language},
                    blocking=True,
                )
            except HomeAssistantError as err:
                LOGGER.debug("%s: tts.speak with the language: %s", self._name, err)
            else:
                return
        await self._hass.services.async_call(TTS, "speak", data, blocking=True)
        self._tts_language = False

    def _problem(self, speaker: _Speaker) -> str | None:
        """Why the speaker cannot be spoken to now, if it cannot."""
        if speaker.domain not in SPEAKER_DOMAINS:
            return "not an assist satellite or media player"
        checks = [speaker.entity_id]
        if speaker.domain == MEDIA_PLAYER:
            if not self._tts_entity:
                return "no text-to-speech entity chosen"
            checks.append(self._tts_entity)
        for entity_id in checks:
            state = self._hass.states.get(entity_id)
            if state is None:
                return f"{entity_id} not found"
            if state.state == STATE_UNAVAILABLE:
                return f"{entity_id} unavailable"
        return None

    def _failed(self, speaker: _Speaker, reason: str) -> None:
        if speaker.failing:
            return
        speaker.failing = True
        LOGGER.warning(
            "%s: speaker %s could not announce (%s); the program carries on, "
            "and this is not logged again until the speaker works",
            self._name,
            speaker.entity_id,
            reason,
        )

    def _listen_for_start(self, speaker: _Speaker) -> None:
        """Learn the lead from the speaker's next start, within the limit."""
        _stop_listening(speaker)
        started = _STARTED[speaker.domain]
        sent_at = self._hass.loop.time()
        unsubscribe: list[Callable[[], None]] = []

        @callback
        def stop(*_: Any) -> None:
            while unsubscribe:
                unsubscribe.pop()()
            if speaker.stop_listening is stop:
                speaker.stop_listening = None

        @callback
        def changed(event: Event[EventStateChangedData]) -> None:
            new, old = event.data["new_state"], event.data["old_state"]
            if new is None or new.state != started:
                return
            if old is not None and old.state == started:
                return
            stop()
            speaker.learn(self._hass.loop.time() - sent_at)

        unsubscribe.append(
            async_track_state_change_event(self._hass, [speaker.entity_id], changed)
        )
        unsubscribe.append(async_call_later(self._hass, START_LIMIT_SECONDS, stop))
        speaker.stop_listening = stop

    async def _async_texts(self) -> dict[str, str]:
        """The cues' words in the machine's language (English where missing)."""
        language = spoken_language(self._hass)
        if (texts := self._texts.get(language)) is None:
            translations = await async_get_translations(
                self._hass, language, "selector", {DOMAIN}
            )
            texts = {
                key.removeprefix(_TEXTS): value
                for key, value in translations.items()
                if key.startswith(_TEXTS)
            }
            self._texts[language] = texts
        return texts


def _stop_listening(speaker: _Speaker) -> None:
    if speaker.stop_listening is not None:
        speaker.stop_listening()


def _stop(speaker: _Speaker) -> None:
    """Cancel the speaker's cue and stop listening for its start."""
    _stop_listening(speaker)
    if speaker.task is not None and not speaker.task.done():
        speaker.task.cancel()


def spoken_language(hass: HomeAssistant) -> str:
    """The language of the cues: the machine's, without its region ("de-CH" is "de")."""
    return (hass.config.language or "en").split("-")[0]


# --- options -----------------------------------------------------------------


def speakers_in(options: Mapping[str, Any]) -> tuple[list[str], str | None]:
    """The speakers and the tts entity in a machine's options (none if absent)."""
    entities = options.get(OPT_ANNOUNCE_ENTITIES) or []
    tts_entity = options.get(OPT_ANNOUNCE_TTS) or None
    return (
        [str(entity) for entity in entities],
        None if tts_entity is None else str(tts_entity),
    )


def announce_fields(current: Mapping[str, Any]) -> dict[Any, Any]:
    """The options form's speaker fields; suggested, so they can be cleared."""
    entity_filter: dict[str, Any] = {"domain": list(SPEAKER_DOMAINS)}
    tts_filter: dict[str, Any] = {"domain": [TTS]}
    return {
        vol.Optional(
            OPT_ANNOUNCE_ENTITIES,
            description={"suggested_value": current.get(OPT_ANNOUNCE_ENTITIES)},
        ): selector.EntitySelector(
            # A plain dict: the filter's TypedDict was renamed after 2025.4.
            selector.EntitySelectorConfig(
                filter=cast(Any, entity_filter), multiple=True
            )
        ),
        vol.Optional(
            OPT_ANNOUNCE_TTS,
            description={"suggested_value": current.get(OPT_ANNOUNCE_TTS)},
        ): selector.EntitySelector(
            selector.EntitySelectorConfig(filter=cast(Any, tts_filter))
        ),
    }


def _exists(hass: HomeAssistant, entity_id: str) -> bool:
    """Whether Home Assistant knows the entity (a state, or the registry)."""
    return valid_entity_id(entity_id) and (
        hass.states.get(entity_id) is not None
        or er.async_get(hass).async_get(entity_id) is not None
    )


def validate_announce_options(
    hass: HomeAssistant, user_input: Mapping[str, Any]
) -> dict[str, str]:
    """Form errors of the speaker fields, each on its own field."""
    errors: dict[str, str] = {}
    entities, tts_entity = speakers_in(user_input)
    for entity_id in entities:
        if not valid_entity_id(entity_id) or (
            split_entity_id(entity_id)[0] not in SPEAKER_DOMAINS
        ):
            errors[OPT_ANNOUNCE_ENTITIES] = "wrong_domain"
            break
        if not _exists(hass, entity_id):
            errors[OPT_ANNOUNCE_ENTITIES] = "entity_not_found"
            break
    if tts_entity is not None:
        if not valid_entity_id(tts_entity) or split_entity_id(tts_entity)[0] != TTS:
            errors[OPT_ANNOUNCE_TTS] = "wrong_domain"
        elif not _exists(hass, tts_entity):
            errors[OPT_ANNOUNCE_TTS] = "entity_not_found"
    elif any(
        split_entity_id(e)[0] == MEDIA_PLAYER for e in entities if valid_entity_id(e)
    ):
        errors[OPT_ANNOUNCE_TTS] = "tts_needed"
    return errors


def announce_options(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """The options to store for the speaker fields: only what was chosen."""
    entities, tts_entity = speakers_in(user_input)
    options: dict[str, Any] = {}
    if entities:
        options[OPT_ANNOUNCE_ENTITIES] = list(dict.fromkeys(entities))
    if tts_entity is not None:
        options[OPT_ANNOUNCE_TTS] = tts_entity
    return options
