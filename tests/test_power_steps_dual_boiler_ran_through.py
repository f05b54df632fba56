"""A dual boiler's shot on change whose brew heater's rise was unsure, the pump seen alone at its start and at its stop.

Where the steam heater draws about the brew heater and a rotary pump, the
brew heater coming on beside a running pump fits the pump stopping as the
steam heater came on as well: unsure, and the run was dropped at its fall
(dev seed 24,000,023 on change, brew heater 1,076 W, pump 135 W, steam
heater 1,233 W: 4, 143 W for 12 s, then 1,226 W; 35 s later 787, 136,
49, 4 W, a 50 s shot lost; 21,000,007 alike). The fall shows the pump
alone between the heater's fall and its own (two switchings, one of them
the pump's): it ran until then, so the rise between was the brew heater
beside it.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, on_change_plug, run_all

ROTARY = 135.0
BREW = 1076.0
STEAM = BREW + ROTARY + 5.0  # (within a few watts: the sizes tell nothing)


def _runs(power: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    rows = [(at, watts, 230.0) for at, watts in on_change_plug(power, 1500.0)]
    runs = run_all(PumpDetector(ROTARY), rows, until=1500.0)
    return [(r.started, r.ended) for r in runs]


def test_a_shot_seen_alone_at_both_ends_is_read_through_an_unsure_rise() -> None:
    """The pump 1,200.3-1,251.1, the brew heater 1,212.8-1,249.6 beside it: one shot."""
    runs = _runs(
        [
            *dual_boiler_heaters(STEAM, BREW),
            (1200.3, 1251.1, ROTARY),
            (1212.8, 1249.6, BREW),
        ]
    )
    assert len(runs) == 1
    assert runs[0][0] == pytest.approx(1200.3, abs=1.0)
    assert runs[0][1] == pytest.approx(1251.1, abs=1.0)


def test_a_flush_then_the_steam_heaters_cycle_is_no_shot() -> None:
    """A flush 1,200.3-1,212.8, the steam heater 1,212.8-1,251.1 after it: no shot."""
    runs = _runs(
        [
            *dual_boiler_heaters(STEAM, BREW),
            (1200.3, 1212.8, ROTARY),
            (1212.8, 1251.1, STEAM),
        ]
    )
    assert not [r for r in runs if r[1] - r[0] > 15.0]
