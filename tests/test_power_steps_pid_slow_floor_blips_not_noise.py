"""A slow PID's pulse read in one reading beside the standby does not pause counting.

A slow PID's heater pulses shorter than a reading read in part, at any
size, the pump's as often as not, each between readings of the standby
alone. The live noise check took them for unexplained steps of the pump's
size and paused counting; the floor, which counts a run only from readings
of the pump alone that agree, reads the pump's runs among them as it does
under the larger pulses (``_floor_explains``). Dev 22,000,009 every second:
a 166.7 W pump, the standby 7.3 W at 3025.01 s, then 144.8 W at 3026.03 s
(an event of 170.8 W) and 7.4 W again; such readings paused counting for
minutes, and a 33.0 s shot at 3500.2 s with it.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .sim_replay import corpus_spec, retried_shots

_PUMP = 166.7


def _detector(pulses: float) -> PumpDetector:
    """The detector as it stood at 3026.03 s: the standby read alone at 3025.01 s."""
    det = PumpDetector(_PUMP)
    det._gap = det._period = 0.99
    det._pulses, det._pulse_at = pulses, 3025.01
    det._floor.quiet = 3025.01
    return det


def test_a_step_a_reading_after_the_standby_is_the_floors() -> None:
    assert _detector(1.0)._floor_explains(3026.03, 170.8)


def test_a_step_long_after_the_standby_is_noise() -> None:
    # Three readings and more since the standby alone: the floor may not see it.
    assert not _detector(1.0)._floor_explains(3029.01, 170.8)


def test_without_a_pids_pulses_a_step_is_noise() -> None:
    assert not _detector(0.0)._floor_explains(3026.03, 170.8)


def test_a_33_s_shot_among_single_reading_pulses_is_counted() -> None:
    spec = corpus_spec("pid_slow", "periodic_1", 22000009)
    assert len(retried_shots(spec, 3500.16, 3533.18)) == 1
