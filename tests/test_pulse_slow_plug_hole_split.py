"""A heater's stretch inside a 5 s plug's pulse-sized piece that one pulse cannot span (pure).

A heat exchanger's heater switches on as the pump draws and off a few
seconds later: every 5 s, a pause in a backflush read through such a stretch
(its readings unexplained, or above the heater) takes the lower neighbour's
share, and two pulses read as one piece as short as a pulse, a pulse less in
the series. A pulse running through the stretch ran all of it and as much of
the clean readings on each side as they show; longer than a pulse, the pump
stopped inside: the sides are two pulses (``hole_split``).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses.slow_plug import hole_split

PULSE_MAX = 16.0
# (start, end, the pump's fraction or None, read with no heater on)
FELL = [(0.0, 5.0, 0.9, True)]
HEATER = [(5.0, 10.0, None, False), (10.0, 15.0, 0.7, False)]
ROSE = [(15.0, 20.0, 0.8, True)]


def test_the_stretch_is_left_out_where_one_pulse_would_be_too_long() -> None:
    # 4.5 s + 10 s + 4 s: no person's pulse is that long.
    assert hole_split([*FELL, *HEATER, *ROSE], PULSE_MAX) == [FELL, ROSE]


def test_a_pulse_that_may_have_run_through_is_kept_whole() -> None:
    # 1 s + 10 s + 1.5 s: one pulse of 12.5 s may have run through the heater.
    edges = [(0.0, 5.0, 0.2, True), *HEATER, (15.0, 20.0, 0.3, True)]
    assert hole_split(edges, PULSE_MAX) == [edges]
    # A stretch of one reading: 4.5 s + 5 s + 4 s.
    short = [*FELL, HEATER[0], (10.0, 15.0, 0.8, True)]
    assert hole_split(short, PULSE_MAX) == [short]


def test_a_stretch_at_either_end_is_kept() -> None:
    assert hole_split([*FELL, *HEATER], PULSE_MAX) == [[*FELL, *HEATER]]
    assert hole_split([*HEATER, *ROSE], PULSE_MAX) == [[*HEATER, *ROSE]]
