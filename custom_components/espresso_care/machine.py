"""The machine: one per config entry, owning its relays, program runner, shot signal and store.

Entities are thin views of it: they read its state and call its methods, and
so do the actions in ``services.py``, the intents and the to-do list. Every
refusal and every relay failure becomes a translated exception here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import (
    async_call_later,
    async_track_time_interval,
)
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from .announce import Announcer, Cue, speakers_in
from .backflush_pattern import Recognized
from .const import (
    CONF_THREE_WAY_VALVE,
    DEFAULT_OPTIONS,
    DOMAIN,
    EVENT_BACKFLUSH_ACTION_REQUIRED,
    EVENT_BACKFLUSH_FINISHED,
    EVENT_BACKFLUSH_RECOGNIZED,
    EVENT_BACKFLUSH_STARTED,
    LOGGER,
    OPT_MAX_PUMP_SECONDS,
    OPT_PROMPT_TIMEOUT_MINUTES,
    OPT_PUMP_WATTS,
    OPT_RECOGNIZE_BACKFLUSH,
    OPT_SHOT_MAX_SECONDS,
    OPT_SHOT_MIN_SECONDS,
)
from .errors import translate_relay_errors, validation_error
from .guide import GuidedRunner, GuideHooks
from .maintenance import TASKS
from .program import (
    NEEDS_THREE_WAY_VALVE,
    BackflushState,
    Program,
    ProgramResult,
    UserAction,
    build_plan,
    settings_for,
)
from .recognition import HandBackflushes
from .records import MaintenanceRecords
from .relays.base import Listeners, NoRelay, Relay, RelayError, RelayUpdate
from .routine import Routine
from .runner import ProgramRunner, ProgramStatus, RunnerHooks, RunOptions
from .shots import PumpRun
from .signals.base import BinarySource, PowerMeter
from .signals.power.readings import Reading
from .signals.shot_signal import (
    PowerCounting,
    ShotRules,
    ShotSignal,
    SignalHooks,
    choose_kind,
)
from .storage import MachineData, MachineStore

type EspressoConfigEntry = ConfigEntry[Machine]

# After the quick retries, how often a pump that never confirmed off is tried again.
PUMP_OFF_SLOW_RETRY = timedelta(seconds=30)
# How many pump steps measured during relay or brew sensor runs are kept.
LEARNED_SAMPLES = 9
# The repair issue for each state of counting by power that needs the user.
POWER_ISSUES = {
    PowerCounting.NEEDS_CALIBRATION: "power_needs_calibration",
    PowerCounting.AMBIGUOUS: "power_ambiguous",
    PowerCounting.REFUSED: "power_refused",
}


class Machine:
    """An espresso machine: plug, pump, programs, shots and maintenance."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry[Any],
        power: Relay,
        pump: Relay,
        store: MachineStore,
        *,
        device_id: str,
        brew_sensor: BinarySource | None = None,
        power_meter: PowerMeter | None = None,
    ) -> None:
        self.hass = hass
        self.entry = entry
        self.power = power
        self.pump = pump
        self.store = store
        self.device_id = device_id
        self.brew_sensor = brew_sensor
        self.power_meter = power_meter
        hooks = RunnerHooks(
            updated=self._async_notify,
            action_required=self._async_action_required,
            finished=self._async_program_finished,
            failed_to_switch_off=self._async_raise_pump_issue,
        )
        # Spoken cues of a guided program, on the speakers the options name.
        self.announcer = Announcer.from_options(hass, entry.options, name=entry.title)
        # Without a pump relay, the person at the machine runs the programs, guided.
        self.runner: ProgramRunner = (
            ProgramRunner(hass, pump, power, hooks)
            if self.has_pump
            else GuidedRunner(
                hass,
                pump,
                power,
                hooks,
                GuideHooks(
                    can_listen=self._can_listen,
                    signal_delay=lambda: self.signal.switch_delay,
                    cue=self._async_cue,
                    cue_lead=lambda: self.announcer.lead_seconds,
                ),
            )
        )
        self.signal = ShotSignal(
            hass,
            kind=choose_kind(
                brew=brew_sensor is not None,
                meter=power_meter is not None,
                pump=self.has_pump,
            ),
            # The brew sensor counts; without one, the pump relay counts or,
            # beside a power meter, teaches it the pump's step.
            source=brew_sensor or (pump if self.has_pump else None),
            meter=power_meter,
            hooks=SignalHooks(
                run=self._async_run_seen,
                activity=self._async_activity,
                learned=self._async_learned_pump_watts,
                changed=self._async_power_counting_changed,
                switched=self._async_pump_switched,
            ),
            rules=self._shot_rules,
            pump_watts=0.0,
            refused=False,
        )
        self._activity_listeners = Listeners[datetime]()
        # Counters, maintenance records, and what is due when.
        self.records = MaintenanceRecords(
            hass,
            store,
            name=entry.title,
            options=lambda: self.options,
            added_at=_added_at(entry),
            updated=self._async_notify,
        )
        # Short runs held back until they are known not to be a hand-made backflush.
        self.hand_backflushes = HandBackflushes(
            hass,
            self.records,
            enabled=lambda: bool(self.options[OPT_RECOGNIZE_BACKFLUSH]),
            recognized=self._async_backflush_recognized,
            updated=self._async_notify,
        )
        # Heat-up to ready, and auto-off.
        self.routine = Routine(hass, self, updated=self._async_notify)
        self._listeners = Listeners[None]()
        self._unsubs: list[CALLBACK_TYPE] = []
        self._cancel_watchdog: CALLBACK_TYPE | None = None
        self._switch_off_when_available = False
        self._cancel_off_retry: CALLBACK_TYPE | None = None
        # Logged once on each change, as the quality scale asks.
        self._relay_available: dict[str, bool] = {}

    # --- life cycle -------------------------------------------------------

    @property
    def data(self) -> MachineData:
        """The stored counters and maintenance records."""
        return self.store.data

    @property
    def options(self) -> dict[str, int]:
        """The user's options over their defaults."""
        return {**DEFAULT_OPTIONS, **self.entry.options}

    @property
    def name(self) -> str:
        """The machine's name (the entry title)."""
        return self.entry.title

    @property
    def has_pump(self) -> bool:
        """Whether the pump is on a relay we can switch (programs need one)."""
        return not isinstance(self.pump, NoRelay)

    @property
    def has_three_way_valve(self) -> bool:
        """Whether the machine can backflush at all."""
        return bool(self.entry.data.get(CONF_THREE_WAY_VALVE, True))

    async def async_setup(self) -> None:
        """Load the store, follow the relays, and make the pump safe after a crash."""
        await self.store.async_load()
        if self.data.last_result is not None:
            self.runner.status.state = BackflushState(self.data.last_result)
            self.runner.status.program = _program_or_none(self.data.last_program)
        for relay in (self.power, self.pump):
            self._unsubs.append(
                relay.async_add_listener(self._async_relay_changed(relay))
            )
            await relay.async_start()
        # As the start found them (a Shelly is unknown until its first poll).
        self._relay_available = {
            "plug": self.power.available,
            "pump": self.pump.available,
        }
        for source in self._signal_sources:
            await source.async_start()
        self.signal.set_pump_watts(self.pump_watts, refused=self.data.power_refused)
        await self.signal.async_start()
        if self.power_meter is not None:
            # Hand-made backflushes read from the readings too, while counting by power.
            self._unsubs.append(
                self.hand_backflushes.follow_power(
                    self.power_meter, self.signal.power_pump_watts
                )
            )
        self._async_update_power_issue()
        if self.data.running_program is not None or self.data.pump_on_by_us:
            await self._async_recover_from_crash()
        self.records.schedule()
        await self.routine.async_start()
        await self.announcer.async_prepare()

    async def _async_recover_from_crash(self) -> None:
        """Home Assistant died with the pump possibly on: switch it off."""
        LOGGER.warning(
            "%s: Home Assistant stopped mid-run; switching the pump off", self.name
        )
        if self.data.running_program is not None:
            self.runner.status = ProgramStatus(
                state=BackflushState.INTERRUPTED,
                program=_program_or_none(self.data.running_program),
                reason="restarted",
            )
            self.data.last_result = ProgramResult.INTERRUPTED
            self.data.last_program = self.data.running_program
        self.data.running_program = None
        # pump_on_by_us stays set until the pump is seen off.
        await self.store.async_save()
        if await self._async_try_pump_off():
            self.data.pump_on_by_us = False
            await self.store.async_save()
        else:
            # The relay's integration may not be up yet: switch off once it
            # is, and keep retrying in case it comes back without a word.
            self._async_raise_pump_issue()

    async def async_stop_pump(self, reason: str) -> None:
        """End any program and switch off a pump we switched on.

        What could not be confirmed off stays marked in the store, so the
        next start switches it off.
        """
        await self.runner.async_end(ProgramResult.ABORTED, reason)
        if self._cancel_watchdog is not None:
            self._async_cancel_watchdog()
            if await self._async_try_pump_off():
                self.data.pump_on_by_us = False
        await self.store.async_save()

    async def async_shutdown(self) -> None:
        """Unload: end any program, pump off, stop following the relays."""
        # Runs held back for the backflush pattern count as what they were.
        self.hand_backflushes.release_all()
        await self.async_stop_pump("unloaded")
        if self._cancel_off_retry is not None:
            self._cancel_off_retry()
            self._cancel_off_retry = None
        self.records.stop()
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self.routine.async_stop()
        await self.announcer.async_stop()
        await self.signal.async_stop()
        for source in self._signal_sources:
            await source.async_stop()
        for relay in (self.power, self.pump):
            await relay.async_stop()

    @property
    def _signal_sources(self) -> list[BinarySource | PowerMeter]:
        """The sources that are not relays: the machine starts and stops them."""
        sources: list[BinarySource | PowerMeter] = []
        if self.brew_sensor is not None:
            sources.append(self.brew_sensor)
        if self.power_meter is not None:
            sources.append(self.power_meter)
        return sources

    async def _async_retry_pump_off(self, _now: datetime | None) -> None:
        """Try again to switch off a pump that never confirmed off."""
        await self._async_try_pump_off()

    async def _async_try_pump_off(self) -> bool:
        try:
            await self.pump.async_turn_off()
        except RelayError as err:
            LOGGER.warning("%s: could not switch the pump off: %s", self.name, err)
            return False
        self._switch_off_when_available = False
        ir.async_delete_issue(self.hass, DOMAIN, f"{self._issue_id}_pump")
        if self._cancel_off_retry is not None:
            self._cancel_off_retry()
            self._cancel_off_retry = None
        return True

    # --- listeners ----------------------------------------------------------

    @callback
    def async_add_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call ``listener`` whenever anything the entities show changes."""
        return self._listeners.add(lambda _: listener())

    @callback
    def _async_notify(self) -> None:
        self._listeners.notify(None)

    def _async_relay_changed(self, relay: Relay) -> Callable[[RelayUpdate], None]:
        name = "pump" if relay is self.pump else "plug"
        self._relay_available[name] = relay.available

        @callback
        def changed(update: RelayUpdate) -> None:
            available = update.is_on is not None
            if available != self._relay_available[name]:
                self._relay_available[name] = available
                if available:
                    LOGGER.info("%s: the %s relay is back", self.name, name)
                else:
                    LOGGER.info("%s: the %s relay is unavailable", self.name, name)
            if update.is_on is None and self.runner.running:
                self.runner.end_soon(ProgramResult.FAILED, "relay_unavailable")
            if relay is self.pump:
                self._async_pump_changed(update)
            self._async_notify()

        return changed

    @callback
    def _async_pump_changed(self, update: RelayUpdate) -> None:
        if update.is_on is not None and self._switch_off_when_available:
            self.hass.async_create_background_task(
                self._async_retry_pump_off(None), "espresso_care pump off when back"
            )
        # Only a seen off ends our promise: a relay that drops off the
        # network may come back with the pump still on.
        if update.is_on is False and (
            self._cancel_watchdog is not None or self.data.pump_on_by_us
        ):
            self._async_cancel_watchdog()
            self.data.pump_on_by_us = False
            self.store.save_soon()

    # --- the shot signal --------------------------------------------------------

    def _shot_rules(self) -> ShotRules:
        options = self.options
        return ShotRules(
            shot_min=options[OPT_SHOT_MIN_SECONDS],
            shot_max=options[OPT_SHOT_MAX_SECONDS],
        )

    @property
    def pump_watts(self) -> float:
        """The pump's step on the power meter: the user's option, else what was learned."""
        if option := self.options[OPT_PUMP_WATTS]:
            return float(option)
        samples = sorted(self.data.pump_watts_samples)
        return samples[len(samples) // 2] if samples else 0.0

    def recent_readings(self) -> list[Reading]:
        """The power meter's readings of the last ten minutes, oldest first."""
        return self.signal.recent_readings()

    @callback
    def async_add_activity_listener(
        self, listener: Callable[[datetime], None]
    ) -> CALLBACK_TYPE:
        """Call ``listener`` whenever the pump is seen running, by any signal or a program."""
        return self._activity_listeners.add(listener)

    @callback
    def _async_activity(self, at: datetime) -> None:
        self._activity_listeners.notify(at)

    @callback
    def _async_learned_pump_watts(self, watts: float) -> None:
        """A run seen on the relay or brew sensor measured the pump's step on the meter."""
        samples = self.data.pump_watts_samples
        samples.append(round(watts, 1))
        del samples[:-LEARNED_SAMPLES]
        self.store.save_soon()
        self.signal.set_pump_watts(self.pump_watts, refused=self.data.power_refused)

    async def async_refuse_power_counting(self, noise_watts: float) -> None:
        """Calibration found the readings too noisy: count nothing by power until it passes."""
        LOGGER.warning(
            "%s: the power readings are too noisy (%.0f W) to tell the pump apart",
            self.name,
            noise_watts,
        )
        self.data.power_refused = True
        await self.store.async_save()
        self.signal.set_pump_watts(self.pump_watts, refused=True)
        self._async_update_power_issue()

    def _can_listen(self) -> bool:
        """Whether a guided program can check the person against a signal now."""
        if self.brew_sensor is not None:
            return self.brew_sensor.available
        return self.signal.counting is PowerCounting.COUNTING

    @callback
    def _async_pump_switched(self, on: bool, at: datetime) -> None:
        """The counting signal saw the pump switch: a guided program listens."""
        if isinstance(self.runner, GuidedRunner) and self.runner.running:
            self.runner.pump_switched(on, at)

    @callback
    def _async_cue(self, cue: str) -> None:
        """Speak a guided program's cue on the chosen speakers."""
        self.announcer.say(Cue(cue))

    @callback
    def _async_power_counting_changed(self) -> None:
        self._async_update_power_issue()
        self._async_notify()

    @callback
    def _async_update_power_issue(self) -> None:
        """One repair issue per machine while counting by power needs the user."""
        issue_id = f"power_{self.entry.entry_id}"
        key = POWER_ISSUES.get(self.signal.counting)  # type: ignore[arg-type]
        if key is None:
            ir.async_delete_issue(self.hass, DOMAIN, issue_id)
            return
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=key,
            translation_placeholders={"name": self.name},
        )

    @callback
    def _async_run_seen(self, run: PumpRun) -> None:
        """The shot signal saw a run that no program made: count it.

        Unless recognition is off, short runs wait in the backflush pattern
        until they turn out not to be a hand-made backflush's pulses.
        """
        self.hand_backflushes.feed(run)
        self._async_activity(run.ended)
        self._async_notify()

    @callback
    def _async_backflush_recognized(self, found: Recognized) -> None:
        """A backflush by hand was recognized (and recorded): say so."""
        LOGGER.info(
            "%s: a backflush by hand recognized (%d pulses)", self.name, found.pulses
        )
        self.hass.bus.async_fire(
            EVENT_BACKFLUSH_RECOGNIZED,
            {
                "config_entry_id": self.entry.entry_id,
                "device_id": self.device_id,
                "pulses": found.pulses,
                "started": dt_util.utc_from_timestamp(found.started).isoformat(),
                "ended": dt_util.utc_from_timestamp(found.ended).isoformat(),
            },
        )

    @callback
    def async_options_updated(self) -> None:
        """Options changed: re-evaluate what is due, no restart needed.

        A new ``pump_watts`` (calibrated or typed) lifts an earlier refusal;
        the live check pauses counting again if the readings are still noisy.
        """
        if self.pump_watts != self.signal.pump_watts and self.data.power_refused:
            self.data.power_refused = False
            self.store.save_soon()
        self.signal.set_pump_watts(self.pump_watts, refused=self.data.power_refused)
        if not self.options[OPT_RECOGNIZE_BACKFLUSH]:
            self.hand_backflushes.release_all()
        entities, tts_entity = speakers_in(self.entry.options)
        self.announcer.async_update(entities=entities, tts_entity=tts_entity)
        self._async_update_power_issue()
        self.records.schedule()
        self.routine.async_options_updated()
        self._async_notify()

    # --- power and pump, by hand ---------------------------------------------

    async def async_set_power(self, on: bool) -> None:
        """Switch the machine's plug; switching it off ends a program first, pump off."""
        if not on:
            await self.runner.async_end(ProgramResult.ABORTED, "power_switched_off")
        with translate_relay_errors():
            if on:
                await self.power.async_turn_on()
            else:
                await self.power.async_turn_off()

    async def async_set_pump(self, on: bool) -> None:
        """Switch the pump by hand; a watchdog switches it off after max_pump_seconds.

        Off is always allowed: during a program it ends the program, pump off.
        """
        if not on and self.runner.running:
            await self.runner.async_end(ProgramResult.ABORTED, "pump_switched_off")
            return
        if self.runner.running:
            raise validation_error("program_running")
        if not on:
            self._async_cancel_watchdog()
            with translate_relay_errors():
                await self.pump.async_turn_off()
            self.data.pump_on_by_us = False
            await self.store.async_save()
            return
        limit = float(self.options[OPT_MAX_PUMP_SECONDS])
        self.data.pump_on_by_us = True
        await self.store.async_save()
        self._async_cancel_watchdog()
        self._cancel_watchdog = async_call_later(
            self.hass, limit, self._async_watchdog_fired
        )
        try:
            with translate_relay_errors():
                await self.pump.async_turn_on(limit)
        except HomeAssistantError:
            self._async_cancel_watchdog()
            await self._async_try_pump_off()
            raise

    @callback
    def _async_cancel_watchdog(self) -> None:
        if self._cancel_watchdog is not None:
            self._cancel_watchdog()
            self._cancel_watchdog = None

    @callback
    def _async_watchdog_fired(self, _now: datetime) -> None:
        self._cancel_watchdog = None
        LOGGER.warning(
            "%s: pump on for %s s; the watchdog switches it off",
            self.name,
            self.options[OPT_MAX_PUMP_SECONDS],
        )
        self.hass.async_create_background_task(
            self._async_watchdog_off(), "espresso_care pump watchdog"
        )

    async def _async_watchdog_off(self) -> None:
        if await self.runner.async_ensure_pump_off():
            self.data.pump_on_by_us = False
            await self.store.async_save()
        else:
            self._async_raise_pump_issue()

    # --- programs -----------------------------------------------------------

    @property
    def program(self) -> ProgramStatus:
        """What the program runner is doing."""
        return self.runner.status

    async def async_start_program(
        self,
        program: Program,
        overrides: Mapping[str, float] | None = None,
        *,
        warm_up_minutes: float = 0,
        power_off_after: bool = False,
    ) -> None:
        """Check that a program may start, then start it in the background."""
        if self.runner.running:
            raise validation_error("program_running")
        if program in NEEDS_THREE_WAY_VALVE and not self.has_three_way_valve:
            raise validation_error("no_three_way_valve")
        if self.has_pump and not self.pump.available:
            raise validation_error("pump_unavailable")
        if not self.power.available:
            raise validation_error("power_unavailable")
        if not self.power.is_on and not warm_up_minutes:
            raise validation_error("machine_off")
        options = self.options
        plan = build_plan(program, settings_for(program, options, overrides or {}))
        if not plan.total_pulses:
            raise validation_error("empty_program")
        self._async_cancel_watchdog()
        ir.async_delete_issue(self.hass, DOMAIN, self._issue_id)
        self.data.running_program = program
        await self.store.async_save()
        self.signal.note_program(True)
        self.hand_backflushes.note_program(True)
        self._async_activity(dt_util.utcnow())
        self.runner.start(
            plan,
            RunOptions(
                prompt_timeout=options[OPT_PROMPT_TIMEOUT_MINUTES] * 60.0,
                warm_up_seconds=warm_up_minutes * 60.0,
                power_off_after=power_off_after,
            ),
        )
        self._async_fire(EVENT_BACKFLUSH_STARTED, program)
        self._async_notify()

    async def async_continue_program(self) -> None:
        """The user did what the program asked; go on."""
        if not self.runner.waiting_for_user:
            raise validation_error("nothing_to_continue")
        self.runner.resume()

    async def async_abort_program(self) -> None:
        """Stop the program now; the pump is off when this returns."""
        if not self.runner.running:
            raise validation_error("nothing_to_abort")
        await self.runner.async_end(ProgramResult.ABORTED, "user")

    @callback
    def _async_action_required(self, action: UserAction) -> None:
        self._async_fire(
            EVENT_BACKFLUSH_ACTION_REQUIRED, self.program.program, action=action
        )

    @callback
    def _async_program_finished(
        self, result: ProgramResult, reason: str | None
    ) -> None:
        program = self.program.program
        self.signal.note_program(False)
        self.hand_backflushes.note_program(False)
        self.data.running_program = None
        if self.has_pump and self.pump.is_on is not False:
            # Not confirmed off: the next start switches it off if need be.
            self.data.pump_on_by_us = True
        self.data.last_result = result
        self.data.last_program = program
        if result is ProgramResult.COMPLETED:
            for task in TASKS:
                if task.done_by_program is program:
                    self.records.mark_done(task.task, dt_util.utcnow())
        elif result is ProgramResult.FAILED:
            self.hass.async_create_background_task(
                self._async_raise_failed_issue(reason or "unexpected_error"),
                "espresso_care failed program issue",
            )
        self.store.save_soon()
        extra = {"result": result} | ({"reason": reason} if reason else {})
        self._async_fire(EVENT_BACKFLUSH_FINISHED, program, **extra)

    async def _async_raise_failed_issue(self, reason: str) -> None:
        """Tell the user a program failed, with the reason in their language."""
        translations = await async_get_translations(
            self.hass, self.hass.config.language, "exceptions", {DOMAIN}
        )
        text = translations.get(
            f"component.{DOMAIN}.exceptions.{reason}.message", reason
        )
        text = text.replace(": {error}", "").replace("{error}", "")
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self._issue_id,
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="program_failed",
            translation_placeholders={"name": self.name, "reason": text},
        )

    @callback
    def _async_raise_pump_issue(self) -> None:
        """The pump never confirmed off: tell the user, and keep trying to switch it off.

        Once the relay answers again (a state change), or at the next of the
        slow retries (a relay may come back without reporting anything).
        """
        self._switch_off_when_available = True
        if self._cancel_off_retry is None:
            self._cancel_off_retry = async_track_time_interval(
                self.hass, self._async_retry_pump_off, PUMP_OFF_SLOW_RETRY
            )
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            f"{self._issue_id}_pump",
            is_fixable=False,
            severity=ir.IssueSeverity.CRITICAL,
            translation_key="pump_not_off",
            translation_placeholders={"name": self.name},
        )

    @property
    def _issue_id(self) -> str:
        return f"program_failed_{self.entry.entry_id}"

    @callback
    def _async_fire(
        self, event_type: str, program: Program | None, **data: Any
    ) -> None:
        self.hass.bus.async_fire(
            event_type,
            {
                "config_entry_id": self.entry.entry_id,
                "device_id": self.device_id,
                "program": program,
                **data,
            },
        )


def _added_at(entry: ConfigEntry[Any]) -> datetime:
    """When the machine was added (``created_at`` is newer than some entries)."""
    created = getattr(entry, "created_at", None)
    return created if isinstance(created, datetime) else dt_util.utc_from_timestamp(0)


def _program_or_none(value: str | None) -> Program | None:
    try:
        return Program(value or "")
    except ValueError:
        return None
