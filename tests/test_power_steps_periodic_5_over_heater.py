"""A heat exchanger's shot over its heater, read every 5 s (``_over_heater``).

The pressurestat switched the heater on with the shot and off with it: one
rise and one fall of the heater and a vibratory pump's step together, the
step 4 % of the heater, within what the decoder lets the mains move a
heater's learnt size. The heater's short cycles around the shot, each read
whole in one reading, read its size at the volts of the shot: the plateau
stands the pump's step over both, and the detector counts the shot.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import run_all
from .sim_replay import corpus_spec, retried_shots

STANDBY = 3.0
HEATER = 1193.0
PUMP = 48.3


def _cycle(level: float) -> list[float]:
    """A heater's short cycle: a partial reading, one whole, a partial, the standby."""
    return [0.8 * level, level, 0.15 * level, *[STANDBY] * 6]


def _rows(plateau: float) -> list[tuple[float, float, None]]:
    watts = [STANDBY] * 20
    for _ in range(4):
        watts += _cycle(HEATER)
    watts += [0.4 * plateau, plateau, plateau - 4.0, plateau - 1.0, 0.78 * plateau]
    watts += [STANDBY] * 5
    for _ in range(3):
        watts += _cycle(HEATER - 2.0)
    watts += [STANDBY] * 10
    return [(5.0 * i, w, None) for i, w in enumerate(watts)]


def _shots(plateau: float) -> list[tuple[float, float]]:
    runs = run_all(PumpDetector(PUMP), _rows(plateau))
    return [(r.started, r.ended) for r in runs if r.ended - r.started >= 15.0]


def test_heater_and_pump_plateau_between_heater_cycles_is_a_shot() -> None:
    shots = _shots(HEATER + PUMP + STANDBY)
    assert len(shots) == 1
    started, ended = shots[0]
    # The rise's reading is #56 (ends at 280 s), the fall's #60 (300 s).
    assert started == pytest.approx(277.5)
    assert ended == pytest.approx(297.5)


def test_without_the_rule_the_shot_is_missed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule is what reads it (the edges and the decoder do not)."""
    monkeypatch.setattr(
        PumpDetector, "_over_heater", lambda self, times, watts, counted: []
    )
    assert _shots(HEATER + PUMP + STANDBY) == []


def test_heater_plateau_alone_is_no_shot() -> None:
    assert _shots(HEATER + STANDBY) == []


def test_a_shot_read_from_the_pump_alone_is_no_held_level() -> None:
    """Extra dev seed 154,000,013 (a dual boiler, a 192 W rotary pump): 1,025, 143, 195, 196, 1,020, 1,214, 1,214 W.

    The brew heater's cycle, the pump alone (its start in the heater's tail
    reading, 143 W), then the brew heater and the pump. Read from the pump's
    whole readings alone, the run's median was a heater's partial reading,
    taken as the brew heater's held level, and the shot of 2,534.5-2,564.3 s
    was lost; the level over the heater is read from the readings with a
    heater's share only.
    """
    spec = corpus_spec("dual_boiler", "periodic_5", 154000013)
    (shot,) = retried_shots(spec, 2530.0, 2570.0)
    assert shot[0] == pytest.approx(2534.5, abs=1.0)
    assert shot[1] == pytest.approx(2564.3, abs=2.5)
