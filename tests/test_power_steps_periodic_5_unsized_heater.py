"""A pump-sized step on a heater no edge has sized yet, read every 5 s.

Switched on, a machine heats up on one heater for many minutes before its
first cycle teaches the detector its size. Meanwhile the mains move that
heater: a neighbour's load switching steps a 1.3 kW heater by a few per
cent, a vibratory pump's step, and back again some time later. Read every
5 s without volts, such a step is no more a run than that move: neither the
edges nor the decoder count it (27000060 at 120 V: +34 W for 105 s on a
heat exchanger's 1,371 W heat-up, read as a shot). Once the heater cycled,
the same step on its level is read as before.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import HEATER, PUMP, idle_heater_cycles, periodic, run_all


def runs_of(power: list[tuple[float, float, float]], end: float) -> list[float]:
    """The lengths of the runs read every 5 s (averaging plug, no volts)."""
    rows = periodic(power, end, every=5.0, noise=1.0, seed=3)
    runs = run_all(PumpDetector(PUMP), rows, until=end)
    return [r.ended - r.started for r in runs]


@pytest.mark.parametrize("start", [300.3, 301.4, 302.1, 303.3, 304.6])
@pytest.mark.parametrize("duration", [30.0, 60.0, 100.0])
def test_a_step_on_a_heater_heating_up_is_no_run(start: float, duration: float) -> None:
    """The heater on from the first reading (1005 W), 40 W more from
    ``start`` for ``duration``: no heater learnt, no run."""
    power = [(0.0, 1200.0, HEATER), (start, start + duration, 0.8 * PUMP)]
    assert runs_of(power, 1300.0) == []


def test_a_shot_on_a_heater_learnt_still_counts() -> None:
    """The heater cycled four times (its size learnt), then on from 600
    (1005 W) with the pump from 702.1 for 30 s: a shot of 30 s."""
    power = [
        *idle_heater_cycles(52.5, 4),
        (600.0, 900.0, HEATER),
        (702.1, 732.1, PUMP),
    ]
    (length,) = runs_of(power, 1000.0)
    assert length == pytest.approx(30.0, abs=0.5)
