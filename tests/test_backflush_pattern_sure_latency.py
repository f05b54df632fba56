"""A series of sure pulses waits a reading past its deadline (``sure_latency``).

Every 5 s a pulse's start shows only at the first reading after it, and a
series' deadline falling between the two closed the series though the
pulse's pause was within ``pause_max`` (bench seed 20,250,409 at 29,260 s:
a rinse pulse begun 17.6 s after a hole, the deadline at 29,264.7 s, its
first reading at 29,265 s). With a weak pulse held the deadline stays: so
waiting, ordinary days made backflushes of 3-4 weak pulses (20,010,005).
"""

from __future__ import annotations

from dataclasses import replace

from custom_components.espresso_care.backflush_pattern import (
    DEFAULT_RULES,
    BackflushRecognizer,
    PatternRules,
    Recognized,
)

# Without the short series: a rinse series of three would stand on its own.
SLOW = replace(DEFAULT_RULES, weak_max=2, latency=0.0)
SURE = replace(SLOW, sure_latency=5.5)
READING = 5.0

CLEANER = [(0.0, 8.0), (18.0, 26.0), (36.0, 44.0), (54.0, 62.0), (72.0, 80.0)]
# The second pulse begins 20 s after the first ends (within ``pause_max``),
# its first reading 5 s later, past the deadline of 22 s.
RINSE = [(300.0, 310.0), (330.0, 338.0), (348.0, 356.0), (366.0, 374.0)]


def _drive(
    pulses: list[tuple[float, float]], weak: set[int], rules: PatternRules
) -> list[Recognized]:
    """Pulses as a 5 s plug's reader sees them: deadlines until a reading after each start."""
    pattern: BackflushRecognizer[int] = BackflushRecognizer(rules)
    found: list[Recognized] = []
    for n, (started, ended) in enumerate(pulses):
        while (deadline := pattern.next_deadline) is not None and (
            deadline < started + READING
        ):
            if (b := pattern.advance(deadline).recognized) is not None:
                found.append(b)
        if (
            b := pattern.feed(n, started, ended, weak=n in weak).recognized
        ) is not None:
            found.append(b)
    if (b := pattern.advance(1e9).recognized) is not None:
        found.append(b)
    return found


def test_a_sure_series_waits_a_reading_for_a_pulse_begun_in_time() -> None:
    (found,) = _drive(CLEANER + RINSE, set(), SURE)
    assert (found.cleaner_pulses, found.rinse_pulses) == (5, 4)
    # Without the rule the rinse series closed at its deadline: one and three.
    assert _drive(CLEANER + RINSE, set(), SLOW) == []


def test_a_series_holding_a_weak_pulse_keeps_its_deadline() -> None:
    assert _drive(CLEANER + RINSE, {5}, SURE) == []


def test_a_pause_too_long_still_closes_the_series() -> None:
    """The pause the series may take is unchanged: 23 s is too long."""
    late = [(300.0, 310.0), (333.0, 341.0), (351.0, 359.0), (369.0, 377.0)]
    assert _drive(CLEANER + late, set(), SURE) == []
