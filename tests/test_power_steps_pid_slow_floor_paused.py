"""The floor counts nothing while the live noise check pauses counting.

Counting by power pauses while the idle readings step as large as the
pump's (``ambiguous``, with the ``power_ambiguous`` repair saying so): a
shot counted then contradicts what the user is shown. The floor reads runs
under a slow PID's pulses, which it explains (they pause the edges only);
noise that it does not explain pauses its runs too. Here a slow PID read
every second, the check firing now and then: the floor read two runs
there (7627 s, 7729 s).
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import true_step_counted


def test_no_run_is_counted_while_counting_is_paused() -> None:
    trace = TraceSpec("pid_slow", "vibratory", "periodic_1", 20250436, 0).generate()
    counted, paused = true_step_counted(trace, 7800.0)
    assert paused  # the check fired on this stretch
    assert [(a, b) for a, b, _ in counted if is_shot(b - a)]  # and shots counted
    assert not [(a, b) for a, b, held in counted if held]
