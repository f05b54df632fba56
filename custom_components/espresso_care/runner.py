"""The program runner: walks a backflush plan in real time and never leaves the pump on.

Timing: every pulse lasts its programmed time from the moment the relay
reported on, and the runner schedules against absolute deadlines on the
event loop's monotonic clock, so relay latency does not add up over the
cycles. It learns each relay's switching latency from its own commands and
sends each command that much early; a pause is never shortened because a
relay was slow to switch off.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from homeassistant.core import HomeAssistant

from .const import (
    AUTO_OFF_MARGIN_SECONDS,
    LOGGER,
    PUMP_OFF_RETRIES,
    PUMP_OFF_RETRY_DELAY_SECONDS,
)
from .program import (
    BackflushState,
    Program,
    ProgramPlan,
    ProgramResult,
    PulsePhase,
    UserAction,
    WaitPhase,
)
from .relays.base import Relay, RelayError

# Weight of the newest sample in the latency estimate.
_LATENCY_WEIGHT = 0.5
# A latency estimate is never trusted beyond this (a stuck relay is not "slow").
_LATENCY_CAP_SECONDS = 1.0


@dataclass(slots=True)
class RelayLatency:
    """How long a relay takes from a command to its confirmation, learned."""

    on: float | None = None
    off: float | None = None

    def learn(self, on: bool, sample: float) -> None:
        """Fold one measured latency into the estimate."""
        sample = min(max(sample, 0.0), _LATENCY_CAP_SECONDS)
        old = self.on if on else self.off
        new = sample if old is None else old + _LATENCY_WEIGHT * (sample - old)
        if on:
            self.on = new
        else:
            self.off = new

    def lead(self, on: bool) -> float:
        """How early to send a command; off falls back to the on latency."""
        value = self.on if on else (self.off if self.off is not None else self.on)
        return value or 0.0


@dataclass(slots=True)
class ProgramStatus:
    """What the program is doing, for the sensors."""

    state: BackflushState = BackflushState.IDLE
    program: Program | None = None
    running: bool = False
    step: int = 0
    steps: int = 0
    pulses_done: int = 0
    pulses_total: int = 0
    action: UserAction | None = None
    reason: str | None = None
    # A guided program: the person switches the pump (no pump relay).
    guided: bool = False
    # Whether a guided program checks the person against the machine's signal.
    listening: bool | None = None
    # When the current instruction of a guided program changes.
    next_switch: datetime | None = None
    # Pulses of a guided program released early (each asked for again).
    short_pulses: int = 0

    @property
    def progress(self) -> int | None:
        """Percent of the program's pump pulses done."""
        if self.program is None or not self.pulses_total:
            return None
        return round(100 * self.pulses_done / self.pulses_total)


@dataclass(slots=True)
class RunOptions:
    """How one run is carried out beyond its plan."""

    prompt_timeout: float
    warm_up_seconds: float = 0.0
    power_off_after: bool = False


@dataclass(slots=True)
class RunnerHooks:
    """What the runner tells its machine."""

    updated: Callable[[], None]
    action_required: Callable[[UserAction], None]
    finished: Callable[[ProgramResult, str | None], None]
    failed_to_switch_off: Callable[[], None] = field(default=lambda: None)


class RunEnded(Exception):
    """Ends a run early with a result."""

    def __init__(self, result: ProgramResult, reason: str) -> None:
        super().__init__(result, reason)
        self.result = result
        self.reason = reason


class ProgramRunner:
    """Runs one program at a time on a pump (and, for warm-up, a plug)."""

    def __init__(
        self, hass: HomeAssistant, pump: Relay, power: Relay, hooks: RunnerHooks
    ) -> None:
        self._hass = hass
        self._pump = pump
        self._power = power
        self._hooks = hooks
        self.latency = RelayLatency()
        self.status = ProgramStatus()
        self._task: asyncio.Task[None] | None = None
        self._continue: asyncio.Future[None] | None = None
        self._end: RunEnded | None = None
        # The program's steps are over; only the pump's off (and retries) remain.
        self._finishing = False

    @property
    def running(self) -> bool:
        """Whether a program is under way (waits for the user included)."""
        return self._task is not None and not self._task.done()

    @property
    def waiting_for_user(self) -> bool:
        """Whether the program waits for the user to continue."""
        return self._continue is not None and not self._continue.done()

    def start(self, plan: ProgramPlan, options: RunOptions) -> None:
        """Start a program in the background; returns at once."""
        self._end = None
        self._finishing = False
        self.status = ProgramStatus(
            state=BackflushState.WARMING_UP
            if options.warm_up_seconds
            else _first_state(plan),
            program=plan.program,
            running=True,
            pulses_total=plan.total_pulses,
        )
        self._task = self._hass.async_create_background_task(
            self._async_run(plan, options), f"espresso_care program {plan.program}"
        )

    def resume(self) -> None:
        """The user has done what the program asked."""
        if self._continue is not None and not self._continue.done():
            self._continue.set_result(None)

    async def async_end(self, result: ProgramResult, reason: str) -> None:
        """End the running program now; the pump is off when this returns."""
        task = self._task
        if task is None or task.done():
            return
        if self._end is None:
            self._end = RunEnded(result, reason)
        task.cancel()
        await asyncio.wait([task])

    def end_soon(self, result: ProgramResult, reason: str) -> None:
        """End the running program from a callback (a relay went unavailable).

        Once the program has ended there is nothing left to end: cancelling
        then would only stop the retries of the pump's off.
        """
        if self.running and not self._finishing:
            self._hass.async_create_background_task(
                self.async_end(result, reason), "espresso_care end program"
            )

    async def _async_run(self, plan: ProgramPlan, options: RunOptions) -> None:
        result, reason = ProgramResult.COMPLETED, None
        try:
            if options.warm_up_seconds:
                await self._power.async_turn_on()
                await self._sleep_until(self._now() + options.warm_up_seconds)
            await self._run_plan(plan, options)
        except asyncio.CancelledError:
            end = self._end or RunEnded(ProgramResult.ABORTED, "cancelled")
            result, reason = end.result, end.reason
        except RunEnded as end:
            result, reason = end.result, end.reason
        except RelayError as err:
            result, reason = ProgramResult.FAILED, err.translation_key
        except Exception:
            LOGGER.exception("Backflush program stopped by an unexpected error")
            result, reason = ProgramResult.FAILED, "unexpected_error"
        self._finishing = True
        self._continue = None
        # One attempt at once (the common case), then tell the user; slower
        # retries follow, and a pump that never confirms off raises an issue.
        pump_off = await self._async_try_pump_off()
        if options.power_off_after:
            try:
                await self._power.async_turn_off()
            except RelayError as err:
                LOGGER.warning(
                    "Could not switch the machine off after the program: %s", err
                )
        self.status.running = False
        self.status.action = None
        self.status.next_switch = None
        self.status.state = BackflushState(result.value)
        self.status.reason = reason
        self._hooks.finished(result, reason)
        self._hooks.updated()
        if pump_off:
            return
        try:
            confirmed = await self.async_ensure_pump_off()
        except asyncio.CancelledError:
            # An abort, unload or stop while retrying: the machine's slow
            # retries (and the stored promise) take over.
            confirmed = False
        if not confirmed:
            self._hooks.failed_to_switch_off()

    async def _run_plan(self, plan: ProgramPlan, options: RunOptions) -> None:
        for phase in plan.phases:
            if isinstance(phase, WaitPhase):
                await self._wait_for_user(phase, options.prompt_timeout)
            else:
                await self._run_pulses(phase)

    async def _wait_for_user(self, phase: WaitPhase, limit: float) -> None:
        """The pump is off; wait for the user, at most ``limit`` seconds."""
        self._continue = self._hass.loop.create_future()
        self._set(state=phase.state, action=phase.action, step=0, steps=0)
        self._hooks.action_required(phase.action)
        try:
            async with asyncio.timeout(limit):
                await self._continue
        except TimeoutError:
            raise RunEnded(ProgramResult.ABORTED, "prompt_timeout") from None
        finally:
            self._continue = None
            self.status.action = None

    async def _run_pulses(self, phase: PulsePhase) -> None:
        """Run a phase's pulses on an absolute schedule; return when the last pause ends.

        Pulse n is due at ``origin + n * period``, the origin being the relay's
        first on; each command is sent the relay's learned latency early, and
        the latency is learned from the moment the command was due, so the
        loop's own wake-up lateness is compensated too. Each pulse lasts its
        time from the relay's own on. Only a relay slow to switch off moves
        the schedule (later): a pause is never shortened.
        """
        self._set(state=phase.state, step=0, steps=phase.pulses)
        latency = self.latency
        period = phase.on_seconds + phase.off_seconds
        origin: float | None = None
        for index in range(phase.pulses):
            if origin is None:
                due = self._now()
            else:
                due = origin + index * period - latency.lead(True)
                await self._sleep_until(due)
            self._set(step=index + 1)
            on_at = await self._pump.async_turn_on(
                phase.on_seconds + AUTO_OFF_MARGIN_SECONDS
            )
            latency.learn(True, on_at - due)
            if origin is None:
                origin = on_at
            off_due = on_at + phase.on_seconds
            due = off_due - latency.lead(False)
            await self._sleep_until(due)
            off_at = await self._pump.async_turn_off()
            latency.learn(False, off_at - due)
            self.status.pulses_done += 1
            origin += max(0.0, off_at - off_due)
            self._hooks.updated()
        if origin is not None:
            await self._sleep_until(origin + phase.pulses * period)

    async def _async_try_pump_off(self) -> bool:
        try:
            await self._pump.async_turn_off()
        except RelayError as err:
            LOGGER.warning("Pump did not confirm off: %s", err)
            return False
        return True

    async def async_ensure_pump_off(self) -> bool:
        """Switch the pump off, retrying a bounded number of times; False if it never confirmed."""
        for _ in range(PUMP_OFF_RETRIES):
            if await self._async_try_pump_off():
                return True
            await asyncio.sleep(PUMP_OFF_RETRY_DELAY_SECONDS)
        return False

    def _set(self, **changes: object) -> None:
        for key, value in changes.items():
            setattr(self.status, key, value)
        self._hooks.updated()

    def _now(self) -> float:
        return self._hass.loop.time()

    async def _sleep_until(self, deadline: float) -> None:
        delay = deadline - self._now()
        if delay > 0:
            await asyncio.sleep(delay)


def _first_state(plan: ProgramPlan) -> BackflushState:
    return plan.phases[0].state if plan.phases else BackflushState.COMPLETED
