"""A piece a heater switched in is its edge, not noise, every 5 s (pure).

A heat exchanger's heater coming on as a pulse ends leaves a reading no
band explains, a heater's step above the level, and a piece too short for
a pulse (or weak) before it: noted as noise, a few such refused the
backflush by the odd readings' share (``heater_switched``; found on seed
20,250,406, the bench seed's; a simulated thermostat replayed as the
recognition bench does).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    heater_switched,
)

from .sim_replay import recognized_backflush

PUMP = 53.0  # a small vibratory pump (W)
HEATER_MIN = 3 * PUMP  # a heater's least step (W)


def test_only_a_reading_a_heaters_step_up_is_a_heater_switching() -> None:
    assert heater_switched(1216.0, HEATER_MIN)
    # A slow PID's burst averaged over a reading: a pump's step or two up.
    assert not heater_switched(1.5 * PUMP, HEATER_MIN)
    # No reading of the piece unexplained.
    assert not heater_switched(0.0, HEATER_MIN)


def test_a_backflush_read_among_a_heaters_edges() -> None:
    # Pieces beside the heater's edges were noted as noise before. (The
    # bench seed's heat exchanger 20,250,406 at 37,053 s, where the rule was
    # found, is refused since its bands are learned as ``heater_pair`` and
    # ``heater_follows`` have them: its heater's cycles count against it.)
    found = recognized_backflush("thermostat", "vibratory", "periodic_5", 20_100_004)
    assert found.pulses >= 8
