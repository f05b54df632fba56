"""A pulse read from power shorter than a backflush pulse neither makes nor breaks one (pure).

A slow PID's burst read as a reading or two of the pump's size (2-2.5 s of
on-time at 1-2 s) between the cleaner and the rinse series would end the
cleaner series' wait as a shot does; it is remembered (the quiet rule counts
it), no more. Readings as in ``test_pulse_train``.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import POWER_RULES

from .pulse_traces import BACKFLUSH, quiet_then, recognize, runs_of

RUNS = runs_of(BACKFLUSH, 600)
RINSE_AT = 5  # the rinse series' first pulse


def test_a_short_pulse_in_the_rinse_pause_does_not_cancel_the_cleaner() -> None:
    on = (2.0 + POWER_RULES.pulse_min) / 2  # above noise, short of a pulse
    blip_at = RUNS[RINSE_AT - 1][1] + 60
    blip = (blip_at, blip_at + on)
    (found,) = recognize(quiet_then(sorted([*RUNS, blip]), every=1.0))
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)


def test_nor_one_in_a_pause_of_the_series() -> None:
    on = (2.0 + POWER_RULES.pulse_min) / 2
    blip_at = RUNS[1][1] + 3.5
    assert blip_at + on + 3 < RUNS[2][0]
    (found,) = recognize(
        quiet_then(sorted([*RUNS, (blip_at, blip_at + on)]), every=1.0)
    )
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)
