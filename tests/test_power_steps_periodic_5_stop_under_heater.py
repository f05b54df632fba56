"""A rotary pump's fall read every 5 s, dated by a heater's reading alone in it.

A heat exchanger's heater came on late in a shot and stayed on after the
pump: read every 5 s, its pulse (the heater and the pump, then the heater
alone) filled the fall's transient, and the stop was dated at the heater's
fall, 10-15 s late (dev seed 21,000,029 at 4,872 s: 186, 184, then 745,
1,510, 1,459, 450, 3 W beside a 1,466 W heater; a 19.3 s shot read 33.2 s).
The first reading of the known heater alone shows the pump off over its
interval: the stop is dated there, the shot still a shot.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import idle_heater_cycles, periodic, run_all

ROTARY = 180.0
HEATER_W = 1400.0


def test_a_heaters_reading_alone_dates_the_stop_of_a_shot_before_its_fall() -> None:
    """The pump alone twice, the heater on with it, the pump off, the heater alone once, its fall.

    The heater was learnt at 1,400 W and the mains moved it 2.8 % up since:
    the readings 185, 185, 760, 1,490, 1,444, 437, 5 W (the pump off 26 % into
    the 1,490 W reading). Its fall to the standby dates the stop at 630 s.
    """
    power = [
        *idle_heater_cycles(52.5, 4, HEATER_W),
        (596.9, 616.3, ROTARY),  # a 19.4 s shot
        (612.96, 626.5, HEATER_W * 1.028),  # its heater on 16 s in, off 10 s after
    ]
    rows = periodic(power, 800.0, every=5.0, noise=0.5)
    runs = run_all(PumpDetector(ROTARY), rows, until=800.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(596.9, abs=2.5)
    # The heater alone read over 620-625 s: the pump was off by 620 s,
    # where the heater's fall to the standby dated it at 630 s.
    assert runs[0].ended == pytest.approx(620.0, abs=1.0)
    assert runs[0].duration >= 15.0
