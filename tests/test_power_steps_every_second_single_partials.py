"""A steam heater's cycle read every second, one partial reading at each end, is no shot.

A plug that reports each second's average every second (a Shelly) covers
the time without a gap: one switching leaves at most one partial reading
between two levels, the pump and a heater switching apart leave two or a
whole reading between (``_single_partial``, as on change and every 5 s).
A dual boiler's steam heater of about the brew heater and a rotary pump
(1,214 W: 1,041 W and 165 W), never learnt alone (its edges fit theirs),
rises from the standby and falls back to it as those two in one edge each:
a run of a heater's cycle. From the standby and back, with a rotary pump
(a vibratory one's 40-70 W is no hand-over's size: a brew heater its cold
water switched on may come in the pump's second, fresh seed 112000008),
such a run is not counted unless a whole reading showed the pump alone at
its rise. Fresh seed 112000009 (dual boiler, rotary, every 1 s, 117 V):
8 false shots -> 4; 110000025: 2 -> 0. A rise's last reading of the
standby a tenth of the pump's step above it is a partial one too: the
pump started a second before the heater (dev 29000049, a shot).
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pump.detector import PumpDetector
from custom_components.espresso_care.signals.power.pump.plug import _Plug

from .power_traces import idle_heater_cycles, periodic, run_all

BREW = 1041.0
PUMP = 165.0
STEAM = BREW + PUMP + 8.0


def _scene() -> list[tuple[float, float | None, float | None]]:
    """The brew heater cycling alone (learnt; its edges read partial), then the steam heater's one cycle."""
    power = idle_heater_cycles(100.37, 12, BREW)
    # Switching mid-second: the partial readings lie half way, at neither
    # the brew heater's level nor the pump's.
    power.append((1700.4, 1750.6, STEAM))
    return periodic(power, 1900.0, noise=1.0, seed=3, volts=230.0)


def _shot() -> list[tuple[float, float | None, float | None]]:
    """The brew heater learnt, then a shot: the pump a second before the heater, both off at once."""
    power = idle_heater_cycles(100.37, 12, BREW)
    power += [(1700.8, 1750.6, PUMP), (1701.3, 1750.6, BREW)]
    return periodic(power, 1900.0, noise=1.0, seed=3, volts=230.0)


def test_a_steam_cycle_read_every_second_is_no_shot() -> None:
    det = PumpDetector(PUMP)
    runs = run_all(det, _scene(), until=1900.0)
    assert [r for r in runs if r.started > 1600.0] == []


def test_without_the_rule_it_counts_as_a_shot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_Plug, "_every_second", property(lambda self: False))
    det = PumpDetector(PUMP)
    runs = run_all(det, _scene(), until=1900.0)
    assert [(round(r.started), round(r.ended)) for r in runs if r.started > 1600.0] == [
        (1700, 1751)
    ]


def test_a_pump_read_a_second_before_the_heater_is_a_shot() -> None:
    """The pump's start read partial in the standby's last reading: two partials."""
    det = PumpDetector(PUMP)
    runs = run_all(det, _shot(), until=1900.0)
    assert [(round(r.started), round(r.ended)) for r in runs if r.started > 1600.0] == [
        (1701, 1751)
    ]
