"""A plateau's readings may creep with the mains (``heater_anchor._drifted``).

Dev seed 23,000,020 every 5 s (a heat exchanger, standby 4-5 W, a vibratory
pump calibrated 43.9 W): a 33.3 s shot over the heater read 559, 1,263,
1,264, 1,266, 1,270, 1,269, 1,257, 731 W, the heater alone 1,210 W 50 s
before it and 1,216 W 65 s after it (the heater learnt 1,217 W). The 1,270 W reading is 7 W over the
plateau's first, past what two readings of one level agree by (6.6 W, a
0.15 share of the pump's step): the plateau ended at 1,266 W, the reading
after it stood higher (no fall), and the shot was lost.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power import heater_anchor
from custom_components.espresso_care.signals.power.heater_anchor import over_heater

PUMP = 43.9
BASE = 4.5
HEATERS = (1217.0,)  # learnt (over the standby)

# Every 5 s from 2,430 s: the reading the trace lost at 2,480 s is left out,
# so the shot's readings come 5 s before the trace's.
BEFORE = [1215.0, 1210.0, 1217.0, 1213.0, 1211.0, 1208.0, 1216.0, 955.0]
BEFORE += [5.0, 4.0, 4.0, 4.0, 4.0, 5.0, 4.0, 5.0, 4.0]
BEFORE += [1166.0, 1210.0, 236.0, 5.0, 4.0, 5.0, 4.0, 4.0, 5.0, 4.0]
SHOT = [559.0, 1263.0, 1264.0, 1266.0, 1270.0, 1269.0, 1257.0, 731.0]
AFTER = [5.0, 4.0, 5.0, 4.0, 5.0, 5.0, 4.0, 5.0, 5.0, 224.0, 224.0]
AFTER += [1217.0, 1216.0, 530.0, 4.0, 4.0, 5.0, 5.0, 4.0, 4.0, 5.0, 4.0, 4.0]


def _runs(shot: list[float]) -> list[tuple[float, float]]:
    rows = [*BEFORE, *shot, *AFTER]
    times = [2430.0 + 5.0 * i for i in range(len(rows))]
    return over_heater(
        times, rows, base=BASE, pump=PUMP, period=5.0, after=0.0, heaters=HEATERS
    )


def test_plateau_creeping_with_the_mains_is_a_shot() -> None:
    """The plateau 1,263-1,270 W stands the pump's step over the heater both sides."""
    runs = _runs(SHOT)
    assert len(runs) == 1
    started, ended = runs[0]
    assert started == pytest.approx(2562.5)
    assert ended == pytest.approx(2597.5)


def test_without_the_rule_the_plateau_ends_under_its_highest_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(heater_anchor, "_drifted", lambda *args: False)
    assert _runs(SHOT) == []


def test_a_flush_starting_in_a_heaters_level_is_no_creep() -> None:
    """A pump's step read in part and then whole is past the creep: no plateau of both."""
    heater = [559.0, 1221.0, 1222.0, 1224.0, 1228.0, 1270.0, 1269.0, 731.0]
    assert _runs(heater) == []
