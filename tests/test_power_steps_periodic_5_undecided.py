"""A plateau over a heater read again after a run counted late leaves the look to the decoder (``_undecided``).

``_over_heater`` gives the plateaus after the last run counted, and when it
gives any the decoder does not look. A run whose start hid in a heater's
rise is counted only when that heater falls, minutes later, after runs
counted since: the plateaus of those runs were given again, ``_once``
dropped them as counted, and the decoder, which alone read the next shot,
never looked (dev seed 26,000,013, a thermostat with a 179 W rotary pump:
1,025, 1,057, 1,194-1,201, 677, 181, 6 W, a 30.4 s shot lost).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .sim_replay import corpus_spec, retried_runs


def test_plateaus_counted_before_are_no_shots_over_a_heater() -> None:
    """Two calibration runs counted over the heater, given again: neither is
    left, so the decoder looks; the plateau after them is kept."""
    det = PumpDetector(171.0)
    det._counted.extend([(972.6, 1007.5), (1050.0, 1075.0), (910.0, 945.0)])
    again = [DetectedRun(972.6, 1007.5, 171.0), DetectedRun(1042.6, 1072.5, 171.0)]
    later = DetectedRun(1158.9, 1190.1, 171.0)
    assert det._undecided(again) == []
    assert det._undecided([*again, later]) == [later]


def test_the_shot_after_a_run_counted_late_is_read() -> None:
    """Dev seed 26,000,013 every 5 s: the calibration run from 910 s, its
    start hidden in the heater's rise, is counted when the heater falls at
    1,185 s; the shot of 1,159.5-1,189.9 s, in whose fall that was, is read
    by the decoder once the readings settle (it was lost)."""
    spec = corpus_spec("thermostat", "periodic_5", 26_000_013)
    (shot,) = [(a, b) for a, b in retried_runs(spec, 1_300.0) if 1_150.0 < a < 1_200.0]
    assert abs(shot[0] - 1_159.5) < 2.0
    assert abs(shot[1] - 1_189.9) < 2.0
