"""A shot read every 5 s: the pump alone, then a heater's level alone.

Cold water drawn in starts a thermostat's heater late in a shot; a rotary
pump read alone two readings or more may stop in the heater's rise, after
which the level is the heater's alone (``_alone_then_heater``). No edge
shows the stop and no level read the heater and the pump. A pump running
on beside the heater ends at its own fall; one whole reading of the pump
(no shot's length surely), or a reading lost between those of the pump
(a pause), counts nothing.
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import heater_cycles_every_5s, idle_every_5s, run_all
from .sim_replay import calibrated_runs, run_near

STANDBY = 3.0
HEATER = 1200.0
ROTARY = 160.0


def _day(pump: float, run: list[float | None]) -> list[tuple[float, float]]:
    """The heater learnt from its cycles, then ``run`` (None: a reading lost)."""
    readings, at = heater_cycles_every_5s(6, STANDBY, HEATER)
    readings += [
        (at + 5.0 * i, watts) for i, watts in enumerate(run) if watts is not None
    ]
    at += 5.0 * len(run)
    readings += [(at + 5.0 * i, STANDBY + HEATER) for i in range(12)]
    return readings + idle_every_5s(at + 60.0, 20, STANDBY)


def _shots(pump: float, run: list[float | None]) -> list[tuple[float, float]]:
    rows = [(at, watts, None) for at, watts in _day(pump, run)]
    runs = run_all(PumpDetector(pump), rows)
    return [(r.started, r.ended) for r in runs if r.ended - r.started >= 15.0]


def _run(pump: float, whole: int, *, lost: bool = False) -> list[float | None]:
    """The standby, a partial start, ``whole`` readings of the pump alone, the rise."""
    alone: list[float | None] = [STANDBY + pump] * whole
    if lost:
        alone.insert(1, None)
    rise = [STANDBY + 0.9 * HEATER + pump, STANDBY + HEATER + 0.3 * pump]
    return [STANDBY, STANDBY, STANDBY + 0.6 * pump, *alone, *rise]


def test_the_pump_alone_then_the_heater_alone_is_a_shot() -> None:
    # The standby read at 1405, the start's partial at 1410, the pump at
    # 1415-1425, the rise at 1430-1435, the heater alone from 1440.
    (shot,) = _shots(ROTARY, _run(ROTARY, 3))
    assert abs(shot[0] - 1407.5) < 3.0
    assert abs(shot[1] - 1430.0) < 5.5


def test_a_pump_running_on_beside_the_heater_ends_at_its_fall() -> None:
    # The level after the rise is the heater's and the pump's, its fall at 1460.
    run = _run(ROTARY, 3)[:-1] + [STANDBY + HEATER + ROTARY] * 5
    (shot,) = _shots(ROTARY, run)
    assert abs(shot[0] - 1407.5) < 3.0
    assert abs(shot[1] - 1460.0) < 5.5


def test_one_whole_reading_of_the_pump_counts_nothing() -> None:
    assert _shots(ROTARY, _run(ROTARY, 1)) == []


def test_a_reading_lost_between_the_pumps_counts_nothing() -> None:
    assert _shots(ROTARY, _run(ROTARY, 3, lost=True)) == []


def test_a_simulated_shot_read_alone_three_times_is_counted() -> None:
    """Thermostat, rotary pump (156 W), seed 24,000,005: the standby (1-2),
    the pump's start (90), alone (158 three times), the heater's rise with
    the pump's stop in it (1272, 1281), the heater alone (1226). One shot
    from 7222.3 to 7246.8."""
    trace = TraceSpec(
        "thermostat", "rotary", "periodic_5", 24000005, 0, calibration_runs=1
    ).generate()
    runs = calibrated_runs(trace, 7400.0)
    true, (started, ended) = run_near(trace, runs, 7222.3)
    assert abs(started - true.started) < 3.0
    assert abs(ended - true.ended) < 5.5
