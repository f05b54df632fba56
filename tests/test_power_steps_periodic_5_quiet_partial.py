"""A pump's first partial reading a few watts over a standby that held to a watt, every 5 s.

A vibratory pump starting a fraction of a second before a reading ends adds
4-5 W to it: under the 6 W floor a standby's noise may reach
(``_pump_partial_in_level``), so the start was dated at the heater's rise
after it, 5 s late. Over a standby whose last readings held within the
plug's resolution such a step is the pump's (``_over_quiet_standby``; dev
seed 21,000,004: 6 W eleven times, then 10, 177, 1,367 W, a 19.2 s shot read
as a 13.6 s flush).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all

PUMP = 62.0
HEATER = 1220.0


def runs_of(started: float, noise: float) -> list[tuple[float, float]]:
    """An 18 s shot from ``started``, the heater on from 693.9 s to 760 s."""
    power = [
        *idle_heater_cycles(52.5, 4, HEATER),
        (started, started + 18.0, PUMP),
        (693.9, 760.0, HEATER),
    ]
    rows = periodic(power, 900.0, every=5.0, noise=noise)
    return [
        (r.started, r.ended) for r in run_all(PumpDetector(PUMP), rows, until=900.0)
    ]


def test_a_few_watts_over_a_quiet_standby_date_the_start() -> None:
    """The pump from 689.8 s: the standby's last reading 8.4 W over 5.0-5.2 W
    before it, then 311, 1,287 W. The shot is read from that reading (it was
    dated at the heater's rise: 695.0-707.7 s, a flush)."""
    (run,) = [r for r in runs_of(689.8, 0.2) if r[0] > 650.0]
    assert abs(run[0] - 689.8) < 1.0
    assert run[1] - run[0] >= 15.0


def test_the_same_step_over_a_noisy_standby_dates_nothing() -> None:
    """The standby wandering 3.9-5.5 W before it: 8.8 W is within its noise,
    and the start is dated at the heater's rise, as before."""
    (run,) = [r for r in runs_of(689.8, 0.5) if r[0] > 650.0]
    assert run[0] >= 694.0
