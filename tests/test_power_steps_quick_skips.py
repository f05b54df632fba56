"""The detector's quick skips per reading change nothing it decides.

Two tests the detector makes before work that most readings leave as it was:
four readings of one level every 5 s skip the rules that read runs from the
last readings (``_held_level``), and clean noise checks skip the pauses'
hysteresis (``_checks_clean``). A detector without each skip, fed the same
readings, must decide the same at every reading: the runs, ``pump_on``,
``ambiguous`` and ``next_deadline``.
"""

from __future__ import annotations

import random

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from . import (
    test_power_steps_periodic_5_alone_then_heater as alone_then_heater,
    test_power_steps_periodic_5_pump_then_heater as pump_then_heater,
)
from .power_traces import HEATER, PUMP, idle_heater_cycles, periodic


class _NoHeldLevel(PumpDetector):
    """The detector running the rules at every reading every few seconds."""

    __slots__ = ()

    def _held_level(self) -> bool:
        return False


class _NoCleanChecks(PumpDetector):
    """The detector running the noise checks' hysteresis every time."""

    __slots__ = ()

    def _checks_clean(self, pump: float) -> bool:
        return False


class _Counted(PumpDetector):
    """The detector counting the readings its held level skips."""

    __slots__ = ("skipped",)

    def __init__(self, pump_watts: float) -> None:
        super().__init__(pump_watts)
        self.skipped = 0

    def _held_level(self) -> bool:
        held = super()._held_level()
        self.skipped += held
        return held


# Heater cycles to learn its size, a shot whose heater came on in its first
# reading (``_decoded``), a plain shot.
_POWER = [
    *idle_heater_cycles(100.0, 6),
    (801.5, 831.0, PUMP),
    (803.0, 822.0, HEATER),
    (1001.0, 1028.0, PUMP),
]


# The runs decided, pump_on, ambiguous, next_deadline.
type _Decided = tuple[list[DetectedRun], bool | None, bool, float | None]


def _decisions(det: PumpDetector, rows: list[tuple[float, float]]) -> list[_Decided]:
    """What the detector decides at each reading, fed as the machine does."""
    out: list[_Decided] = []
    for at, watts in rows:
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            runs = det.advance(deadline)
            out.append((runs, det.pump_on, det.ambiguous, det.next_deadline))
        runs = det.feed(at, watts)
        out.append((runs, det.pump_on, det.ambiguous, det.next_deadline))
    return out


def _five_seconds(noise: float) -> list[tuple[float, float]]:
    rows = periodic(_POWER, 1600.0, every=5.0, noise=noise, seed=3)
    return [(at, watts) for at, watts, _ in rows if watts is not None]


def _same_with_held_levels(pump: float, rows: list[tuple[float, float]]) -> int:
    """The runs decided, the same with and without the skip; most readings skipped."""
    counted = _Counted(pump)
    decided = _decisions(counted, rows)
    assert decided == _decisions(_NoHeldLevel(pump), rows)
    assert counted.skipped > len(rows) // 2
    return sum(len(d[0]) for d in decided)


def test_held_levels_every_five_seconds_skip_nothing_decided() -> None:
    # Noisy readings, and readings that repeat to the last digit (rounded):
    # the decoder's shot and the plain one.
    for noise in (0.3, 0.0):
        assert _same_with_held_levels(PUMP, _five_seconds(noise)) >= 2


def test_held_levels_skip_nothing_the_rules_read_after_a_heater() -> None:
    # The pump, then the heater going off (``_pump_then_heater``); the pump
    # alone, then the heater alone (``_alone_then_heater``).
    fall = [pump_then_heater.LEVEL - 0.5 * pump_then_heater.PUMP, 404.0]
    assert _same_with_held_levels(pump_then_heater.PUMP, pump_then_heater._day(fall))
    rotary = alone_then_heater.ROTARY
    readings = alone_then_heater._day(rotary, alone_then_heater._run(rotary, 3))
    assert _same_with_held_levels(rotary, readings)


def _noisy_then_quiet() -> list[tuple[float, float]]:
    """Pump-sized steps nothing explains every few seconds, then the standby alone.

    The noise check pauses counting, then resumes it once clean for a while.
    """
    rng = random.Random(5)
    rows: list[tuple[float, float]] = []
    watts = 5.0
    for k in range(1, 1500):
        at = float(k)
        if 200 <= k < 500 and k % 4 == 0:
            watts = 5.0 + rng.choice((0.0, 0.7, 1.3)) * PUMP
        elif k >= 500:
            watts = 5.0
        rows.append((at, watts + rng.gauss(0.0, 0.3)))
    return rows


def test_clean_noise_checks_skip_nothing_decided() -> None:
    for rows in (_noisy_then_quiet(), _five_seconds(0.3)):
        decided = _decisions(PumpDetector(PUMP), rows)
        assert decided == _decisions(_NoCleanChecks(PUMP), rows)
    ambiguous = [d[2] for d in _decisions(PumpDetector(PUMP), _noisy_then_quiet())]
    assert any(ambiguous)
    assert not ambiguous[-1]
