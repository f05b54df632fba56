"""The guided program: a backflush on a machine whose pump we cannot switch.

With no pump relay, the person at the machine is the relay. The guide walks
the same plan as the runner and tells them when to press and release brew
(the ``action`` of the state sensor, an event per instruction, spoken cues),
then checks each instruction against the machine's own signal (a brew
sensor, or the pump's step on the power meter):

- a pulse lasts its time from the moment the pump was really seen on, by the
  signal's own timestamp (a power reading decides a second or two later, but
  dates the step where it was);
- an instruction not followed within ``REPEAT_SECONDS`` is given again, and
  ``MISSED_LIMIT`` unanswered ones in a row end the program as aborted;
- a pump released well before its time is a short pulse: the guide asks for
  one more at the end of the phase;
- with no signal that can tell (none configured, or power not counting), the
  guide runs on time alone and says so (``listening`` is false).

Each cue is sent the speakers' learned start-up delay early, so the word
lands on the beat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import math

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .program import ProgramPlan, ProgramResult, PulsePhase, UserAction, WaitPhase
from .relays.base import Listeners, Relay, loop_time_of
from .runner import ProgramRunner, RunEnded, RunnerHooks, RunOptions

# An instruction not followed within this many seconds (and the signal's
# delay in telling) is given again.
REPEAT_SECONDS = 6.0
# This many unanswered instructions in a row end the program.
MISSED_LIMIT = 3
# How long before sending a cue its lead is read again.
LEAD_RECHECK_SECONDS = 2.0
# A pulse this much shorter than asked (or a quarter of it, if more) is short.
SHORT_PULSE_SLACK_SECONDS = 2.0


@dataclass(slots=True)
class GuideHooks:
    """What the guide needs beyond the runner's hooks."""

    # Whether the machine's signal can tell the pump's switches now.
    can_listen: Callable[[], bool]
    # How long after a switch the signal tells of it (seconds).
    signal_delay: Callable[[], float]
    # Speak a cue (an action, or how the program ended) now; never raises.
    cue: Callable[[str], None]
    # How early a cue must be sent to be heard on time.
    cue_lead: Callable[[], float]


class GuidedRunner(ProgramRunner):
    """Runs a program through a person: instructions out, the pump's signal in."""

    def __init__(
        self,
        hass: HomeAssistant,
        pump: Relay,
        power: Relay,
        hooks: RunnerHooks,
        guide: GuideHooks,
    ) -> None:
        finished = hooks.finished

        def finished_and_said(result: ProgramResult, reason: str | None) -> None:
            self._countdown_done()
            guide.cue(result)
            finished(result, reason)

        super().__init__(
            hass,
            pump,
            power,
            RunnerHooks(
                updated=hooks.updated,
                action_required=hooks.action_required,
                finished=finished_and_said,
                failed_to_switch_off=hooks.failed_to_switch_off,
            ),
        )
        self._guide = guide
        # What the signal saw last: whether the pump runs, and since when (loop time).
        self._on: bool | None = None
        self._switched_at = 0.0
        self._changed = asyncio.Event()
        self._ticker: asyncio.Task[None] | None = None
        self._counting = asyncio.Event()
        # Told at each whole second of a countdown (the state sensor alone).
        self._ticks = Listeners[None]()
        self._due: float | None = None

    # --- the signal ---------------------------------------------------------------

    @callback
    def pump_switched(self, on: bool, at: datetime) -> None:
        """The machine's signal saw the pump switch, at the signal's own moment."""
        if on is self._on:
            return
        self._on = on
        self._switched_at = loop_time_of(self._hass, at)
        self._changed.set()

    # --- running ---------------------------------------------------------------------

    def start(self, plan: ProgramPlan, options: RunOptions) -> None:
        """Start the guide in the background, with a countdown ticking every second."""
        super().start(plan, options)
        self.status.guided = True
        self.status.listening = self._guide.can_listen()
        self._ticker = self._hass.async_create_background_task(
            self._async_tick(), "espresso_care guide countdown"
        )

    async def _async_run(self, plan: ProgramPlan, options: RunOptions) -> None:
        try:
            await super()._async_run(plan, options)
        finally:
            # The countdown ended with the program (see ``finished_and_said``).
            if self._ticker is not None:
                self._ticker.cancel()
                self._ticker = None

    async def _wait_for_user(self, phase: WaitPhase, limit: float) -> None:
        self._countdown(None)
        self._guide.cue(phase.action)
        await super()._wait_for_user(phase, limit)

    async def _run_pulses(self, phase: PulsePhase) -> None:
        """Ask for the phase's pulses until enough full ones were seen; end after the last pause."""
        self._set(state=phase.state, step=0, steps=phase.pulses)
        wanted, done = phase.pulses, 0
        on_due = self._now()
        while done < wanted:
            self._set(step=done + 1)
            if not self._listening():
                on_due = await self._timed_pulse(phase, on_due)
                done += 1
                continue
            on_at = await self._instruct(UserAction.BREW_ON, on_due, phase, want=True)
            if on_at is None:
                continue  # the signal stopped telling: on the clock from here
            off_due = on_at + phase.on_seconds
            self._countdown(off_due)
            # Released early, or else "brew off" spoken its lead before the
            # beat (the lead read again shortly before: it may be new).
            lead = self._guide.cue_lead
            off_at = await self._await_switch(
                False, until=off_due - lead() - LEAD_RECHECK_SECONDS
            )
            if off_at is None:
                off_at = await self._await_switch(False, until=off_due - lead())
            if off_at is None:
                self._guide.cue(UserAction.BREW_OFF)
                off_at = await self._await_switch(False, until=off_due)
            if off_at is None:
                off_at = await self._instruct(
                    UserAction.BREW_OFF, off_due, phase, want=False, said=True
                )
            if off_at is None:
                off_at = off_due  # the signal stopped telling: as asked
            on_due = off_at + phase.off_seconds
            if off_at - on_at < phase.on_seconds - _slack(phase.on_seconds):
                # Released early: a short pulse, asked for again at the end.
                self.status.short_pulses += 1
                self.status.pulses_total += 1
                self.status.steps += 1
                wanted += 1
            self.status.pulses_done += 1
            done += 1
            if self.status.action is not UserAction.BREW_OFF:
                # Released before being asked: followers learn of the pause too.
                self._prompt(UserAction.BREW_OFF, on_due)
            else:
                self._countdown(on_due)
        await self._sleep_until(on_due)
        self._countdown(None)
        self._set(action=None)

    def _listening(self) -> bool:
        """Whether the signal can check the person now (it may pause mid-program)."""
        listening = self._guide.can_listen()
        if listening != self.status.listening:
            self._set(listening=listening)
        return listening

    async def _timed_pulse(self, phase: PulsePhase, on_due: float) -> float:
        """No signal to check against: say on and off on time alone."""
        off_due = on_due + phase.on_seconds
        await self._say_at(UserAction.BREW_ON, on_due)
        self._prompt(UserAction.BREW_ON, off_due)
        await self._say_at(UserAction.BREW_OFF, off_due)
        self.status.pulses_done += 1
        self._prompt(UserAction.BREW_OFF, off_due + phase.off_seconds)
        return off_due + phase.off_seconds

    async def _instruct(
        self,
        action: UserAction,
        due: float,
        phase: PulsePhase,
        *,
        want: bool,
        said: bool = False,
    ) -> float | None:
        """Give an instruction at ``due`` until the pump is seen to follow it.

        Returns the moment (loop time) the pump switched as asked, which may
        be before ``due``: a person pressing during the pause starts the pulse
        then. The instruction is given again every ``REPEAT_SECONDS`` (plus
        the time the signal takes to tell), and
        ``MISSED_LIMIT`` unanswered in a row abort. Should the signal stop
        telling meanwhile, None: the guide goes on by the clock.
        """
        if self._on is want:
            return max(self._switched_at, due - phase.off_seconds)
        if said:
            await self._sleep_until(due)
        else:
            await self._say_at(action, due)
        for missed in range(1, MISSED_LIMIT + 1):
            # "Now": the countdown starts once the pump is seen to follow.
            self._prompt(action, None)
            # A person is given REPEAT_SECONDS, and the signal its own delay.
            wait = REPEAT_SECONDS + self._guide.signal_delay()
            at = await self._await_switch(want, until=self._now() + wait)
            if at is not None:
                return at
            if not self._listening():
                return None
            if missed < MISSED_LIMIT:
                self._guide.cue(action)
        raise RunEnded(ProgramResult.ABORTED, "prompts_missed")

    async def _await_switch(self, want: bool, *, until: float) -> float | None:
        """Wait for the pump to be seen switched to ``want``; None if not by ``until``."""
        while self._on is not want:
            self._changed.clear()
            delay = until - self._now()
            if delay <= 0:
                return None
            try:
                async with asyncio.timeout(delay):
                    await self._changed.wait()
            except TimeoutError:
                return None
        return self._switched_at

    def _prompt(self, action: UserAction, next_switch: float | None) -> None:
        """Show an instruction, and fire its event (phones and blueprints follow it)."""
        self.status.action = action
        self._countdown(next_switch)
        self._hooks.action_required(action)

    async def _say_at(self, action: UserAction, due: float) -> None:
        """Speak ``action`` its lead early, and return at ``due``.

        The lead is read again shortly before sending: the speakers may have
        learned it meanwhile (from the cue just before).
        """
        await self._sleep_until(due - self._guide.cue_lead() - LEAD_RECHECK_SECONDS)
        await self._sleep_until(due - self._guide.cue_lead())
        self._guide.cue(action)
        await self._sleep_until(due)

    # --- the countdown ---------------------------------------------------------------

    def _countdown_done(self) -> None:
        """The program ended: no more seconds to count."""
        self._due = None

    def _countdown(self, due: float | None) -> None:
        self._due = due
        if due is not None:
            self._counting.set()
        self.status.next_switch = (
            None
            if due is None
            else dt_util.utcnow() + timedelta(seconds=due - self._now())
        )
        self._hooks.updated()

    @callback
    def async_add_tick_listener(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener`` at each whole second while a countdown runs."""
        return self._ticks.add(lambda _: listener())

    async def _async_tick(self) -> None:
        """Tell the tick listeners at each whole second before a switch (the card follows)."""
        while True:
            if self._due is None:
                self._counting.clear()
                await self._counting.wait()
                continue
            left = self._due - self._now()
            delay = left - math.floor(left) if left > 1e-3 else 0.0
            await asyncio.sleep(delay if delay > 1e-3 else 1.0)
            if self._due is not None:
                self._ticks.notify(None)


def _slack(on_seconds: float) -> float:
    return max(SHORT_PULSE_SLACK_SECONDS, 0.25 * on_seconds)
