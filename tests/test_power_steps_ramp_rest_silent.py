"""A vibratory pump's ramp finished in a silence of a plug reporting on change.

A vibratory pump starts at about half its step and ramps up over seconds. A
plug reporting on change sends a reading once it moved by its threshold:
the ramp's last steps, each under it, may go unsent for as long as the
level holds, and the level read falls short of the pump's step. A heater
coming on later in that silence holds the ramp's rest in its edge.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import Row, run_all

PUMP = 62.2
STANDBY = 6.3
HEATER = 958.0
NOISE = 7.0  # W either way on the heater's level: each reading moved past 5 W


def heater_cycles() -> list[Row]:
    """The heater alone, on for 20 s every 150 s, its level read noisily on change."""
    rows: list[Row] = []
    for i in range(8):
        on = 100.0 + 150.0 * i
        level = HEATER + STANDBY
        rows += [(on, 0.66 * level, None), (on + 1.0, level, None)]
        rows += [
            (on + 1.0 + 2.0 * j, level + (NOISE if j % 2 else -NOISE), None)
            for j in range(1, 9)
        ]
        rows += [(on + 20.0, 330.0, None), (on + 21.0, STANDBY, None)]
    return rows


def test_the_rest_of_the_ramp_in_a_silence_is_in_the_heaters_rise() -> None:
    """Dev seed 20,000,054 (a dual boiler on change, a 62 W vibratory pump):
    20.1, 45.9 and 57.2 W as the pump ramped up, then silence. Noisy
    readings hold within each other's noise, so the first of them went into
    the standby's level and the second into the run's: the pump's rise read
    41 W. The heater came on 15 s later (783, 1,029 W), its rise holding
    the ramp's last 21 W and fitting no heater's size, and the pump's stop
    (996, 963 W) paired with nothing: the 36.5 s shot was lost. The level
    was last read 2 s into the run: the ramp's rest is the heater edge's."""
    t = 2000.0
    rows = heater_cycles()
    rows += [(t - 11.0, 6.0, None), (t, 20.1, None), (t + 1.0, 45.9, None)]
    rows += [(t + 2.0, 57.2, None), (t + 17.0, 782.8, None), (t + 18.0, 1029.1, None)]
    rows += [(t + 37.0, 995.8, None), (t + 38.0, 963.0, None), (t + 39.0, 964.5, None)]
    rows += [(t + 48.0, 508.6, None), (t + 49.0, 6.5, None), (t + 200.0, 6.9, None)]
    (run,) = [
        r
        for r in run_all(PumpDetector(PUMP), rows, until=t + 300.0)
        if r.started > t - 5.0
    ]
    assert run.started == pytest.approx(t - 0.3, abs=0.5)
    assert run.ended == pytest.approx(t + 36.5, abs=0.5)
