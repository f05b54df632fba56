"""A dip read between readings in one heater's band cuts pulses apart, every 5 s (pure).

Only a reading with no heater on was allowed to cut an excursion at a dip:
a heater's band drifts with the mains, so a dip against a band learned at
another time may be the drift. The pulses a heater's cycle spans then read
as one piece too long for a pulse, neither a pulse nor a shot: swallowed.
A dip whose neighbours on both sides were read in the same band is read
against the heater's own level of the moment (``in_band_cuts``). Simulated
machines, replayed as the recognition bench does: without the rule their
hand-made backflushes are not recognized.
"""

from __future__ import annotations

import pytest

from custom_components.espresso_care.signals.power.pulses.slow_plug import in_band_cuts

from .sim_replay import invented_backflushes, recognized_backflush

HEATER = 1200.0  # a heater's step above the level (W)


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < 10.0


@pytest.mark.parametrize(
    ("family", "pump", "seed"),
    [
        ("thermostat", "rotary", 20_300_008),
        ("thermostat", "rotary", 20_300_032),
        ("dual_boiler", "rotary", 20_300_043),
    ],
)
def test_a_backflush_read_through_a_heaters_cycle(
    family: str, pump: str, seed: int
) -> None:
    found = recognized_backflush(family, pump, "periodic_5", seed)
    assert found.pulses >= 7


def test_only_a_reading_framed_in_one_heaters_band_cuts() -> None:
    def segment(clean: bool) -> tuple[float, float, float | None, bool]:
        return (0.0, 5.0, 0.5, clean)

    # Clean readings cut as before.
    assert in_band_cuts([segment(True)] * 3, [0.0] * 3, _same) == [True] * 3
    # In one heater's band throughout: the middle one (its neighbours framing it).
    inside = [segment(False)] * 3
    assert in_band_cuts(inside, [HEATER] * 3, _same) == [False, True, False]
    # A band changed beside it (the heater switched, another heater): no cut.
    assert in_band_cuts(inside, [0.0, HEATER, HEATER], _same) == [False] * 3
    assert in_band_cuts(inside, [HEATER, HEATER, 2 * HEATER], _same) == [False] * 3
    assert in_band_cuts(inside, [HEATER, None, HEATER], _same) == [False] * 3


@pytest.mark.parametrize("family", ["thermostat", "dual_boiler"])
def test_ordinary_use_makes_no_backflush(family: str) -> None:
    assert not invented_backflushes(family, "rotary", "periodic_5", 20_300_008, 30)
