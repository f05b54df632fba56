"""An excursion's unreadable tail after its pulse may hide the next one (slow plug).

Every 5 s a heater switching on as a pulse ends and off as the next one
runs leaves the readings after the first pulse unexplained or read only
in the heater's band: the pulse hidden there reads as a little more of the
first (the unknown readings take the lower neighbour), and the pause to the
pulse after it is too long for the series (bench seed 20,250,449 at
15,929 s, a dual boiler's rinse: 157 W, then 441, 1,137 and 959 W as the
second pulse of a 184 W pump ran under its 1.1 kW heater). The tail, the
readings after the excursion's last one read clean, is a dark stretch
(``BackflushRecognizer.darken``): bridged if the next pulse needs it.
"""

from __future__ import annotations

from custom_components.espresso_care.backflush_pattern import Recognized

from . import pulse_traces
from .pulse_traces import WEAK_HEATERS, quiet_then, runs_of
from .sim_replay import backflush_days, read_over

CLEANER = [(8, 10)] * 3 + [(8, 120)]
# The rinse: its second pulse (7 s) begins under the heater, on from just
# after the first pulse's end; the third comes 27 s after the first as read.
RINSE = [(8, 9), (7, 16), (8, 10), (8, 60)]
RUNS = runs_of([*CLEANER, *RINSE], 600)
HEATERS = [*WEAK_HEATERS[:2], (RUNS[4][1] + 1, RUNS[5][0] + 2)]


def recognize(heaters: list[tuple[float, float]]) -> list[Recognized]:
    return pulse_traces.recognize(quiet_then(RUNS, every=5.0, heaters=heaters))


def test_a_pulse_in_an_excursions_unreadable_tail_every_5_s() -> None:
    (found,) = recognize(HEATERS)
    assert (found.cleaner_pulses, found.rinse_pulses, found.missed) == (4, 3, 1)


def test_a_dual_boilers_rinse_under_its_heater_every_5_s() -> None:
    truth, found = backflush_days("dual_boiler", "rotary", "periodic_5", 20_250_449)
    (backflush,) = [(s, e) for s, e in truth if 15_300 < s < 15_400]
    assert read_over(found, *backflush)
