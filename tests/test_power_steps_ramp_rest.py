"""A vibratory pump's ramp read in two steps by a plug reporting on change.

A vibratory pump starts at about half its step and ramps up over seconds;
a plug reporting on change every second shows a level part way, then the
rest. Shots of simulated machines (``simulator.espresso``, the bench's
traces, calibrated as the options flow does) that the detector dropped
before: the rest of the ramp read as a pause of the pump (below its step),
or, after a start that came with a heater's rise, as an edge nothing
explained.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from simulator.espresso import Trace, generate

from .power_traces import Row, run_all
from .sim_replay import assert_one_shot


def trace_of(family: str, seed: int) -> Trace:
    """Two days of ten shots of a vibratory machine read on change (a backflush in it)."""
    return generate(
        family,
        "vibratory",
        "on_change",
        seed=seed,
        shots=10,
        days=2,
        hand_backflushes=1 if seed % 3 == 0 else 0,
    )


@pytest.mark.parametrize(
    ("family", "seed", "started"),
    [
        # 2.5 W, then 22.8 and 33.3 (a level at 56 % of the 45.5 W step),
        # then 41.2 and 47.0: read as a pause, the run was dropped.
        ("heat_exchanger", 21000006, 8947.158594268321),
        # 44 W, then 65 W: the same on a dual boiler's 64.9 W pump.
        ("dual_boiler", 20000054, 4320.100575597115),
    ],
)
def test_the_rest_of_the_ramp_is_no_pause(
    family: str, seed: int, started: float
) -> None:
    """No reading after the part-way level falls below it: the pump never stopped."""
    assert_one_shot(trace_of(family, seed), started)


@pytest.mark.parametrize(
    ("family", "seed", "started"),
    [
        # The small heater came on with the pump (939 W: the heater and 44 W
        # of the pump's 64.8), then 20 W more as the pump's ramp went on.
        ("dual_boiler", 20000006, 8833.923269978592),
        # The heater and 54 W of the pump, then 17 W more.
        ("thermostat", 21000046, 8665.40776133061),
    ],
)
def test_the_rest_of_the_ramp_after_a_heaters_rise_is_the_pumps(
    family: str, seed: int, started: float
) -> None:
    """The heater's step is whole in its first reading: the small rise after it is the pump's."""
    assert_one_shot(trace_of(family, seed), started)


@pytest.mark.parametrize(
    ("seed", "started"),
    [
        # 2.8 W, then 26.4 and 39.6 (a level 30 W up, short of the 55.8 W
        # step), then 49.0 and 57.3: the first part was let go before the
        # rest came, both unexplained.
        (21000030, 5344.195057195938),
        # The same over the heater's level: 27 W, then 27 W more of 51.2.
        (22000022, 11379.336840436212),
    ],
)
def test_a_rise_part_way_up_the_ramp_waits_for_the_rest(
    seed: int, started: float
) -> None:
    """The two parts of the ramp, a few seconds apart, are one rise of the pump's step."""
    assert_one_shot(trace_of("heat_exchanger", seed), started)


def _held(start: int, end: int, watts: float, volts: float = 119.5) -> list[Row]:
    """A level read every second, a little noise on it."""
    return [
        (float(t), watts + (0.8 if t % 2 else -0.8), volts) for t in range(start, end)
    ]


def test_the_rest_of_the_ramp_in_small_steps_is_no_drift() -> None:
    """A ramp part held two readings, then climbing in steps each too small for an edge.

    A 61.3 W pump over a 1,147 W heater at 119 V: 1,172 and 1,187 W (a
    level 33 W up, short of its rise), then 1,201 W and the level of 1,206:
    the second part, 24 W at volts that moved the heater by 6 W, was taken
    for drift and the first part let go, unexplained.
    """
    rows = _held(0, 60, 7.4)
    rows += [(60.0, 600.0, 119.5), *_held(61, 90, 1146.0), (90.0, 560.0, 119.5)]
    rows += [
        *_held(91, 150, 7.4),
        (150.0, 580.0, 119.5),
        *_held(151, 200, 1147.0, 119.1),
    ]
    rows += [(200.0, 1172.3, 119.3), (201.0, 1187.4, 119.1), (202.0, 1201.3, 119.4)]
    rows += [*_held(203, 228, 1206.0), (228.0, 1172.3, 119.5), *_held(229, 233, 1146.0)]
    rows += [(233.0, 764.8, 119.5), *_held(234, 260, 7.4)]
    (run,) = run_all(PumpDetector(61.3), rows, until=300.0)
    assert run.started == pytest.approx(200.0, abs=1.0)
    assert run.ended == pytest.approx(228.0, abs=1.0)


@pytest.mark.parametrize(
    ("family", "seed", "started"),
    [
        # 1,147 W (the heater), then 1,172, 1,187, 1,201 and 1,207 W under a
        # 61.3 W pump at 119 V: the last 24 W of the ramp read as drift.
        ("thermostat", 23000062, 3445.0266108931996),
    ],
)
def test_the_rest_of_the_ramp_over_a_heater_is_the_pumps(
    family: str, seed: int, started: float
) -> None:
    """The ramp's parts over a heater's level are one rise of the pump's step."""
    assert_one_shot(trace_of(family, seed), started)
