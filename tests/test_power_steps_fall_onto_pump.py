"""A heater's fall that lands on the pump's level is no heater's size (every 2 s).

A heat exchanger polled every 2 s (regression seed 9000059, a 198 W rotary
pump beside a 1,430 W heater): the heater went off and a shot started
within a reading, and the heater's tail (296 W) and the pump's inrush
(308 W) settled as one level of two readings before the pump's own
(207 W). The fall from the heater to that level was learnt as a second
heater of the heater's size less the pump's; the two heaters' hand-over
then read as the pump's step, and a shot whose heater came on inside it
and went off 5 s after it (4,358.6 s, 21.8 s) was lost: its stop, read
beside the heater, was unsure. A fall from a known heater alone that
lands about the pump's step over the standby is the pump come on in it:
no heater is learnt from it.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.readings import DetectedRun

from .power_traces import half_window_plug, heater_and_pump_cycles, run_all

ROTARY = 200.0  # W: a rotary pump's step
HEATER = 1400.0  # W: a heat exchanger's heater, over four pump steps
INRUSH = 150.0  # W: over its step, its first 0.9 s
VOLTS = 230.0  # the plug reports volts (steady mains)


def pump(start: float, end: float) -> list[tuple[float, float, float]]:
    """The pump's run with its inrush."""
    return [(start, end, ROTARY), (start, start + 0.9, INRUSH)]


def detected(falls: int) -> list[DetectedRun]:
    pieces = heater_and_pump_cycles(HEATER, ROTARY)
    # ``falls`` times: the heater off a fifth into a reading's second, a
    # flush on just before the next reading's second (its inrush read with
    # the heater's tail as one level), two minutes apart.
    for n in range(falls):
        t = 1600.0 + 120.0 * n
        pieces.append((t - 30.0, t + 1.193, HEATER))
        pieces += pump(t + 2.6, t + 6.2)
    # Then a shot whose heater came on inside it and went off 5 s after it.
    t = 1600.0 + 120.0 * falls + 60.0
    pieces += pump(t + 0.3, t + 22.1)
    pieces.append((t + 8.4, t + 27.4, HEATER))
    end = t + 80.0
    # (A Shelly: every 2 s, each reading the mean of the last second, and
    # volts; a few tenths of noise, so that no reading repeats the last as
    # a stale meter's does.)
    rows = [
        (at, w + 0.3 * (n % 3), VOLTS)
        for n, (at, w) in enumerate(half_window_plug(pieces, end))
    ]
    return [r for r in run_all(PumpDetector(ROTARY), rows, end) if r.started > t - 5.0]


def test_the_shot_after_falls_onto_the_pump_is_read() -> None:
    runs = detected(2)
    assert len(runs) == 1
    assert abs(runs[0].started - 1900.3) < 1.5
    assert abs(runs[0].ended - 1922.1) < 1.5
