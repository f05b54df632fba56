"""A find refused for a shot over it alone makes the finds after it no doubtful (slow plug).

Every 5 s a find refused by the checks makes the next ones in two hours
doubtful (``RefusedLately``): a slow PID's bursts, refused by their odd
readings, make finds every hour or so. A thermostat's backflush refused
only because the detector timed a run over 40 s across its weak pulse
(three pulses and the heater merged: bench seed 20,250,434 at 36,261 s), its
readings still, had refused the next one, 7,077 s later, whose pulses were
all read clean and which passed the strict checks (43,656 s). Such a
refusal is no longer noted.
"""

from __future__ import annotations

from .sim_replay import backflush_days, read_over


def test_a_backflush_after_one_refused_for_a_long_run_every_5_s() -> None:
    truth, found = backflush_days("thermostat", "vibratory", "periodic_5", 20_250_434)
    (after,) = [(s, e) for s, e in truth if 43_600 < s < 43_700]
    (recognized,) = [t for t in found if read_over([t], *after)]
    assert (recognized.cleaner_pulses, recognized.rinse_pulses) == (5, 6)
