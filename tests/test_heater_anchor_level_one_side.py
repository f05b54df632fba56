"""A heater's level read alone on one side of a plateau anchors it (``heater_anchor._anchors``).

Dev seed 23,000,013 every 5 s (a dual boiler, standby 4-5 W, a rotary pump
calibrated 178 W, the steam heater alone learnt): the brew heater heats a
few readings at a time, 1,138, 1,092, 1,089 W, then the standby, then a
33.4 s shot with it: 99, 182 W of the pump alone, 289 W of the heater's rise,
1,264, 1,260, 1,261 W of both, 1,128, 878 W of their fall. The heater's
level 30 s before the shot, the standby read between, reads its size; no
heater is read alone after the shot within two minutes. Only a short
cycle's peak was taken so until now, and the shot was lost.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power import heater_anchor
from custom_components.espresso_care.signals.power.heater_anchor import over_heater

PUMP = 178.0
BASE = 4.3
HEATERS = (1325.0,)  # the steam heater, learnt (over the standby)

IDLE = [4.0, 4.0, 5.0, 4.0, 4.0, 4.0, 4.0, 5.0, 5.0, 5.0, 4.0, 4.0, 4.0, 4.0]
IDLE += [5.0, 5.0, 4.0, 4.0]
BREW_HEATER = [536.0, 1138.0, 1092.0, 1089.0, 372.0]
SHOT = [99.0, 182.0, 289.0, 1264.0, 1260.0, 1261.0, 1128.0, 878.0]
AFTER = [4.0, 5.0, 84.0, 4.0, 5.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0]
AFTER += [5.0, 5.0] + [4.0] * 12


# Every 5 s from 3,380 s: the reading the trace lost at 3,520 s is left out,
# so the shot's last readings come 5 s before the trace's.
def _runs(between: list[float]) -> list[tuple[float, float]]:
    rows = [*IDLE, *BREW_HEATER, *between, *SHOT, *AFTER]
    times = [3380.0 + 5.0 * i for i in range(len(rows))]
    return over_heater(
        times, rows, base=BASE, pump=PUMP, period=5.0, after=0.0, heaters=HEATERS
    )


def test_heaters_level_before_with_the_standby_between_anchors_a_shot() -> None:
    runs = _runs([5.0])
    assert len(runs) == 1
    started, ended = runs[0]
    assert started == pytest.approx(3500.0, abs=0.1)
    assert ended == pytest.approx(3527.5)


def test_without_the_rule_only_a_peak_anchors_one_side(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(heater_anchor, "_level_anchors", lambda *args, **kwargs: False)
    assert _runs([5.0]) == []


def test_pump_alone_between_and_no_standby_is_no_anchor() -> None:
    """The pump read on between (a run going on into the level): unsure."""
    assert _runs([102.0]) == []


def test_plateau_at_a_learnt_heaters_size_is_no_shot() -> None:
    """The plateau may be that heater's cycle alone, a pump's step over the other's level."""
    rows = [*IDLE, *BREW_HEATER, 5.0, *SHOT, *AFTER]
    times = [3380.0 + 5.0 * i for i in range(len(rows))]
    learnt = (1258.0,)
    kwargs = {"base": BASE, "pump": PUMP, "period": 5.0, "after": 0.0}
    assert over_heater(times, rows, heaters=learnt, **kwargs) == []
