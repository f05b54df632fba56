"""Two flushes seconds apart are two runs, not one shot.

A flush (or a backflush's pulse) is followed seconds later by another; a
heater switching on or off between them makes one transient of the pause.
The readings inside it still show the pump off: a reading at the standby
(everything off), or one of the heater whole without the pump's step among
two partial readings (one heater's switching reads partial once at most).
Read as one run, the two would be counted as a shot.
"""

from __future__ import annotations

from simulator.espresso import Trace, generate

from .sim_replay import calibrated_runs


def trace(
    family: str, pump: str, seed: int, backflushes: int, plug: str = "periodic_2"
) -> Trace:
    return generate(
        family,
        pump,
        plug,
        seed=seed,
        shots=10,
        days=2,
        hand_backflushes=backflushes,
    )


def shots_between(runs: list[tuple[float, float]], a: float, b: float) -> list[float]:
    """The durations of the runs read between ``a`` and ``b`` long enough for a shot."""
    return [e - s for s, e in runs if a <= s <= b and e - s >= 15.0]


def test_a_pause_read_at_the_standby_inside_a_heater_rise_drops_the_run() -> None:
    """A heat exchanger polled every 2 s (seed 6000018): a backflush's pulse
    (12297.5-12303.8 s) stopped, two readings showed the standby, and the
    next pulse started as the heater came on (the heater alone explains the
    rise at the sagged volts). Once read as one 16.4 s run, a shot: now not
    counted; the pulse after them is still read."""
    t = trace("heat_exchanger", "vibratory", 6000018, 1)
    runs = calibrated_runs(t, 12400.0)
    assert shots_between(runs, 12290.0, 12320.0) == []
    assert [r for r in runs if abs(r[0] - 12323.5) < 2.0]


def test_a_pause_read_as_the_heater_alone_drops_the_run() -> None:
    """A dual boiler with a rotary pump polled every 2 s (seed 6000003): a
    pulse and its heater stopped, a reading showed the heater alone (the pump
    off), a partial reading the heater going and the next pulse started. Once
    read as one 22 s run with the heater falling inside it, a shot: now not
    counted."""
    t = trace("dual_boiler", "rotary", 6000003, 1)
    runs = calibrated_runs(t, 9400.0)
    assert shots_between(runs, 9340.0, 9380.0) == []


def test_a_pause_inside_a_heater_rise_drops_the_run() -> None:
    """The same machine (seed 7000051): a 5.2 s flush, the heater rising
    with a reading of it alone between two partial ones, and a 7 s flush.
    Once read as one 16 s run, a shot: now not counted."""
    t = trace("dual_boiler", "rotary", 7000051, 1)
    runs = calibrated_runs(t, 8560.0)
    assert shots_between(runs, 8505.0, 8535.0) == []


def test_a_reading_below_the_pump_inside_a_heater_rise_drops_the_run() -> None:
    """A heat exchanger with a vibratory pump on a plug reporting on change
    (seed 7000006): a backflush's pulse stopped, a reading showed less than
    half the pump's step over the standby, the heater came on and the next
    pulse started. Once read as one 27.5 s run, a shot: now not counted,
    and the pulses before and after are still read."""
    t = trace("heat_exchanger", "vibratory", 7000006, 1, "on_change")
    runs = calibrated_runs(t, 14650.0)
    assert shots_between(runs, 14550.0, 14590.0) == []
    assert [r for r in runs if abs(r[0] - 14536.7) < 2.0]
    assert [r for r in runs if abs(r[0] - 14590.5) < 2.0]


def test_a_run_opens_after_the_last_reading_at_the_standby() -> None:
    """A slow PID with a rotary pump polled every 2 s (seed 6000019): after
    a shot, the heater pulsed for half a minute with readings at the standby
    between its pulses, then came back to the pump's level for a reading or
    two. The run after the pause opened from the first reading at the
    standby, 16 s before: a shot where none was. It opens from the last one
    (4 s, no shot); the shot before is still read."""
    t = trace("pid_slow", "rotary", 6000019, 0)
    runs = calibrated_runs(t, 4100.0)
    assert shots_between(runs, 2740.0, 2768.0) == []
    assert shots_between(runs, 3955.0, 3985.0) == []
    assert shots_between(runs, 2705.0, 2720.0)
