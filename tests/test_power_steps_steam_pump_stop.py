"""The brew heater's rise beside the pump, once the steam heater is learnt from its cycles.

A steam heater learnt at about the brew heater and the pump
(``_learn_cycle``) fits the brew heater's rise beside the running pump as
well: the pump stopping as the steam heater comes on, two switchings in
one interval. That explanation is not taken, so the run goes on and counts.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs


def test_a_shot_with_the_brew_heater_rising_in_it_counts() -> None:
    """Fresh seed 21,000,027 read every 2 s (brew heater 1096 W, steam heater
    1287 W, pump 193 W), the steam heater learnt from its cycles by 4100 s: the
    shot at 6057.8-6087.7 s, the brew heater on 7 s into it, is read."""
    trace = TraceSpec("dual_boiler", "rotary", "periodic_2", 21000027, 1).generate()
    runs = calibrated_runs(trace, 6200.0)
    assert any(abs(a - 6057.8) < 3.0 and abs(b - 6087.7) < 3.0 for a, b in runs)
