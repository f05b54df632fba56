"""A vibratory pump's whole run inside a heater's rise read every 5 s.

``_run_inside_rise`` reads a run whose levels never held inside a heater's
rise: one reading of the pump alone, whole, then the heater's partial
reading over it, the heater and the pump whole, the pump's stop in part,
the heater alone. A small pump's step (under 100 W, 3-5 % of the heater)
is read so too when one reading showed it alone whole (within a tenth of
its step over the standby: no heater's partial reading, and the mains do
not move the standby). Its start read in part only (``_partial_alone``)
stays a rotary pump's: a small pump's share of a reading is within the
heater's drift. Dev seed 23000036: an 18.0 s shot missed.
"""

from __future__ import annotations

import pytest

from bench.detection import TraceSpec

from .power_traces import scene_after_heater_cycles
from .sim_replay import retried_runs

B = 5.0  # the standby
P = 60.0


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,270 W heater learnt from four cycles, then ``scene`` every 5 s from 1,000 s."""
    return scene_after_heater_cycles(scene, B, P, (1270.0, 1280.0, 1260.0, 1270.0))


# The heater's partial reading over the pump, the heater and the pump whole
# once, the pump's stop in part (0.47 of its step), the heater alone.
TAIL = [1137.0, 1325.0, 1301.0, 1273.0, 1275.0, 1272.0, 1272.0, 1271.0, 1264.0]
TAIL += [303.0, B, B, B]


def test_a_small_pump_read_alone_whole_then_the_heater_over_it() -> None:
    """A faint reading at 15 s (3 W over the standby), the pump alone whole
    at 20 s, the heater over it: from 15 s to 32.3 s (dev seed 23000036's
    readings)."""
    ((start, end),) = runs_of([B, B, B, 8.0, 63.0, *TAIL])
    assert start == pytest.approx(15.2, abs=0.3)
    assert end == pytest.approx(32.3, abs=0.3)


def test_a_small_pump_read_in_part_only_is_not_read() -> None:
    """Its start only a share of a reading (0.3 of the step), no reading of
    it whole, the heater and the pump whole after (1,333 W): no run."""
    assert runs_of([B, B, B, 8.0, B + 0.3 * P, 1137.0, 1333.0, *TAIL[2:]]) == []


def test_a_simulated_vibratory_shot_inside_the_rise() -> None:
    """Dev seed 23000036: an 18.0 s shot from 2044.5, its pump read 63 W
    (a 60 W step over a 5 W standby), then 1,137 W, 1,325 W, 1,301 W and
    the 1,273 W heater alone."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 23000036, 1)
    runs = retried_runs(spec, 2120.0)
    (run,) = [r for r in runs if 2040.0 < r[0] < 2050.0]
    assert run[1] - run[0] >= 15.0


def test_a_small_pump_over_a_level_off_the_standby_is_not_read() -> None:
    """The same readings 25 W over the standby learnt (another load on, or
    the mains moved it): a small pump's step is within such a move, so it
    is read inside a rise over the standby only, here no run."""
    off = 25.0
    tail = [w + off if w > 100.0 else w for w in TAIL[:-3]]
    scene = [B + off] * 3 + [8.0 + off, 63.0 + off, *tail, B + off, B + off, B + off]
    assert runs_of(scene) == []
