"""A heat exchanger's long shot over its heater whose readings wander by the mains (``heater_anchor._agree_held``).

Dev seed 20,000,012 (a vibratory pump calibrated 67.4 W): six readings of
the heater and the pump, 1,310-1,319 W, between a partial rise and a
partial fall; the heater's short cycles alone about 1,250 W either side.
Agreeing with the first within 0.6 % (7.9 W), the readings broke into a
plateau of four and one of two, each refused: a 40.0 s shot lost. A
plateau of three fresh readings or more agrees within 1 % (13.2 W).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power import heater_anchor
from custom_components.espresso_care.signals.power.pump import slow_plug
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import run_all

PUMP = 67.4
HEATER = 1250.0  # with the standby
PLATEAU = HEATER + PUMP
LONG = [PLATEAU, PLATEAU + 7.0, PLATEAU + 5.0, PLATEAU + 4.0, PLATEAU + 9.0]


@pytest.fixture(autouse=True)
def _plateau_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plateau's rule alone: ``_pump_first_one_fall`` reads these readings from their ends.

    The pump's partial reading before the heater's rise, the heater read
    whole lately and one partial reading at the fall make them a shot to
    that rule too, which dates it from the pump's first reading (358.3 s);
    off, the plateau is read as ``heater_anchor`` alone reads it.
    """
    monkeypatch.setattr(slow_plug._SlowPlug, "_pump_first_one_fall", lambda self: [])


def _idle(n: int) -> list[float]:
    return [3.0 + k % 2 for k in range(n)]


def _cycle(peak: float) -> list[float]:
    """A heater's short cycle: a partial reading, one whole, a partial, the standby."""
    return [0.5 * peak, peak, 0.4 * peak, *_idle(10)]


def _shots(plateau: list[float]) -> list[tuple[float, float]]:
    watts = _idle(20)
    for peak in (HEATER - 2.0, HEATER, HEATER - 2.0, HEATER + 1.0):
        watts += _cycle(peak)
    watts += [28.0, 310.0, *plateau, 490.0, *_idle(8)]
    watts += [*_cycle(HEATER + 2.0), *_cycle(HEATER), *_idle(10)]
    rows = [(5.0 * i, w, None) for i, w in enumerate(watts)]
    runs = run_all(PumpDetector(PUMP), rows)
    return [(r.started, r.ended) for r in runs if r.ended - r.started >= 15.0]


def test_long_plateau_wandering_a_percent_is_a_shot() -> None:
    shots = _shots([*LONG, PLATEAU + 4.0])
    assert len(shots) == 1
    started, ended = shots[0]
    # The rise's reading is #73 (ends at 365 s), the fall's #80 (400 s).
    assert started == pytest.approx(362.5)
    assert ended == pytest.approx(397.5)


def test_without_the_rule_the_plateau_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Agreeing as ``_agree`` allows, the readings are two plateaus, each refused."""
    monkeypatch.setattr(heater_anchor, "_agree_held", heater_anchor._agree)
    assert _shots([*LONG, PLATEAU + 4.0]) == []


def test_short_plateau_agrees_as_before() -> None:
    """Two fresh readings and a repeat: a partial reading is not taken in."""
    assert _shots([PLATEAU + 11.0, PLATEAU, PLATEAU]) == []


def test_heater_alone_wandering_is_no_shot() -> None:
    assert _shots([w - PUMP for w in [*LONG, PLATEAU + 4.0]]) == []


def test_read_from_its_ends_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``_pump_first_one_fall`` on, the shot is read once, from the pump's first reading."""
    monkeypatch.undo()
    shots = _shots([*LONG, PLATEAU + 4.0])
    assert len(shots) == 1
    assert shots[0][0] == pytest.approx(358.3, abs=0.1)
