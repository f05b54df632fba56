"""A dual boiler's pump stopping a reading before its brew heater hands over to the steam heater.

Read every 2 s, a shot over the brew heater stops, one reading shows the
brew heater alone, and the brew heater hands over to the steam heater: the
pump's fall and the hand-over's rise (the heaters differ by about a rotary
pump's step) net under a third of the pump's step, and the level was read
as drifting on; the run then ended at the steam heater's fall as none (dev
seed 28,000,027 every 2 s: 1,272, 1,082, 1,162, 1,215 W; a 31.6 s shot
lost). ``_stop_then_heater_in_drift`` reads the pump's fall and the
hand-over apart.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all

ROTARY = 190.0
BREW = 1080.0
STEAM = 1220.0
"""The brew heater and the pump draw 50 W more: under a third of the pump's step."""
STARTED = 1000.0
STOPPED = 1032.0
HANDED_OVER = 1035.0
END = 1200.0


def _shots(pieces: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """The shot-long runs read every 2 s (an averaging plug at 230 V) after both heaters were learnt."""
    power = [*dual_boiler_heaters(STEAM, BREW), *pieces]
    rows = periodic(power, END, every=2.0, noise=0.3, volts=230.0)
    runs = run_all(PumpDetector(ROTARY), rows, until=END)
    return [(r.started, r.ended) for r in runs if r.ended - r.started >= 15.0]


def test_a_stop_then_a_hand_over_in_one_reading_each_ends_the_shot() -> None:
    """The pump 1,000-1,032 s, the brew heater 1,004-1,035 s, then the steam heater to 1,080 s.

    Readings over a 5 W standby: 1,275 (brew heater and pump) at 1,032 s,
    1,085 (the brew heater alone) at 1,034 s, 1,155 (half a hand-over) at
    1,036 s, then 1,225 W.
    """
    pieces = [
        (STARTED, STOPPED, ROTARY),
        (STARTED + 4.0, HANDED_OVER, BREW),
        (HANDED_OVER, 1080.0, STEAM),
    ]
    ((started, ended),) = _shots(pieces)
    assert abs(started - STARTED) <= 2.0
    assert abs(ended - STOPPED) <= 2.0
