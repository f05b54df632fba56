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

from simulator.espresso import Trace, generate

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
