"""The live signal a guided backflush follows, with a person pressing brew in a closed loop.

A machine without a pump relay runs its programs as a guide (``guide.py``):
it asks for brew on, waits to see the pump, times the pulse from that moment,
asks for brew off, and waits to see the pump stop. By power, "see" is the
detector's live state a reading or a few after the switch; a press never
seen gets the prompt again every 6 s plus the signal's delay (at least
three of the plug's intervals, ``telling_delay``), and three unanswered end
the program. What matters is how soon the pump is seen after
a press, and how often never in time.

Per family and plug, ``machines`` simulated machines (vibratory pumps, the
calibration taken as exact: calibrating is the options flow's business) are
switched on cold, heated up and left 120 s, as before a backflush; then a
person makes ten pulses as the guide asks: presses (a second after the
last switch was seen and the pause is over), holds until the pump is seen
or the three prompts' wait passes, then ``HOLD_S`` more,
releases, and waits until the stop is seen. The machine's power goes
through ``simulator.espresso.LivePlug`` as the pump switches, so a late
sight makes a longer pulse, as at the machine. Two sides: by runs alone
(``pump_on``, what the integration followed before), and with the level's
own word (``pump_seen``, what a program follows now). False turn-ons: the
signal turning on while the pump is off (at rest or in a pause).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
import random
import time
from typing import Any

from custom_components.espresso_care.guide import MISSED_LIMIT, REPEAT_SECONDS
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.shot_signal import (
    POWER_SWITCH_DELAY_SECONDS,
)
from simulator.espresso import FAMILIES, PLUG_MODELS, PLUGS, LivePlug, MachineModel

GUIDED_FAMILIES = tuple(f for f in FAMILIES if f != "pid_fast")
"""A fast PID is refused at calibration: its guide runs on the clock."""
REFUSED = frozenset({("pid_slow", "periodic_5")})
"""Refused at calibration too (the detection table): left out."""
SIDES = ("runs", "level")
"""Following ``pump_on`` (runs alone), and ``pump_seen`` (the level's word too)."""
PULSES = 10
"""Five with cleaner, five with water."""
HOLD_S = 10.0
PAUSE_S = 10.0
REACTION_S = 1.0
REST_S = 120.0
"""Left after the heat-up before the program starts."""
STEP_S = 0.25
"""The person's and the loop's clock."""


@dataclass
class _Loop:
    """One machine, its plug, the detector, and what the signal told when."""

    model: MachineModel
    plug: LivePlug
    detector: PumpDetector
    follow: Callable[[PumpDetector], bool | None]
    seen: bool = False
    told_at: float = 0.0
    false_turn_ons: int = 0
    false_turn_offs: int = 0

    def run_to(self, at: float) -> None:
        """Feed the readings measured by ``at``, and the deadlines before them and it."""
        detector = self.detector
        for report in self.plug.until(at):
            self._deadlines(report.at, inclusive=False)
            detector.feed(report.at, report.watts, report.volts)
            self._tell(report.at)
        self._deadlines(at, inclusive=True)

    def _deadlines(self, at: float, *, inclusive: bool) -> None:
        detector = self.detector
        deadline = detector.next_deadline
        while deadline is not None and (deadline <= at if inclusive else deadline < at):
            detector.advance(deadline)
            self._tell(deadline)
            following = detector.next_deadline
            if following is not None and following <= deadline:
                break
            deadline = following

    def _tell(self, at: float) -> None:
        seen = self.follow(self.detector) is True
        if seen is not self.seen:
            if seen is not self.model.pump_running:
                # On while the pump is off, or off while it runs.
                if seen:
                    self.false_turn_ons += 1
                else:
                    self.false_turn_offs += 1
            self.seen, self.told_at = seen, at


@dataclass
class _Cell:
    pulses: int = 0
    on_the_clock: int = 0
    seen_in_first_prompt: int = 0
    seen_before_giving_up: int = 0
    prompt_waits: list[float] = field(default_factory=list)
    on_delays: list[float] = field(default_factory=list)
    off_delays: list[float] = field(default_factory=list)
    stops_unseen: int = 0
    false_turn_ons: int = 0
    false_turn_offs: int = 0
    hours: float = 0.0


def _machine(family: str, plug: str, seed: int, side: str) -> tuple[_Loop, float]:
    """The loop of machine ``seed``, and when it is ready (heated up and rested)."""
    probe = MachineModel(family, "vibratory", seed=seed)
    probe.set_power(True, 0.0)
    ready = 0.0
    while probe.heat_up_end is None:
        ready += 10.0
        probe.advance(ready)
    model = MachineModel(family, "vibratory", seed=seed)
    model.set_power(True, 0.0)
    live = LivePlug(PLUG_MODELS[plug], model, random.Random(seed), 0.0)
    detector = PumpDetector(model.spec.pump_watts)
    follow = _follow_level if side == "level" else _follow_runs
    return _Loop(model, live, detector, follow), ready + REST_S


def _follow_runs(detector: PumpDetector) -> bool | None:
    return detector.pump_on


def _follow_level(detector: PumpDetector) -> bool | None:
    return detector.pump_seen


def _guided(loop: _Loop, start: float, cell: _Cell) -> None:
    """Ten pulses as the guide asks, from ``start``."""
    t = _run_for(loop, 0.0, start)
    for _ in range(PULSES):
        t += REACTION_S
        loop.run_to(t)
        loop.model.set_pump(True, t, "backflush_pulse")
        pressed = t
        cell.pulses += 1
        if loop.detector.ambiguous:
            # Counting by power is paused: the guide goes on by the clock.
            cell.on_the_clock += 1
            t = _run_for(loop, t, HOLD_S)
            loop.model.set_pump(False, t, "backflush_pulse")
            t = _run_for(loop, t, PAUSE_S)
            continue
        prompt = _prompt_wait(loop.detector)
        cell.prompt_waits.append(prompt)
        give_up = MISSED_LIMIT * prompt
        t = _run_until(loop, t, pressed + give_up, until_seen=True)
        if loop.seen:
            delay = loop.told_at - pressed
            cell.on_delays.append(delay)
            cell.seen_in_first_prompt += delay <= prompt
            cell.seen_before_giving_up += 1
            release = max(t, loop.told_at + HOLD_S) + REACTION_S
        else:
            release = t
        t = _run_until(loop, t, release)
        loop.model.set_pump(False, t, "backflush_pulse")
        released = t
        t = _run_until(loop, t, released + give_up, until_seen=False)
        if loop.seen:
            cell.stops_unseen += 1
        else:
            cell.off_delays.append(max(0.0, loop.told_at - released))
        t = _run_for(loop, t, PAUSE_S)
    cell.false_turn_ons += loop.false_turn_ons
    cell.false_turn_offs += loop.false_turn_offs
    cell.hours += t / 3600.0


def _prompt_wait(detector: PumpDetector) -> float:
    """How long the guide waits for a press before asking again.

    As ``GuidedRunner._instruct`` with ``ShotSignal.switch_delay`` before
    any switch taught it a longer delay.
    """
    return REPEAT_SECONDS + max(POWER_SWITCH_DELAY_SECONDS, detector.telling_delay)


def _run_for(loop: _Loop, t: float, seconds: float) -> float:
    """Let ``seconds`` pass from ``t``; the moment then."""
    return _run_until(loop, t, t + seconds)


def _run_until(
    loop: _Loop, t: float, end: float, *, until_seen: bool | None = None
) -> float:
    """Step from ``t`` to ``end``, or until the signal tells ``until_seen``; the moment then."""
    while t < end and loop.seen is not until_seen:
        t += STEP_S
        loop.run_to(t)
    return t


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def run(
    machines: int, seed: int, progress: Callable[[str], None] = print
) -> dict[str, Any]:
    """``machines`` per family and plug, each guided through ten pulses, on both sides."""
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    for family in GUIDED_FAMILIES:
        progress(f"guided: {family}")
        for plug in PLUGS:
            if (family, plug) in REFUSED:
                continue
            row: dict[str, Any] = {"family": family, "plug": plug}
            for side in SIDES:
                cell = _Cell()
                for n in range(machines):
                    loop, ready = _machine(family, plug, seed + n, side)
                    _guided(loop, ready, cell)
                row[side] = {
                    "pulses": cell.pulses,
                    "on_the_clock": cell.on_the_clock,
                    "prompt_wait_median_s": _quantile(cell.prompt_waits, 0.5),
                    "seen_in_first_prompt": cell.seen_in_first_prompt,
                    "seen_before_giving_up": cell.seen_before_giving_up,
                    "on_delay_median_s": _quantile(cell.on_delays, 0.5),
                    "on_delay_p95_s": _quantile(cell.on_delays, 0.95),
                    "off_delay_median_s": _quantile(cell.off_delays, 0.5),
                    "stops_unseen": cell.stops_unseen,
                    "false_turn_ons": cell.false_turn_ons,
                    "false_turn_offs": cell.false_turn_offs,
                    "hours": round(cell.hours, 1),
                }
            rows.append(row)
    return {
        "machines": machines,
        "seed": seed,
        "pulses_per_machine": PULSES,
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
    }
