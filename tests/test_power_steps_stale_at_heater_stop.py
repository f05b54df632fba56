"""A stale meter's repeat at a run's stop beside a heater dates the stop no later than it shows.

A stale meter repeats the value before, whatever the pump did since. Read
every 2 s, a heater's level with the pump, its readings noisy, that
repeats its last value exactly after the pump stopped holds the stop an
interval late: a flush reads as a shot (extra dev seed 150,000,058, a
heat exchanger's 51 W vibratory pump: 1,349.7, 1,348.3 and 1,348.3 W, the
pump off at 8,209.0 s between the two, then 1,294.9 W, the heater alone;
a 13.0 s shot read 15.1 s). When a kind bound lies between the run dated
at the repeat and as read, it is withheld (``_stale_at_stop``). A level
read unchanged throughout (a quiet meter) tells no stale repeat.
"""

from __future__ import annotations

import random

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import feed_all
from .sim_replay import corpus_spec, retried_shots
from .test_power_steps_ramp_before_heater import HEATER, RUNS
from .test_power_steps_ramp_start import PUMP, readings


def test_a_flush_whose_stop_a_stale_repeat_hid_is_no_shot() -> None:
    """A 13.75 s flush ramping over 2.5 s, the heater on 4.4 s after the pump:
    its stop at 2,254.05 s, the reading at 2,256 s repeating 1,059.3 W (the
    heater alone since). Dated over its ramp and to the fall after the
    repeat, 15.9 s: a shot. Dated at the repeat, 14.9 s: withheld."""
    flush = (2240.3, 2254.05, 2.5)
    heater = [*HEATER, (2244.7, 2270.0)]
    rows = readings(2.0, heater, [*RUNS, flush], 2400.0, window=1.0)
    noise = random.Random(5)
    rows = [(at, round(w + noise.gauss(0.0, 1.5), 1)) for at, w in rows]
    stale = next(i for i, (at, _) in enumerate(rows) if at == 2256.0)
    rows[stale] = (rows[stale][0], rows[stale - 1][1])
    found = feed_all(PumpDetector(PUMP), rows, 2500.0)
    assert len(found) == len(RUNS)
    assert all(run.started < flush[0] - 60.0 for run in found)


def test_a_heat_exchangers_flush_held_by_a_stale_repeat_is_no_shot() -> None:
    # A 13.0 s shot (8196.1-8209.0 s) of a 51 W vibratory pump read every
    # 2 s, its heater on 4 s in: 1,348.3 W at 8209.02 s and again at
    # 8211.01 s, then 1,294.9 W (the heater alone): read 15.5 s once its
    # start was dated over the ramp (extra dev seed 150000058).
    spec = corpus_spec("heat_exchanger", "periodic_2", 150000058)
    assert retried_shots(spec, 8196.1, 8209.0) == []


def test_a_pumps_own_level_read_alike_twice_keeps_its_shot() -> None:
    # A 16.5 s shot (10946.0-10962.5 s) of a 158 W rotary pump alone read
    # every 2 s: 162.0 W at 10959.48 s and again at 10961.49 s (the pump on
    # through both), then 7.8 W: no heater on, no stale repeat told
    # (regression seed 5000035).
    spec = corpus_spec("thermostat", "periodic_2", 5000035)
    assert len(retried_shots(spec, 10946.0, 10962.5)) == 1
