"""A slow PID's bursts read every 5 s: a find passing its checks by a hair after refused ones is refused (pure).

Averaged over 5 s, a slow PID's heater bursts read as clean pump-sized
pulses all day; the pattern finds "backflushes" in them that the checks
refuse, and now and then one passes. One simulated machine (ten days of
ordinary use, no backflush), replayed as the recognition bench does:
without ``RefusedLately`` a backflush is invented.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    REFUSED_SECONDS,
    RefusedLately,
)

from .sim_replay import invented_backflushes


def test_no_backflush_invented_from_a_slow_pids_bursts() -> None:
    assert (
        invented_backflushes("pid_slow", "rotary", "periodic_5", 20_200_036, 10) == []
    )


def test_a_refusal_makes_doubtful_only_what_follows_it_within_the_hour() -> None:
    refused = RefusedLately()
    assert not refused.before(1000.0)
    refused.note(1000.0)
    assert refused.before(1000.0 + REFUSED_SECONDS)
    assert not refused.before(1000.0 + REFUSED_SECONDS + 1)
    assert not refused.before(999.0)  # a find begun before it
    refused.note(1000.0 + 2 * REFUSED_SECONDS)  # the first one forgotten
    assert not refused.before(1000.0 + REFUSED_SECONDS)


def test_nor_from_one_whose_refusals_come_every_hour_or_two() -> None:
    """Fifty days of ordinary use; the find that passed came 72 min after a refused one."""
    assert (
        invented_backflushes("pid_slow", "vibratory", "periodic_5", 22_010_006, 50)
        == []
    )
