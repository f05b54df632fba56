"""On a fast plug, a weak pulse the pump detector saw as a run of its own is sure (pure).

A heater that comes on with a pulse (a boiler refilling as the pump draws
water) leaves the pulse read only in its band, never framed in it: weak, and
two such in a series were too many. The detector pairs the pump's own step
there and times such a pulse as a run of its own; a shot a heater cut up is
one run over its pieces to it. So a run of ``pulse_min`` to
``CONFIRMED_RUN_MAX`` s over one weak pulse alone makes it sure, as a frame
does (and a run longer than two pulses still refuses it, as it does framed
ones). Readings as in ``test_pulse_train_framed``.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pulses.constants import (
    CONFIRMED_RUN_MAX,
    LONG_RUN_FAST,
)

from .pulse_traces import WEAK_PATTERN, quiet_then, recognize, runs_of

RUNS = runs_of(WEAK_PATTERN, 600)
LEARN = [(100, 160), (300, 360)]  # the heater seen twice before: learned
MAINS = 230.0
WEAK = (1, 2, 5, 6)  # two pulses of each series read only above the heater
# The heater on with each of those pulses' start, to 6 s after its end.
HEATERS = [*LEARN, *((RUNS[i][0], RUNS[i][1] + 6) for i in WEAK)]
READINGS = quiet_then(RUNS, every=2.0, heaters=HEATERS, phase=0.0)


def told(*spans: tuple[float, float]) -> list[tuple[float, float, float]]:
    """The detector's runs, each told 4 s after it ended."""
    return [(ended + 4, started, ended) for started, ended in spans]


def seen(i: int) -> tuple[float, float]:
    """Pulse ``i`` as the detector times it: half a second late at each edge."""
    started, ended = RUNS[i]
    return started + 0.5, ended + 0.5


def test_unconfirmed_two_weak_in_a_series_are_too_many() -> None:
    """What the rule is for."""
    assert recognize(READINGS, volts=MAINS) == []


def test_weak_pulses_the_detector_saw_alone_are_sure() -> None:
    runs = told(*(seen(i) for i in WEAK))
    (found,) = recognize(READINGS, volts=MAINS, told=runs)
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 4)
    assert found.weak == 0


def test_one_confirmed_in_each_series_is_enough() -> None:
    """One weak pulse a series may hold: the other confirmed, it stands."""
    (found,) = recognize(READINGS, volts=MAINS, told=told(seen(1), seen(5)))
    assert found.weak == 2


def test_a_run_over_two_pulses_confirms_neither() -> None:
    """Two pulses merged in one run: a shot's pieces look so to the detector."""
    merged = (seen(1)[0], seen(2)[1])
    assert merged[1] - merged[0] <= CONFIRMED_RUN_MAX + 10
    runs = told(merged, (seen(5)[0], seen(6)[1]))
    assert recognize(READINGS, volts=MAINS, told=runs) == []


def test_a_run_too_long_for_a_pulse_confirms_nothing() -> None:
    """Here 19 s, from halfway through the pause before to halfway through the one after."""
    wide = [(RUNS[i][0] - 5.5, RUNS[i][1] + 5.5) for i in WEAK]
    assert all(e - s > CONFIRMED_RUN_MAX for s, e in wide)
    runs = told(*wide)
    assert recognize(READINGS, volts=MAINS, told=runs) == []


def test_a_long_run_the_detector_saw_still_refuses_them() -> None:
    """Over the find (here its first pulse), not over the pulses confirmed."""
    shot = (RUNS[0][1] - LONG_RUN_FAST - 5, RUNS[0][1])
    runs = told(*(seen(i) for i in WEAK))
    assert recognize(READINGS, [shot], volts=MAINS, told=runs) == []


@pytest.mark.parametrize("every", [5.0])
def test_not_on_a_slow_plug(every: float) -> None:
    """A slow plug's runs are timed a reading or two off: no confirmation there."""
    pattern = [(10, 15)] * 3 + [(10, 120)] + [(10, 15)] * 3 + [(10, 60)]
    runs = runs_of(pattern, 600)
    heaters = [*LEARN, *((runs[i][0], runs[i][1] + 5) for i in (1, 2, 3, 5, 6, 7))]
    assert recognize(quiet_then(runs, every=every, phase=0.0), volts=MAINS) != []
    reports = quiet_then(runs, every=every, heaters=heaters, phase=0.0)
    spans = told(*((runs[i][0], runs[i][1]) for i in (1, 2, 3, 5, 6, 7)))
    assert recognize(reports, volts=MAINS, told=spans) == []
