"""Two pulses merged in a heater's readings of a 5 s plug are a hole, not a shot (pure).

Every 5 s, a pause a heater's readings hid (the pump's share above its band
read at another mains) leaves two pulses read as one piece longer than a
pulse; with readings above a heater in it and no longer than two pulses, it
neither makes a pulse nor breaks the series (``merged_hole``). One simulated
thermostat, replayed as the recognition bench does: without the rule its
hand-made backflush is not recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import merged_hole

from .sim_replay import recognized_backflush


def test_a_backflush_read_through_pulses_merged_above_the_heater() -> None:
    found = recognized_backflush("thermostat", "rotary", "periodic_5", 20_300_022)
    # Six and four of the true six and five: a piece of two merged is left out.
    assert (found.cleaner_pulses, found.rinse_pulses, found.weak) == (6, 4, 0)


def test_only_a_piece_up_to_two_pulses_long_with_a_heater_in_it() -> None:
    assert merged_hole(on_seconds=25.0, heater=True, pulse_max=16.0)
    # Read with no heater on: a shot, it breaks the series.
    assert not merged_hole(on_seconds=25.0, heater=False, pulse_max=16.0)
    # Longer than two pulses: a shot whatever the heater did.
    assert not merged_hole(on_seconds=33.0, heater=True, pulse_max=16.0)
    # As short as a pulse: a pulse's rules, not this one's.
    assert not merged_hole(on_seconds=12.0, heater=True, pulse_max=16.0)
