"""The backflush programs as data: phases of pump pulses and waits for the user.

Pure Python with no Home Assistant import, so the plans can be built and
checked on their own. The runner (``runner.py``) walks a plan in real time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .const import (
    OPT_CYCLES,
    OPT_FLUSH_SECONDS,
    OPT_FLUSHES,
    OPT_GROUP_FLUSH_SECONDS,
    OPT_GROUP_FLUSHES,
    OPT_PUMP_OFF_SECONDS,
    OPT_PUMP_ON_SECONDS,
    OPT_RINSE_CYCLES,
)


class Program(StrEnum):
    """The programs a user can run."""

    CLEANER = "cleaner"
    WATER = "water"
    FLUSH = "flush"


class BackflushState(StrEnum):
    """What the backflush state sensor shows."""

    IDLE = "idle"
    WARMING_UP = "warming_up"
    CLEANING = "cleaning"
    AWAITING_RINSE = "awaiting_rinse"
    RINSING = "rinsing"
    AWAITING_FLUSH = "awaiting_flush"
    FLUSHING = "flushing"
    COMPLETED = "completed"
    ABORTED = "aborted"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


class ProgramResult(StrEnum):
    """How a program ended."""

    COMPLETED = "completed"
    ABORTED = "aborted"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


class UserAction(StrEnum):
    """What a program asks the user to do while it waits."""

    RINSE_PORTAFILTER = "rinse_portafilter"
    REMOVE_PORTAFILTER = "remove_portafilter"
    # A guided program (no pump relay): the person switches the pump.
    BREW_ON = "brew_on"
    BREW_OFF = "brew_off"


# Programs that push water back through the group and so need a three-way valve.
NEEDS_THREE_WAY_VALVE = frozenset({Program.CLEANER, Program.WATER})


@dataclass(frozen=True, slots=True)
class PulsePhase:
    """``pulses`` times: pump on for ``on_seconds``, then off for ``off_seconds``."""

    state: BackflushState
    pulses: int
    on_seconds: float
    off_seconds: float


@dataclass(frozen=True, slots=True)
class WaitPhase:
    """Pump off; the program waits until the user has done ``action``."""

    state: BackflushState
    action: UserAction


type Phase = PulsePhase | WaitPhase


@dataclass(frozen=True, slots=True)
class ProgramSettings:
    """The numbers one run of a program uses (options, overridden per call)."""

    cycles: int
    pump_on_seconds: float
    pump_off_seconds: float
    rinse_cycles: int
    flushes: int
    flush_seconds: float


@dataclass(frozen=True, slots=True)
class ProgramPlan:
    """A program's phases in order; waits with nothing after them are dropped."""

    program: Program
    phases: tuple[Phase, ...]

    @property
    def total_pulses(self) -> int:
        """How many pump pulses the whole program makes."""
        return sum(p.pulses for p in self.phases if isinstance(p, PulsePhase))

    @property
    def duration_seconds(self) -> float:
        """Nominal pumping time, pauses included, waits for the user excluded."""
        return sum(
            p.pulses * (p.on_seconds + p.off_seconds)
            for p in self.phases
            if isinstance(p, PulsePhase)
        )


def settings_for(
    program: Program, options: Mapping[str, int], overrides: Mapping[str, float]
) -> ProgramSettings:
    """Combine the user's defaults with a call's overrides.

    The group flush after a shot has its own pair of defaults, shorter than
    the flushes that end a backflush.
    """
    if program is Program.FLUSH:
        flushes, flush_seconds = (
            options[OPT_GROUP_FLUSHES],
            options[OPT_GROUP_FLUSH_SECONDS],
        )
    else:
        flushes, flush_seconds = options[OPT_FLUSHES], options[OPT_FLUSH_SECONDS]
    return ProgramSettings(
        cycles=int(overrides.get(OPT_CYCLES, options[OPT_CYCLES])),
        pump_on_seconds=float(
            overrides.get(OPT_PUMP_ON_SECONDS, options[OPT_PUMP_ON_SECONDS])
        ),
        pump_off_seconds=float(
            overrides.get(OPT_PUMP_OFF_SECONDS, options[OPT_PUMP_OFF_SECONDS])
        ),
        rinse_cycles=int(overrides.get(OPT_RINSE_CYCLES, options[OPT_RINSE_CYCLES])),
        flushes=int(overrides.get(OPT_FLUSHES, flushes)),
        flush_seconds=float(overrides.get(OPT_FLUSH_SECONDS, flush_seconds)),
    )


def build_plan(program: Program, settings: ProgramSettings) -> ProgramPlan:
    """Lay out a program's phases.

    cleaner: clean, wait for the rinse, rinse, wait for the portafilter to
    come out, flush. water: rinse, wait, flush. flush: flush. A phase with no
    pulses is left out together with the wait that would lead to it.
    """
    on, off = settings.pump_on_seconds, settings.pump_off_seconds
    flush = PulsePhase(
        BackflushState.FLUSHING, settings.flushes, settings.flush_seconds, off
    )
    steps: list[tuple[WaitPhase | None, PulsePhase]]
    if program is Program.CLEANER:
        steps = [
            (None, PulsePhase(BackflushState.CLEANING, settings.cycles, on, off)),
            (
                WaitPhase(BackflushState.AWAITING_RINSE, UserAction.RINSE_PORTAFILTER),
                PulsePhase(BackflushState.RINSING, settings.rinse_cycles, on, off),
            ),
            (
                WaitPhase(BackflushState.AWAITING_FLUSH, UserAction.REMOVE_PORTAFILTER),
                flush,
            ),
        ]
    elif program is Program.WATER:
        steps = [
            (None, PulsePhase(BackflushState.RINSING, settings.cycles, on, off)),
            (
                WaitPhase(BackflushState.AWAITING_FLUSH, UserAction.REMOVE_PORTAFILTER),
                flush,
            ),
        ]
    else:
        steps = [(None, flush)]
    phases: list[Phase] = []
    for wait, pulses in steps:
        if pulses.pulses <= 0:
            continue
        if wait is not None and phases:
            phases.append(wait)
        phases.append(pulses)
    return ProgramPlan(program=program, phases=tuple(phases))
