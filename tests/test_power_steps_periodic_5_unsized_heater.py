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


def runs_of(
    power: list[tuple[float, float, float]],
    end: float,
    *,
    every: float = 5.0,
    volts: float | None = None,
) -> list[float]:
    """The lengths of the runs read every ``every`` s (averaging plug)."""
    rows = periodic(power, end, every=every, noise=1.0, seed=3, volts=volts)
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


@pytest.mark.parametrize("start", [300.3, 302.1, 304.6])
def test_a_shot_from_the_standby_before_any_heater_counts(start: float) -> None:
    """No heater learnt, but the level is the pump's alone over the standby
    (not a heater's, far over the pump's step): a shot of 30 s."""
    (length,) = runs_of([(start, start + 30.0, PUMP)], 600.0)
    assert length == pytest.approx(30.0, abs=0.5)


@pytest.mark.parametrize("start", [300.3, 302.1, 304.6])
def test_a_shot_on_a_heater_heating_up_counts_with_volts(start: float) -> None:
    """With volts the mains' move is read apart (normalised): the pump's
    step on the heater heating up, no heater learnt, is a shot of 30 s."""
    power = [(0.0, 1200.0, HEATER), (start, start + 30.0, PUMP)]
    (length,) = runs_of(power, 1300.0, volts=230.0)
    assert length == pytest.approx(30.0, abs=0.5)


@pytest.mark.parametrize("every", [1.0, 2.0])
@pytest.mark.parametrize("start", [300.3, 301.1])
def test_a_shot_on_a_heater_heating_up_counts_read_often(
    start: float, every: float
) -> None:
    """Read every second or two, a level's steps are read whole: the pump's
    step on the heater heating up, no heater learnt, is a shot of 30 s."""
    power = [(0.0, 1200.0, HEATER), (start, start + 30.0, PUMP)]
    (length,) = runs_of(power, 1300.0, every=every)
    assert length == pytest.approx(30.0, abs=0.5)
