"""Once the heater whole with the pump read a run, a reading short of the step ends it.

A heater only adds: with the pump running, no reading lies under the
standby and the pump's step, past its ramp. The floor ends a run at a
reading under ``_PAUSE_FLOOR`` of the step once one read the pump alone;
a reading of the heater whole with the pump (``_whole_with_pump``) shows
it as well. Every 2 s, two flushes 16 s apart (a rotary pump of 139 W),
the first read only whole with the heater, then a pulse's partial reading
at 98 W and one at 77 W over the standby between them, were read as one
25 s shot (dev 28000003).
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import runs_across_two_flushes


def test_two_flushes_with_a_reading_under_the_step_between_are_no_shot() -> None:
    trace = TraceSpec("pid_slow", "rotary", "periodic_2", 28000003, 1).generate()
    near = runs_across_two_flushes(trace, 6820.0, 6850.0, 6900.0)
    assert not any(is_shot(b - a) for a, b in near), near
