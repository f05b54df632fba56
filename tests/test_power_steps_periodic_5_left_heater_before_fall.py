"""A decoded run read every 5 s whose readings show the pump stopping before the heater's fall.

A flush's cold water switches a heater on, and the heater stays on after the
pump stops. Read every 5 s, the decoder may date the pump's stop at the
heater's fall: a flush of 14 s read as a shot of 20 s or more. A reading of
the heater alone, whole (the fall's partial reading right after it, then the
standby), a pump's step under the run's highest, shows the pump off before
its interval: when the run so dated is of a shorter kind, it is not counted
(``_left_heater_before_fall``). A drop to the heater alone late in a shot
leaves the shot counted.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import Row, idle_heater_cycles, periodic, run_all
from .sim_replay import corpus_spec, retried_shots

PUMP = 52.3
HEATER = 1312.0
STANDBY = 8.0


def runs_of(readings: list[float]) -> list[DetectedRun]:
    """The heater's cycles alone from the standby first (its size learnt), then ``readings`` from 900 s, every 5 s."""
    learnt = periodic(
        [(0.0, 895.0, STANDBY), *idle_heater_cycles(412.5, 3, HEATER)],
        895.0,
        every=5.0,
        noise=0.3,
    )
    after = [*readings, *[STANDBY] * 30]
    rows: list[Row] = [(900.0 + 5.0 * i, w, None) for i, w in enumerate(after)]
    return run_all(PumpDetector(PUMP), [*learnt, *rows], until=1200.0)


# A heater's short cycle (783, 1,151 W), then the run: the pump alone in part
# (47 W), the heater's rise (890 W), heater and pump (1,362 W).
BEFORE = [STANDBY, STANDBY, STANDBY, 783.0, 1151.0, STANDBY, 9.0, 47.0, 890.0, 1362.0]
# The heater's next cycle alone, after the run.
AFTER = [STANDBY] * 5 + [534.0, 1329.0, 1306.0, 642.0]


def test_the_heater_alone_before_its_fall_shows_a_flush() -> None:
    """Dev seed 27,000,004 (heat exchanger): ... 1,362, then 1,309 W (the heater alone,
    a pump's step under), 61, 8 W: a 14.3 s shot, read 23.8 s to the heater's fall."""
    assert runs_of([*BEFORE, 1309.0, 61.0, *AFTER]) == []


def test_a_drop_to_the_heater_alone_late_in_a_shot_leaves_it_counted() -> None:
    """Heater and pump read twice (1,362, 1,361 W), then the heater alone: the pump
    on for 18 s or more, a shot either way."""
    (run,) = runs_of([*BEFORE, 1361.0, 1309.0, 61.0, *AFTER])
    assert run.started == pytest.approx(931.5, abs=1.5)
    assert run.duration == pytest.approx(18.7, abs=1.5)


def test_a_simulated_flush_read_to_the_brew_heater_s_fall_is_no_shot() -> None:
    """Dev seed 22,000,021 (dual boiler, 134 W rotary pump): 6, 44, 1,158, 1,266, 1,224,
    1,117 (the brew heater alone), 77, 7 W: the 14.5 s shot of 9,599.2-9,613.7 s,
    decoded as 19.3 s to the heater's fall (late: the readings to 9,770 s)."""
    spec = corpus_spec("dual_boiler", "periodic_5", 22000021)
    assert retried_shots(spec, 9595.0, 9740.0) == []
