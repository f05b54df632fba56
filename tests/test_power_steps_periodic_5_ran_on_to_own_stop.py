"""A shot read every 5 s that ran on through a heater's rise taken as hiding its stop.

At 120 V the mains move a heater by a tenth: its learnt size fits the rise
less the pump's step, and the pump was taken as stopped inside the rise
(``_stopped_in``). The heater's fall, the size of the rise alone, says it
did not stop there, and a step of the pump's size down between them is its
stop (``_ran_on_to_own_stop``; dev seed 20,000,013, a 176 W pump, the
heater learnt at 1,339 W and read at 1,200 W: a 30.5 s shot lost).
"""

from __future__ import annotations

from .power_traces import scene_after_heater_cycles

STANDBY = 5.0
PUMP = 176.0
RUN = [5.0, 5.0, 54.0, 179.0, 507.0, 1374.0, 1380.0, 1376.0, 1367.0]
"""The standby, the pump alone from 10 s, the heater's rise of 1,200 W over it."""


def runs_of(scene: list[float]) -> list[tuple[float, float]]:
    """A 1,339 W heater learnt from four cycles, then ``scene`` from 1,000 s."""
    return scene_after_heater_cycles(
        scene, STANDBY, PUMP, (1335.0, 1340.0, 1338.0, 1342.0)
    )


def test_the_pump_step_before_the_heater_falls_ends_the_shot() -> None:
    """Dev seed 20,000,013's readings: 1,204 and 1,205 W (the heater
    alone, the pump's 172 W less), 1,033 W and the standby (the heater's
    fall of its rise's size). A 30.5 s shot."""
    ((start, end),) = runs_of([*RUN, 1204.0, 1205.0, 1033.0, 5.0, 5.0])
    assert 7.0 <= start <= 11.0
    assert 28.0 <= end - start <= 34.0


def test_a_mains_sized_step_is_no_stop() -> None:
    """A step of a third of the pump's: the heater's cycle does not sum to
    nothing, and nothing reads the pump's stop."""
    assert runs_of([*RUN, 1320.0, 1318.0, 1033.0, 5.0, 5.0]) == []
