"""The floor counts nothing while the live noise check pauses counting.

Counting by power pauses while the idle readings step as large as the
pump's (``ambiguous``, with the ``power_ambiguous`` repair saying so). The
floor reads runs under a slow PID's pulses, where that check often fires:
its runs wait for the check as the edges' do. Here a slow PID read every
second, its noise check firing now and then between shots.
"""

from __future__ import annotations

from bench import detection
from bench.detection import TraceSpec, is_shot
from custom_components.espresso_care.signals.power_steps import PumpDetector


def test_no_run_is_counted_while_counting_is_paused() -> None:
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 20250412, 0).generate()
    calibration, error, _ = detection.calibrate_as_the_flow_does(
        detection.real_api(), trace
    )
    assert error is None
    assert calibration is not None
    assert calibration.pump_watts is not None
    detector = PumpDetector(calibration.pump_watts)
    counted: list[tuple[float, float, bool]] = []
    paused = 0
    for report in (r for r in trace.reports if r.at < 3300.0):
        deadline = detector.next_deadline
        while deadline is not None and deadline < report.at:
            runs = detector.advance(deadline)
            counted += [(r.started, r.ended, detector.ambiguous) for r in runs]
            after = detector.next_deadline
            deadline = None if after is None or after <= deadline else after
        runs = detector.feed(report.at, report.watts, report.volts)
        counted += [(r.started, r.ended, detector.ambiguous) for r in runs]
        paused += detector.ambiguous
    assert paused  # the check fired on this stretch
    assert [(a, b) for a, b, _ in counted if is_shot(b - a)]  # and shots counted
    assert not [(a, b) for a, b, held in counted if held]
