"""Runs where the pump never ran (phantoms), read every 5 s without volts.

* A heater's short pulse read by an energy meter every 5 s: its first
  partial reading repeated by a stale meter makes a level of the pump's
  size, then one heater-sized reading, then the standby. No pump stops
  through a heater-sized reading: no run.
* A heater that switches alone, its size moved by the mains (unseen without
  volts), can read as a smaller heater and the pump switching together, at
  both its edges. The whole edge within the mains' move of a known heater's
  size: no run.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all

VIBRATORY = 50.5
HEATER = 1245.0
STANDBY = 3.3


def test_a_stale_partial_reading_of_a_heaters_pulse_is_no_run() -> None:
    """55 W twice (the pulse's first partial reading, repeated), 1227 W once, standby."""
    rows = periodic(
        [(0.0, 2000.0, STANDBY), *idle_heater_cycles(52.5, 5, HEATER)],
        800.0,
        every=5.0,
        noise=0.4,
    )
    at = rows[-1][0]
    pulse = [55.0, 55.0, 1227.0]
    rows += [(at + 5.0 * (i + 1), w, None) for i, w in enumerate(pulse)]
    at = rows[-1][0]
    rows += [(at + 5.0 * (i + 1), STANDBY, None) for i in range(12)]
    assert run_all(PumpDetector(VIBRATORY), rows, until=at + 70.0) == []


def test_a_pump_run_read_every_5_s_still_counts() -> None:
    """The same machine, the pump on for 25 s from the standby: one run."""
    power = [(0.0, 2000.0, STANDBY), *idle_heater_cycles(52.5, 5, HEATER)]
    power.append((802.2, 827.2, VIBRATORY))
    rows = periodic(power, 900.0, every=5.0, noise=0.4)
    runs = run_all(PumpDetector(VIBRATORY), rows, until=900.0)
    assert len(runs) == 1
    assert abs(runs[0].duration - 25.0) <= 5.0


ROTARY = 139.0
BIG = 1403.0  # the heater, known at the mains of its cycles
SMALL = (
    BIG - ROTARY - 40.0
)  # a second cluster: the first at the mains' low, less a pump


def test_a_heater_at_other_mains_is_no_heater_and_pump() -> None:
    """The big heater at 3 % less (the mains 1.5 % low) reads as the small one and the pump."""
    power = [
        (0.0, 3000.0, 7.0),
        *idle_heater_cycles(52.5, 5, BIG),
        *idle_heater_cycles(652.5, 2, SMALL),
    ]
    moved = 0.97 * BIG
    power.append((1000.7, 1024.7, moved))
    rows = periodic(power, 1100.0, every=5.0, noise=0.4)
    assert run_all(PumpDetector(ROTARY), rows, until=1100.0) == []
