"""A pump started just after a heater's fall, read every 5 s: the readings date it after the fall.

A thermostat's heater goes off, and the pump starts a reading or two later:
read every 5 s, the heater's level, its partial fall, a reading at or near
the standby (or the pump's own partial start), then the pump alone. Had the
pump run on from before (started in the heater's rise), no reading of the
fall would lie under its level: a reading at the standby shows everything
off, the pump too (``_started_in_fall``: dev seeds 22000044 and 29000052,
vibratory shots of 26.0 and 28.8 s read from the heater's rise 100 s
before, past a shot's length). A reading taken for the heater off and the
pump whole that a later one of the pump alone lies half its step under was
the heater's partial fall: the pump did not run through it (``_pump_time``:
dev seed 24000029, a rotary 22.7 s shot dated 8 s early, its own partial
start then read as a pause, and dropped).
"""

from __future__ import annotations

import pytest

from .power_traces import scene_after_heater_cycles
from .sim_replay import corpus_spec, retried_runs

B = 3.0  # the standby
H = 1100.0
P = 170.0


def test_the_heaters_partial_fall_then_the_pumps_partial_start() -> None:
    """The heater whole till 30 s, 0.1 of it at 35 s (off at 30.5 s), 0.34
    of the pump at 40 s (on at 38.3 s), the pump alone, 0.2 of it at 65 s:
    a 22.7 s shot from 38.3 s, not one from 30 s with a pause inside."""
    scene = [B + 0.4 * H, *[B + H] * 6, B + 0.1 * H, B + 0.34 * P]
    scene += [*[B + P] * 4, B + 0.2 * P, B, B]
    runs = scene_after_heater_cycles(scene, B, P, (1100.0, 1110.0, 1090.0, 1100.0))
    ((start, end),) = runs
    assert start == pytest.approx(38.3, abs=0.3)
    assert end == pytest.approx(61.0, abs=0.3)


@pytest.mark.parametrize(
    ("pump", "seed", "started", "seconds"),
    [
        ("vibratory", 22000044, 9834.1, 26.0),
        ("vibratory", 29000052, 10729.2, 28.8),
        ("rotary", 24000029, 9713.5, 22.7),
    ],
)
def test_simulated_shots_started_after_the_heaters_fall(
    pump: str, seed: int, started: float, seconds: float
) -> None:
    """Dev seeds: each shot read as one, from within a reading of its start."""
    spec = corpus_spec("thermostat", "periodic_5", seed)
    assert spec.pump == pump
    runs = retried_runs(spec, started + seconds + 60.0)
    (run,) = [r for r in runs if r[1] > started and r[0] < started + seconds]
    assert run[0] == pytest.approx(started, abs=5.0)
    assert run[1] - run[0] >= 15.0
