"""A rotary pump's whole run inside a heater's rise read every 5 s, its start read in part.

``_run_inside_rise`` reads a run whose levels never held between a heater's
rise: the pump alone, the heater's partial reading over it, the heater and
the pump whole, the pump's stop in part, the heater alone. When no reading
showed the pump alone whole (it started late in an interval: part of its
step, or a faint share past the noise), the next reading, over the pump's
level yet under the heater's, shows that one was no heater's partial
reading (``_partial_alone``): its share dates the start (dev seed 20000037:
a 21.2 s shot missed). The stop's partial reading dates the end within its
own interval, however long the level before it held (two readings of one
value are one point of the edge).
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec

from .power_traces import scene_after_heater_cycles
from .sim_replay import retried_runs

B = 5.0  # the standby
H = 1000.0
P = 150.0


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,000 W heater learnt from four cycles, then ``scene`` every 5 s from 1,000 s."""
    return scene_after_heater_cycles(scene, B, P, (1000.0, 1010.0, 990.0, 1000.0))


# The pump's stop in part (0.4 of its step) at 30 s, the heater alone after.
TAIL = [B + H + 0.4 * P] + [B + H] * 8 + [B + 0.5 * H, B, B]


def test_a_faint_start_then_the_heater_over_the_pump() -> None:
    """0.1 of the pump's step at 10 s, the heater's partial reading over the
    pump at 15 s (under the heater's level), both whole: from 9.5 s to 27 s."""
    scene = [B, B, B + 0.1 * P, B + P + 0.5 * H, B + H + P, B + H + P, *TAIL]
    ((start, end),) = runs_of(scene)
    assert start == pytest.approx(9.5, abs=0.3)
    assert end == pytest.approx(27.0, abs=0.3)


def test_the_stop_dated_in_its_own_interval() -> None:
    """The pump alone whole at 10 s, the heater and the pump whole twice,
    0.4 of the step at 30 s: it stopped at 27 s, not 24 s (the two whole
    readings one point of the edge, 10 s before the stop's reading)."""
    scene = [B, B, B + P, B + P + 0.5 * H, B + H + P, B + H + P, *TAIL]
    ((start, end),) = runs_of(scene)
    assert start == pytest.approx(5.0, abs=0.3)
    assert end == pytest.approx(27.0, abs=0.3)


def test_a_simulated_rotary_shot_started_in_part() -> None:
    """Dev seed 20000037: a 21.2 s shot from 6241.0 read 170 W of a 189 W
    step, then 963 W under the 996 W heater's level, then 1,203 W."""
    spec = TraceSpec("thermostat", "rotary", "periodic_5", 20000037, 0)
    runs = retried_runs(spec, 6320.0)
    (run,) = [r for r in runs if 6235.0 < r[0] < 6250.0]
    assert run[1] - run[0] >= 15.0


def test_the_pump_on_after_a_dip_is_no_stop() -> None:
    """Dev seed 28000045: a 24.3 s shot from 2763.2 whose heater dipped
    under it (1,052 W, then 1,121 W with the pump): no run inside the rise
    ending at the dip (11.6 s); the shot reads whole."""
    spec = TraceSpec("thermostat", "rotary", "periodic_5", 28000045, 0)
    runs = retried_runs(spec, 2850.0)
    (run,) = [r for r in runs if 2755.0 < r[0] < 2770.0]
    assert run[1] - run[0] >= 15.0
