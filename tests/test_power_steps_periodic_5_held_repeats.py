"""A heat exchanger's shot whose plateau repeats to the watt, read every 5 s (``heater_anchor._held_readings``).

Dev seed 23,000,028 (standby 3-4 W, a vibratory pump calibrated 52.1 W):
the heater's short cycles alone read about 1,428 W, then a shot over the
heater, 534, 534, three readings of one level read to the watt, 443 W. A
repeat is marked stale (it may be a meter's missed measurement), but the
plateau held its level through it: three readings of the heater and the
pump, a shot.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power import heater_anchor
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import run_all

PUMP = 52.1
HEATER = 1428.0  # with the standby
PLATEAU = HEATER + PUMP + 3.0


def _idle(n: int) -> list[float]:
    return [3.0 + k % 2 for k in range(n)]


def _cycle(peak: float) -> list[float]:
    """A heater's short cycle: a partial reading, one whole, a partial, the standby."""
    return [0.5 * peak, peak, 0.4 * peak, *_idle(10)]


def _shots(shot: list[float]) -> list[tuple[float, float]]:
    watts = _idle(20)
    for peak in (HEATER - 2.0, HEATER, HEATER - 2.0, HEATER + 1.0):
        watts += _cycle(peak)
    watts += [*shot, *_idle(8), *_cycle(HEATER + 2.0), *_cycle(HEATER), *_idle(10)]
    rows = [(5.0 * i, w, None) for i, w in enumerate(watts)]
    runs = run_all(PumpDetector(PUMP), rows)
    return [(r.started, r.ended) for r in runs if r.ended - r.started >= 15.0]


def test_plateau_read_to_the_watt_three_times_is_a_shot() -> None:
    shots = _shots([534.0, 534.0, PLATEAU, PLATEAU, PLATEAU, 443.0])
    # The rise's reading is #73 (ends at 365 s), the fall's #77 (385 s).
    assert len(shots) == 1
    started, ended = shots[0]
    assert started == pytest.approx(362.5)
    assert ended == pytest.approx(382.5)


def test_without_the_rule_the_repeats_are_no_plateau(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counting its fresh readings only (here one), the plateau is none: no shot."""
    monkeypatch.setattr(heater_anchor, "_held_readings", lambda i, j: 1)
    assert _shots([534.0, 534.0, PLATEAU, PLATEAU, PLATEAU, 443.0]) == []


def test_two_readings_read_to_the_watt_are_no_shot() -> None:
    """Two whole readings of the heater and the pump may be a 10-14 s run."""
    assert _shots([534.0, 534.0, PLATEAU, PLATEAU, 443.0]) == []


def test_heater_alone_read_to_the_watt_is_no_shot() -> None:
    assert _shots([534.0, 534.0, HEATER, HEATER, HEATER, 443.0]) == []
