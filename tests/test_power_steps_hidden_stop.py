"""A pump's stop hidden among a slow PID's heater pulses.

Between the last reading of the pump's level and the first at the level
after it, a slow PID's heater pulses hide when the pump stopped: the fall is
dated at the first reading after them, the latest it could be. A 12.3 s
flush read that way lasts 18 s: when 15 s lies past the middle of that span,
the run's kind is a guess, and it is withheld.
"""

from __future__ import annotations

from simulator.espresso import generate

from .sim_replay import calibrated_runs


def test_a_flush_whose_stop_hid_in_heater_pulses_is_no_shot() -> None:
    """A slow PID read every 2 s (a 1 s average): a 12.3 s run from 2491.9,
    its stop at 2504.2 followed by three heater pulse readings, then the
    standby at 2511.6: no shot."""
    trace = generate(
        "pid_slow", "vibratory", "periodic_2", seed=5000010, shots=10, days=2,
        hand_backflushes=0,
    )  # fmt: skip
    runs = calibrated_runs(trace, 2600.0)
    assert [r for r in runs if 2480.0 < r[0] < 2520.0 and r[1] - r[0] >= 15.0] == []


def test_a_shot_whose_stop_showed_itself_is_still_read() -> None:
    """The same machine's shots ending at the standby with no pulse between:
    each true shot before then is read as one (none withheld)."""
    trace = generate(
        "pid_slow", "vibratory", "periodic_2", seed=5000010, shots=10, days=2,
        hand_backflushes=0,
    )  # fmt: skip
    runs = calibrated_runs(trace, 2600.0)
    shots = [
        t
        for t in trace.runs
        if t.kind == "shot" and t.duration >= 20.0 and t.ended < 2600.0
    ]
    assert shots
    for t in shots:
        assert any(abs(a - t.started) < 3.0 and abs(b - t.ended) < 3.0 for a, b in runs)
