"""Every 5 s, a find whose odd readings are mostly its heater's cycles stands (pure).

A find leaning on two pulses or more not seen clean (``doubtful``) counts
its heat exchanger's pressurestat cycles as odd readings (``heater_cycle``);
five to nine of them in the ten minutes before refused true backflushes at
3.7-5.2 % odd readings, with next to none besides (``cycles_enough``; the
bench seed's heat exchanger 20,250,436 at 29,441 s: 7 cycles and 1 other
odd reading in 191). A slow PID's find among as many odd readings has more
of them besides its cycles (seed 20,260,420: 4 besides 2 cycles in 155).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    CYCLES_NOISE_SHARE,
    CYCLES_ODD_SHARE,
    GENTLE_SPREAD,
    cycles_enough,
    gentle_enough,
)

from .sim_replay import backflush_days, invented_backflushes, read_over


def test_cycles_limits() -> None:
    assert cycles_enough(CYCLES_ODD_SHARE, CYCLES_ODD_SHARE - CYCLES_NOISE_SHARE / 2)
    assert not cycles_enough(CYCLES_ODD_SHARE + 0.001, CYCLES_ODD_SHARE)
    assert not cycles_enough(0.04, 0.04 - CYCLES_NOISE_SHARE - 0.001)
    assert gentle_enough(0.042, GENTLE_SPREAD, 2, 8, cycles_share=0.037)
    assert not gentle_enough(0.042, GENTLE_SPREAD, 2, 8)  # cycles not told apart
    assert not gentle_enough(0.042, GENTLE_SPREAD, 5, 8, cycles_share=0.037)


def test_a_backflush_read_among_its_heaters_cycles() -> None:
    truth, trained = backflush_days(
        "heat_exchanger", "vibratory", "periodic_5", 20_250_436
    )
    assert any(s < 29_500.0 < e for s, e in truth)
    assert read_over(trained, 29_441.0, 29_831.0)


def test_nor_a_slow_pids_bursts_with_noise_besides_its_cycles() -> None:
    """Fifty days of ordinary use; a find among 3.9 % odd readings, 2.6 % besides its cycles."""
    assert (
        invented_backflushes("pid_slow", "vibratory", "periodic_5", 20_260_420, 50)
        == []
    )
