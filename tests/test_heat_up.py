"""The heat-up detector and the ready-time estimate (heat_up.py), without Home Assistant.

Detection is checked against the simulator's true heat-up ends for every
family and plug, and against small hand-made traces for each rule.
"""

from __future__ import annotations

from collections.abc import Iterable
import math

import pytest

from custom_components.espresso_care.heat_up import (
    CONFIRM_SECONDS,
    DEFAULT_TAU,
    HOLD_SECONDS,
    IDLE_WATTS,
    LATE_SECONDS,
    MAX_HEAT_UP_SECONDS,
    EndedBy,
    HeatUp,
    HeatUpData,
    HeatUpDetector,
    HeatUpEnd,
    heat_lost,
    learn,
)
from simulator.espresso import FAMILIES, PLUG_MODELS, PLUGS, generate

ON = 1_750_000_000.0  # a power-on moment, POSIX seconds


def run(
    detector: HeatUpDetector,
    readings: Iterable[tuple[float, float | None] | tuple[float, float, float]],
    *,
    until: float | None = None,
) -> HeatUpEnd | None:
    """Feed readings (seconds after ON), with the timed checks the routine arms."""
    for reading in readings:
        at = ON + reading[0]
        while (moment := detector.next_check) is not None and moment <= at:
            if end := detector.check(moment):
                return end
        volts = reading[2] if len(reading) > 2 else None
        if end := detector.feed(at, reading[1], volts):
            return end
    while (
        until is not None
        and (moment := detector.next_check) is not None
        and moment <= ON + until
    ):
        if end := detector.check(moment):
            return end
    return None


def steady(
    watts: float, start: float, stop: float, every: float = 1.0
) -> list[tuple[float, float]]:
    """A level reported every ``every`` s from ``start`` to before ``stop``."""
    count = math.ceil((stop - start) / every)
    return [(start + i * every, watts) for i in range(count)]


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("plug", PLUGS)
def test_simulated_heat_ups(family: str, plug: str) -> None:
    """Each family through each plug: the first heat-ups end where the simulator says."""
    trace = generate(family, "vibratory", plug, seed=11, shots=10, calibration=False)
    truth = dict(trace.heat_up_ends)
    tolerance = 3 * PLUG_MODELS[plug].interval + 10  # PID decline plus a reading or two
    checked = 0
    for on, off in trace.power_periods:
        detector = HeatUpDetector(on)
        end: HeatUpEnd | None = None
        for report in trace.reports:
            if not on <= report.at <= off:
                continue
            while (moment := detector.next_check) is not None and moment <= report.at:
                if end := detector.check(moment):
                    break
            if end or (end := detector.feed(report.at, report.watts, report.volts)):
                break
        assert end is not None
        true_end = truth[on]
        if not family.startswith("pid") and any(
            trace.true_power(true_end + 0.25 * i) >= IDLE_WATTS
            for i in range(1, round(4 * HOLD_SECONDS))
        ):
            # A heater came back on at once (a dual boiler's brew thermostat,
            # by chance): all were off too briefly for any plug to show it.
            continue
        assert abs(end.at - true_end) <= tolerance, (on, end, true_end - on)
        assert end.ended_by is not EndedBy.TIMEOUT
        checked += 1
    assert checked >= 2


def test_thermostat_heater_off_dated_at_the_fall() -> None:
    readings = [*steady(1200.0, 0.5, 300.0), *steady(4.0, 300.0, 340.0)]
    end = run(HeatUpDetector(ON), readings)
    assert end == HeatUpEnd(ON + 299.5, EndedBy.HEATER_OFF)


def test_silence_means_unchanged() -> None:
    """A plug reporting changes only: one idle reading, then nothing; a timer decides."""
    detector = HeatUpDetector(ON)
    assert run(detector, [(1.0, 1150.0), (2.0, 1160.0), (400.0, 3.0)]) is None
    first = detector.next_check
    assert first is not None
    assert first < ON + 400.0 + HOLD_SECONDS + LATE_SECONDS
    assert detector.check(first) is None  # not held long enough yet
    assert detector.next_check == ON + 400.0 + HOLD_SECONDS + LATE_SECONDS
    end = detector.check(ON + 400.0 + HOLD_SECONDS + LATE_SECONDS)
    assert end == HeatUpEnd(ON + 399.0, EndedBy.HEATER_OFF)
    assert detector.check(ON + 500.0) is None  # decided once
    assert detector.feed(ON + 501.0, 1200.0) is None
    assert detector.next_check is None


def test_warm_machine_never_heats() -> None:
    end = run(HeatUpDetector(ON), steady(5.0, 0.5, 20.0))
    assert end == HeatUpEnd(ON, EndedBy.WARM)


def test_a_single_low_reading_is_a_glitch() -> None:
    readings = [
        *steady(1200.0, 0.5, 100.0),
        (100.0, 900.0),
        *steady(1200.0, 101.0, 200.0),
    ]
    detector = HeatUpDetector(ON)
    assert run(detector, readings) is None
    # The glitch is forgotten: a real switch-off later is dated where it happens.
    end = run(detector, steady(3.0, 200.0, 220.0))
    assert end is not None
    assert end.at == ON + 199.0


def test_dual_boiler_one_heater_off_is_not_the_end() -> None:
    """Both heaters, then the brew boiler's switches off: heating goes on until all are off."""
    readings = [
        *steady(2300.0, 0.5, 200.0),
        (200.0, 1700.0),  # a reading straddling the step
        *steady(1300.0, 201.0, 260.0),
        *steady(2300.0, 260.0, 300.0),  # the brew heater back on
        *steady(1000.0, 300.0, 400.0),  # the steam heater off, brew on
        *steady(5.0, 400.0, 420.0),
    ]
    end = run(HeatUpDetector(ON), readings)
    assert end == HeatUpEnd(ON + 399.0, EndedBy.HEATER_OFF)


def test_pump_during_heat_up() -> None:
    """A rotary pump on top of the heater and its stop are no heat-up end."""
    readings = [
        *steady(1100.0, 0.5, 100.0),
        *steady(1280.0, 100.0, 130.0),  # a shot while heating
        *steady(1100.0, 130.0, 200.0),
        *steady(1100.0 * 0.85, 200.0, 215.0),  # a pump step straight down: steady
    ]
    detector = HeatUpDetector(ON)
    assert run(detector, readings, until=300.0) is None
    assert detector.full == pytest.approx(935.0, rel=0.02)


def test_pid_modulating() -> None:
    """Down, back up, down again: a slow PID's window; the end is the first fall."""
    readings = [
        *steady(1000.0, 0.5, 300.0),
        (300.0, 800.0),
        (301.0, 1000.0),
        (302.0, 650.0),
    ]
    assert run(HeatUpDetector(ON), readings) == HeatUpEnd(
        ON + 299.5, EndedBy.MODULATING
    )


def test_pid_falling_steadily() -> None:
    """A fast PID averaged by the plug: the power keeps falling and never settles."""
    readings = [*steady(1200.0, 0.5, 300.0)]
    readings += [(300.0 + i, 1200.0 - 40.0 * i) for i in range(1, 26)]
    end = run(HeatUpDetector(ON), readings)
    assert end is not None
    assert end.ended_by is EndedBy.MODULATING
    assert ON + 299.0 <= end.at <= ON + 303.0
    assert CONFIRM_SECONDS <= 25


def test_voltage_is_scaled_away() -> None:
    """Mains dropping 6 % takes 12 % off a heater: no end where the plug gives volts."""
    readings: list[tuple[float, float, float]] = [
        (t, w, v)
        for t, w, v in [(i + 0.5, 1200.0, 230.0) for i in range(100)]
        + [(i + 0.5, 1200.0 * (216.0 / 230.0) ** 2, 216.0) for i in range(100, 160)]
    ]
    assert run(HeatUpDetector(ON), readings, until=200.0) is None


def test_unknown_readings_decide_nothing_until_timeout() -> None:
    detector = HeatUpDetector(ON)
    assert (
        run(detector, [(1.0, 1200.0), (2.0, 1200.0), (3.0, 4.0), (4.0, None)]) is None
    )
    assert detector.check(ON + 100.0) is None  # unavailable: no decision by time
    assert detector.feed(ON + 5.0, float("nan")) is None
    assert detector.feed(ON + 6.0, -3.0) is None
    end = detector.check(ON + MAX_HEAT_UP_SECONDS + LATE_SECONDS)
    assert end == HeatUpEnd(ON + MAX_HEAT_UP_SECONDS, EndedBy.TIMEOUT)


def test_old_and_early_readings_are_ignored() -> None:
    detector = HeatUpDetector(ON)
    assert detector.feed(ON - 5.0, 3.0) is None  # before power-on
    assert detector.feed(ON + 2.0, 1200.0) is None
    assert detector.feed(ON + 1.0, 3.0) is None  # older than the last
    assert detector.full == 1200.0


def test_first_reading_straddling_power_on() -> None:
    """A 5 s average over the power-on shows half the heater first."""
    readings = [(5.0, 600.0), *steady(1200.0, 10.0, 200.0, every=5.0)]
    detector = HeatUpDetector(ON)
    assert run(detector, readings) is None
    assert detector.full == pytest.approx(1200.0, rel=0.01)


# --- learning ---------------------------------------------------------------------


def test_heat_lost() -> None:
    assert heat_lost(None, DEFAULT_TAU) == 1.0
    assert heat_lost(0.0, DEFAULT_TAU) == 0.0
    assert heat_lost(-5.0, DEFAULT_TAU) == 0.0
    assert heat_lost(300.0, 3600.0) == pytest.approx(1 - math.exp(-300 / 3600))


def test_nothing_learned_yet() -> None:
    learned = learn([])
    assert learned.estimate(None) is None
    assert learned.tau == DEFAULT_TAU
    assert learned.count == 0


def test_cold_median_of_the_last_ten() -> None:
    history = [HeatUp(i, 900.0, None) for i in range(15)]
    history += [HeatUp(20 + i, s, None) for i, s in enumerate((600.0, 610.0, 590.0))]
    learned = learn(history)
    # The last ten: seven of 900 s, and three near 600 s.
    assert learned.cold_seconds == 900.0
    assert learned.count == 18
    assert learn(history[-3:]).cold_seconds == 600.0


def test_warm_restart_estimate_and_tau_learned() -> None:
    """Machines cool with their own τ: learned from warm restarts, used for the next."""
    tau = 5400.0
    cold = 600.0
    history = [HeatUp(0, cold, None), HeatUp(1, cold, 12 * 3600.0)]
    history += [
        HeatUp(2 + i, cold * heat_lost(off, tau), off)
        for i, off in enumerate((1200.0, 2400.0, 4000.0))
    ]
    learned = learn(history)
    assert learned.tau == pytest.approx(tau, rel=0.01)
    assert learned.cold_seconds == pytest.approx(cold, rel=0.01)
    assert learned.estimate(300.0) == pytest.approx(
        cold * heat_lost(300.0, tau), rel=0.02
    )
    assert learned.estimate(None) == pytest.approx(cold, rel=0.01)
    # Without warm restarts, τ stays the default.
    assert learn(history[:2]).tau == DEFAULT_TAU


def test_short_warm_restarts_do_not_blow_up_the_cold_estimate() -> None:
    history = [HeatUp(0, 600.0, None), HeatUp(1, 30.0, 60.0), HeatUp(2, 0.0, 30.0)]
    assert learn(history).cold_seconds == 600.0


# --- stored state ---------------------------------------------------------------------


def test_data_round_trip_and_keep() -> None:
    data = HeatUpData(powered_on_at=ON, powered_off_at=ON - 600, ended_at=ON + 400)
    for i in range(25):
        data.remember(HeatUp(ON + i, 400.0 + i, None if i % 2 else 600.0))
    assert len(data.history) == 20
    assert data.history[0].at == ON + 5
    assert HeatUpData.from_dict(data.as_dict()) == data


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "garbage",
        [],
        {"powered_on_at": "yesterday", "history": "none"},
        {"powered_on_at": True, "ended_at": -1, "history": [1, {"at": "x"}, {}]},
        {"powered_off_at": float("inf"), "history": [{"at": 1.0, "seconds": None}]},
    ],
)
def test_malformed_data_is_dropped(raw: object) -> None:
    assert HeatUpData.from_dict(raw) == HeatUpData()


def test_malformed_history_items_are_dropped_one_by_one() -> None:
    raw = {
        "powered_on_at": ON,
        "history": [
            {"at": ON, "seconds": 500.0, "off_seconds": "long"},
            {"at": ON, "seconds": "slow"},
            {"at": ON + 1, "seconds": 510, "off_seconds": 300},
        ],
    }
    data = HeatUpData.from_dict(raw)
    assert data.powered_on_at == ON
    assert data.history == [HeatUp(ON, 500.0, None), HeatUp(ON + 1, 510.0, 300.0)]
