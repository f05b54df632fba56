"""A dual boiler's shot that started as its brew heater handed over to the steam heater.

With brew priority the steam heater waits while the brew heater is on and
comes on as it goes off: a pump started then rises in the same edge as that
hand-over. When the steam heater later falls in the shot, the pump's level
is the level before the rise and the steam heater's size; that level still
held the brew heater, gone in the rise, so the pump's fall read about a
kilowatt short of its step and the run was dropped (dev seed 22,000,049
every second, a 162 W rotary pump, heaters of 963 and 1,259 W: 997, 1,050,
1,301, 1,394, 1,510, 1,467 W, the steam heater's fall to 170 W, then 169,
978 W, the pump's stop as the brew heater came on again; an 18.4 s shot
lost).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

PUMP = 162.0
BREW = 990.0
STEAM = 1293.0


def _runs(pieces: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    power = [*dual_boiler_heaters(STEAM, BREW), *pieces]
    rows = periodic(power, 1300.0, noise=1.0, seed=4, volts=230.0)
    runs = run_all(PumpDetector(PUMP), rows, until=1300.0)
    return [(r.started, r.ended) for r in runs]


def test_a_shot_started_in_a_hand_over_pairs_its_stop() -> None:
    """The brew heater to 1,151.4, the steam heater then to 1,163.0, the pump 1,152.7-1,171.1: one shot."""
    runs = _runs(
        [
            (1137.0, 1151.4, BREW),
            (1151.4, 1163.0, STEAM),
            (1152.7, 1171.1, PUMP),
            (1171.1, 1185.0, BREW),
        ]
    )
    shots = [r for r in runs if r[1] - r[0] > 15.0]
    assert len(shots) == 1
    assert shots[0][0] == pytest.approx(1152.7, abs=2.0)  # (dated in the hand-over)
    assert shots[0][1] == pytest.approx(1171.1, abs=1.5)


def test_the_hand_over_and_back_with_no_pump_is_no_run() -> None:
    """The same heaters handing over and back without the pump: no run."""
    runs = _runs(
        [
            (1137.0, 1151.4, BREW),
            (1151.4, 1163.0, STEAM),
            (1171.1, 1185.0, BREW),
        ]
    )
    assert runs == []
