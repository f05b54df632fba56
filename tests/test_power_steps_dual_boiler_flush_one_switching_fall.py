"""A dual boiler's steam heater after a flush, its fall one switching near the heater alone.

The steam heater draws about the brew heater and a rotary pump: its rise as
the pump stops fits the brew heater over the pump running on, so the run
goes on unsure and the heater's fall decides (``_stopped_in_fall``). Read
every 2 s by an averaging plug, the steam heater's fall is one switching,
one partial reading: here it lands near the level less the pump's step
(the brew heater alone). One partial reading is one switching, not the
pump's stop and then a heater's fall: the flush is not stretched to the
fall into a 34 s shot (the two partial readings the rule asks).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

ROTARY = 185.0
BREW = 1005.0
STEAM = BREW + ROTARY + 10.0


def flush_then_steam(steam_off: float) -> list[tuple[float, float, float]]:
    """Both heaters' sizes learnt; a 6.8 s flush, the steam heater on as it stops."""
    return [
        *dual_boiler_heaters(STEAM, BREW),
        (900.3, 907.1, ROTARY),
        (907.1, steam_off, STEAM),
    ]


def test_one_partial_reading_near_the_heater_alone_is_no_stop_apart() -> None:
    # Off 1.7 s into the reading at 936 s: 1,025 W, 6 W off the level less
    # the pump's step (1,019.5 W); then 4 W.
    rows = periodic(flush_then_steam(935.7), 1100.0, every=2.0, noise=0.3, volts=230.0)
    assert [w for t, w, _ in rows if t == 936.0] == [pytest.approx(1025.0, abs=10.0)]
    runs = run_all(PumpDetector(ROTARY), rows, until=1100.0)
    assert len(runs) == 1
    assert runs[0].started == pytest.approx(900.3, abs=2.0)
    assert runs[0].duration < 10.0, runs
