"""The detector fed as a busy event loop feeds it: a timer that comes after the reading.

Home Assistant calls a timer with the moment it was set for, which may be
before a reading written while the loop was busy. The detector must take
such an ``advance`` (into its past) and the readings around it without
raising, and read the same runs.
"""

from __future__ import annotations

from bench import detection
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from simulator.espresso import Trace

# A heat exchanger read on change whose silence, settled by a late timer at
# a reading's own moment, left a pump's first partial reading closing no
# interval: dating its ramp divided by zero.
SPEC = detection.TraceSpec("heat_exchanger", "vibratory", "on_change", 20250450, 0)
PUMP_WATTS = 53.3


def _late_timer_runs(detector: PumpDetector, trace: Trace) -> list[float]:
    """Each reading fed, after at most one timer, however many came due before it."""
    starts: list[float] = []
    for report in trace.reports:
        deadline = detector.next_deadline
        if deadline is not None and deadline < report.at:
            starts += [run.started for run in detector.advance(deadline)]
        starts += [
            run.started for run in detector.feed(report.at, report.watts, report.volts)
        ]
    end = trace.reports[-1].at + 60.0
    starts += [run.started for run in detector.advance(end)]
    return starts


def test_a_late_timer_reads_the_same_runs_without_raising() -> None:
    trace = SPEC.generate()
    end = trace.reports[-1].at + 60.0
    on_time, _, _ = detection.detect(PumpDetector(PUMP_WATTS), trace.reports, end)
    late = _late_timer_runs(PumpDetector(PUMP_WATTS), trace)
    assert len(late) == len(on_time) == 27
    # The pump that started at 12942 s, and the one ten seconds later whose
    # first reading closed no interval, are each read once, within a second.
    for true_start in (12942.0, 12953.0):
        assert sum(abs(start - true_start) < 1.0 for start in late) == 1
