"""A heater's fall read on change whose level's report was lost: the pump started later.

A plug reporting on change sends a heater's fall as one partial reading
and the level it fell to a second later. When that report is lost, the
plug holds it as sent and stays silent while the level holds: its next
reading, the pump alone, is the pump's start, not the partial reading
(``_after_lost_report``).
"""

from __future__ import annotations

from bench.detection import TraceSpec, is_shot

from .sim_replay import retried_runs


def test_a_flush_after_a_heat_exchangers_fall_and_a_lost_report_is_no_shot() -> None:
    """Seed 92,000,047 on change (rotary pump 173 W, calibrated 170 W): the
    heater's fall at 9,101 s (1,407, 273 W, then 26 s of silence), then the
    flush at 9,127.9-9,135.0 s (28, 268, 180 W): no shot from 9,101 s."""
    spec = TraceSpec("heat_exchanger", "rotary", "on_change", 92000047, 0)
    runs = retried_runs(spec, 9200.0)
    near = [(s, e) for s, e in runs if 9095.0 < s < 9140.0]
    assert not any(is_shot(e - s) for s, e in near)


def test_a_flush_after_a_dual_boilers_fall_and_a_lost_report_is_no_shot() -> None:
    """Seed 93,000,031 on change (rotary pump 133 W, calibrated 134 W): the
    brew heater's fall at 4,091 s (1,076, 384 W, then 49 s of silence),
    then the flush at 4,140.2-4,143.5 s (141, 75, 8 W): no shot from
    4,091 s."""
    spec = TraceSpec("dual_boiler", "rotary", "on_change", 93000031, 0)
    runs = retried_runs(spec, 4200.0)
    near = [(s, e) for s, e in runs if 4085.0 < s < 4150.0]
    assert not any(is_shot(e - s) for s, e in near)
