"""Shots over a heater looked for before the last run counted, back to the runs forgotten (``_remember``).

``_undecided`` drops a plateau that a run counted overlaps, so the plateau
look need not stop at the last run counted. It did, and a shot counted
first by another rule hid the one before it: the look that would have read
both together then read only past the later one (dev seed 20,000,004, a
heat exchanger every 5 s: a 21.0 s shot at 7,662 s lost once the 25.8 s
shot at 7,873 s was counted at 7,915 s). A run that left ``_counted`` can
no longer be checked, so the look starts past the latest of those.
"""

from __future__ import annotations

import math

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .sim_replay import corpus_spec, retried_runs


def test_a_shot_before_one_counted_first_is_read() -> None:
    """Both shots of dev seed 20,000,004 at 7,662 s and 7,873 s are read."""
    spec = corpus_spec("heat_exchanger", "periodic_5", 20_000_004)
    shots = sorted(
        (a, b)
        for a, b in retried_runs(spec, 8_000.0)
        if 7_600.0 < a < 7_900.0 and b - a >= 15.0
    )
    assert len(shots) == 2
    (a1, b1), (a2, b2) = shots
    assert abs(a1 - 7_662.5) < 2.0
    assert abs(b1 - 7_682.5) < 2.0
    assert abs(a2 - 7_873.4) < 2.0
    assert abs(b2 - 7_898.5) < 2.0


def test_the_look_starts_past_the_runs_forgotten() -> None:
    """Until a run leaves the last few remembered, every plateau kept is looked at;
    then only those past the latest end of a run forgotten."""
    det = PumpDetector(60.0)
    size = det._counted.maxlen
    assert size is not None
    for k in range(size):
        det._remember(100.0 * k, 100.0 * k + 20.0)
    assert det._forgotten == -math.inf
    det._remember(900.0, 930.0)
    det._remember(850.0, 860.0)  # counted late, before the one counted first
    assert det._forgotten == 120.0
    assert list(det._counted)[-2:] == [(900.0, 930.0), (850.0, 860.0)]
