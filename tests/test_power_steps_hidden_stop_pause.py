"""A pump's stop hidden among heater pulses, before one reading at the standby.

Read every second or two, a run of the pump alone, a slow PID's heater
pulses, one reading at the standby, then the next run: ``_pause_between``
splits the two runs there and dates the fall at the standby reading, the
latest it could be. When 15 s lies past the middle of the span the pulses
hide, the run's kind is a guess, and it is withheld (``_stop_hid_in_pulses``,
as for an edge); the next run is read all the same.
"""

from __future__ import annotations

from simulator.espresso import generate

from .sim_replay import calibrated_runs


def test_a_short_shot_whose_stop_hid_before_the_standby_is_no_shot() -> None:
    """A slow PID read every second: a 13.9 s run from 8611.4, the pump
    last read alone at 8625.0, two heater pulse readings, the standby at
    8629.0, then a flush from 8633.2: read 8611.8-8628.1 (16.3 s) it would
    be a shot. Withheld; the flush after is still read."""
    trace = generate(
        "pid_slow", "vibratory", "periodic_1", seed=24000024, shots=10, days=2,
        hand_backflushes=1,
    )  # fmt: skip
    runs = calibrated_runs(trace, 8700.0)
    near = [r for r in runs if 8600.0 < r[0] < 8640.0]
    assert [r for r in near if r[1] - r[0] >= 15.0] == []
    assert any(abs(a - 8633.2) < 1.0 and abs(b - 8636.1) < 1.0 for a, b in near)
