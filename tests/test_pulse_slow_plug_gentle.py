"""Every 5 s, a find no refusal preceded stands among a heater's odd readings (pure).

The checks tuned against a slow PID's bursts (odd readings 1.5 %, a spread
of 0.03 pump steps) refused a third of a thermostat's true backflushes read
every 5 s; where no find was refused in the two hours before, it stands up
to ``gentle_enough``'s limits. One simulated thermostat, replayed as the
recognition bench does: without the rule its backflush (a pulse missed, one
weak) is refused.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    GENTLE_ODD_SHARE,
    GENTLE_SPREAD,
    STRAYED_ODD_SHARE,
    gentle_enough,
)

from .sim_replay import invented_backflushes, recognized_backflush


def test_a_backflush_on_a_quiet_thermostat_stands_the_gentler_checks() -> None:
    recognized_backflush("thermostat", "vibratory", "periodic_5", 20_300_008)


def test_gentle_limits() -> None:
    assert gentle_enough(GENTLE_ODD_SHARE, GENTLE_SPREAD, 4, 8)
    assert not gentle_enough(GENTLE_ODD_SHARE + 0.001, 0.0, 0, 8)
    assert not gentle_enough(STRAYED_ODD_SHARE + 0.001, GENTLE_SPREAD + 0.001, 0, 8)
    assert not gentle_enough(0.0, 0.0, 5, 8)  # mostly single readings: a PID's bursts


def test_nor_a_slow_pids_bursts_read_in_single_readings() -> None:
    """Fifty days of ordinary use; a find among little noise, six of its pulses single readings."""
    assert (
        invented_backflushes("pid_slow", "vibratory", "periodic_5", 7_010_016, 50) == []
    )
