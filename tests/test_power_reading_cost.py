"""What each power reading costs: a fast path for the steady level.

A plug may report every second; the machine's work per reading must stay
small. The pump detector tells when a reading was only one more of the
steady level, so the shot signal can skip its bookkeeping. (The heat-up's one
timer through a heat-up's readings: tests/test_deadline.py.)
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector


def test_steady_readings_are_told_apart() -> None:
    """``steady`` only for one more reading of the level, never when something moved."""
    detector = PumpDetector(60.0)
    steady = 0
    for k in range(1, 31):
        before = detector.next_deadline, detector.pump_on, detector.ambiguous
        detector.feed(float(k), 5.0 + 0.2 * (k % 2))
        if detector.steady:
            steady += 1
            after = detector.next_deadline, detector.pump_on, detector.ambiguous
            assert after == before
    # All but the first readings and the noise check's every five seconds.
    assert steady >= 20
    detector.feed(31.0, 65.0)  # the pump's step: a transient
    assert not detector.steady
    detector.feed(32.0, 65.0)
    assert not detector.steady
    detector.advance(60.0)
    assert not detector.steady
