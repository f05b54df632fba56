"""A pump's stop hidden among a slow PID's pulses is dated from the level's last reading.

Read every second, a heater's pulse over a run may come back near the
run's level by chance (a partial reading) and end its excursion as a
blip; the pulses after it, to the standby, make the transient that ends
the run (``_pause_between``). The pump's stop may lie anywhere after the
level's last reading, before that blip: when a kind bound lies in that
span, the run's kind is a guess and it is withheld (``_stop_hid_in_pulses``).
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import retried_runs


def test_flush_ending_in_pulses_is_no_shot() -> None:
    # A 12.8 s flush (12650.0-12662.8 s) of a 165 W rotary pump read every
    # second: the level's last reading at 12660.05 s, then pulses (874,
    # 388, 131, 924 W) back near it (201 W at 12665.04 s) as a blip, then
    # pulses to the standby at 12668 s. The stop was dated from the blip's
    # return only, 12666.0 s: a 16.0 s shot (extra dev seed 74000001).
    spec = TraceSpec("pid_slow", "rotary", "periodic_1", 74000001, 0)
    runs = retried_runs(spec, 12690.0)
    near = [(a, b) for a, b in runs if a < 12662.8 and b > 12650.0]
    assert not any(is_shot(b - a) for a, b in near), near
