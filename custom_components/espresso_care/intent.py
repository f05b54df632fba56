"""Voice: intents to start, continue and abort programs, to ask what is due, and the routine.

The routine's two: whether (and when) the machine is ready, and keeping it on
past its auto-off.

This is Home Assistant's ``intent`` platform: the intent integration calls
``async_setup_intents`` once Espresso Care is loaded. The handlers speak in
the language of the request, with the sentences of ``translations/<lang>.json``
(``exceptions.speech_*``); a refusal of the machine is spoken the same way.
The sentences that trigger them ship in ``custom_sentences/``, and the LLM
tools of Home Assistant 2026 and later wrap them (``llm.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    device_registry as dr,
    intent,
    translation,
)
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .const import DOMAIN
from .heat_up import HeatUpState
from .machine import Machine, validation_error
from .maintenance import Task, TaskStatus
from .program import Program
from .services import machine_for

INTENT_START = "EspressoCareStartBackflush"
INTENT_CONTINUE = "EspressoCareContinueBackflush"
INTENT_ABORT = "EspressoCareAbortBackflush"
INTENT_STATUS = "EspressoCareStatus"
INTENT_READY = "EspressoCareReady"
INTENT_KEEP_ON = "EspressoCareKeepOn"

SLOT_PROGRAM = "program"
SLOT_MACHINE = "machine"
SLOT_MINUTES = "minutes"

# The entity domains of a machine: on Home Assistant 2025.x the Assist LLM API
# offers these intents as tools only when an entity of one of them is exposed.
MACHINE_DOMAINS = {
    str(platform)
    for platform in (
        Platform.BINARY_SENSOR,
        Platform.BUTTON,
        Platform.SENSOR,
        Platform.SWITCH,
        Platform.TODO,
    )
}

_MACHINE_SLOT: dict[vol.Marker, Any] = {
    vol.Optional(
        SLOT_MACHINE,
        description="The espresso machine's name; leave it out when there is one",
    ): intent.non_empty_string,
}


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the intent handlers (called by the intent integration)."""
    for handler in (
        StartBackflushIntent(),
        ContinueBackflushIntent(),
        AbortBackflushIntent(),
        StatusIntent(),
        ReadyIntent(),
        KeepOnIntent(),
    ):
        intent.async_register(hass, handler)


class _Speech:
    """The spoken sentences of one language, from the integration's translations."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts

    @classmethod
    async def async_load(cls, hass: HomeAssistant, language: str) -> _Speech:
        texts: dict[str, str] = {}
        for category in ("exceptions", "selector", "entity"):
            texts |= await translation.async_get_translations(
                hass, language, category, [DOMAIN]
            )
        return cls(texts)

    def text(self, key: str, **placeholders: Any) -> str:
        """A sentence (``exceptions.<key>.message``) with its placeholders filled."""
        template = self._texts.get(f"component.{DOMAIN}.exceptions.{key}.message", key)
        return template.format_map({k: str(v) for k, v in placeholders.items()})

    def program(self, program: Program | None) -> str:
        """A program's name as the program selector shows it."""
        key = f"component.{DOMAIN}.selector.program.options.{program}"
        return self._texts.get(key, str(program))

    def action(self, action: str) -> str:
        """What a waiting program asks the user to do."""
        key = (
            f"component.{DOMAIN}.entity.sensor.backflush_state"
            f".state_attributes.action.state.{action}"
        )
        return self._texts.get(key, action)

    def refusal(self, err: HomeAssistantError) -> str:
        """A translated error of the machine, in this language."""
        if err.translation_domain != DOMAIN or err.translation_key is None:
            return str(err)
        return self.text(err.translation_key, **(err.translation_placeholders or {}))

    def shots(self, count: int) -> str:
        return self.text(
            "speech_shots_one" if count == 1 else "speech_shots", count=count
        )

    def days_ago(self, days: int) -> str:
        keys = {0: "speech_today", 1: "speech_yesterday"}
        return self.text(keys.get(days, "speech_days_ago"), count=days)

    def in_days(self, days: int) -> str:
        keys = {0: "speech_today", 1: "speech_tomorrow"}
        return self.text(keys.get(days, "speech_in_days"), count=days)


class _MachineIntent(intent.IntentHandler):
    """An intent about one espresso machine, named or the only one."""

    platforms = MACHINE_DOMAINS

    @property
    def slot_schema(self) -> dict[vol.Marker, Any]:
        """The machine's name, optional."""
        return dict(_MACHINE_SLOT)

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Find the machine, act, and answer in the request's language."""
        hass = intent_obj.hass
        slots = self.async_validate_slots(intent_obj.slots)
        speech = await _Speech.async_load(hass, intent_obj.language)
        response = intent_obj.create_response()
        try:
            machine = _find_machine(hass, slots.get(SLOT_MACHINE, {}).get("value"))
            answer = await self.async_act(machine, slots, speech)
        except HomeAssistantError as err:
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE, speech.refusal(err)
            )
            return response
        response.async_set_speech(answer)
        return response

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Do what was asked; return what to say."""
        raise NotImplementedError


class StartBackflushIntent(_MachineIntent):
    """Start a program: cleaner (the default), water or flush."""

    intent_type = INTENT_START
    description = (
        "Starts a cleaning program on the espresso machine: 'cleaner' backflushes"
        " with detergent (blind basket with cleaner inserted), 'water' backflushes"
        " with water only, 'flush' rinses the group head."
    )

    @property
    def slot_schema(self) -> dict[vol.Marker, Any]:
        """The program and the machine, both optional."""
        return {
            vol.Optional(
                SLOT_PROGRAM, description="Which program; cleaner when left out"
            ): vol.In([str(program) for program in Program]),
            **_MACHINE_SLOT,
        }

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Start the program; say what comes next."""
        program = Program(slots.get(SLOT_PROGRAM, {}).get("value", Program.CLEANER))
        await machine.async_start_program(program)
        return speech.text(f"speech_started_{program}", name=machine.name)


class ContinueBackflushIntent(_MachineIntent):
    """The user did what the program asked; go on."""

    intent_type = INTENT_CONTINUE
    description = (
        "Continues an espresso machine cleaning program that is waiting for the"
        " user (after rinsing or removing the portafilter)."
    )

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Resume the program."""
        await machine.async_continue_program()
        return speech.text("speech_continued")


class AbortBackflushIntent(_MachineIntent):
    """Stop the running program; the pump goes off."""

    intent_type = INTENT_ABORT
    description = (
        "Aborts the cleaning program running on the espresso machine and switches"
        " its pump off."
    )

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Abort the program."""
        await machine.async_abort_program()
        return speech.text("speech_aborted")


class StatusIntent(_MachineIntent):
    """Say what the machine is doing and what maintenance is due."""

    intent_type = INTENT_STATUS
    description = (
        "Tells whether the espresso machine is due for a backflush or descaling,"
        " how many shots and days since the last one, and what a running"
        " cleaning program is doing."
    )

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Compose the status in sentences."""
        hass = machine.hass
        single = len(hass.config_entries.async_loaded_entries(DOMAIN)) == 1
        subject = speech.text("speech_your_machine") if single else machine.name
        now = dt_util.utcnow()
        sentences: list[str] = []
        status = machine.program
        if status.running and status.action is not None:
            sentences.append(
                speech.text(
                    "speech_status_waiting",
                    program=speech.program(status.program),
                    action=speech.action(status.action),
                )
            )
        elif status.running:
            sentences.append(
                speech.text(
                    "speech_status_running",
                    program=speech.program(status.program),
                    progress=status.progress or 0,
                )
            )
        sentences.append(
            _backflush_sentence(
                machine.task_status(Task.BACKFLUSH, now), subject, speech, now
            )
        )
        if descale := _descale_sentence(
            machine.task_status(Task.DESCALE, now), speech, now
        ):
            sentences.append(descale)
        return " ".join(sentences)


def _subject(machine: Machine, speech: _Speech) -> str:
    """The sentence's subject: "your espresso machine" when there is one, else its name."""
    single = len(machine.hass.config_entries.async_loaded_entries(DOMAIN)) == 1
    return speech.text("speech_your_machine") if single else machine.name


def _clock(moment: datetime) -> str:
    """A moment as the local time of day, 07:12."""
    return f"{dt_util.as_local(moment):%H:%M}"


class ReadyIntent(_MachineIntent):
    """Whether the machine is hot yet, and when it will be."""

    intent_type = INTENT_READY
    description = (
        "Tells whether the espresso machine has heated up and is ready to brew,"
        " or, while it heats, at about what time it will be ready."
    )

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Off, ready, or heating (with the estimate when there is one)."""
        subject = _subject(machine, speech)
        routine = machine.routine
        if routine.state is HeatUpState.OFF:
            return speech.text("speech_off", machine=subject)
        if routine.state is HeatUpState.READY:
            return speech.text("speech_ready", machine=subject)
        if (ready_at := routine.ready_at) is None:
            return speech.text("speech_heating", machine=subject)
        return speech.text("speech_heating_at", machine=subject, time=_clock(ready_at))


class KeepOnIntent(_MachineIntent):
    """Postpone the auto-off."""

    intent_type = INTENT_KEEP_ON
    description = (
        "Keeps the espresso machine switched on: postpones its automatic"
        " switch-off by the given minutes from now (its usual auto-off time"
        " when left out)."
    )

    @property
    def slot_schema(self) -> dict[vol.Marker, Any]:
        """The minutes and the machine, both optional."""
        return {
            vol.Optional(
                SLOT_MINUTES, description="Minutes from now; the usual when left out"
            ): vol.All(vol.Coerce(int), vol.Range(min=1, max=720)),
            **_MACHINE_SLOT,
        }

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Postpone; say until when."""
        minutes = slots.get(SLOT_MINUTES, {}).get("value")
        until = await machine.routine.async_keep_on(minutes)
        return speech.text(
            "speech_kept_on", machine=_subject(machine, speech), time=_clock(until)
        )


def _calendar_days(earlier: datetime, later: datetime) -> int:
    """Whole calendar days between two moments, in Home Assistant's time zone."""
    return (dt_util.as_local(later).date() - dt_util.as_local(earlier).date()).days


def _backflush_sentence(
    status: TaskStatus, subject: str, speech: _Speech, now: datetime
) -> str:
    state = "due" if status.due else "ok"
    shots = speech.shots(status.shots_since)
    if status.last_done is None:
        return speech.text(
            f"speech_backflush_{state}_never", machine=subject, shots=shots
        )
    return speech.text(
        f"speech_backflush_{state}",
        machine=subject,
        shots=shots,
        ago=speech.days_ago(_calendar_days(status.last_done, now)),
    )


def _descale_sentence(status: TaskStatus, speech: _Speech, now: datetime) -> str | None:
    if status.due:
        return speech.text("speech_descale_due")
    if status.due_at is not None:
        return speech.text(
            "speech_descale_in", when=speech.in_days(_calendar_days(now, status.due_at))
        )
    if (shots_left := status.shots_until_due) is not None:
        return speech.text(
            "speech_descale_in",
            when=speech.text("speech_in_shots", shots=speech.shots(shots_left)),
        )
    return None


def _find_machine(hass: HomeAssistant, name: str | None) -> Machine:
    """The machine a request is about: by name, or the only one."""
    if name is None:
        try:
            return machine_for(hass, None)
        except HomeAssistantError as err:
            if err.translation_key != "config_entry_required":
                raise
            titles = sorted(
                e.title for e in hass.config_entries.async_loaded_entries(DOMAIN)
            )
            raise validation_error(
                "speech_which_machine", names=", ".join(titles)
            ) from err
    # A spoken name may carry an article or a possessive ("the kitchen
    # machine"): a machine matches when the name ends with one of its names;
    # the longest such name wins.
    wanted = _normalize(name)
    devices = dr.async_get(hass)
    best: tuple[int, Machine] | None = None
    for entry in hass.config_entries.async_loaded_entries(DOMAIN):
        names = {entry.title}
        for device in dr.async_entries_for_config_entry(devices, entry.entry_id):
            names |= {n for n in (device.name, device.name_by_user) if n}
        for known in map(_normalize, names):
            if (wanted == known or wanted.endswith(f" {known}")) and (
                best is None or len(known) > best[0]
            ):
                best = (len(known), entry.runtime_data)
    if best is None:
        raise validation_error("speech_unknown_machine", name=name)
    return best[1]


def _normalize(name: str) -> str:
    return " ".join(name.casefold().split())
