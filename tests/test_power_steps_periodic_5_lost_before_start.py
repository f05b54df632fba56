"""A reading lost just before a run's first whole reading, read every 5 s: the run may be longer, never shorter.

A whole reading of the pump dates its start at the reading's interval
start, the latest it can have started; a reading lost before it leaves the
start anywhere in that interval, earlier only. Regression seed 7,000,045 (a
thermostat, 124 W rotary pump): the standby, a lost reading, 131 W whole,
the heater's rise and the pump's stop: a 21.9 s shot dated 17.6 s, withheld
near 15 s as if it might be 12.6 s (``_early_only``, ``_kind_unsure``).
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import heater_cycles_every_5s, idle_every_5s, run_all
from .sim_replay import retried_runs

STANDBY = 8.0
PUMP = 124.0


def runs_of(pump: list[float]) -> list[tuple[float, float]]:
    """Four cycles of a 1,336 W heater, then from 1,000 s: the standby, a
    reading lost, ``pump`` (the pump alone), the heater's partial rise with
    the pump on (853 W), the heater whole and 55 % of the pump (1,410 W),
    the heater alone; each run's start and end from 1,000 s."""
    rows, at = heater_cycles_every_5s(4, STANDBY, 1336.0)
    rows += [(at, STANDBY), (at + 5.0, STANDBY)]  # then 1,015 s is lost
    rows += [(at + 15.0 + 5.0 * i, w) for i, w in enumerate(pump)]
    t = at + 15.0 + 5.0 * len(pump)
    heater = [853.0, 1410.0, 1344.0, 1342.0, 1341.0, 1343.0, 1342.0, 1340.0]
    rows += [(t + 5.0 * i, w) for i, w in enumerate(heater)]
    t += 5.0 * len(heater)
    rows += [(t, 700.0), *idle_every_5s(t + 5.0, 30, STANDBY)]
    runs = run_all(PumpDetector(PUMP), [(x, w, None) for x, w in rows], rows[-1][0])
    return [(r.started - at, r.ended - at) for r in runs]


def test_a_run_dated_past_15_s_after_a_lost_reading_counts() -> None:
    """The pump alone whole twice (1,015-1,025 s), its stop 2.3 s into the
    1,410 W reading: 17.3 s dated from 1,015 s, up to 22.3 s from 1,010 s."""
    ((start, end),) = runs_of([131.0, 131.0])
    assert 10.0 <= start <= 15.5
    assert end - start >= 15.0


def test_a_run_dated_under_15_s_after_a_lost_reading_is_no_shot() -> None:
    """The pump alone whole twice after the lost reading, then its stop 4 s
    into the next reading (107 W) and the standby: 14 s dated, up to 19 s:
    no shot is counted (a flush, or nothing)."""
    rows, at = heater_cycles_every_5s(4, STANDBY, 1336.0)
    rows += [(at, STANDBY), (at + 5.0, STANDBY)]  # then 1,015 s is lost
    rows += [(at + 15.0, 131.0), (at + 20.0, 132.0), (at + 25.0, 107.0)]
    rows += idle_every_5s(at + 30.0, 30, STANDBY)
    runs = run_all(PumpDetector(PUMP), [(x, w, None) for x, w in rows], rows[-1][0])
    assert not [r for r in runs if r.ended - r.started >= 15.0]


def test_a_simulated_thermostat_shot_reads_whole() -> None:
    """Regression seed 7,000,045: a 21.9 s shot from 8946.2 s."""
    spec = TraceSpec("thermostat", "rotary", "periodic_5", 7000045, 0)
    runs = retried_runs(spec, 9050.0)
    (run,) = [r for r in runs if 8940.0 < r[0] < 8955.0]
    assert run[1] - run[0] >= 15.0
