"""The decoder's quick test takes a reading as a heaters' level only near it.

``may_hold_run`` skips readings of the standby and the heaters alone. A
reading within ``_QUICK_BASE`` of the pump's step of the standby is the
standby's, within ``_QUICK_HEATER`` of it of a heaters' level that level's:
a dual boiler's brew heater and a rotary pump's step draw about what its
steam heater does, and a shot read so was never decoded.
"""

from __future__ import annotations

from bench.detection import TraceSpec
from custom_components.espresso_care.signals.power_decoder import may_hold_run

from .sim_replay import retried_runs, run_over

BASE = 3.0
BREW = 1080.0
STEAM = 1285.0
PUMP = 148.0


def first(watts: list[float]) -> int | None:
    return may_hold_run(watts, base=BASE, heaters=[STEAM, BREW], pump=PUMP)


def test_the_brew_heater_and_the_pump_beside_the_steam_heaters_level_are_decoded() -> (
    None
):
    """1231 W x4 (the brew heater and the pump), 54 W under the steam
    heater's 1288 (0.36 of the pump's step): from the first of them."""
    shot = BASE + BREW + PUMP
    assert abs(shot - BASE - STEAM) <= 0.4 * PUMP
    watts = [BASE, BASE + 0.6, BASE - 0.4, shot, shot + 0.8, shot - 0.6, shot + 0.4]
    assert first([*watts, 0.5 * shot, BASE]) == 3


def test_a_heater_read_off_its_size_by_the_mains_is_not_decoded() -> None:
    """The steam heater read 25 W over its size (the mains: 2 %), and the
    brew heater 25 W under: a heater alone, as before."""
    steam = BASE + STEAM + 25.0
    brew = BASE + BREW - 25.0
    assert first([BASE, steam, steam + 0.8, steam - 0.6, steam + 0.4, BASE]) is None
    assert first([BASE, brew, brew + 0.8, brew - 0.6, brew + 0.4, BASE]) is None


def test_the_standby_keeps_its_band() -> None:
    """Readings 50 W over the standby (a third of the pump's step): the
    standby's, as before (a flush's partial readings are no shot's)."""
    low = BASE + 50.0
    assert first([BASE, low, low + 0.8, low - 0.6, low + 0.4, BASE]) is None


def test_a_dual_boilers_shot_over_its_brew_heater_is_counted() -> None:
    """Seed 23000061 (dual boiler, rotary pump of 148 W, every 5 s): a shot
    at 5707 s read 1252-1256 W, the brew heater (1110 W whole after a
    flush a minute later) and the pump, 58-62 W under the steam heater's
    level. Once missed; read from about its start to its end."""
    spec = TraceSpec("dual_boiler", "rotary", "periodic_5", 23000061, 0)
    trace = spec.generate()
    (started,) = [
        t.started for t in trace.runs if t.kind == "shot" and 5700 < t.started < 5710
    ]
    true, (a, b) = run_over(trace, retried_runs(spec, 5900.0), started)
    assert abs(a - true.started) <= 5.0
    assert abs(b - true.ended) <= 5.0
