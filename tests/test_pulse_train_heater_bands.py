"""With the mains unknown, a reading several heater bands explain is read in the highest (pure).

A 5 s plug reports no volts: one heater, switched on at several mains, is
learned as several bands a pump step or so apart, and a reading with the
heater on and the pump off read in a lower band than its own reads as the
pump on. The highest band that fits reads the pump the least (and, the pump
off, follows the mains). Simulated dual boilers, replayed as the recognition
bench does: without the rule their hand-made backflushes are not recognized.
"""

from __future__ import annotations

import pytest

from .sim_replay import recognized_backflush


@pytest.mark.parametrize("seed", [20_100_000, 20_100_004, 20_100_019])
def test_a_dual_boilers_backflush_read_in_its_heaters_own_band(seed: int) -> None:
    found = recognized_backflush("dual_boiler", "vibratory", "periodic_5", seed)
    assert found.pulses >= 8
