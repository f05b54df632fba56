"""Heaters read at the socket's volts: a dual boiler's shot beside both heaters.

Heaters are resistive: each draws P_nominal (V / V_nominal)**2 at the volts
the plug reports, which sag under the machine's own current. A heater that
comes on during a shot lowers the other heater's draw (and the pump's run
is paired across that edge); the run's own bookkeeping must follow the
volts too, or the pump's fall no longer pairs with its rise.
"""

from __future__ import annotations

from dataclasses import dataclass
import random

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

MAINS = 120.0  # a 120 V machine: its heaters' current sags the volts most
STANDBY = 6.0
PUMP = 64.0


@dataclass(frozen=True)
class Machine:
    """A dual boiler's two heaters (at the nominal volts) and its line."""

    small: float
    large: float
    line_ohms: float

    def socket(self, heaters: float, pump: bool) -> tuple[float, float]:
        """The plug's watts and volts for the heaters' nominal sum and the pump."""
        volts = MAINS
        watts = 0.0
        for _ in range(6):  # the line's drop under the machine's own current
            watts = STANDBY + (PUMP if pump else 0.0) + heaters * (volts / MAINS) ** 2
            volts = MAINS - self.line_ohms * watts / volts
        return watts, volts


def readings(
    machine: Machine, plan: list[tuple[float, float, bool]], step: float = 2.0
) -> list[tuple[float, float, float]]:
    """Readings every ``step`` s of a plan of (seconds, heaters' nominal sum, pump)."""
    noise = random.Random(7)
    out: list[tuple[float, float, float]] = []
    at = 0.0
    for seconds, heaters, pump in plan:
        watts, volts = machine.socket(heaters, pump)
        end = at + seconds
        while at < end:
            out.append(
                (
                    at,
                    round(watts + noise.gauss(0.0, 0.5), 1),
                    round(volts + noise.gauss(0.0, 0.05), 1),
                )
            )
            at += step
    return out


def detect(rows: list[tuple[float, float, float]]) -> list[DetectedRun]:
    det = PumpDetector(PUMP)
    out: list[DetectedRun] = []
    for at, watts, volts in rows:
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            out += det.advance(deadline)
        out += det.feed(at, watts, volts)
    out += det.advance(rows[-1][0] + 30.0)
    return out


def cycles(m: Machine) -> list[tuple[float, float, bool]]:
    """Each heater's cycles alone and together, so the detector knows both."""
    plan: list[tuple[float, float, bool]] = [(30.0, 0.0, False)]
    for _ in range(4):
        plan += [
            (20.0, m.small, False),
            (20.0, 0.0, False),
            (20.0, m.large, False),
            (20.0, 0.0, False),
            (16.0, m.large, False),
            (20.0, m.large + m.small, False),
            (16.0, m.large, False),
            (20.0, 0.0, False),
        ]
    return plan


def test_shot_with_a_heater_coming_on_beside_the_other() -> None:
    """The second heater's rise sags the first one's draw: still one run, paired."""
    m = Machine(1000.0, 1200.0, 0.2)
    plan = cycles(m)
    start = sum(seconds for seconds, _, _ in plan) + 12.0
    plan += [
        (12.0, m.large, False),
        (12.0, m.large, True),  # the pump starts beside the large heater
        (14.0, m.large + m.small, True),  # cold water in: the small one comes on
        (12.0, m.large + m.small, False),
        (20.0, m.large, False),
        (30.0, 0.0, False),
    ]
    runs = detect(readings(m, plan))
    assert len(runs) == 1
    run = runs[0]
    assert abs(run.started - start) <= 2.0
    assert abs(run.duration - 26.0) <= 2.0
    assert abs(run.watts - PUMP) <= 0.25 * PUMP


def test_shot_with_a_heater_coming_on_alone() -> None:
    """A heater's rise during a run, alone: its draw at the volts after it pairs."""
    m = Machine(950.0, 1300.0, 0.5)
    plan = cycles(m)
    start = sum(seconds for seconds, _, _ in plan)
    plan += [
        (12.0, 0.0, True),
        (14.0, m.large, True),
        (20.0, m.large, False),
        (30.0, 0.0, False),
    ]
    runs = detect(readings(m, plan))
    assert len(runs) == 1
    assert abs(runs[0].started - start) <= 2.0
    assert abs(runs[0].duration - 26.0) <= 2.0
