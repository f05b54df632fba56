"""A dual boiler's shot read every 5 s, its start hidden in the steam heater's hand-over.

The steam heater is on when a shot starts; cold water reaching the brew
boiler switches the brew heater on, and the steam heater hands over to it.
The pump's start hides in the steam heater's readings and the hand-over's:
no rise from the standby dates it, and the brew heater, read whole only in
its short pulses long ago, is no size sure enough to split the pump off the
hand-over's edge. The level of the brew heater and the pump, then the heater
alone a pump's step under it, shows the pump ran through the level's fresh
readings (``_level_past_flush``): readings that prove more than a flush's
length count, fewer do not, nor any while one heater only is known.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import (
    Row,
    dual_boiler_heaters,
    idle_heater_cycles,
    periodic,
    run_all,
)
from .sim_replay import corpus_spec, retried_shots
from .test_power_steps_periodic_5_heater_on_after_stop import (
    BREW,
    ROTARY,
    STANDBY,
    STEAM,
)

START = 2100.0  # the brew heater last read whole 1,560 s before: its size unsure


def runs_of(readings: list[float], steam: float | None = STEAM) -> list[DetectedRun]:
    """The steam heater's cycles, the brew heater's short pulses read whole, then ``readings`` from ``START``, every 5 s.

    ``steam`` None: the brew heater's cycles alone (only its size learnt).
    """
    if steam is not None:
        cycles = idle_heater_cycles(52.5, 3, steam)
        pulses = [(412.5 + 60.0 * i, 420.5 + 60.0 * i, BREW) for i in range(3)]
    else:
        cycles, pulses = idle_heater_cycles(412.5, 3, BREW), []
    idle = [(0.0, START - 5.0, STANDBY), *cycles, *pulses]
    learnt = periodic(idle, START - 5.0, every=5.0, noise=0.3)
    rows: list[Row] = [
        (START + 5.0 * i, w, None) for i, w in enumerate([*readings, *[STANDBY] * 30])
    ]
    return run_all(PumpDetector(ROTARY), [*learnt, *rows], until=START + 400.0)


def hand_over(level: int, stop: float = 0.5) -> list[float]:
    """The steam heater, its hand-over, ``level`` readings of the brew heater and the
    pump, the pump's stop ``stop`` into the next reading, the brew heater alone twice,
    the steam heater's hand-over back and its fall."""
    both = BREW + ROTARY + STANDBY
    return [
        STANDBY,
        757.0,
        *[STEAM + STANDBY] * 4,
        1150.0,
        *[both + 0.5 * (i % 3) for i in range(level)],
        both - (1.0 - stop) * ROTARY,
        BREW + STANDBY,
        BREW + STANDBY - 2.0,
        1259.0,
        581.0,
    ]


def test_a_level_held_past_a_flush_after_a_hand_over_is_a_shot() -> None:
    """Dev seed 21,000,005 (a 27.7 s shot): the steam heater 1,356 W, the hand-over
    1,159 W, 1,028 W four times, 969 W, the brew heater alone 892, 890 W, then 1,253 W."""
    runs = runs_of(hand_over(4))
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(START + 30.0, abs=1.0)
    assert runs[0].duration == pytest.approx(22.5, abs=1.5)


def test_a_level_no_longer_than_a_flush_is_no_run() -> None:
    """Three readings of the level, the pump's stop a tenth into the next: 14.0 s
    proven at most (the first reading's tenth left to noise), and a flush's length may
    be all of it."""
    assert runs_of(hand_over(3, stop=0.1)) == []


def test_a_first_reading_at_the_level_holds_the_pump_for_most_of_it() -> None:
    """No state but the heater alone within a pump's step of the level: its first
    reading, read at the level, held the pump for nine tenths of it at least, so three
    readings and half the next prove 16.0 s."""
    runs = runs_of(hand_over(3))
    assert len(runs) == 1
    assert runs[0].duration == pytest.approx(17.5, abs=1.5)


def test_one_heater_known_leaves_the_level_unproven() -> None:
    """The steam heater never learnt: its hand-over to the brew heater reads the same."""
    assert runs_of(hand_over(4), None) == []


def test_a_simulated_shot_whose_start_hid_in_a_hand_over_is_counted() -> None:
    """Dev seed 21,000,005 (a 147 W rotary pump): the shot of 12,350.2-12,377.8 s."""
    spec = corpus_spec("dual_boiler", "periodic_5", 21000005)
    (shot,) = retried_shots(spec, 12345.0, 12385.0)
    assert shot[1] == pytest.approx(12377.8, abs=2.5)


def test_the_steam_heater_moved_with_the_mains_handing_over_is_no_run() -> None:
    """Dev seed 22,000,037 (a 191 W rotary pump, heaters learnt at 1,170 and 996 W): the
    mains up 5 %, the steam heater alone read 1,230 W for 45 s (a pump's step over the
    brew heater learnt, no known size), then the brew heater alone 1,050 W: both moved
    as much, so the level is the steam heater's, a false 50 s shot without the check."""
    pump, steam, brew, moved = 191.0, 1170.0, 996.0, 1.05
    learnt = dual_boiler_heaters(steam, brew)
    idle = periodic([(0.0, 895.0, STANDBY), *learnt], 895.0, every=5.0, noise=0.3)
    readings = [
        STANDBY,
        600.0,
        *[steam + STANDBY] * 3,
        1154.0,
        *[steam * moved + STANDBY + i % 3 for i in range(9)],
        brew * moved + STANDBY,
        brew * moved + STANDBY + 1.0,
        1217.0,
        1211.0,
        *[steam * moved + STANDBY] * 4,
        *[STANDBY] * 30,
    ]
    rows: list[Row] = [(900.0 + 5.0 * i, w, None) for i, w in enumerate(readings)]
    assert run_all(PumpDetector(pump), [*idle, *rows], until=1300.0) == []
