"""Pulses merged across a heater's stretch of a 5 s plug, read apart where one pulse cannot span it (pure).

A heat exchanger's heater switches on for a few seconds as the pump draws:
every 5 s, a pause in a backflush falls in its readings (unexplained, each
taking the lower neighbour's share), the pump full on each side. Two pulses
read so as one piece longer than a pulse, which ``heater_split`` keeps
whole (the pump full on both sides may be a shot the heater switched in),
and ``merged_hole`` leaves out: a pulse less on each side of the pause.
Up to two pulses long (``within_two_pulses``), it is read apart where
``hole_split`` cuts it: no pulse runs through the stretch and the clean
readings on both sides. One simulated heat exchanger, replayed as the
recognition bench does: without the rule its hand-made backflush at
27,767 s is not recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    within_two_pulses,
)

from .sim_replay import backflush_days, invented_backflushes, read_over

PULSE_MAX = 16.0


def test_a_backflush_read_apart_across_a_heaters_stretch() -> None:
    _, found = backflush_days("heat_exchanger", "rotary", "periodic_5", 20_000_043)
    assert read_over(found, 27_767.5, 28_132.0)


def test_no_backflush_from_a_pid_bursts_over_two_pulses_long() -> None:
    """Read apart whatever its pieces' length, a fast PID's ordinary day made one."""
    found = invented_backflushes("pid_fast", "vibratory", "periodic_5", 20_010_008, 50)
    assert not read_over(found, 735.0, 895.0)


def test_only_pieces_up_to_two_pulses_long() -> None:
    assert within_two_pulses([20.0], PULSE_MAX)
    assert within_two_pulses([6.0, 32.0], PULSE_MAX)
    # Longer than two pulses: a shot the heater switched in, kept whole.
    assert not within_two_pulses([6.0, 33.0], PULSE_MAX)
