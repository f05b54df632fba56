"""A peak beside a heater's level is no heater read alone (``heater_anchor._level_beside``).

Dev seed 26,000,044 (a heat exchanger, standby 3 W, a vibratory pump
calibrated 61.9 W): a shot over the heater (1,459-1,466 W), then a flush in
the heater's next cycle: 342, 1,440, 1,385, 1,378, 1,218 W. The 1,440 W
reading is one reading over both its neighbours, as a short cycle's peak
is, but the readings after it hold the heater's level: the heater was on
through them too, so the peak held it and the flush's pump. Taken as the
heater alone, it stood 0.63 of a step over the heater read before the shot
(1,401 W), the anchors disagreed, and a 29.2 s shot was lost.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power import heater_anchor
from custom_components.espresso_care.signals.power.heater_anchor import over_heater

PUMP = 48.3
BASE = 3.0

# A heater cycle read whole in one reading, the standby, the shot (a partial
# rise, three readings of the heater and the pump, a partial fall), the
# standby, then the heater's next cycle with a flush in its first reading.
BEFORE = [3.0, 977.0, 1196.0, 175.0, 3.0, 3.0, 2.0]
SHOT = [486.0, 1244.0, 1240.0, 1243.0, 967.0]
FLUSHED = [2.0, 2.0, 3.0, 3.0, 3.0, 417.0, 1240.0, 1192.0, 1190.0, 251.0, 3.0]


def _runs(rows: list[float]) -> list[tuple[float, float]]:
    times = [1000.0 + 5.0 * i for i in range(len(rows))]
    return over_heater(times, rows, base=BASE, pump=PUMP, period=5.0, after=0.0)


def test_peak_beside_the_heaters_level_is_no_anchor() -> None:
    """The level after the flushed peak reads the heater: the shot stands a step over it."""
    runs = _runs([*BEFORE, *SHOT, *FLUSHED])
    assert len(runs) == 1
    started, ended = runs[0]
    assert started == pytest.approx(1032.5)
    assert ended == pytest.approx(1052.5)


def test_without_the_rule_the_flushed_peak_is_taken_for_the_heater(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The peak 44 W over the heater read before: the anchors disagree, no shot."""
    monkeypatch.setattr(heater_anchor, "_level_beside", lambda *args, **kwargs: False)
    assert _runs([*BEFORE, *SHOT, *FLUSHED]) == []


def test_heater_alone_beside_a_flushed_peak_is_no_shot() -> None:
    assert _runs([*BEFORE, 486.0, 1196.0, 1193.0, 1195.0, 967.0, *FLUSHED]) == []


def test_short_cycles_peak_is_still_an_anchor() -> None:
    """A peak between two partial readings (no level beside it) reads the heater."""
    after = [2.0, 2.0, 3.0, 3.0, 3.0, 417.0, 1189.0, 251.0, 3.0]
    assert len(_runs([*BEFORE, *SHOT, *after])) == 1
