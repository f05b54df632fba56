"""A run of a shot's length read every 5 s after a series of short pulses.

A backflush's pulses run 3-15 s each, 3-20 s apart. Its last pulse, its
end hidden in a heater's rise, or a pulse and the partial readings of the
pause after it, read as a run of a shot's length; after two short pulses
that close (a shot has one flush before it at most) it is withheld.
"""

from __future__ import annotations

from bench.detection import TraceSpec

from .sim_replay import calibrated_runs, retried_runs


def shots_near(seed: int, start: float, end: float) -> list[tuple[float, float]]:
    trace = TraceSpec("thermostat", "vibratory", "periodic_5", seed, 1).generate()
    runs = calibrated_runs(trace, end + 200.0)
    return [r for r in runs if start < r[0] < end and r[1] - r[0] >= 15.0]


def test_a_pulse_ending_in_a_heater_rise_after_pulses_is_no_shot() -> None:
    """Pulses of 11.0, 8.9 and 11.3 s from 12005.9, 5-15 s apart, then one
    from 12068.4 whose stop hides in the heater's rise at 12080: no shot
    from 12069 to 12100 (the heater's fall)."""
    assert shots_near(21000036, 12060.0, 12110.0) == []


def test_a_run_after_a_backflush_series_is_no_shot() -> None:
    """Five pulses from 9781.4, then a run read from 9874.3 to 9910.4 over
    a heater's cycle and group flushes: no shot (the first calibration saw
    no pump: retried)."""
    spec = TraceSpec("thermostat", "vibratory", "periodic_5", 22000060, 1)
    runs = retried_runs(spec, 10100.0)
    assert [r for r in runs if 9870.0 < r[0] < 9915.0 and r[1] - r[0] >= 15.0] == []


def test_a_shot_after_one_flush_stands() -> None:
    """A shot with a single flush before it is no series: every shot of the
    trace (seed 21000036) read before the backflush stands."""
    assert shots_near(21000036, 0.0, 11900.0)
