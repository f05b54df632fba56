"""A dual boiler's rotary pump over the brew heater, told from a hand-over by its inrush.

The steam heater may draw about the brew heater and a rotary pump: the
pump's step over the brew heater alone fits the brew heater handing over to
the steam heater as well (unsure), and no run was read (dev seed 27,000,031
on change: a 1,076 W brew heater, a 198 W pump, the steam heater 1,267 W;
1,079, 1,339, 1,275 W, a 22.7 s shot lost). A rotary pump draws more than
its step for under a second as it starts; a heater draws its size, and a
hand-over's partial reading lies between the levels. ``_inrush_shown``.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector

from .power_traces import dual_boiler_heaters, periodic, run_all
from .sim_replay import corpus_spec, retried_shots

ROTARY = 197.0
BREW = 1057.0
STEAM = BREW + ROTARY + 4.0
"""4 W over the brew heater and the pump: the sizes tell nothing."""
INRUSH = 0.8 * ROTARY
"""What the pump draws over its step for its first 0.6 s, W."""


def _runs(pieces: list[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """The runs read every second (an averaging plug at 230 V) after both heaters were learnt."""
    power = [*dual_boiler_heaters(STEAM, BREW), *pieces]
    rows = periodic(power, 1100.0, every=1.0, noise=0.3, volts=230.0)
    return [(r.started, r.ended) for r in run_all(PumpDetector(ROTARY), rows, 1100.0)]


def test_the_pumps_inrush_over_the_brew_heater_makes_a_shot() -> None:
    """The brew heater 880-960, the pump 900.3-930.4 with its inrush: 1,062, 1,294, 1,259 W."""
    pieces = [
        (880.0, 960.0, BREW),
        (900.3, 930.4, ROTARY),
        (900.3, 900.9, INRUSH),
    ]
    ((started, ended),) = _runs(pieces)
    assert started == pytest.approx(900.3, abs=1.0)
    assert ended - started == pytest.approx(30.1, abs=1.0)


def test_a_hand_over_read_partial_between_the_levels_is_no_run() -> None:
    """The brew heater hands over to the steam heater 900.3-930.4, and back."""
    pieces = [
        (880.0, 900.3, BREW),
        (900.3, 930.4, STEAM),
        (930.4, 960.0, BREW),
    ]
    assert _runs(pieces) == []


def test_a_flush_read_over_the_level_a_hand_over_reached_is_no_shot() -> None:
    """Regression seed 5,000,027 every 2 s: a 3.4 s flush just after a hand-over, read no shot.

    1,070, 1,201, 1,229 (the steam heater's level reached), 1,410, 1,347,
    1,231 W: the first reading up at the level after is no inrush (read as
    one, the run went on to the steam heater's fall, a 38 s false shot).
    """
    spec = corpus_spec("dual_boiler", "periodic_2", 5000027)
    assert retried_shots(spec, 3274.0, 3320.0) == []
