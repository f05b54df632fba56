"""A backflush pulse whose start shares one transient with a heater's rise.

With volts reported, the heater's part of such an edge is read at the volts
after it (sagged under the heater and the pump), which is exact; what is
left is the pump's own step, a motor's, a few per cent off the nominal one
and not scaled with the volts. Such a pulse must still be paired, or its
rise and fall are learned as a phantom heater the size of heater and pump.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

PUMP = 185.0
STANDBY = 2.5
HEATER = 1380.0  # at the nominal volts
NOMINAL_V = 230.0


def _heater(volts: float) -> float:
    return HEATER * (volts / NOMINAL_V) ** 2


def _readings(pump_real: float) -> tuple[list[tuple[float, float, float]], float]:
    """A heat exchanger's heater cycling, then a pulse that starts with it."""
    out: list[tuple[float, float, float]] = []

    def standby(n: int) -> None:
        out.extend((len(out) + 0.0, STANDBY, 229.5) for _ in range(n))

    standby(60)
    for _ in range(6):
        out.extend((len(out) + 0.0, STANDBY + _heater(228.3), 228.3) for _ in range(6))
        standby(40)
    # One partial reading of the heater alone, then heater and pump.
    out.append((len(out) + 0.0, STANDBY + 0.7 * _heater(227.9), 227.9))
    started = len(out) + 0.0
    out.extend(
        (len(out) + 0.0, STANDBY + _heater(227.5) + pump_real, 227.5) for _ in range(6)
    )
    standby(60)
    return out, started


def _runs(pump_real: float) -> tuple[list[DetectedRun], float]:
    detector = PumpDetector(PUMP)
    readings, started = _readings(pump_real)
    runs: list[DetectedRun] = []
    for at, watts, volts in readings:
        runs += detector.feed(at, watts, volts)
    runs += detector.advance(readings[-1][0] + 600.0)
    return runs, started


def test_pulse_with_a_heater_found_when_the_pump_draws_a_little_over_nominal() -> None:
    """The pump's step 4 % over the nominal one: the pulse is still seen.

    (The heater's cycles before it are no runs.)
    """
    runs, started = _runs(PUMP * 1.043)
    assert len(runs) == 1
    assert abs(runs[0].started - started) <= 1.5
    assert 5.0 <= runs[0].duration <= 8.0
