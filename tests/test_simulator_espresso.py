"""The espresso machine power simulator: the ground truth the detector is measured on."""

from __future__ import annotations

import itertools
import statistics
import time

import pytest

from simulator.espresso import (
    FAMILIES,
    KINDS,
    PLUG_MODELS,
    PLUGS,
    PUMPS,
    MachineModel,
    Report,
    Trace,
    generate,
)

_CACHE: dict[tuple[str, str, str, int, int, int], Trace] = {}


def _trace(
    family: str,
    pump: str = "vibratory",
    plug: str = "periodic_1",
    seed: int = 1,
    shots: int = 8,
    backflushes: int = 0,
) -> Trace:
    key = (family, pump, plug, seed, shots, backflushes)
    if key not in _CACHE:
        _CACHE[key] = generate(
            family, pump, plug, seed=seed, shots=shots, hand_backflushes=backflushes
        )
    return _CACHE[key]


def _between(reports: list[Report], start: float, end: float) -> list[float]:
    return [r.watts for r in reports if start <= r.at <= end]


def _powered(trace: Trace, at: float) -> bool:
    return any(on <= at <= off for on, off in trace.power_periods)


def test_deterministic_per_seed() -> None:
    a = generate("thermostat", "vibratory", "periodic_2", seed=7, shots=4)
    b = generate("thermostat", "vibratory", "periodic_2", seed=7, shots=4)
    c = generate("thermostat", "vibratory", "periodic_2", seed=8, shots=4)
    assert a.reports == b.reports
    assert a.runs == b.runs
    assert a.heat_up_ends == b.heat_up_ends
    assert a.reports != c.reports
    assert a.runs != c.runs


def test_same_machine_and_day_through_every_plug() -> None:
    traces = [generate("pid_slow", "rotary", plug, seed=3, shots=4) for plug in PLUGS]
    assert all(t.runs == traces[0].runs for t in traces)
    assert all(t.pump_watts == traces[0].pump_watts for t in traces)
    assert len({len(t.reports) for t in traces}) == len(PLUGS)


def test_unknown_names_are_refused() -> None:
    with pytest.raises(ValueError, match="family"):
        generate("lever", "vibratory", "periodic_1", seed=1)
    with pytest.raises(ValueError, match="pump"):
        generate("thermostat", "gear", "periodic_1", seed=1)
    with pytest.raises(ValueError, match="plug"):
        generate("thermostat", "vibratory", "zigbee", seed=1)


def test_a_day_of_twenty_shots_is_fast() -> None:
    started = time.perf_counter()
    trace = generate("pid_fast", "vibratory", "periodic_1", seed=5, shots=20, days=1)
    elapsed = time.perf_counter() - started
    assert sum(r.kind == "shot" for r in trace.runs) == 20
    assert len(trace.reports) > 5000
    assert elapsed < 1.0  # about 0.1 s here; the bound leaves room for a busy CI


@pytest.mark.parametrize("family", FAMILIES)
def test_runs_are_ordered_inside_power_periods_with_realistic_lengths(
    family: str,
) -> None:
    trace = _trace(family, shots=30)
    runs = trace.runs
    assert sum(r.kind == "shot" for r in runs) == 30
    assert all(r.kind in KINDS for r in runs)
    assert all(a.ended < b.started for a, b in itertools.pairwise(runs))
    assert all(_powered(trace, r.started) and _powered(trace, r.ended) for r in runs)
    shots = [r.duration for r in runs if r.kind == "shot"]
    flushes = [r.duration for r in runs if r.kind == "flush"]
    assert all(12 <= d <= 100 for d in shots)
    assert sum(18 <= d <= 40 for d in shots) >= 0.8 * len(shots)
    assert flushes
    assert all(1 <= d <= 8 for d in flushes)


def test_flushes_can_be_set_exactly() -> None:
    trace = generate(
        "heat_exchanger", "rotary", "on_change", seed=2, shots=6, flushes=4
    )
    assert sum(r.kind == "flush" for r in trace.runs) == 4
    assert sum(r.kind == "shot" for r in trace.runs) == 6
    many = generate("thermostat", "rotary", "on_change", seed=2, shots=3, flushes=15)
    assert sum(r.kind == "flush" for r in many.runs) == 15


@pytest.mark.parametrize("pump", PUMPS)
@pytest.mark.parametrize("family", ["thermostat", "heat_exchanger", "dual_boiler"])
def test_a_true_run_adds_the_pump_step(family: str, pump: str) -> None:
    """Until a heater switches, a shot lifts the readings by pump_watts."""
    trace = _trace(family, pump, shots=30)
    limit = trace.standby_watts + 3 * trace.pump_watts
    checked = 0
    for run in trace.runs:
        if run.kind != "shot":
            continue
        before = _between(trace.reports, run.started - 8, run.started - 0.1)
        during = [
            r.watts
            for r in trace.reports
            if run.started + 3.5 <= r.at <= run.ended - 0.1
            # no heater in the second the reading averages
            and max(trace.true_power(r.at - x / 10) for x in range(11)) < limit
        ]
        if not before or max(before) > limit or len(during) < 2:
            continue  # a heater ran: the step is on top of it
        step = statistics.median(during) - statistics.median(before)
        assert step == pytest.approx(trace.pump_watts, rel=0.1)
        checked += 1
    assert checked >= 5


def _hot_idle(family: str, pump: str, seed: int) -> tuple[MachineModel, float]:
    """A machine just past its heat-up: heater off, boiler at the top of its band."""
    model = MachineModel(family, pump, seed=seed)
    model.set_power(True, 0)
    t = 0.0
    while model.heat_up_end is None:
        t += 1
        model.advance(t)
    return model, t


@pytest.mark.parametrize("pump", PUMPS)
def test_vibratory_pump_ramps_and_rotary_pump_has_an_inrush(pump: str) -> None:
    for seed in range(3):
        model, t = _hot_idle("thermostat", pump, seed)
        standby, step = model.spec.standby_watts, model.spec.pump_watts
        model.set_pump(True, t + 1)
        early = model.power_at(t + 1.1) - standby
        late = model.power_at(t + 5) - standby
        assert not model.heater_on
        if pump == "vibratory":
            assert early < 0.7 * step  # pressure still building
            assert late == pytest.approx(step, rel=0.1)
        else:
            assert early > 1.4 * step  # inrush
            assert late == pytest.approx(step, rel=0.06)
        model.set_pump(False, t + 6)
        assert model.power_at(t + 6) == pytest.approx(standby)


def test_thermostat_readings_cluster_at_a_few_levels() -> None:
    trace = _trace("thermostat", shots=12)
    heater = trace.heater_watts[0]
    s, p = trace.standby_watts, trace.pump_watts
    levels = [0.0, s, s + p, s + heater, s + p + heater]
    on = [r.watts for r in trace.reports if _powered(trace, r.at)]

    def near(w: float) -> bool:
        return any(abs(w - lv) <= 8 + 0.1 * lv for lv in levels)

    assert sum(map(near, on)) / len(on) > 0.97


def test_pid_fast_readings_wander_between_zero_and_the_heater() -> None:
    trace = _trace("pid_fast", shots=6)
    heater = trace.heater_watts[0]
    idle = [
        r.watts
        for r in trace.reports
        if _powered(trace, r.at)
        and r.at > trace.heat_up_ends[0][1] + 120
        and not any(x.started - 60 < r.at < x.ended + 120 for x in trace.runs)
    ]
    inside = [w for w in idle if 20 + trace.standby_watts < w < heater - 20]
    assert len({round(w / 10) for w in inside}) > 15
    assert len(inside) > 0.5 * len(idle)
    assert statistics.pstdev(idle) > 10


def test_pid_slow_switches_the_whole_heater_in_a_window() -> None:
    model = MachineModel("pid_slow", "vibratory", seed=2)
    window = model.spec.pid_period
    assert 2 <= window <= 10
    model.set_power(True, 0)
    t = 0.0
    while model.heat_up_end is None:
        t += 1
        model.advance(t)
    heater = model.spec.boilers[0].heater_watts
    levels = set()
    starts = 0
    was_on = model.heater_on
    for i in range(1, 6000):
        at = t + 600 + i * 0.1
        watts = model.power_at(at)
        levels.add(round(watts / 50))
        starts += model.heater_on and not was_on
        was_on = model.heater_on
    # Two levels only (the heater is all or nothing), switched about once a window.
    assert len(levels) <= 3
    assert max(levels) * 50 > 0.85 * heater
    assert 600 / window * 0.5 <= starts <= 600 / window * 1.05


def test_heat_exchanger_cycles_every_half_minute_to_minute_and_a_half() -> None:
    periods = []
    for seed in range(5):
        model = MachineModel("heat_exchanger", "rotary", seed=seed)
        model.set_power(True, 0)
        starts: list[float] = []
        was_on = True
        for i in range(1, 40 * 60 * 4):
            at = i / 4
            model.advance(at)
            if model.heater_on and not was_on and at > 1800:
                starts.append(at)
            was_on = model.heater_on
        periods.append((starts[-1] - starts[0]) / (len(starts) - 1))
    assert all(25 <= p <= 120 for p in periods), periods


def test_dual_boiler_with_and_without_brew_priority() -> None:
    seen = {True: False, False: False}
    for seed in range(12):
        trace = _trace("dual_boiler", seed=seed, shots=2)
        brew, steam = trace.heater_watts
        peak = max(trace.truth_watts)
        both = peak > brew + steam * 0.8
        assert both != trace.spec.priority
        seen[trace.spec.priority] = True
    assert all(seen.values())


@pytest.mark.parametrize(
    ("family", "low", "high"),
    [
        ("thermostat", 5, 15),
        ("heat_exchanger", 12, 27),
        ("dual_boiler", 15, 30),
        ("pid_slow", 4, 15),
        ("pid_fast", 3, 15),
    ],
)
def test_heat_up_from_cold_takes_realistic_minutes(
    family: str, low: float, high: float
) -> None:
    minutes = []
    for seed in range(8):
        model = MachineModel(family, "vibratory", seed=seed)
        model.set_power(True, 100)
        t = 100.0
        while model.heat_up_end is None and t < 3600:
            t += 5
            model.advance(t)
        assert model.heat_up_end is not None
        minutes.append((model.heat_up_end - 100) / 60)
    assert all(low <= m <= high for m in minutes), minutes


def test_a_machine_switched_off_a_few_minutes_ago_starts_warm() -> None:
    model = MachineModel("thermostat", "vibratory", seed=3)
    model.set_power(True, 0)
    model.advance(1800)
    cold = model.heat_up_ends[0][1]
    model.set_power(False, 1800)
    model.advance(2100)
    assert model.temperatures[0] > 60
    model.set_power(True, 2100)
    model.advance(3600)
    on, end = model.heat_up_ends[1]
    assert on == 2100
    assert end - on < cold / 3


@pytest.mark.parametrize("family", FAMILIES)
def test_heat_up_end_is_recorded_where_the_heater_first_lets_go(family: str) -> None:
    trace = _trace(family, shots=10)
    assert len(trace.heat_up_ends) == len(trace.power_periods)
    for (on, end), (p_on, p_off) in zip(
        trace.heat_up_ends, trace.power_periods, strict=True
    ):
        assert on == p_on
        assert on <= end < p_off
    on, end = trace.heat_up_ends[0]
    assert end - on > 120  # the first one is from cold
    total = trace.spec.standby_watts + sum(trace.heater_watts)
    before = trace.true_power(end - 0.01)
    after = trace.true_power(end + 0.01)
    if family == "pid_fast":
        assert before > 0.85 * total
        assert after < before
    else:
        assert before > 0.85 * min(trace.heater_watts)
        assert after < before - 0.85 * min(trace.heater_watts)
    if family not in ("pid_slow", "pid_fast"):
        assert after < 0.5 * min(trace.heater_watts)  # every heater off


def test_heater_often_switches_on_during_a_shot() -> None:
    hits = total = 0
    for seed in range(4):
        trace = _trace("thermostat", seed=seed, shots=10)
        heater = trace.heater_watts[0]
        for run in trace.runs:
            if (
                run.kind != "shot"
                or trace.true_power(run.started - 0.01) > 0.5 * heater
            ):
                continue
            total += 1
            i = 0
            at = run.started
            while at < run.ended:
                if trace.true_power(at) > 0.5 * heater:
                    i = 1
                    break
                at += 0.5
            hits += i
    assert total >= 20
    assert hits / total > 0.4


@pytest.mark.parametrize("plug", ["periodic_1", "periodic_2", "periodic_5"])
def test_periodic_plugs_report_on_time_and_drop_a_few(plug: str) -> None:
    trace = _trace("heat_exchanger", plug=plug, shots=10)
    interval = PLUG_MODELS[plug].interval
    gaps = [b.at - a.at for a, b in itertools.pairwise(trace.reports)]
    assert min(gaps) > interval - 0.1
    assert statistics.median(gaps) == pytest.approx(interval, abs=0.06)
    expected = trace.end / interval
    missing = 1 - len(trace.reports) / expected
    assert 0.002 < missing < 0.03
    assert sum(g > 1.5 * interval for g in gaps) > 0
    repeats = sum(
        a.watts == b.watts and a.watts > 0 for a, b in itertools.pairwise(trace.reports)
    )
    assert repeats > 0


def test_periodic_5_averages_the_whole_interval() -> None:
    trace = _trace("thermostat", plug="periodic_5", shots=12)
    partial = 0
    for run in trace.runs:
        if run.kind != "flush" or run.duration > 3.5:
            continue
        readings = _between(trace.reports, run.started, run.ended + 5)
        if readings and max(readings) < trace.standby_watts + 0.8 * trace.pump_watts:
            partial += 1
    assert partial > 0  # a short flush is diluted over 5 s, not sampled
    assert all(r.volts is None for r in trace.reports)


def test_on_change_plug_is_silent_while_nothing_changes() -> None:
    trace = _trace("thermostat", plug="on_change", shots=8)
    gaps = [b.at - a.at for a, b in itertools.pairwise(trace.reports)]
    assert max(gaps) > 300
    assert sum(g > 60 for g in gaps) > 5
    moves = [abs(b.watts - a.watts) for a, b in itertools.pairwise(trace.reports)]
    assert sum(m > 5 for m in moves) / len(moves) > 0.98
    assert len(trace.reports) < trace.end / 4
    # Silence means unchanged: the true average stayed within a few W of the last report.
    for a, b in itertools.pairwise(trace.reports):
        if b.at - a.at > 120:
            mid = (a.at + b.at) / 2
            assert abs(trace.true_power(mid) - a.watts) < 10


@pytest.mark.parametrize("plug", PLUGS)
def test_reports_are_ordered_with_plausible_values(plug: str) -> None:
    trace = _trace("dual_boiler", "rotary", plug=plug, shots=6)
    ats = [r.at for r in trace.reports]
    assert all(a < b for a, b in itertools.pairwise(ats))
    assert all(r.watts >= 0 for r in trace.reports)
    assert max(r.watts for r in trace.reports) < 1.2 * (
        sum(trace.heater_watts) + 2 * trace.pump_watts + trace.standby_watts
    )
    volts = [r.volts for r in trace.reports if r.volts is not None]
    if PLUG_MODELS[plug].volts:
        low, high = (105, 126) if trace.nominal_volts < 200 else (214, 241)
        assert volts
        assert all(low <= v <= high for v in volts)
        assert len(set(volts)) > 10  # mains drift
    else:
        assert not volts
    off = [
        r.watts
        for r in trace.reports
        if not _powered(trace, r.at - 5) and not _powered(trace, r.at)
    ]
    assert off
    assert statistics.median(off) == 0


def test_heater_power_follows_the_voltage_squared() -> None:
    model = MachineModel("thermostat", "vibratory", seed=9)
    spec = model.spec
    model.set_power(True, 0)
    ratios, volts = [], []
    at = 0.0
    while model.heat_up_end is None:
        at += 2
        watts = model.power_at(at) - spec.standby_watts
        if not model.heater_on:
            break
        volts.append(model.voltage_at(at))
        ratios.append(watts / volts[-1] ** 2)
        # A resistive heater at the socket's volts: the ones the plug reports,
        # sagged under the machine's own current (not the mains' before it).
        at_socket = spec.boilers[0].heater_watts * (volts[-1] / spec.nominal_volts) ** 2
        assert watts == pytest.approx(at_socket, rel=1e-6)
    assert len(ratios) > 100
    assert max(volts) - min(volts) > 0.5  # the mains drifted
    assert statistics.pstdev(ratios) / statistics.mean(ratios) < 0.002


def test_hand_made_backflush_pattern() -> None:
    trace = _trace("thermostat", shots=3, backflushes=1)
    pulses = [r for r in trace.runs if r.kind == "backflush_pulse"]
    assert 8 <= len(pulses) <= 12
    assert all(5 <= p.duration <= 12 for p in pulses)
    pauses = [b.started - a.ended for a, b in itertools.pairwise(pulses)]
    rinse = [p for p in pauses if p > 15]
    assert len(rinse) == 1
    assert 30 <= rinse[0] <= 600
    assert all(4 <= p <= 15 for p in pauses if p <= 15)
    first, second = pauses.index(rinse[0]) + 1, len(pulses) - pauses.index(rinse[0]) - 1
    assert 4 <= first <= 6
    assert 4 <= second <= 6
    after = [r for r in trace.runs if r.started > pulses[-1].ended]
    flushes = after[: next((i for i, r in enumerate(after) if r.kind != "flush"), None)]
    assert 2 <= len(flushes) <= 4
    assert all(r.kind == "flush" and 2 <= r.duration <= 6 for r in flushes)
    assert flushes[0].started - pulses[-1].ended < 31


def test_calibration_run_comes_after_the_click_once_the_machine_is_hot() -> None:
    trace = _trace("pid_slow", shots=4)
    run, click = trace.calibration_run, trace.calibration_click
    assert run is not None
    assert click is not None
    assert run.kind == "calibration"
    assert click + 2 <= run.started <= click + 8
    assert 8 <= run.duration <= 14  # the flow asks for about 10 s
    assert click >= trace.heat_up_ends[0][1]
    assert run not in trace.runs
    assert all(r.ended < click or r.started > run.ended for r in trace.runs)
    no_cal = generate(
        "pid_slow", "vibratory", "periodic_1", seed=1, shots=2, calibration=False
    )
    assert no_cal.calibration_run is None


def test_live_model_is_monotonic_and_reacts_to_the_pump() -> None:
    model = MachineModel("thermostat", "rotary", seed=1)
    assert model.power_at(1000.0) == 0
    model.set_power(True, 1000.0)
    assert model.power_at(1000.5) > 900  # cold: heating
    at = 1000.0
    while model.heater_on:
        at += 1
        model.advance(at)
    idle = model.power_at(at)
    assert idle == pytest.approx(model.spec.standby_watts)
    model.set_pump(True, at + 1, "flush")
    assert model.power_at(at + 3) - idle == pytest.approx(
        model.spec.pump_watts, rel=0.06
    )
    energy = model.energy_at(at + 3)
    assert model.energy_at(at + 5) - energy == pytest.approx(
        2 * (idle + model.spec.pump_watts), rel=0.06
    )
    with pytest.raises(ValueError, match="backwards"):
        model.power_at(at)
    model.set_power(False, at + 10)
    assert model.power_at(at + 10.5) == 0
    low, high = model.spec.volts_low, model.spec.volts_high
    assert low - 1 <= model.voltage_at(at + 11) <= high
