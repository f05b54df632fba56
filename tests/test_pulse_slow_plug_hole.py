"""A heater's switching inside a 5 s plug's series is a hole, not a shot (pure).

Every 5 s, readings a heater's edge left unexplained make the pulses and
pauses around them one piece longer than a pulse; read with no clean
reading, it neither makes a pulse nor breaks the series (``heater_hole``).
One simulated thermostat, replayed as the recognition bench does: without
the rule its hand-made backflush is not recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import heater_hole

from .sim_replay import recognized_backflush


def test_a_backflush_read_through_a_heaters_hole() -> None:
    found = recognized_backflush("thermostat", "vibratory", "periodic_5", 20_100_000)
    # Every true pulse (4 and 5): ``heater_split`` reads apart the rinse
    # series' piece a heater's stretch had made too long for a pulse.
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 5)


def test_only_a_long_piece_never_read_clean_with_unexplained_readings() -> None:
    long, short = 20.0, 10.0
    assert heater_hole(on_seconds=long, clean=False, unknown=5.0, pulse_max=16.0)
    # A shot begun with no heater on reads clean: it still breaks the series.
    assert not heater_hole(on_seconds=long, clean=True, unknown=5.0, pulse_max=16.0)
    # Every reading explained (a heater's band held): a shot above the heater.
    assert not heater_hole(on_seconds=long, clean=False, unknown=0.0, pulse_max=16.0)
    # As short as a pulse: the weak pulse's rules, not this one's.
    assert not heater_hole(on_seconds=short, clean=False, unknown=5.0, pulse_max=16.0)
