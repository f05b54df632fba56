"""A backflush pulse read every second, its end partial, on a slow PID.

The pump stops within one reading (about three quarters of its step), a
heater's pulse follows: the pulse ended there, the run is kept. A reading
that low does not show a pause inside a pulse read every second; only one
near the standby does.
"""

from __future__ import annotations

from collections.abc import Sequence

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

PUMP_W = 145.0
# A slow PID's heater pulsing at standby (3 W), then a pulse of the pump
# (about 148 W) from 201 s to 212 s, with the heater's pulses over it; the
# reading at 212 s is partial (the pump stopped within it), 213-214 s the
# heater's pulse, then standby. (From the simulator: pid_slow, rotary, 1 s.)
IDLE = [
    422, 2, 3, 2, 131, 3, 3, 2, 280, 2, 2, 3, 334, 2, 3, 2, 513, 154, 2, 2,
    86, 3, 3, 2, 257, 191, 2, 3, 130, 305, 3, 2, 3, 111, 2, 3, 2, 772, 3, 2,
    3, 180, 3, 2, 2, 552, 3, 3, 3, 179, 2, 2, 3, 522, 50, 3, 3, 328, 2, 3,
    2, 264, 3, 2, 2, 137, 61, 61, 2, 8, 253, 3, 2, 3, 328, 3, 2, 2, 560, 3,
    3, 2, 565, 3, 2, 3, 366, 3, 3, 2, 50, 3, 3, 2, 2, 228, 3, 3, 273, 132,
    2, 2, 143, 187, 3, 3, 15, 262, 3, 3, 3, 323, 2, 2, 2, 395, 2, 3, 3, 463,
    3, 3, 2, 382, 3, 3, 3, 427, 2, 3, 2, 314, 2, 2, 2, 280, 72, 2, 3, 144,
    2, 3, 3, 22, 586, 3, 2, 2, 412, 2, 2, 3, 504, 2, 3, 2, 160, 2, 3, 3,
    325, 2, 2, 2, 241, 2, 2, 2, 414, 133, 2, 2, 286, 367, 3, 2, 158, 102, 3, 2,
    28, 149, 3, 2, 2, 502, 2, 3, 3, 3, 2, 3, 3, 290, 3, 2, 3, 292, 3, 2,
]  # fmt: skip
PULSE = [14, 456, 149, 147, 145, 566, 474, 146, 148, 435, 215, 150, 110, 163, 504]
AFTER = [2, 3, 34, 465, 3, 3, 2, 268, 2, 2, 2, 3, 2, 3, 2, 3]


def _runs(readings: Sequence[float]) -> list[DetectedRun]:
    det = PumpDetector(PUMP_W)
    runs: list[DetectedRun] = []
    for at, watts in enumerate(readings):
        deadline = det.next_deadline
        if deadline is not None and deadline < at:
            runs += det.advance(deadline)
        runs += det.feed(float(at), float(watts))
    return runs + det.advance(float(len(readings) + 60))


def test_pulse_ending_in_a_partial_reading_is_kept() -> None:
    runs = _runs(IDLE + PULSE + AFTER)
    assert len(runs) == 1
    assert 200.0 <= runs[0].started <= 202.0
    assert 210.0 <= runs[0].ended <= 216.0  # the heater's pulse hides its end
    assert abs(runs[0].watts - PUMP_W) < 0.1 * PUMP_W
