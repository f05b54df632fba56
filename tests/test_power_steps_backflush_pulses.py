"""Short pump pulses (a hand-made backflush's) in a plug's power readings."""

from __future__ import annotations

from collections.abc import Sequence

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import BASE, HEATER, PUMP, Row, idle_heater_cycles, periodic, run_all


def standby(start: float, end: float, every: float = 2.0) -> list[Row]:
    """Readings at the standby level, a little noisy, every ``every`` s."""
    rows: list[Row] = []
    t = start
    i = 0
    while t < end:
        rows.append((t, BASE + (0.2 if i % 2 else -0.1), None))
        t += every
        i += 1
    return rows


def pulse(start: float, watts: Sequence[float], every: float = 2.0) -> list[Row]:
    """Readings ``every`` s apart from ``start``."""
    return [(start + every * i, w, None) for i, w in enumerate(watts)]


def test_a_pulse_too_short_to_settle_is_a_run() -> None:
    # A 5 s pulse read every 2 s: the ramp, one reading at the pump's level,
    # a partial fall, then the standby again. No steady state above it.
    det = PumpDetector(PUMP)
    rows = standby(0.0, 60.0)
    rows += pulse(60.0, [BASE + 30.0, BASE + PUMP + 0.3, BASE + 38.0])
    rows += standby(66.0, 100.0)
    runs = run_all(det, rows, until=100.0)
    assert len(runs) == 1
    run = runs[0]
    assert 57.0 <= run.started <= 61.0
    assert 63.0 <= run.ended <= 67.0
    assert abs(run.watts - PUMP) <= 0.25 * PUMP


def test_a_pulse_whose_level_repeats_is_a_run() -> None:
    # The same value twice (1 W noise rounded to 0.1 W repeats often) is
    # let pass as perhaps stale, so the level never holds.
    det = PumpDetector(PUMP)
    rows = standby(0.0, 60.0)
    rows += pulse(60.0, [BASE + 36.0, BASE + PUMP + 1.0, BASE + PUMP + 1.0])
    rows += standby(66.0, 100.0)
    runs = run_all(det, rows, until=100.0)
    assert [round(r.watts) for r in runs] == [round(PUMP + 1.0)]


def test_single_readings_of_pump_size_are_no_run() -> None:
    # A slow PID's heater read in slivers: one reading above the standby at
    # a time, some of the pump's size. Only the pulse after them is a run.
    det = PumpDetector(PUMP)
    rows = standby(0.0, 60.0)
    t = 60.0
    for watts in (BASE + PUMP, BASE + 0.8 * PUMP, BASE + 1.1 * PUMP) * 4:
        rows += pulse(t, [watts])
        rows += standby(t + 2.0, t + 8.0)
        t += 8.0
    rows += standby(t, t + 300.0)
    t += 300.0
    rows += pulse(t, [BASE + 30.0, BASE + PUMP, BASE + 38.0])
    rows += standby(t + 6.0, t + 40.0)
    runs = run_all(det, rows, until=t + 40.0)
    assert [t - 3.0 <= r.started <= t + 1.0 for r in runs] == [True]


def test_a_pulse_over_the_pumps_size_is_no_run() -> None:
    # A reading far above the pump's step (a heater's partial reading) in
    # the excursion: not the pump's alone. The pulse after it is a run.
    det = PumpDetector(PUMP)
    rows = standby(0.0, 60.0)
    rows += pulse(60.0, [BASE + PUMP, BASE + 400.0, BASE + PUMP])
    rows += standby(66.0, 100.0)
    rows += pulse(100.0, [BASE + 30.0, BASE + PUMP, BASE + 38.0])
    rows += standby(106.0, 140.0)
    runs = run_all(det, rows, until=140.0)
    assert [97.0 <= r.started <= 101.0 for r in runs] == [True]


def test_a_short_pulse_is_decided_once_the_standby_holds() -> None:
    # As any run: not at the first reading back at the standby, and not by
    # a deadline that lies before that reading.
    det = PumpDetector(PUMP)
    rows = standby(0.0, 60.0)
    rows += pulse(60.0, [BASE + 30.0, BASE + PUMP + 0.3, BASE + 38.0, BASE])
    assert run_all(det, rows) == []
    deadline = det.next_deadline
    assert deadline is not None
    assert deadline > 66.0
    assert len(det.advance(deadline)) == 1


def test_a_heater_coming_and_going_with_a_vibratory_pulse() -> None:
    # With volts a known heater's size holds to a few watts: a heater that
    # rose with the pulse and fell with it by its own size, both edges the
    # pump's step beyond it, shows the pump on (a 50 W pump, too small to
    # stand out of a single split edge).
    power = idle_heater_cycles(0.0, 5)
    power += [(700.3, 712.3, HEATER), (700.3, 712.3, PUMP)]
    rows = periodic(power, 760.0, every=2.0, averaging=False, volts=230.0)
    runs = run_all(PumpDetector(PUMP), rows, until=760.0)
    assert [(r.started, r.ended) for r in runs] == [(702.0, 714.0)]
    assert abs(runs[0].watts - PUMP) <= 0.1 * PUMP


def test_a_pulse_whose_end_hid_in_a_heaters_rise() -> None:
    # Two readings at the pump's level after its ramp (still moving: no
    # level of their own), then the heater comes on as the pump stops: the
    # edge is the heater's alone, the readings before it showed the pump.
    rows = periodic(idle_heater_cycles(0.0, 5), 700.0, every=2.0, averaging=False)
    rows += pulse(702.0, [BASE + 30.0, BASE + PUMP - 5.0, BASE + PUMP + 4.0])
    rows += pulse(708.0, [BASE + HEATER + PUMP])
    rows += pulse(710.0, [BASE + HEATER + 0.3 * (i % 2) for i in range(10)])
    runs = run_all(PumpDetector(PUMP), rows, until=730.0)
    assert [(r.started, r.ended) for r in runs] == [(702.0, 708.0)]
    assert abs(runs[0].watts - PUMP) <= 0.1 * PUMP
