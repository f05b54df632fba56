"""Two readings of one level (``heater_anchor._agree``), by comparisons alone.

The tolerance is written without ``min``/``max``/``abs`` (it runs for each
reading over a heater whenever a 5 s plug's readings settle): it must be
the documented one, ``min(max(5 W, 0.6 % of the higher), 15 % of the pump)``,
at its every bound and either way round.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.heater_anchor import _agree


def _reference(a: float, b: float, pump: float) -> bool:
    tol = min(max(5.0, 0.006 * max(a, b)), 0.15 * pump)
    return abs(a - b) <= tol


@pytest.mark.parametrize("pump", [10.0, 5.0 / 0.15, 40.0, 48.3, 1500.0])
@pytest.mark.parametrize("a", [3.0, 5.0 / 0.006, 1193.0, 2400.0])
@pytest.mark.parametrize("d", [0.0, 4.999, 5.0, 5.001, 7.158, 7.2, 7.25, 14.4, 30.0])
def test_agree_is_the_min_max_tolerance(a: float, d: float, pump: float) -> None:
    assert _agree(a, a + d, pump) == _reference(a, a + d, pump)
    assert _agree(a + d, a, pump) == _reference(a + d, a, pump)
    assert _agree(a, a - d, pump) == _reference(a, a - d, pump)


def test_a_small_pump_caps_the_tolerance_below_five_watts() -> None:
    # 15 % of a 20 W pump is 3 W: two readings 4 W apart are no level.
    assert not _agree(1000.0, 1004.0, 20.0)
    assert _agree(1000.0, 1002.9, 20.0)
