"""The decoder's quick test skips only readings it would give no run for.

A run is given only when a fresh reading inside it holds the pump's step
whole over the standby or over another fresh reading's level. Readings with
no such pair are not decoded at all (``_may_be_seen``): most of a 5 s
plug's stretches, and the point of the test is speed, so it must never
change what the decoder gives.
"""

from __future__ import annotations

import random

import pytest

from custom_components.espresso_care.signals.power import decoder
from custom_components.espresso_care.signals.power.decoder import (
    DecodedRun,
    Wanted,
    decode,
)

WANTED = Wanted(
    margin=30.0, paused=10.0, near=2, part=7.0, shortest=15.0, longest=120.0
)


def shot(step: float) -> tuple[list[float], list[float]]:
    """5 s averages: standby, a 35 s run of ``step`` W from 20 s, standby."""
    noise = [0.0, 0.4, -0.3, 0.2, -0.4, 0.3, -0.2]
    watts = [5.0, 5.2, 4.9, 5.1] + [5.0 + step + n for n in noise]
    watts += [5.0 + n for n in noise] + [5.1]
    return [5.0 * (i + 1) for i in range(len(watts))], watts


def runs(times: list[float], watts: list[float]) -> list[DecodedRun]:
    return decode(
        times,
        watts,
        base=5.0,
        heaters=[1000.0],
        pump=60.0,
        period=5.0,
        wanted=WANTED,
        settled=6,
    )


def test_a_run_whose_step_a_reading_shows_whole_is_given() -> None:
    """A 60 W pump's step read whole: one run, from about 20 s to 55 s."""
    (run,) = runs(*shot(60.0))
    assert abs(run.started - 20.0) < 2.5
    assert abs(run.ended - 55.0) < 2.5
    assert run.margin >= WANTED.margin


def test_a_run_no_reading_shows_whole_is_not_decoded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same run at 78 W, 30 % over the pump's step: no reading holds the
    step whole over the standby, so the readings are not even decoded (the
    60 W run is)."""
    passes: list[object] = []
    viterbi = decoder._Stretch.viterbi

    def counted(self: decoder._Stretch, *args: object) -> object:
        passes.append(args)
        return viterbi(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(decoder._Stretch, "viterbi", counted)
    assert runs(*shot(78.0)) == []
    assert passes == []
    assert runs(*shot(60.0))
    assert passes


def random_stretch(
    rng: random.Random,
) -> tuple[list[float], list[float], dict[str, object]]:
    """Readings of a pump run among random heaters, partial, noisy, some stale."""
    heaters = [rng.uniform(800.0, 1500.0) for _ in range(rng.choice((0, 1, 2)))]
    pump = rng.uniform(40.0, 200.0)
    base = rng.uniform(1.0, 10.0)
    factor = rng.uniform(0.75, 1.25)  # the run's own step: a ramp, an inrush
    n = rng.randint(12, 40)
    first = rng.randint(2, 8)
    last = min(first + rng.randint(2, 10), n - 1)
    on = [False] * len(heaters)
    watts: list[float] = []
    for i in range(n):
        w = base + sum(size for size, lit in zip(heaters, on, strict=True) if lit)
        if heaters and rng.random() < 0.1:
            h = rng.randrange(len(heaters))
            on[h] = not on[h]
            w += heaters[h] * rng.random() * (1.0 if on[h] else -1.0)
        if first < i < last:
            w += pump * factor
        elif i in (first, last):
            w += pump * factor * rng.random()
        w = round(w + rng.gauss(0.0, 1.5), 1)
        watts.append(watts[-1] if watts and rng.random() < 0.1 else w)
    times = [5.0 * (i + 1) for i in range(n)]
    loads: dict[str, object] = {
        "base": base,
        "heaters": heaters,
        "pump": pump,
        "period": 5.0,
    }
    return times, watts, loads


def test_the_quick_test_never_changes_what_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over 600 random stretches, the runs given are the same with the quick
    test as with every stretch decoded; some stretches give runs, and the
    quick test skips some."""
    rng = random.Random(20251203)
    stretches = [random_stretch(rng) for _ in range(600)]
    with_test = [
        decode(t, w, wanted=WANTED, settled=6, **loads)  # type: ignore[arg-type]
        for t, w, loads in stretches
    ]
    skipped: list[bool] = []
    quick = decoder._may_be_seen

    def noted(*args: object) -> bool:
        skipped.append(not quick(*args))  # type: ignore[arg-type]
        return True

    monkeypatch.setattr(decoder, "_may_be_seen", noted)
    without = [
        decode(t, w, wanted=WANTED, settled=6, **loads)  # type: ignore[arg-type]
        for t, w, loads in stretches
    ]
    assert with_test == without
    assert sum(bool(found) for found in without) >= 50
    assert sum(skipped) >= 50
