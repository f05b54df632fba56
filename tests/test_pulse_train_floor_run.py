"""At 2 s, a run the detector saw through readings at the plug's floor is none (pure).

The pump detector now and then pairs a pulse's rise with a later pulse's
fall across a heater's stretch (a 136 s "shot" through a dual boiler's
rinse pause on the bench seed; a heat exchanger's two pulses 8 s apart as
one run of 31 s): a run through ``FLOOR_READINGS`` readings in a row at the
plug's floor (the pump off, nothing on), which the train takes for none
rather than a shot cut up. A shot whose part the train reads as the pump
off in a heater's band has no such readings: its run stands. Only at 2 s:
the 1 s plug, at its target, keeps its rules. Readings as in
``test_pulse_train``.
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized
from custom_components.espresso_care.signals.power.pulses.constants import (
    FLOOR_READINGS,
    SHOT_COVERED,
)

from .pulse_traces import BACKFLUSH, quiet_then, recognize, runs_of

LEARN = [(100, 160), (300, 360)]  # the heater seen twice before: learned
PLAIN = runs_of(BACKFLUSH, 600)
# The detector's run from the cleaner's fourth pulse to the rinse's first,
# through the rinse pause: a "shot" mostly unread by the pulses.
ACROSS = (PLAIN[3][0], PLAIN[5][1])


def across(every: float) -> list[Recognized]:
    """A plain backflush, the run across its rinse pause told 4 s after it ended."""
    reports = quiet_then(PLAIN, every=every)
    return recognize(reports, told=[(ACROSS[1] + 4, *ACROSS)])


def test_the_run_would_refuse_it() -> None:
    covered = PLAIN[3][1] - PLAIN[3][0] + PLAIN[4][1] - PLAIN[4][0] + 9
    assert covered < SHOT_COVERED * (ACROSS[1] - ACROSS[0])
    assert across(1.0) == []


def test_at_2_s_a_run_through_readings_at_the_floor_is_none() -> None:
    assert PLAIN[5][0] - PLAIN[4][1] > FLOOR_READINGS * 2.0
    (found,) = across(2.0)
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)


def test_not_a_run_whose_unread_part_is_in_a_heaters_band() -> None:
    """A shot's part read as the pump off in a heater's band: no reading at the floor."""
    start, end = PLAIN[0]
    shot = (start - 15, end)  # 23 s, the train read its last 8 s as a pulse
    assert end - start < SHOT_COVERED * (shot[1] - shot[0])
    told = [(end + 4, *shot)]
    plain = quiet_then(PLAIN, every=2.0, phase=0.0)
    assert len(recognize(plain, told=told)) == 1  # readings at the floor before it
    heater = [*LEARN, (start - 15, start)]
    reports = quiet_then(PLAIN, every=2.0, heaters=heater, phase=0.0)
    assert recognize(reports, told=told) == []
