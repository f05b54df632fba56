"""A stale meter's repeat at a slow PID's run's end dates the stop no later than it shows.

A stale meter repeats the value before, whatever the pump did since: read
every second or two among a slow PID's pulses, when the level's last
reading repeats the one before exactly, the pump was surely on only until
that one. When a kind bound lies between the run so dated and as read, the
run is withheld (``_stale_at_stop``).
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import retried_shots


def test_flush_held_by_a_stale_repeat_is_no_shot() -> None:
    # A 14.6 s shot (5282.2-5296.8 s) of a 57 W vibratory pump read every
    # 2 s: 62.0 W at 5295.51 s and again at 5297.52 s (the pump off since
    # 5296.78 s), the standby at 5299.54 s: read as a 16.0 s shot (dev seed
    # 29000018).
    spec = TraceSpec("pid_slow", "vibratory", "periodic_2", 29000018, 1)
    assert retried_shots(spec, 5282.2, 5296.8) == []


def test_shot_with_a_repeat_dated_in_the_hidden_span_stays() -> None:
    # An 18.0 s shot (2809.5 s) of a vibratory pump read every 2 s, its
    # start hidden by a heater's pulse: 1124.1 W twice at its end (2825.71,
    # 2827.68 s), the fall at 2829.38 s; dated in the middle of that span,
    # still a shot (dev seed 27000034).
    spec = TraceSpec("pid_slow", "vibratory", "periodic_2", 27000034, 0)
    assert len(retried_shots(spec, 2809.5, 2827.5)) == 1


def test_shot_firm_after_a_repeat_stays() -> None:
    # A 16.2 s shot (8150.3 s) of a vibratory pump read every second: 61.9 W
    # twice (8163.05, 8164.02 s), then a heater's pulse with the pump
    # (1324.0 W at 8166.05 s) shows it on after them (dev seed 25000040).
    spec = TraceSpec("pid_slow", "vibratory", "periodic_1", 25000040, 0)
    assert len(retried_shots(spec, 8150.3, 8166.4)) == 1
