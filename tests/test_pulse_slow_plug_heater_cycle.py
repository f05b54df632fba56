"""A heat exchanger's heater cycles read as weak pulses are not noise, every 5 s (pure).

Its pressurestat cycles the heater every minute or so; with the heater's
band learned a part of the pump's step off, each cycle reads as a weak
pulse, every reading in the heater's band (``heater_cycle``). Noted as
noise, a dozen of them refused the backflush after by the odd readings'
share (seed 20,250,447, the bench seed's). A find leaning on two pulses or more not seen clean (``doubtful``)
still counts them: a shot its heater cut up reads so (seed 21,000,003,
replayed as the recognition bench does).
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    doubtful,
    heater_cycle,
)

from .sim_replay import backflush_days

PUMP = 64.0  # a small vibratory pump (W)
HEATER_MIN = 3 * PUMP  # a heater's least step (W)


def test_only_a_piece_read_all_in_a_heaters_band_is_its_cycle() -> None:
    assert heater_cycle(1166.0, HEATER_MIN)
    # A reading of it with no heater on (the level, band 0): the pump's.
    assert not heater_cycle(0.0, HEATER_MIN)
    # A band a pump step or two above the level: a slow PID's bursts averaged.
    assert not heater_cycle(1.5 * PUMP, HEATER_MIN)


def test_a_find_with_two_pulses_not_seen_clean_is_doubtful() -> None:
    assert not doubtful(0, 0)
    assert not doubtful(1, 0)
    assert not doubtful(0, 1)
    assert doubtful(1, 1)
    assert doubtful(2, 0)


def _backflushes(seed: int) -> tuple[list[tuple[float, float]], list[Recognized]]:
    """A heat exchanger's eight days with six backflushes by hand: true and read."""
    return backflush_days("heat_exchanger", "rotary", "periodic_5", seed)


def test_backflushes_read_among_the_heaters_cycles() -> None:
    truth, trained = _backflushes(20_250_447)
    hit = [any(t.started <= e and s <= t.ended for t in trained) for s, e in truth]
    # Those after 28,000 s stood among a dozen cycles each, refused before.
    assert hit[2]
    assert hit[3]


def test_a_shot_the_heater_cut_up_makes_no_backflush() -> None:
    # A shot cut up by the heater's cycles, with two weak pulses and one
    # missed, read as one more backflush if the cycles were not odd there.
    truth, trained = _backflushes(21_000_003)
    assert trained
    assert all(
        any(t.started <= end and start <= t.ended for start, end in truth)
        for t in trained
    )
