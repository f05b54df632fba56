"""Every 5 s a find is judged by the spread as of its end, not of the moment it is judged (pure).

A slow plug's pattern closes a series 22 s after its last pulse
(``pause_max``), and the level's spread followed the
readings since: a thermostat's heater coming on after the group flushes
strayed it past the gentle checks' bound, and the find was refused for what
came after it (regression seed 5,000,000 at 27,876 s: 0.0451 at the
judgement against 0.045). Here the standby level steps down after the rinse
series, four readings of 0.42 pump steps each, before the series closes.
"""

from __future__ import annotations

from custom_components.espresso_care.signals.power.pulses import PowerBackflushes

PUMP = 60.0
LEVEL = 100.0
EVERY = 5.0


def _pulses(
    start: float, count: int, on: float = 8.0, off: float = 8.0
) -> list[tuple[float, float]]:
    return [(start + i * (on + off), start + i * (on + off) + on) for i in range(count)]


def _found(level_after: dict[float, float]) -> tuple[list[float], float]:
    """A backflush's readings every 5 s, the level stepped as given after the rinse; finds and the last spread."""
    runs = _pulses(601.5, 4) + _pulses(901.5, 4)
    train = PowerBackflushes(PUMP)
    found: list[float] = []
    at, level = 0.0, LEVEL
    while at <= 1000.0:
        deadline = train.next_deadline
        if deadline is not None and deadline < at and (b := train.advance(deadline)):
            found.append(b.started)
        level = level_after.get(at, level)
        on = sum(max(0.0, min(e, at) - max(s, at - EVERY)) for s, e in runs)
        if b := train.feed(at, level + PUMP * on / EVERY):
            found.append(b.started)
        at += EVERY
    return found, train.spread


# The rinse's last pulse ends at 957.5; the series closes at about 990 s.
STEPS = {965.0: 75.0, 970.0: 50.0, 975.0: 25.0, 980.0: 0.0}


def test_a_find_stands_by_the_spread_of_its_own_readings() -> None:
    found, spread = _found(STEPS)
    assert spread > 0.06  # past every bound when the series closed
    assert len(found) == 1


def test_the_same_readings_with_a_steady_level() -> None:
    found, spread = _found({})
    assert spread < 0.03
    assert len(found) == 1
