"""A heater's cycle read every 5 s a little over the largest size its edges were read at alone.

Without volts, a rotary pump's step beside a heater and the pump in one edge
stands out of the mains' move when it is 8 % of the heater or more
(``_stands_out``). On 110-125 V mains the volts wander twice as far for their
size as on 230 V, and a heater's level with their square: a thermostat's own
cycle from the standby and back may read a pump's step over its learnt size.
The heater's own edges show how far the mains moved it on this plug: a cycle
no more than ``_OVER_LARGEST`` of the step over the largest of them is that
heater alone; one well over it is still the heater and the pump.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import periodic, run_all
from .sim_replay import corpus_spec, retried_runs

PUMP = 150.0
# The heater's cycles alone (40 s every 2 minutes), the mains moving it up and
# back: its edges read 980-1,130 W, its size followed to 1,040 W.
WALK = (1000.0, 1040.0, 1080.0, 1110.0, 1130.0, 1090.0, 1040.0, 1000.0, 980.0)


def runs_of(level: float) -> list[DetectedRun]:
    """The heater's cycles alone (``WALK``), then one of ``level`` W for 45 s from the standby and back."""
    cycles = [
        (60.0 + 120.0 * i, 100.0 + 120.0 * i, size) for i, size in enumerate(WALK)
    ]
    start = 60.0 + 120.0 * len(WALK) + 2.5
    rows = periodic(
        [*cycles, (start, start + 45.0, level)],
        start + 300.0,
        every=5.0,
        noise=0.3,
    )
    runs = run_all(PumpDetector(PUMP), rows, until=start + 300.0)
    return [r for r in runs if r.started > start - 30.0]


def test_a_cycle_a_little_over_the_heater_s_largest_is_no_shot() -> None:
    """1,170 W: the heater's size (1,040 W) and the pump's step, but only 0.27 of
    the step over the heater's largest edge (1,130 W): the heater alone."""
    assert runs_of(1170.0) == []


def test_a_cycle_well_over_the_heater_s_largest_is_a_shot() -> None:
    """1,190 W: the heater (1,040 W) and the pump, 0.4 of the step over 1,130 W."""
    (run,) = runs_of(1190.0)
    assert run.duration == pytest.approx(45.0, abs=5.0)


def test_a_simulated_thermostat_s_cycle_on_120_v_mains_is_no_shot() -> None:
    """Dev seed 26,000,037 (thermostat, 150 W rotary pump, 120 V, no volts): the heater's
    edges read 996-1,114 W alone, then its cycles of 1,141-1,152 W at 9,890 s and
    10,245 s, no pump on, were read as 45 s and 55 s shots. The 13.6 s shot of the
    pump alone between them (162 W) is still read."""
    spec = corpus_spec("thermostat", "periodic_5", 26000037)
    runs = retried_runs(spec, 10400.0)
    near = [r for r in runs if 9850.0 < r[0] < 10350.0]
    assert len(near) == 1
    assert near[0][0] == pytest.approx(10007.0, abs=2.0)
