"""A shot over a heater whose cycles alone came a minute and more either side, read every 5 s (``_anchor_recent``).

A heat exchanger's pressurestat switched the heater on with the shot and off
with it: a plateau of the heater and a vibratory pump's step, the heater's
own short cycles read whole 95 s before it and 70 s after it (dev seed
24,000,052, 8,550-8,950 s: 1,321 and 1,320 W, then 1,360, 1,359, 1,359,
1,358 W beside a pump calibrated 37.4 W, then 1,309 and 1,315 W; a 25.8 s
shot lost). ``heater_anchor`` reads an anchor up to two minutes from the
plateau, but the 40 readings (200 s) the other rules keep no longer held
the cycle before once the one after was read: the plateau had no anchors
at every look. The detector keeps the last ``_ANCHOR_N`` readings for it.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump import state
from custom_components.espresso_care.signals.power.pump.constants import _RECENT_N
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import run_all

PUMP = 37.4

# Every 5 s from 0 s: the standby (2-3 W), the heater's cycle (#12-#15), the
# shot (#32-#38: the rise in part, four readings of the heater and the
# pump, the fall in two), a lost report's blip, the heater's next cycles.
WATTS = [
    *[3.0] * 12,
    *[271.0, 1321.0, 1320.0, 523.0],
    *[3.0, 2.0, 3.0, 2.0, 3.0, 2.0, 2.0, 3.0, 2.0, 3.0, 2.0, 3.0, 2.0, 3.0, 3.0, 2.0],
    *[1134.0, 1360.0, 1359.0, 1359.0, 1358.0, 1317.0, 191.0],
    *[3.0, 18.0, 3.0, 3.0, 3.0, 2.0, 2.0, 3.0, 3.0, 3.0],
    *[1309.0, 1315.0, 665.0],
    *[2.0, 2.0, 3.0, 3.0, 3.0, 3.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0, 2.0, 3.0, 3.0],
    *[2.0, 3.0, 1178.0, 1307.0, 929.0, 2.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0],
]


def _shots() -> list[tuple[float, float]]:
    rows = [(5.0 * i, w, None) for i, w in enumerate(WATTS)]
    runs = run_all(PumpDetector(PUMP), rows)
    return [(r.started, r.ended) for r in runs if r.ended - r.started >= 15.0]


def test_shot_anchored_by_cycles_far_apart_is_counted() -> None:
    shots = _shots()
    assert len(shots) == 1
    started, ended = shots[0]
    # The rise's reading (#32) ends at 160 s, the plateau's last (#36) at 180 s.
    assert started == pytest.approx(157.5)
    assert ended == pytest.approx(182.5)


def test_kept_to_the_other_rules_readings_the_shot_is_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kept to ``_RECENT_N`` readings, the plateau's two anchors are never read together."""
    monkeypatch.setattr(state, "_ANCHOR_N", _RECENT_N)
    assert _shots() == []
