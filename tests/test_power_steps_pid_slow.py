"""A slow PID (a heater pulsed in a time-proportional window) on a metering plug.

Calibration: the heater pulses through the user's run (cold water drawn in),
so the pump's level seldom holds two readings; single readings of the pump
alone and of the heater with the pump, paired with the heater's own level
after the run, still tell the step. Detection: a reading below the pump's
level inside a run shows the pump stopped; two runs are never one.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec, calibrate_as_the_flow_does, real_api
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import feed_all


@pytest.mark.parametrize(
    ("family", "pump", "plug", "seed"),
    [
        # The pump alone twice, around one reading of it and the heater.
        ("pid_slow", "vibratory", "periodic_2", 20250430),
        # The pump alone once; twice the heater with it, whole.
        ("pid_slow", "rotary", "periodic_2", 20250407),
        ("pid_slow", "vibratory", "periodic_1", 20250412),
        ("pid_slow", "vibratory", "on_change", 20250458),
        # On change: the heater's level after the run held through a silence
        # (a skipped report), after a reading at standby between its pulses.
        ("pid_slow", "vibratory", "on_change", 20250426),
        # The heater's level after the run read three times between its
        # pulses' partial readings, never twice in a row.
        ("pid_slow", "vibratory", "periodic_2", 20250446),
        # A dual boiler's heater pulsing through the run the same way.
        ("dual_boiler", "rotary", "periodic_2", 20250415),
    ],
)
def test_pump_read_between_a_heaters_pulses(
    family: str, pump: str, plug: str, seed: int
) -> None:
    backflushes = 1 if (seed - 20250404) % 3 == 0 else 0
    trace = TraceSpec(family, pump, plug, seed, backflushes).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert error is None
    assert result is not None
    assert result.pump_watts == pytest.approx(trace.pump_watts, rel=0.05)


def test_a_stale_repeated_partial_reading_is_no_pump() -> None:
    """A heater's partial reading (203 W), repeated three times by a stale meter.

    The rise to it and the fall from it pair like a rotary pump's run, but
    the level never held: one value repeated. The vibratory pump (67 W) was
    read alone once: never calibrated at three times its size.
    """
    trace = TraceSpec("pid_slow", "vibratory", "periodic_2", 20250454, 0).generate()
    result, error, _ = calibrate_as_the_flow_does(real_api(), trace)
    assert result is not None
    assert error is not None or result.pump_watts == pytest.approx(
        trace.pump_watts, rel=0.1
    )


def test_a_reading_below_the_pump_ends_the_run() -> None:
    """Two backflush pulses; their pause is read as a partial stop and a heater's pulse.

    No reading of the pause is at the standby level, but the first (75 W)
    lies well below the pump's own (130 W above a 5 W standby): the pump was
    off for part of it. Never one run of 28 s (a shot) over both pulses.
    """
    rows = [(float(t), 5.0) for t in range(0, 302, 2)]
    rows += [(302.0, 135.0), (304.0, 135.5), (306.0, 134.8)]
    rows += [(308.0, 75.0), (310.0, 430.0), (312.0, 430.0)]
    rows += [(float(t), 140.0 + (t % 4) / 2) for t in range(314, 332, 2)]
    rows += [(float(t), 5.0) for t in range(332, 400, 2)]
    runs = feed_all(PumpDetector(130.0), rows, 500.0)
    assert all(run.duration < 15.0 for run in runs)


def test_a_heaters_pulse_before_the_rise_does_not_date_it() -> None:
    """A slow PID's pulse (a reading of 400 W) just before a rotary pump starts.

    The reading after it is part way up (the pump started inside it): the
    run began there, not at the pulse (a 13 s backflush pulse read as a
    15 s shot otherwise).
    """
    rows = [(float(t), 3.0 + (t % 3) / 10) for t in range(101)]
    rows += [(101.0, 402.5), (102.0, 129.6)]
    rows += [(float(t), 153.0 + (t % 3) / 2) for t in range(103, 115)]
    rows += [(float(t), 3.0 + (t % 3) / 10) for t in range(115, 200)]
    runs = feed_all(PumpDetector(150.0), rows, 300.0)
    assert len(runs) == 1
    assert 101.0 < runs[0].started <= 102.0
