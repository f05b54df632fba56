"""A slow plug's series may lack a pulse in the pause after its first one (pure).

Every 5 s a pulse now and then reads as nothing at all (under a heater's
edge, averaged into the readings around it), and where it was the second
of its series the pause after the first pulse reads 24-28 s, over
``pause_max``: the series closed with one pulse and its next pulses made
flushes. From the second pulse on such a pause already counts a pulse
missed (``gap_max``); a lone first pulse read sure, up to ``first_gap_max``
(``SLOW_FIRST_GAP``) before the next, is now held as the head of the series
begun there, which takes it back with a pulse counted missed (the
backflush's one) if it is short without it. A faster plug's does not.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import POWER_RULES

from .pattern_runs import rules_read_every
from .pulse_traces import quiet_then, recognize, runs_of
from .sim_replay import backflush_days, read_over

# Four pulses with cleaner, a rinse of two and a half minutes, then three
# with water: the second of the rinse never read, 26 s between the first two.
CLEANER = [(8, 10)] * 3 + [(8, 150)]
RINSE = [(8, 26), (8, 10), (8, 60)]
RUNS = runs_of([*CLEANER, *RINSE], 600)


def test_a_rinse_series_missing_its_second_pulse_every_5_s() -> None:
    (found,) = recognize(quiet_then(RUNS, every=5.0))
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 3, 1)
    assert found.weak == 0


def test_the_same_pause_every_second_is_no_backflush() -> None:
    assert recognize(quiet_then(RUNS, every=1.0)) == []


def test_a_simulated_rinse_series_missing_its_second_pulse() -> None:
    """Bench seed 20,250,449 at 15,320 s, a dual boiler with a 184 W rotary pump.

    The rinse's four pulses read 612.5 s (12.1 s), 648.6 s and 674.4 s after
    the backflush began: the second (629.2 s, 6.0 s long) never read, a pause
    of 24.0 s after the first; the cleaner's four read whole.
    """
    truth, found = backflush_days("dual_boiler", "rotary", "periodic_5", 20_250_449)
    (missed,) = [(s, e) for s, e in truth if 15_300 < s < 15_400]
    (recognized,) = [t for t in found if read_over([t], *missed)]
    assert (recognized.rinse_pulses, recognized.missed) == (3, 1)


def test_only_a_slow_plug_waits_longer_after_a_first_pulse() -> None:
    assert rules_read_every(5.0).first_gap_max > rules_read_every(5.0).pause_max
    assert rules_read_every(1.0).first_gap_max == 0.0
    assert POWER_RULES.first_gap_max == 0.0
