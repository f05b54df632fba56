"""A backflush's pulse read every 5 s: its tail in the standby's last reading before the next.

A pump starting reads the standby, at most one partial reading, then its
step whole, so a standby's last reading past its noise before a heater's
rise may be the pump's first partial one (``_pump_partial_in_level``). After
a reading of the pump (a pulse too short to make a level of its own) it is
that pulse's last seconds: the next pulse started later
(``_tail_of_pulse``; regression thermostat 7000012: 37, 67, 20, 615,
1,331 W, an 11.7 s pulse read as a 16.1 s shot).
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all
from .sim_replay import corpus_spec, retried_shots

PUMP = 62.0
HEATER = 1220.0


def runs_of(*pulses: tuple[float, float]) -> list[tuple[float, float]]:
    """The pump's ``pulses``, the heater on from 693.9 s to 760 s."""
    power = [
        *idle_heater_cycles(52.5, 4, HEATER),
        *((a, b, PUMP) for a, b in pulses),
        (693.9, 760.0, HEATER),
    ]
    rows = periodic(power, 900.0, every=5.0, noise=0.5)
    return [
        (r.started, r.ended) for r in run_all(PumpDetector(PUMP), rows, until=900.0)
    ]


def test_a_pulses_tail_before_the_next_is_no_start() -> None:
    """Pulses 676.9-686.0 and 692.2-703.9 s: read 42, 67, then 18 W (the first
    one's last second) and 283, 1287 W. The second, 11.7 s, is no shot (it
    was read from the 18 W reading: 689.1-705.0 s)."""
    runs = runs_of((676.9, 686.0), (692.2, 703.9))
    assert [r for r in runs if r[1] - r[0] >= 15.0] == []


def test_a_start_after_the_standby_is_still_dated_by_its_partial_reading() -> None:
    """No pulse before: the pump from 688.9 s, the standby's last reading
    (18 W) its first partial one, dates the start, as before (a 16.0 s
    shot)."""
    (run,) = [r for r in runs_of((688.9, 704.9)) if r[0] > 650.0]
    assert abs(run[0] - 688.9) < 1.0
    assert run[1] - run[0] >= 15.0


def test_a_heaters_fall_read_in_part_is_no_pulses_tail() -> None:
    """Fresh seed 124000013 (a heat exchanger, a 134 W rotary pump, every
    5 s): 1,263, 97, 25, 175, 1,384 W. The 97 W reading is the heater's fall
    read in part (a heater's level before it), not a pulse: the 25 W reading
    after it is the pump's first partial one, and the 28.5 s shot from
    11,259.6 s is read (it was lost as a pulse's tail)."""
    spec = corpus_spec("heat_exchanger", "periodic_5", 124_000_013)
    (shot,) = retried_shots(spec, 11_259.6, 11_288.0)
    assert abs(shot[0] - 11_259.6) < 1.0
