"""A shot read every 5 s whose heater came on after the pump, its rise its own size.

A heat exchanger's pressurestat switches the heater on a few seconds into
a shot. Without volts the heater's learnt size may sit a small pump's step
above its size at the moment (the mains, and falls of the heater and the
pump together learnt into it): the heater's rise then read as that size
less the pump's step, the pump stopping inside it, and the shot was cut to
a flush. The heater read alone whole just before the run
(``heater_anchor.alone_before``) gives its size at these volts: a rise of
that size is the heater alone, and the pump runs on (``_ran_on_under``).
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.heater_anchor import (
    alone_before,
)

from .sim_replay import retried_runs

PUMP = 55.7
BASE = 3.0


def _times(n: int) -> list[float]:
    return [1000.0 + 5.0 * i for i in range(n)]


def test_the_last_whole_reading_of_the_heater_before_the_run() -> None:
    # A level held (1330, 1331), the standby, a short cycle's peak (1337),
    # the standby, then the run's readings from 1045.
    watts = [3.0, 1330.0, 1331.0, 3.0, 536.0, 1337.0, 969.0, 3.0, 3.0, 39.0, 372.0]
    times = _times(len(watts))
    assert alone_before(times, watts, 1042.5, base=BASE, pump=PUMP) == 1337.0


def test_readings_at_or_after_the_start_are_not_read() -> None:
    # The peak at 1025 ends after the run started (1022.5): the level before.
    watts = [3.0, 1330.0, 1331.0, 3.0, 536.0, 1337.0, 969.0, 3.0]
    times = _times(len(watts))
    assert alone_before(times, watts, 1022.5, base=BASE, pump=PUMP) == 1331.0


def test_partial_readings_read_no_size() -> None:
    """A rise and a fall read in part (no level, no peak over both): none."""
    watts = [3.0, 536.0, 969.0, 3.0, 3.0, 3.0]
    assert alone_before(_times(6), watts, 1027.5, base=BASE, pump=PUMP) is None


def test_a_reading_too_long_before_reads_no_size() -> None:
    """Two minutes and more before the run the mains may have moved it."""
    watts = [3.0, 1330.0, 1331.0, 3.0] + [3.0] * 30
    times = _times(len(watts))
    # The level's last reading ends at 1010: 120 s before 1130, 121 before 1131.
    assert alone_before(times, watts, 1130.0, base=BASE, pump=PUMP) == 1331.0
    assert alone_before(times, watts, 1131.0, base=BASE, pump=PUMP) is None


def test_a_simulated_shot_is_not_cut_at_the_heaters_rise() -> None:
    """Heat exchanger, vibratory pump (57 W, calibrated 55.7 W), seed 21,000,020.

    The heater learnt at 1360 W; read alone at 1337 W (2480) before the
    shot. The pump's start (39), its rise with the heater (372, 1377), the
    heater and the pump (1378). The rise is the heater read alone: the
    pump ran on (it was cut at 2500, an 8 s flush).
    """
    spec = TraceSpec(
        "heat_exchanger", "vibratory", "periodic_5", 21000020, 0, calibration_runs=1
    )
    runs = retried_runs(spec, 2800.0)
    (run,) = [(a, b) for a, b in runs if a < 2525.7 and b > 2491.6]
    started, ended = run
    assert abs(started - 2491.6) < 3.0
    assert ended - started >= 15.0
