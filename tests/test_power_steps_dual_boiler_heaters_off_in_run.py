"""A heater's fall in a run that leaves the pump alone over the standby sets the run's heaters' part to none.

A run's level is its level before the rise plus the heaters' edges read
since. A vibratory pump's ramp cut short by a heater's edge leaves the rest
of the ramp in that edge, so the rise read before it is only the ramp's
first part. Dev seed 27,000,032, read every second (a 54.6 W vibratory
pump, calibrated at 50.3 W, over the brew heater): 982, 1,005, 1,018 W in
the ramp, then the brew heater's fall, 252 and 61 W. The rise read 28.7 W
and the heater's edge -959 W. When the brew heater came back on, the
stop's fall read 55.7 W against a rise of 27 W and did not pair, so a
27.2 s shot was lost. Once the pump alone stands over the standby, the
heaters' part is none, and the fall pairs with the pump's step.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all, with_recorded

PUMP = 50.3  # W: the vibratory pump's step as calibrated
BREW = 975.0  # W at the plug's volts
STEAM = 1270.0
STANDBY_OVER_BASE = 2.3  # W: the trace's standby (7.3 W) over the helpers' base
VOLTS = 227.5
END = 950.0
SHOT_FROM = 800.0  # s: the first reading below
SHOT = (
    985.4,  # the brew heater alone
    *(1005.1, 1017.5),  # the pump's ramp over it
    252.2,  # the brew heater's fall
    *(60.6, 63.1, 61.2, 62.1, 60.5, 61.3, 61.1, 61.0, 61.2, 62.4, 61.8),  # the pump
    489.2,  # the brew heater back on
    *(1042.5, 1046.4, 1042.7, 1041.3, 1046.7, 1041.1, 1043.0, 1044.2, 1037.8),
    *(1040.6, 1038.8, 1037.2),
    *(1019.5, 986.6, 986.9),  # the pump's stop over the brew heater
)
"""Dev seed 27,000,032's readings from 14,027.05 s, every second."""


def _runs(*, pump: bool) -> list[tuple[float, float]]:
    power = [
        (0.0, END, STANDBY_OVER_BASE),
        *dual_boiler_heaters(STEAM, BREW),
        (760.0, 900.0, BREW),  # the brew heater on through the shot
    ]
    rows = periodic(power, END, every=1.0, noise=1.0, seed=5, volts=VOLTS)
    if pump:
        rows = with_recorded(rows, SHOT_FROM, SHOT, VOLTS)
    runs = run_all(PumpDetector(PUMP), rows, until=END)
    return [(r.started, r.ended) for r in runs]


def test_a_shot_whose_ramp_a_heaters_fall_cut_is_read() -> None:
    """The pump alone after the brew heater's fall: the stop pairs, the shot counts."""
    runs = _runs(pump=True)
    assert len(runs) == 1
    assert runs[0][0] == pytest.approx(SHOT_FROM, abs=2.0)
    assert runs[0][1] == pytest.approx(SHOT_FROM + 27.6, abs=2.0)


def test_the_brew_heaters_cycles_without_the_pump_are_no_run() -> None:
    """The brew heater alone on and off: no run."""
    assert _runs(pump=False) == []
