"""Voice: intents to start, continue and abort programs, to ask what is due, and the routine.

At the machine, during a program: "next" and "done" continue a program that
waits, and otherwise say what to do now; "how many pulses are left" counts.
A bare "next" ("weiter", "prossimo") is also Home Assistant's own media
sentence: it has an intent of its own, which continues a running program and
otherwise hands the request on to the media intent the words belong to.

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
import math
from typing import Any, ClassVar

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    intent,
    translation,
)
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .const import DOMAIN
from .errors import validation_error
from .heat_up import HeatUpState
from .machine import Machine
from .maintenance import Task, TaskStatus
from .program import BackflushState, Program, UserAction
from .services import machine_for

INTENT_START = "EspressoCareStartBackflush"
INTENT_CONTINUE = "EspressoCareContinueBackflush"
INTENT_ABORT = "EspressoCareAbortBackflush"
INTENT_STATUS = "EspressoCareStatus"
INTENT_READY = "EspressoCareReady"
INTENT_KEEP_ON = "EspressoCareKeepOn"
INTENT_PULSES_LEFT = "EspressoCarePulsesLeft"
INTENT_NEXT = "EspressoCareNext"

# The built-in intents that a bare "next" reaches without Espresso Care (the
# sentences say which one in the ``media`` slot): "next", "prossimo" and
# "vai avanti" skip a track, German "weiter" resumes.
INTENT_MEDIA_NEXT = "HassMediaNext"
INTENT_MEDIA_UNPAUSE = "HassMediaUnpause"
MEDIA_INTENTS = (INTENT_MEDIA_NEXT, INTENT_MEDIA_UNPAUSE)

SLOT_PROGRAM = "program"
SLOT_MACHINE = "machine"
SLOT_MINUTES = "minutes"
SLOT_MEDIA = "media"

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

NO_DOMAINS: set[str] = set()

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
        PulsesLeftIntent(),
        NextIntent(),
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

    def _counted(self, one: str, many: str, count: int) -> str:
        """The sentence for one (``one``) or for any other count (``many``)."""
        return self.text(one if count == 1 else many, count=count)

    def shots(self, count: int) -> str:
        return self._counted("speech_shots_one", "speech_shots", count)

    def days_ago(self, days: int) -> str:
        keys = {0: "speech_today", 1: "speech_yesterday"}
        return self.text(keys.get(days, "speech_days_ago"), count=days)

    def seconds(self, count: int) -> str:
        return self._counted("speech_seconds_one", "speech_seconds", count)

    def pulses(self, count: int) -> str:
        return self._counted("speech_pulses_one", "speech_pulses", count)

    def in_days(self, days: int) -> str:
        keys = {0: "speech_today", 1: "speech_tomorrow"}
        return self.text(keys.get(days, "speech_in_days"), count=days)


class _MachineIntent(intent.IntentHandler):
    """An intent about one espresso machine, named or the only one."""

    platforms = MACHINE_DOMAINS
    # The intent's own slots, all optional, beside the machine's name.
    own_slots: ClassVar[dict[vol.Marker, Any]] = {}

    @property
    def slot_schema(self) -> dict[vol.Marker, Any]:
        """The intent's own slots and the machine's name, all optional."""
        return {**self.own_slots, **_MACHINE_SLOT}

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Find the machine, act, and answer in the request's language."""
        hass = intent_obj.hass
        slots = self.async_validate_slots(intent_obj.slots)
        speech = await _Speech.async_load(hass, intent_obj.language)
        response = intent_obj.create_response()
        try:
            machine = self.find_machine(hass, slots)
            answer = await self.async_act(machine, slots, speech)
        except HomeAssistantError as err:
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE, speech.refusal(err)
            )
            return response
        response.async_set_speech(answer)
        return response

    def find_machine(self, hass: HomeAssistant, slots: dict[str, Any]) -> Machine:
        """The machine named in the request, or the only one."""
        return _find_machine(hass, slots.get(SLOT_MACHINE, {}).get("value"))

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

    own_slots: ClassVar[dict[vol.Marker, Any]] = {
        vol.Optional(
            SLOT_PROGRAM, description="Which program; cleaner when left out"
        ): vol.In([str(program) for program in Program]),
    }

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Start the program; say what comes next.

        A machine with no pump relay runs it as a guide, on its own: the same
        sentences ("guide me through the backflush") start both.
        """
        program = Program(slots.get(SLOT_PROGRAM, {}).get("value", Program.CLEANER))
        await machine.async_start_program(program)
        status = machine.program
        if not status.guided:
            return speech.text(f"speech_started_{program}", name=machine.name)
        answer = speech.text("speech_started_guided", program=speech.program(program))
        if status.listening is False:
            answer = f"{answer} {speech.text('speech_guided_not_listening')}"
        return answer


class ContinueBackflushIntent(_MachineIntent):
    """The user did what the program asked; go on."""

    intent_type = INTENT_CONTINUE
    description = (
        "Continues an espresso machine cleaning program that is waiting for the"
        " user (after rinsing or removing the portafilter). While the program"
        " runs without waiting, tells what to do now instead (for a guided"
        " program: brew on or off, and for how many seconds)."
    )

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Resume a waiting program; say what to do now if it does not wait."""
        if machine.program.running and not machine.runner.waiting_for_user:
            # "next", "done" said during a pulse or a pause: no failure, the
            # person at the machine wants to know what to do.
            return _instruction(machine, speech)
        await machine.async_continue_program()
        if machine.program.guided:
            # A guided program's pulse phase starts with "brew on".
            return speech.text("speech_continued_guided")
        return speech.text("speech_continued")


class NextIntent(ContinueBackflushIntent):
    """A bare "next": the running program's, else the media intent's.

    Home Assistant's own sentences use these words for the media players of
    the speaker's area, and a custom sentence wins over them. So while one of
    the machines runs a program they continue it (as "next step" does), and
    otherwise the request goes on to the built-in intent that the same words
    would have reached, with the area that the built-in sentence takes from
    the satellite.
    """

    intent_type = INTENT_NEXT
    description = (
        "A bare 'next' said at the espresso machine: continues its running"
        " cleaning program, or else skips or resumes the media of the area."
    )
    # Spoken sentences only: no entity domain, so never offered to an LLM.
    platforms = NO_DOMAINS

    @property
    def slot_schema(self) -> dict[vol.Marker, Any]:
        """The media intent that the words reach without a program."""
        return {vol.Optional(SLOT_MEDIA): vol.In(MEDIA_INTENTS)}

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Continue the running program, or hand the request on."""
        hass = intent_obj.hass
        if _running_machines(hass):
            return await super().async_handle(intent_obj)
        slots = self.async_validate_slots(intent_obj.slots)
        media = slots.get(SLOT_MEDIA, {}).get("value", INTENT_MEDIA_NEXT)
        area = _request_area(intent_obj)
        registered = {handler.intent_type for handler in intent.async_get(hass)}
        if area is None or media not in registered:
            # The built-in sentence needs the speaker's area, and its intent
            # the media player integration: without them the words would not
            # have reached anything.
            speech = await _Speech.async_load(hass, intent_obj.language)
            response = intent_obj.create_response()
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
                speech.text("nothing_to_continue"),
            )
            return response
        extra: dict[str, Any] = {}
        if (satellite_id := getattr(intent_obj, "satellite_id", None)) is not None:
            # Newer Home Assistant (not 2025.4): the satellite entity too.
            extra["satellite_id"] = satellite_id
        return await intent.async_handle(
            hass,
            intent_obj.platform,
            media,
            {
                # As the built-in sentence's context fills them.
                "area": {"value": area.name, "text": area.name},
                "preferred_area_id": {"value": area.id},
            },
            intent_obj.text_input,
            intent_obj.context,
            intent_obj.language,
            assistant=intent_obj.assistant,
            device_id=intent_obj.device_id,
            conversation_agent_id=intent_obj.conversation_agent_id,
            **extra,
        )

    def find_machine(self, hass: HomeAssistant, slots: dict[str, Any]) -> Machine:
        """The machine that runs a program."""
        running = _running_machines(hass)
        if not running:
            raise validation_error("nothing_to_continue")
        if len(running) > 1:
            raise validation_error(
                "speech_which_machine",
                names=", ".join(sorted(machine.name for machine in running)),
            )
        return running[0]


def _running_machines(hass: HomeAssistant) -> list[Machine]:
    """The machines that run a program now."""
    return [
        entry.runtime_data
        for entry in hass.config_entries.async_loaded_entries(DOMAIN)
        if entry.runtime_data.program.running
    ]


def _request_area(intent_obj: intent.Intent) -> ar.AreaEntry | None:
    """The speaker's area: the conversation agent's, else the device's."""
    hass = intent_obj.hass
    areas = ar.async_get(hass)
    preferred = intent_obj.slots.get("preferred_area_id", {}).get("value")
    if preferred and (area := areas.async_get_area(str(preferred))):
        return area
    device = dr.async_get(hass).async_get(intent_obj.device_id or "")
    if device is not None and device.area_id:
        return areas.async_get_area(device.area_id)
    return None


class PulsesLeftIntent(_MachineIntent):
    """How many pump pulses the running program has left, and what to do now."""

    intent_type = INTENT_PULSES_LEFT
    description = (
        "Tells how many pump pulses the running espresso machine cleaning"
        " program has left, and what to do now."
    )

    async def async_act(
        self, machine: Machine, slots: dict[str, Any], speech: _Speech
    ) -> str:
        """Pulses left, then the current instruction."""
        status = machine.program
        if not status.running:
            return speech.text("speech_no_program")
        left = max(0, status.pulses_total - status.pulses_done)
        return " ".join(
            (
                speech.text("speech_pulses_left", pulses=speech.pulses(left)),
                _instruction(machine, speech),
            )
        )


def _instruction(machine: Machine, speech: _Speech) -> str:
    """What the person at the machine should do now, for a running program."""
    status = machine.program
    if machine.runner.waiting_for_user and status.action is not None:
        return speech.action(status.action)
    if status.state is BackflushState.WARMING_UP:
        return speech.text("speech_warming_up", program=speech.program(status.program))
    if status.action in (UserAction.BREW_ON, UserAction.BREW_OFF):
        on = status.action is UserAction.BREW_ON
        if status.next_switch is None:
            return speech.action(status.action)
        left = (status.next_switch - dt_util.utcnow()).total_seconds()
        seconds = speech.seconds(max(1, math.ceil(left)))
        return speech.text(
            "speech_brew_on_left" if on else "speech_brew_off_wait", seconds=seconds
        )
    if status.guided:
        return speech.text("speech_guided_wait")
    return speech.text(
        "speech_running_by_itself", program=speech.program(status.program)
    )


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
        subject = _subject(machine, speech)
        now = dt_util.utcnow()
        sentences: list[str] = []
        status = machine.program
        if machine.runner.waiting_for_user and status.action is not None:
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
            if status.guided:
                sentences.append(_instruction(machine, speech))
        sentences.append(
            _backflush_sentence(
                machine.records.task_status(Task.BACKFLUSH, now), subject, speech, now
            )
        )
        if descale := _descale_sentence(
            machine.records.task_status(Task.DESCALE, now), speech, now
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

    own_slots: ClassVar[dict[vol.Marker, Any]] = {
        vol.Optional(
            SLOT_MINUTES, description="Minutes from now; the usual when left out"
        ): vol.All(vol.Coerce(int), vol.Range(min=1, max=720)),
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
