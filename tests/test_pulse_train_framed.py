"""On a fast plug with the mains known, a pulse read wholly in one heater's band is sure (pure).

A heater steadily on from before a pulse to after it: the readings rise from
its band (the pump off, two readings or more) and fall back to it, every one
read in it, as a pump pulse does above the pump-off level. A shot cut up by
a heater switching is bounded by the heater's edge (a band changed, a
reading unexplained, or one edge reading that happened to fall in the band),
so its pieces stay weak; and a run the detector saw longer than two pulses
refuses such pulses as it does weak ones. Readings as in ``test_pulse_train``.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pulses.constants import (
    FRAME_READINGS,
    LONG_RUN_FAST,
)

from .pulse_traces import WEAK_PATTERN, quiet_then, recognize, runs_of

RUNS = runs_of(WEAK_PATTERN, 600)
LEARN = [(100, 160), (300, 360)]  # the heater seen twice before: learned
MAINS = 230.0
# The readings end at PHASE + k * every: each pulse (whole seconds) starts a reading.
PHASE = 0.0


def around(every: float, readings: int, *indices: int) -> list[tuple[float, float]]:
    """The heater on for ``readings`` whole readings before each pulse, to 6 s after it."""
    spans = []
    for i in indices:
        started, ended = RUNS[i]
        spans.append((started - readings * every, ended + 6))
    return spans


def readings_of(
    *, every: float, heaters: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The plug's readings of the backflush, each pulse starting a reading."""
    return quiet_then(RUNS, every=every, heaters=heaters, phase=PHASE)


def heaters(every: float, readings: int = 3) -> list[tuple[float, float]]:
    """Two pulses of each series in the heater's band: two weak a series were too many."""
    return [*LEARN, *around(every, readings, 1, 2, 5, 6)]


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_pulses_framed_in_a_heaters_band_are_sure(every: float) -> None:
    (found,) = recognize(readings_of(every=every, heaters=heaters(every)), volts=MAINS)
    assert (found.cleaner_pulses, found.rinse_pulses) == (4, 4)
    assert found.weak == 0


def test_not_without_the_mains() -> None:
    """A heater's band drifts with the mains: without the volts its pulses stay weak."""
    assert recognize(readings_of(every=2.0, heaters=heaters(2.0))) == []


# On a 5 s plug: pulses of 10 s and pauses of 15 s, each on readings' bounds.
SLOW_PATTERN = [(10, 15)] * 3 + [(10, 120)] + [(10, 15)] * 3 + [(10, 60)]


def test_not_on_a_slow_plug() -> None:
    """A slow plug's reading mixes the pump's edges with the heater's: no frame there.

    Three of each series' four pulses above the heater: weak, one more than
    a slow plug's series may hold (``SLOW_WEAK_MAX``).
    """
    runs = runs_of(SLOW_PATTERN, 600)
    spans = [*LEARN, *((runs[i][0] - 10, runs[i][1] + 5) for i in (1, 2, 3, 5, 6, 7))]
    assert recognize(quiet_then(runs, every=5.0, phase=PHASE), volts=MAINS) != []
    reports = quiet_then(runs, every=5.0, heaters=spans, phase=PHASE)
    assert recognize(reports, volts=MAINS) == []


def test_not_when_the_heater_came_on_with_the_pulse() -> None:
    """Its rise is the heater's edge (a shot's piece may look so): weak, two too many."""
    late = [*LEARN, *around(2.0, 0, 1, 2, 5, 6)]
    assert recognize(readings_of(every=2.0, heaters=late), volts=MAINS) == []


def test_nor_after_a_single_reading_in_the_band() -> None:
    """One reading in the band may be a heater's edge that happened to read there."""
    assert FRAME_READINGS > 1
    once = heaters(2.0, readings=1)
    assert recognize(readings_of(every=2.0, heaters=once), volts=MAINS) == []
    enough = heaters(2.0, readings=FRAME_READINGS)
    assert recognize(readings_of(every=2.0, heaters=enough), volts=MAINS) != []


def test_a_long_run_the_detector_saw_refuses_them() -> None:
    shot = (RUNS[1][0], RUNS[1][0] + LONG_RUN_FAST + 5)
    reports = readings_of(every=2.0, heaters=heaters(2.0))
    assert recognize(reports, [shot], volts=MAINS) == []
