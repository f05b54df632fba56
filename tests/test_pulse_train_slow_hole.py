"""A slow plug's series waits on past a heater's hole, unless the detector timed a shot there.

Every 5 s a heater switching during a series leaves a piece the pump's
share cannot be read from (``slow_plug.heater_hole``, ``merged_hole``):
neither a pulse nor a shot, but the series before it broke at the silence
it left. The train now tells the pattern (``bridge``): the series waits on
past one such hole a backflush. A simulated dual boiler, replayed as the
recognition bench does (bench seed 20,250,439 at 1,793 s: a pulse, a hole
of 28 s over two pulses, two pulses, then a whole rinse).

A shot its heater switched in reads as such a hole too, its flushes read
in the heater's band (weak): a sure flush, a weak one, the 25 s shot, a weak
one, a sure one made a "cleaner series" on an ordinary day of a dual boiler
(5,010,005 at 31,949 s). No series waits past a hole after a weak pulse.
"""

from __future__ import annotations

from bench.recognition import power_runs
from custom_components.espresso_care.signals.power.pulses import POWER_RULES

from .pattern_runs import rules_read_every
from .sim_replay import backflush_days, ordinary_window, read_over


def test_a_cleaner_series_past_a_heaters_hole_every_5_s() -> None:
    truth, found = backflush_days("dual_boiler", "rotary", "periodic_5", 20_250_439)
    (backflush,) = [(s, e) for s, e in truth if 1_700 < s < 1_900]
    (recognized,) = [t for t in found if read_over([t], *backflush)]
    assert (recognized.cleaner_pulses, recognized.missed) == (3, 1)


def test_a_shot_read_as_a_hole_makes_no_series() -> None:
    day = ordinary_window("dual_boiler", "rotary", "periodic_5", 5_010_005, 33_000.0)
    (shot,) = [r for r in day.runs if r.kind == "shot" and 31_990 < r.started < 32_000]
    assert shot.ended - shot.started > 20
    _, trained = power_runs(day)
    assert trained == []


def test_only_a_slow_plug_waits_past_a_hole() -> None:
    assert rules_read_every(5.0).holes_max == 1
    assert rules_read_every(1.0).holes_max == 0
    assert rules_read_every(2.0).holes_max == 0
    assert POWER_RULES.holes_max == 0
