"""A reading repeating the one before is a stale meter's, perhaps (``stale_repeats``).

The decoder and ``heater_anchor`` read every stretch's repeats so; the first
reading repeats nothing it is given.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.decoder import stale_repeats


def test_each_reading_equal_to_the_one_before_is_a_repeat() -> None:
    assert stale_repeats([3.0, 3.0, 1196.0, 1196.0, 1196.0, 3.0]) == [
        False,
        True,
        False,
        True,
        True,
        False,
    ]


def test_no_readings_no_repeats() -> None:
    assert stale_repeats([]) == []
    assert stale_repeats([5.0]) == [False]
