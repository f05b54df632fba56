"""A shot read every 5 s whose pump ran alone for a few readings before the heater came on.

A vibratory pump starts, cold water reaches the boiler, and the heater comes
on a reading or three later; the heater stays on after the pump stops. The
run is read back from the heater's fall (``_heater_on_after_stop``), and its
start from the rise before the level (``_rise_before``). Two readings or more
of the pump alone after the standby show when the pump came on
(``_start_read_alone``); one reading at the pump's step may be a heater's
partial rise, and leaves the start half way from the standby to the level.
One reading under the pump's step, then a heater's partial rise short of the
heater alone, is the pump's and dates the start (``_start_before_heater_rise``).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import Row, idle_heater_cycles, periodic, run_all
from .sim_replay import corpus_spec, retried_shots

PUMP = 46.0
HEATER = 1270.0
STANDBY = 4.8
# The level of both (three readings), the heater alone after the pump's stop,
# its fall in part, the standby.
LEVEL_THEN_HEATER = [1318.0, 1318.0, 1322.0, 1277.0, 1272.0, 1271.0, 1274.0, 446.0]


def runs_of(rise: list[float]) -> list[DetectedRun]:
    """The heater learnt from its cycles, then the standby, ``rise`` and the level from 900 s, every 5 s."""
    learnt = periodic(
        [(0.0, 895.0, STANDBY), *idle_heater_cycles(52.5, 6, HEATER)],
        895.0,
        every=5.0,
        noise=0.3,
    )
    after = [5.0, 5.0, *rise, *LEVEL_THEN_HEATER, *[STANDBY] * 30]
    rows: list[Row] = [(900.0 + 5.0 * i, w, None) for i, w in enumerate(after)]
    return run_all(PumpDetector(PUMP), [*learnt, *rows], until=1200.0)


@pytest.mark.parametrize(
    ("rise", "started", "ended"),
    [
        # Dev seed 20,000,028 at 9,385 s: 46, 51, 51 W, the pump whole from 905 s.
        ([46.0, 51.0, 51.0], 905.0, 935.4),
        # Its first reading in part: on for 2.3 of its 5 s.
        ([30.0, 51.0, 51.0], 907.3, 935.4),
        # Two readings of the pump alone, the level a reading earlier.
        ([51.0, 51.0], 905.0, 930.4),
    ],
)
def test_the_pump_read_alone_before_the_heater_dates_the_start(
    rise: list[float], started: float, ended: float
) -> None:
    """The start is where the readings of the pump alone put it (half way to the level before)."""
    (run,) = runs_of(rise)
    assert run.started == pytest.approx(started, abs=0.6)
    assert run.ended == pytest.approx(ended, abs=0.6)


def test_one_reading_at_the_pump_s_step_leaves_the_start_between() -> None:
    """One reading at the pump's step and a heater's partial rise: the start stays half way."""
    (run,) = runs_of([51.0, 600.0])
    # Between the standby's reading (905 s) and the level's first (from 915 s).
    assert run.started == pytest.approx(910.0, abs=0.6)


def test_a_partial_pump_reading_before_a_partial_heater_rise_dates_the_start() -> None:
    """The pump on for 2.7 of a reading's 5 s, then the heater's rise in part: two switchings.

    A heater switched on in the older reading would read whole in the newer
    one, so the older one's share is the pump's (``_start_before_heater_rise``):
    the start is 907-908 s, not half way from the standby (905 s) to the
    level (915 s).
    """
    (run,) = runs_of([30.0, 600.0])
    assert run.started == pytest.approx(907.5, abs=0.5)
    assert run.ended == pytest.approx(930.4, abs=0.6)


def test_a_simulated_shot_whose_pump_led_the_heater_by_a_reading_counts() -> None:
    """Dev seed 20,000,013 (a 133 W rotary pump, a dual boiler): 3, 77, 617, 1,081, 1,081, 964, 949 W.

    The 18.0 s shot of 2,257.6-2,275.6 s: dated half way from the standby
    to the level, its start was 2.5 s off either way, and a run so near
    15 s was not counted.
    """
    spec = corpus_spec("dual_boiler", "periodic_5", 20000013)
    (shot,) = retried_shots(spec, 2250.0, 2280.0)
    assert shot[0] == pytest.approx(2257.6, abs=1.0)
    assert shot[1] == pytest.approx(2275.6, abs=1.0)


def test_a_simulated_shot_with_its_pump_read_alone_is_read_whole() -> None:
    """Dev seed 20,000,028 (a 46 W pump, a 1,286 W heater): the shot of 9,385.0-9,415.3 s, read 22.9 s before."""
    spec = corpus_spec("thermostat", "periodic_5", 20000028)
    (shot,) = retried_shots(spec, 9380.0, 9420.0)
    assert shot[0] == pytest.approx(9385.0, abs=1.0)
    assert shot[1] == pytest.approx(9415.3, abs=1.0)
