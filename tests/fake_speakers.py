"""Speakers as a test fakes them: ``assist_satellite.announce`` and ``tts.speak``.

Shared by the announcer's tests and the guided program's.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from homeassistant.const import STATE_IDLE, STATE_PLAYING
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError

KITCHEN = "assist_satellite.kitchen"
HALL = "assist_satellite.hall"
PLAYER = "media_player.kitchen"
TTS = "tts.piper"


@dataclass
class Said:
    """One call a fake speaker received, and when (loop time)."""

    entity_id: str
    data: dict[str, Any]
    at: float


@dataclass
class FakeSpeakers:
    """``assist_satellite.announce`` and ``tts.speak`` as a real speaker behaves.

    A satellite's call returns when the announcement has been played: it
    shows ``responding`` after its start delay, then ``idle`` after speaking.
    A media player's ``tts.speak`` returns at once; the player shows
    ``playing`` after its start delay. A start delay of None never starts.
    """

    hass: HomeAssistant
    start_after: dict[str, float | None] = field(default_factory=dict)
    speak_for: float = 1.0
    failing: set[str] = field(default_factory=set)
    said: list[Said] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    refuse_language: bool = False

    def __post_init__(self) -> None:
        self.hass.services.async_register(
            "assist_satellite", "announce", self._announce
        )
        self.hass.services.async_register("tts", "speak", self._speak)

    def messages(self, entity_id: str) -> list[str]:
        return [s.data["message"] for s in self.said if s.entity_id == entity_id]

    def _record(self, entity_id: str, call: ServiceCall) -> None:
        if entity_id in self.failing:
            raise HomeAssistantError("speaker fault")
        self.said.append(Said(entity_id, dict(call.data), self.hass.loop.time()))

    async def _announce(self, call: ServiceCall) -> None:
        entity_id = call.data["entity_id"]
        self._record(entity_id, call)
        delay = self.start_after.get(entity_id, 0.5)
        try:
            if delay is None:
                await asyncio.sleep(self.speak_for)
                return
            await asyncio.sleep(delay)
            self.hass.states.async_set(entity_id, "responding")
            await asyncio.sleep(self.speak_for)
        except asyncio.CancelledError:
            self.cancelled.append(entity_id)
            raise
        finally:
            self.hass.states.async_set(entity_id, STATE_IDLE)

    async def _speak(self, call: ServiceCall) -> None:
        if self.refuse_language and "language" in call.data:
            raise HomeAssistantError(
                f"Language '{call.data['language']}' not supported"
            )
        entity_id = call.data["media_player_entity_id"]
        self._record(entity_id, call)
        delay = self.start_after.get(entity_id, 0.5)
        if delay is None:
            return

        def play() -> None:
            # A new title: a player already playing changes its attributes only.
            self.hass.states.async_set(
                entity_id, STATE_PLAYING, {"media_title": call.data["message"]}
            )
            self.hass.loop.call_later(
                self.speak_for, self.hass.states.async_set, entity_id, STATE_IDLE
            )

        self.hass.loop.call_later(delay, play)
