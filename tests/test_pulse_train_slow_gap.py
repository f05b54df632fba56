"""A slow plug's short series may bridge a longer pause where a pulse hid (pure).

Every 5 s a pulse now and then reads as nothing at all, and the pulse
after the pause it hid in shows a reading late where a heater's reading
before it read dark: a series of two pulses waited ``gap_max`` (45 s) for
it and closed, so the cleaner series was none. A slow plug's series of
two pulses or more, still short of ``pulses_min``, every one read sure,
bridges up to ``SLOW_GAP_MAX`` (``PatternRules.sure_gap_max``) with a
pulse counted missed (the backflush's one). A faster plug's does not.
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import DEFAULT_RULES
from custom_components.espresso_care.signals.power.pulses import POWER_RULES

from .pattern_runs import rules_read_every
from .pulse_traces import quiet_then, recognize, runs_of
from .sim_replay import backflush_days, read_over

# Two pulses with cleaner, 48 s (a pulse hid in it), two more, a rinse of
# two and a half minutes, then five with water.
CLEANER = [(8, 10), (8, 48), (8, 10), (8, 150)]
RINSE = [(8, 10)] * 4 + [(8, 60)]
RUNS = runs_of([*CLEANER, *RINSE], 600)


def test_a_cleaner_series_missing_a_pulse_in_a_long_pause_every_5_s() -> None:
    (found,) = recognize(quiet_then(RUNS, every=5.0))
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 5, 1)
    assert found.weak == 0


def test_the_same_pause_every_second_is_no_backflush() -> None:
    assert recognize(quiet_then(RUNS, every=1.0)) == []


def test_a_simulated_cleaner_series_read_late_after_a_long_pause() -> None:
    """Bench seed 20,250,404 at 30,012 s, a thermostat with a 42 W vibratory pump.

    The cleaner's six pulses read at 0.4, 19.1, 73.4 and 88.4 s after the
    backflush began (its 39.9 s and 51.7 s pulses never read): a pause of
    47.2 s, the third pulse's first reading 52 s after the second's end,
    the reading before it a heater's, read dark. The rinse's five read whole.
    """
    truth, found = backflush_days("thermostat", "vibratory", "periodic_5", 20_250_404)
    (missed,) = [(s, e) for s, e in truth if 30_000 < s < 30_100]
    (recognized,) = [t for t in found if read_over([t], *missed)]
    assert (recognized.cleaner_pulses, recognized.missed) == (4, 1)


def test_only_a_slow_plug_bridges_the_longer_pause() -> None:
    assert rules_read_every(5.0).sure_gap_max > DEFAULT_RULES.gap_max
    assert rules_read_every(1.0).sure_gap_max == 0.0
    assert POWER_RULES.sure_gap_max == 0.0
