"""With the mains known, a reading two heaters' bands fit is read in the last reading's (pure).

A dual boiler's two heaters can be about a pump's step apart (1,090 and
1,230 W beside a rotary pump of 165 W, dev seed 22,000,035): the larger one
alone reads, in the smaller one's band, as that heater with the pump on.
Learned last, the smaller one's band was read first, and a pulse with the
larger heater coming on with it ran on through the pause and the next pulse
into a piece too long for a pulse. A heater stays on longer than a pulse:
the band the last reading was read in is kept while it fits. The readings
are made as in ``test_pulse_train``.
"""

from __future__ import annotations

import pytest

from .pulse_traces import BACKFLUSH, PUMP, STANDBY, readings, recognize, runs_of

MAINS = 230.0
START = 600.0
RUNS = runs_of(BACKFLUSH, START)
SMALL = 1100.0
LARGE = SMALL + 0.8 * PUMP  # a pump's step apart, within its band
# The large heater learned first, then the small one (learned last, its band
# is tried first); then the large one comes on with the cleaner's third pulse
# and stays on through the fourth.
LARGE_ON = [(100.0, 160.0), (250.0, 310.0), (RUNS[2][0], RUNS[3][1] + 5.0)]
SMALL_ON = [(400.0, 460.0), (500.0, 540.0)]


def both(every: float) -> list[tuple[float, float]]:
    """The plug's readings of the pump and both heaters."""
    end = RUNS[-1][1] + 300.0
    large = readings(RUNS, every=every, end=end, heaters=LARGE_ON, heater_watts=LARGE)
    small = readings([], every=every, end=end, heaters=SMALL_ON, heater_watts=SMALL)
    return [(at, a + b - STANDBY) for (at, a), (_, b) in zip(large, small, strict=True)]


@pytest.mark.parametrize("every", [1.0, 2.0])
def test_the_larger_heater_keeps_its_band(every: float) -> None:
    (found,) = recognize(both(every), volts=MAINS)
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 5)
