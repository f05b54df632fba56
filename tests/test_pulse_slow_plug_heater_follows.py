"""Every 5 s, a heater's band follows the mains only with readings near it (pure).

A reading in a heater's band with the pump off moves the band toward it (the
heater's power follows the mains). Every 5 s, a reading well below the band
is the heater switching inside the reading: such readings dragged a heat
exchanger's band down by 300 W in a day, and it read the pump on where it
was off (``heater_follows``). A simulated heat exchanger, replayed as the
recognition bench does: without the rule its hand-made backflush is not
recognized.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import (
    OFF_FRACTION,
    heater_follows,
)

from .sim_replay import recognized_backflush


def test_a_backflush_read_in_a_heaters_band_kept_up() -> None:
    found = recognized_backflush(
        "heat_exchanger", "vibratory", "periodic_5", 20_100_001
    )
    assert found.pulses >= 8


def test_only_readings_near_the_band_move_it() -> None:
    assert heater_follows(0.0)
    assert heater_follows(-OFF_FRACTION)
    assert heater_follows(0.15)
    # The heater switching off (or on) inside the reading.
    assert not heater_follows(-0.3)
