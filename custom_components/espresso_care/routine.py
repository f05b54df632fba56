"""The daily routine around the plug: heating up to ready, and switching off when forgotten.

Owned by the machine (``machine.routine``). It follows the plug, the power
meter's readings and the machine's pump activity, keeps its state in the
machine's store, and arms Home Assistant timers; the deciding is done by
``heat_up.py``.

* **Heat-up**: from power-on the machine is ``heating``. With a power meter
  the first heat-up ends when ``heat_up.HeatUpDetector`` says so; without
  one it "ends" at power-on. ``ready_delay_minutes`` later it is ``ready``
  (the event ``espresso_care_ready``). ``ready_at`` estimates that moment
  from the heat-ups learned so far.
* **Auto-off**: with ``auto_off_minutes``, the plug is switched off that long
  after power-on or the last pump activity, never while a program runs or
  waits; ``espresso_care_auto_off_soon`` fires two minutes before, and
  ``keep_on`` postpones it. The deadline is stored, so a restart neither
  switches off early nor forgets.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .const import (
    EVENT_AUTO_OFF,
    EVENT_AUTO_OFF_SOON,
    EVENT_READY,
    LOGGER,
    OPT_AUTO_OFF_MINUTES,
    OPT_READY_DELAY_MINUTES,
)
from .deadline import Deadline
from .errors import validation_error
from .heat_up import (
    EndedBy,
    HeatUp,
    HeatUpData,
    HeatUpDetector,
    HeatUpEnd,
    HeatUpState,
    ReadyBy,
    learn,
)
from .relays.base import RelayUpdate
from .signals.power.readings import Reading

if TYPE_CHECKING:
    from .machine import Machine

# The warning comes this long before the auto-off.
AUTO_OFF_WARNING: Final = timedelta(minutes=2)
# A switch-off that failed is tried again after this long.
AUTO_OFF_RETRY: Final = timedelta(minutes=1)
# An activity that moves the stored deadline less than this is saved later.
SAVE_DEADLINE_STEP: Final = timedelta(minutes=1)


class Routine:
    """Heat-up and auto-off of one machine."""

    def __init__(
        self, hass: HomeAssistant, machine: Machine, *, updated: Callable[[], None]
    ) -> None:
        self._hass = hass
        self._machine = machine
        self._updated = updated
        self._on: bool | None = None
        self._ready = False
        self._learn = True
        self._detector: HeatUpDetector | None = None
        self._learned = learn([])
        self._unsubs: list[CALLBACK_TYPE] = []
        # Following the meter's readings: only while the heat-up is detected.
        self._unfollow_readings: CALLBACK_TYPE | None = None
        self._timers: dict[str, CALLBACK_TYPE] = {}
        # When the heat-up's detector next wants ``check``.
        self._check = Deadline(hass, self._async_check)
        self._warned_for: datetime | None = None
        self._saved_deadline: datetime | None = None
        self._options = self._current_options()

    # --- what the entities show ---------------------------------------------

    @property
    def ready_by(self) -> ReadyBy:
        """Whether a power meter shows the heat-up, or a fixed delay stands in."""
        return ReadyBy.DELAY if self._machine.power_meter is None else ReadyBy.POWER

    @property
    def state(self) -> HeatUpState:
        """Off, heating, or ready."""
        if not self._on:
            return HeatUpState.OFF
        return HeatUpState.READY if self._ready else HeatUpState.HEATING

    @property
    def ready(self) -> bool:
        """Whether the machine is on and hot."""
        return self.state is HeatUpState.READY

    @property
    def ready_at(self) -> datetime | None:
        """When the machine will be (or became) ready; None while off or unknown."""
        if not self._on:
            return None
        moment = self._ready_moment()
        return None if moment is None else dt_util.utc_from_timestamp(moment)

    @property
    def auto_off_at(self) -> datetime | None:
        """When the plug will be switched off, while that is armed."""
        return self._machine.data.auto_off_at if self._on else None

    @property
    def powered_on_at(self) -> datetime | None:
        """When the machine was switched on, while it is on and that is known."""
        at = self._heat_up.powered_on_at
        return dt_util.utc_from_timestamp(at) if self._on and at is not None else None

    @property
    def _heat_up(self) -> HeatUpData:
        return self._machine.data.heat_up

    @property
    def _delay(self) -> float:
        return 60.0 * self._options[OPT_READY_DELAY_MINUTES]

    @property
    def _auto_off(self) -> timedelta | None:
        minutes = self._options[OPT_AUTO_OFF_MINUTES]
        return timedelta(minutes=minutes) if minutes else None

    def _current_options(self) -> dict[str, int]:
        options = self._machine.options
        return {
            key: options[key] for key in (OPT_AUTO_OFF_MINUTES, OPT_READY_DELAY_MINUTES)
        }

    def _off_seconds(self) -> float | None:
        """How long the machine had been off before this power-on; None: unknown."""
        data = self._heat_up
        on, off = data.powered_on_at, data.powered_off_at
        return on - off if on is not None and off is not None and off <= on else None

    def _ready_moment(self) -> float | None:
        """Ready: the heat-up's end (estimated while unknown) plus the delay."""
        data = self._heat_up
        if data.powered_on_at is None:
            return None
        if self.ready_by is ReadyBy.DELAY:
            return data.powered_on_at + self._delay
        if data.ended_at is not None:
            return data.ended_at + self._delay
        estimate = self._learned.estimate(self._off_seconds())
        return None if estimate is None else data.powered_on_at + estimate + self._delay

    # --- life cycle -------------------------------------------------------------

    async def async_start(self) -> None:
        """Follow the plug, the meter and the pump; pick up where a restart left off."""
        machine = self._machine
        self._learned = learn(self._heat_up.history)
        self._unsubs.append(machine.power.async_add_listener(self._async_plug_changed))
        self._unsubs.append(machine.async_add_activity_listener(self._async_activity))
        if machine.power.is_on is not None:
            self._async_resume(machine.power.is_on)

    @callback
    def async_stop(self) -> None:
        """Stop following and cancel every timer (the stored state stays)."""
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self._async_set_detector(None)
        for cancel in self._timers.values():
            cancel()
        self._timers.clear()
        self._check.cancel()

    @callback
    def async_options_updated(self) -> None:
        """A new ``ready_delay_minutes`` or ``auto_off_minutes`` applies at once."""
        old, self._options = self._options, self._current_options()
        if not self._on:
            return
        if old[OPT_READY_DELAY_MINUTES] != self._options[OPT_READY_DELAY_MINUTES]:
            self._async_schedule_ready()
        if old[OPT_AUTO_OFF_MINUTES] != self._options[OPT_AUTO_OFF_MINUTES]:
            auto_off = self._auto_off
            self._async_arm_auto_off(
                None if auto_off is None else dt_util.utcnow() + auto_off
            )
            self._async_save_soon()

    # --- the plug -----------------------------------------------------------------

    @callback
    def _async_plug_changed(self, update: RelayUpdate) -> None:
        if update.is_on is None or update.is_on == self._on:
            return  # unavailable says nothing about the machine
        if self._on is None:
            self._async_resume(update.is_on)
        elif update.is_on:
            self._async_powered_on(update.changed_at.timestamp())
        else:
            self._async_powered_off(update.changed_at.timestamp())
        self._updated()

    @callback
    def _async_resume(self, is_on: bool) -> None:
        """The plug's first known state: carry on with what the store says."""
        self._on = is_on
        data = self._heat_up
        now = dt_util.utcnow()
        if not is_on:
            if data.powered_on_at is not None or self._machine.data.auto_off_at:
                # Switched off while Home Assistant was down: when is unknown.
                data.powered_off_at = now.timestamp()
                data.powered_on_at = data.ended_at = None
                self._machine.data.auto_off_at = None
                self._async_save_soon()
            return
        if data.powered_on_at is None:
            # Switched on while Home Assistant was down, or before this
            # integration: hot by now, as far as anyone knows.
            self._ready = True
        else:
            # A heat-up seen only in part is not learned.
            self._learn = False
            if data.ended_at is None and self.ready_by is ReadyBy.POWER:
                self._async_set_detector(HeatUpDetector(data.powered_on_at))
                self._async_schedule_check()
            self._ready = self._async_schedule_ready(silent=True)
        auto_off = self._auto_off
        stored = self._machine.data.auto_off_at
        if auto_off is None:
            self._async_arm_auto_off(None)
        elif stored is not None:
            self._saved_deadline = stored
            self._async_arm_auto_off(stored)
        else:
            self._async_arm_auto_off(now + auto_off)
            self._async_save_soon()

    @callback
    def _async_powered_on(self, at: float) -> None:
        self._on = True
        self._ready = False
        self._learn = True
        data = self._heat_up
        data.powered_on_at, data.ended_at = at, None
        if self.ready_by is ReadyBy.POWER:
            self._async_set_detector(HeatUpDetector(at))
            # The meter may have reported first: its readings since power-on.
            for reading in self._machine.recent_readings():
                if reading.at >= at:
                    self._async_feed(reading)
            self._async_schedule_check()
        self._async_schedule_ready()
        auto_off = self._auto_off
        self._async_arm_auto_off(
            None if auto_off is None else dt_util.utc_from_timestamp(at) + auto_off
        )
        self._async_save_soon()

    @callback
    def _async_powered_off(self, at: float) -> None:
        self._on = False
        self._ready = False
        self._async_set_detector(None)
        data = self._heat_up
        data.powered_off_at = at
        data.powered_on_at = data.ended_at = None
        self._check.cancel()
        self._async_cancel("ready")
        self._async_arm_auto_off(None)
        self._async_save_soon()

    # --- heat-up ----------------------------------------------------------------

    @callback
    def _async_set_detector(self, detector: HeatUpDetector | None) -> None:
        """A heat-up to detect, or none: follow the meter's readings only while there is one.

        A plug reports every second all day; a heat-up lasts minutes. What
        the meter reported before a power-on is seen, the shot signal keeps.
        """
        self._detector = detector
        meter = self._machine.power_meter
        if detector is None or meter is None:
            if self._unfollow_readings is not None:
                self._unfollow_readings()
                self._unfollow_readings = None
        elif self._unfollow_readings is None:
            self._unfollow_readings = meter.async_add_reading_listener(
                self._async_reading
            )

    @callback
    def _async_reading(self, reading: Reading) -> None:
        if self._on and self._detector is not None:
            self._async_feed(reading)
            self._async_schedule_check()

    @callback
    def _async_feed(self, reading: Reading) -> None:
        detector = self._detector
        if detector is not None and (
            end := detector.feed(reading.at, reading.watts, reading.volts)
        ):
            self._async_heat_up_ended(end, detector.power_on_at)

    @callback
    def _async_schedule_check(self) -> None:
        """The detector's time-based decisions (silence is "unchanged") are due then."""
        detector = self._detector
        moment = None if detector is None else detector.next_check
        if moment is None:
            self._check.cancel()
        else:
            self._check.want(moment)

    @callback
    def _async_check(self, at: float) -> None:
        detector = self._detector
        if detector is None:
            return
        if end := detector.check(at):
            self._async_heat_up_ended(end, detector.power_on_at)
        self._async_schedule_check()

    @callback
    def _async_heat_up_ended(self, end: HeatUpEnd, powered_on_at: float) -> None:
        data = self._heat_up
        self._async_set_detector(None)
        self._check.cancel()
        data.ended_at = end.at
        seconds = end.at - powered_on_at
        LOGGER.debug(
            "%s: heat-up ended after %.0f s (%s)",
            self._machine.name,
            seconds,
            end.ended_by,
        )
        if self._learn and end.ended_by is not EndedBy.TIMEOUT:
            data.remember(HeatUp(powered_on_at, seconds, self._off_seconds()))
            self._learned = learn(data.history)
        self._async_schedule_ready()
        self._async_save_soon()
        self._updated()

    @callback
    def _async_schedule_ready(self, *, silent: bool = False) -> bool:
        """Arm the ready timer once the moment is known; True if it has passed."""
        self._async_cancel("ready")
        if self._ready:
            return True
        data = self._heat_up
        known = self.ready_by is ReadyBy.DELAY or data.ended_at is not None
        moment = self._ready_moment() if known else None
        if moment is None:
            return False
        if moment <= dt_util.utcnow().timestamp():
            if not silent:
                self._async_become_ready()
            return True
        self._timers["ready"] = async_track_point_in_utc_time(
            self._hass, self._async_ready_timer, dt_util.utc_from_timestamp(moment)
        )
        return False

    @callback
    def _async_ready_timer(self, _now: datetime) -> None:
        self._timers.pop("ready", None)
        self._async_become_ready()
        self._updated()

    @callback
    def _async_become_ready(self) -> None:
        self._ready = True
        data = self._heat_up
        seconds = (
            None
            if data.ended_at is None or data.powered_on_at is None
            else round(data.ended_at - data.powered_on_at)
        )
        self._async_fire(EVENT_READY, ready_by=self.ready_by, heat_up_seconds=seconds)

    # --- auto-off ---------------------------------------------------------------

    @callback
    def _async_activity(self, at: datetime) -> None:
        """The pump ran: the auto-off counts from here."""
        auto_off = self._auto_off
        current = self._machine.data.auto_off_at
        if not self._on or auto_off is None or current is None:
            return
        if (deadline := dt_util.as_utc(at) + auto_off) > current:
            self._async_arm_auto_off(deadline)
            saved = self._saved_deadline
            if saved is None or deadline - saved >= SAVE_DEADLINE_STEP:
                self._async_save_soon()
            self._updated()

    async def async_keep_on(self, minutes: int | None = None) -> datetime:
        """Postpone the auto-off: ``minutes`` (or the option's) from now, never sooner."""
        if not self._machine.power.is_on:
            raise validation_error("machine_off")
        auto_off = self._auto_off
        current = self._machine.data.auto_off_at
        if auto_off is None or current is None:
            raise validation_error("auto_off_disabled")
        wanted = dt_util.utcnow() + (
            timedelta(minutes=minutes) if minutes else auto_off
        )
        deadline = max(current, wanted)
        self._async_arm_auto_off(deadline)
        self._saved_deadline = deadline
        await self._machine.store.async_save()
        self._updated()
        return deadline

    @callback
    def _async_arm_auto_off(self, deadline: datetime | None) -> None:
        """Set (or clear, with None) the deadline and its two timers."""
        self._machine.data.auto_off_at = deadline
        for name in ("warn", "off"):
            self._async_cancel(name)
        if deadline is None:
            self._warned_for = None
            return
        if self._warned_for != deadline:
            self._warned_for = None
            warn_at = max(deadline - AUTO_OFF_WARNING, dt_util.utcnow())
            self._timers["warn"] = async_track_point_in_utc_time(
                self._hass, self._async_warn, warn_at
            )
        self._timers["off"] = async_track_point_in_utc_time(
            self._hass, self._async_deadline, deadline
        )

    @callback
    def _async_warn(self, _now: datetime) -> None:
        self._timers.pop("warn", None)
        deadline = self._machine.data.auto_off_at
        if deadline is None or self._machine.program.running:
            return
        self._warned_for = deadline
        self._async_fire(EVENT_AUTO_OFF_SOON, off_at=deadline.isoformat())

    @callback
    def _async_deadline(self, now: datetime) -> None:
        self._timers.pop("off", None)
        auto_off = self._auto_off
        if not self._on or auto_off is None:
            return  # a power-off or an option change cancels this timer first
        if self._machine.program.running:
            # Never during a program or while it waits for the person.
            self._async_arm_auto_off(now + auto_off)
            self._async_save_soon()
            self._updated()
            return
        self._hass.async_create_background_task(
            self._async_switch_off(auto_off), "espresso_care auto-off"
        )

    async def _async_switch_off(self, auto_off: timedelta) -> None:
        try:
            await self._machine.async_set_power(False)
        except HomeAssistantError as err:
            LOGGER.warning(
                "%s: auto-off could not switch the machine off: %s",
                self._machine.name,
                err,
            )
            if self._on:
                self._warned_for = dt_util.utcnow() + AUTO_OFF_RETRY
                self._async_arm_auto_off(self._warned_for)
            return
        LOGGER.info("%s: switched off by auto-off", self._machine.name)
        self._async_fire(EVENT_AUTO_OFF, minutes=round(auto_off.total_seconds() / 60))

    # --- helpers ------------------------------------------------------------------

    @callback
    def _async_cancel(self, name: str) -> None:
        if (cancel := self._timers.pop(name, None)) is not None:
            cancel()

    @callback
    def _async_save_soon(self) -> None:
        self._saved_deadline = self._machine.data.auto_off_at
        self._machine.store.save_soon()

    @callback
    def _async_fire(self, event_type: str, **data: Any) -> None:
        self._hass.bus.async_fire(
            event_type,
            {
                "config_entry_id": self._machine.entry.entry_id,
                "device_id": self._machine.device_id,
                **data,
            },
        )

    def attributes(self) -> dict[str, Any]:
        """The heat-up sensor's details: how readiness is known, what was learned."""
        cold = self._learned.cold_seconds
        on = self.powered_on_at
        return {
            "ready_by": self.ready_by,
            "powered_on_at": on.isoformat() if on else None,
            "learned_heat_ups": self._learned.count,
            "heat_up_minutes": None if cold is None else round(cold / 60, 1),
        }

    def diagnostics(self) -> dict[str, Any]:
        """The routine's state for a diagnostics dump."""
        learned = self._learned
        return {
            "state": self.state,
            "ready_by": self.ready_by,
            "detecting": self._detector is not None,
            "heater_watts": None if self._detector is None else self._detector.full,
            "cold_heat_up_seconds": learned.cold_seconds,
            "cooling_tau_seconds": learned.tau,
            "learned": learned.count,
        }
