"""A heater's and the pump's fall, unexplained once, is no heater of their sum.

A heat exchanger read on change: a partial reading held by the plug's
silence (no state of the machine) loses a shot on the way, and its heater's
and the pump's fall after it is explained by nothing. Learnt as a heater of
their sum, it makes every later rise of the heater beside the pump unsure
(the pump stopping and that sum coming on fit as well): the day's shots
were lost. A heater's own cycle (its rise and fall of one size) still
teaches a new heater.
"""

from __future__ import annotations

from simulator.espresso import generate

from .sim_replay import true_step_runs


def test_shots_after_a_lost_run_whose_fall_was_heater_and_pump_count() -> None:
    """Shot 2631.0-2656.5 is lost (a reading of 434 W held 8 s); its fall of
    1574 W (heater 1428 W and pump 143 W) teaches no heater: the shots after it,
    each with the heater coming on beside the pump, are read."""
    trace = generate(
        "heat_exchanger", "rotary", "on_change", seed=20000039, shots=10, days=2,
        hand_backflushes=1,
    )  # fmt: skip
    runs = true_step_runs(trace, 9300.0)
    shots = [t for t in trace.runs if t.kind == "shot" and 2700.0 < t.started < 9300.0]
    assert len(shots) >= 8
    read = [
        t
        for t in shots
        if any(abs(a - t.started) < 2.0 and b - a >= 15.0 for a, b in runs)
    ]
    assert read == shots


def test_a_steam_heaters_own_cycle_still_teaches_a_heater() -> None:
    """A dual boiler's steam heater (1213 W; brew 1025 W, pump 140 W) rises at
    3296 and falls at 3350, 150 s after a flush: its own cycle, a heater of
    its size learnt. Without it the brew heater's rise beside the pump at
    6692 would fit that heater less the pump: shot 6687.1-6751.8 is read."""
    trace = generate(
        "dual_boiler", "rotary", "on_change", seed=21000031, shots=10, days=2,
        hand_backflushes=0,
    )  # fmt: skip
    runs = true_step_runs(trace, 6800.0)
    near = [(a, b) for a, b in runs if 6680.0 < a < 6700.0]
    assert len(near) == 1
    assert near[0][1] - near[0][0] > 60.0
