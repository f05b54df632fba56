"""Every 5 s, a find among next to no odd readings stands with its level strayed (pure).

A thermostat's or a dual boiler's level strays with its heater: true
backflushes with no odd reading around them were refused by a spread of
0.046-0.056 pump steps (over ``GENTLE_SPREAD``), and each refusal made the
next find within two hours doubtful too. A PID's heater that strays the
level leaves odd readings as well (1.7 % and more on ordinary days); up to
``STRAYED_ODD_SHARE`` of them the spread may reach ``STRAYED_SPREAD``. One
simulated thermostat, replayed as the recognition bench does: without the
rule its backflush at 14,644 s is refused (spread 0.050, no odd reading).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    GENTLE_SPREAD,
    STRAYED_ODD_SHARE,
    STRAYED_SPREAD,
    gentle_enough,
)

from .sim_replay import backflush_days, read_over


def test_a_backflush_on_a_thermostat_whose_level_strayed() -> None:
    truth, found = backflush_days("thermostat", "vibratory", "periodic_5", 21_000_030)
    (strayed,) = [(s, e) for s, e in truth if 14_600 < s < 14_700]
    assert read_over(found, *strayed)


def test_strayed_limits() -> None:
    assert gentle_enough(STRAYED_ODD_SHARE, STRAYED_SPREAD, 4, 8)
    # Over 1 % odd readings, the ordinary gentle limits hold.
    assert gentle_enough(STRAYED_ODD_SHARE + 0.001, GENTLE_SPREAD, 0, 8)
    assert not gentle_enough(STRAYED_ODD_SHARE + 0.001, GENTLE_SPREAD + 0.001, 0, 8)
    assert not gentle_enough(STRAYED_ODD_SHARE + 0.001, STRAYED_SPREAD, 0, 8)
    assert not gentle_enough(0.0, STRAYED_SPREAD + 0.001, 0, 8)
    assert not gentle_enough(0.0, STRAYED_SPREAD, 5, 8)
