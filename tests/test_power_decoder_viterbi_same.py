"""The decoder's Viterbi pass gives what a loop over every transition gives.

The pass is the detector's costliest part on a 5 s plug: its transitions
are tabled once (``_transitions``), each reading's cost in each range is
computed once, and a state whose heaters switched lately is skipped
where the same loads held longer cost no more. None of it may change a
cost or a state, ties included: the reference here is the plain loop the pass replaced,
run on random stretches (readings at exact levels and stale repeats make
ties common). Nor may a bound on the cost that prunes the states costing
more (branch and bound) change any, where the cost is within it.
"""

from __future__ import annotations

from collections.abc import Iterator
import math
import random

import pytest

from custom_components.espresso_care.signals.power import decoder
from custom_components.espresso_care.signals.power.decoder import _range, _Stretch


def reference(
    stretch: _Stretch, sizes: list[float], off: tuple[int, int] | None
) -> tuple[float, list[int]]:
    """The plain pass: every transition of every state at every reading."""
    nh = len(sizes)
    pbit = stretch.pbit
    hmask = pbit - 1
    n_states = 1 << (2 * nh + 1)
    pairs: list[tuple[int, int, float, float, float]] = []
    for s in range(n_states):
        lately = s >> (nh + 1)
        for nxt in range(pbit << 1):
            moved = (s ^ nxt) & (hmask | pbit)
            again = moved & lately
            if again & s:
                continue
            low, high = _range(s, nxt, sizes, stretch.pump)
            cost = decoder._SWITCH * moved.bit_count()
            if again:
                cost += decoder._BACK
            t = nxt | ((moved & hmask) << (nh + 1))
            pairs.append((s, t, stretch.base + low, stretch.base + high, cost))
    inf = math.inf
    score = [0.0 if s >> (nh + 1) == 0 else inf for s in range(n_states)]
    back: list[list[int]] = []
    pump_off = [p for p in pairs if not p[1] & pbit]
    for i, w in enumerate(stretch.watts):
        half_inv = 0.5 / decoder._variance(w)
        repeat = decoder._STALE if stretch.stale[i] else inf
        held = off is not None and off[0] <= i + 1 <= off[1]
        new = [inf] * n_states
        arg = [0] * n_states
        for s, t, low, high, cost in pump_off if held else pairs:
            c = score[s]
            if c == inf:
                continue
            c += cost
            if w < low:
                d = (low - w) * (low - w) * half_inv
                c += d if d < repeat else repeat
            elif w > high:
                d = (w - high) * (w - high) * half_inv
                c += d if d < repeat else repeat
            if c < new[t]:
                new[t] = c
                arg[t] = s
        score = new
        back.append(arg)
    best = min(range(n_states), key=score.__getitem__)
    states = [best]
    for arg in reversed(back):
        states.append(arg[states[-1]])
    states.reverse()
    keep = (pbit << 1) - 1
    return score[best], [s & keep for s in states]


def stretch(rng: random.Random, heaters: list[float]) -> _Stretch:
    """Readings of random states, some partial, some noisy, some repeated."""
    base, pump = 5.0, rng.choice([45.0, 60.0, 180.0])
    watts: list[float] = []
    for _ in range(rng.randint(5, 45)):
        on = [rng.random() < 0.4 for _ in heaters]
        level = base + sum(h for h, x in zip(heaters, on, strict=True) if x)
        if rng.random() < 0.5:
            level += pump * rng.choice([1.0, 1.0, rng.random()])
        if rng.random() < 0.2:
            level += rng.choice(heaters or [30.0]) * rng.random()
        if rng.random() < 0.5:
            level += rng.gauss(0.0, 2.0)
        if watts and rng.random() < 0.2:
            level = watts[-1]  # a stale repeat
        watts.append(round(level, rng.choice([0, 1, 3])))
    stale = [i > 0 and watts[i] == watts[i - 1] for i in range(len(watts))]
    times = [5.0 * (i + 1) for i in range(len(watts))]
    return _Stretch(times, watts, stale, base, tuple(heaters), pump, 5.0)


def passes(
    rng: random.Random, heaters: list[float]
) -> Iterator[tuple[_Stretch, tuple[int, int] | None, list[float]]]:
    """150 random stretches, each passed free, held off over a few readings and
    at one, at heater sizes the mains moved: (stretch, held off, sizes)."""
    for _ in range(150):
        s = stretch(rng, heaters)
        n = len(s.watts)
        first = rng.randint(1, n)
        for off in (None, (first, min(n, first + rng.randint(0, 8))), (first, first)):
            yield s, off, [h * rng.choice([1.0, 0.98, 1.03]) for h in heaters]


@pytest.mark.parametrize("heaters", [[], [1000.0], [1200.0, 900.0], [800.0, 800.0]])
def test_the_pass_gives_the_plain_loops_costs_and_states(heaters: list[float]) -> None:
    rng = random.Random(20250404 + len(heaters))
    for s, off, sizes in passes(rng, heaters):
        assert s.viterbi(sizes, off) == reference(s, sizes, off)


@pytest.mark.parametrize("heaters", [[], [1000.0], [1200.0, 900.0], [800.0, 800.0]])
def test_a_bound_changes_no_cost_nor_state(heaters: list[float]) -> None:
    """States costing more than a bound are not extended (``viterbi``'s
    ``bound``): at or over the least cost (the least cost itself, ties
    everywhere, or another path's, ``path_cost``) the pass gives what the
    plain loop gives; under it, a cost above the bound still."""
    rng = random.Random(20250411 + len(heaters))
    pbit = 1 << len(heaters)
    for s, off, sizes in passes(rng, heaters):
        cost, states = reference(s, sizes, off)
        assert s.path_cost(states, sizes) == cost
        free = reference(s, sizes, None)[1]
        if off is not None:
            # The path the decoder bounds a held pass by (``_Stretch.best``).
            free = [
                x & ~pbit if off[0] <= b <= off[1] else x for b, x in enumerate(free)
            ]
        bounds = [cost, cost + rng.random(), s.path_cost(free, sizes)]
        for bound in bounds:
            assert s.viterbi(sizes, off, bound) == (cost, states)
        for under in (cost * rng.random(), math.nextafter(cost, 0.0)):
            if under < cost:
                assert s.viterbi(sizes, off, under)[0] > under


def test_a_path_the_pass_forbids_costs_inf() -> None:
    """A heater on, then off in the next reading (a pulse): no path's cost."""
    s = stretch(random.Random(7), [1000.0])
    n = len(s.watts)
    pulse = [0, 1, 0, *([0] * (n - 2))]
    assert s.path_cost(pulse, [1000.0]) == math.inf


@pytest.mark.parametrize("heaters", [[1000.0], [1200.0, 900.0]])
def test_the_bounded_passes_find_what_unbounded_ones_find(
    heaters: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``best`` bounds each pass (the held path, the pass before): its costs,
    states and sizes are those of passes that weigh every transition."""
    rng = random.Random(20250418 + len(heaters))
    cases = []
    for _ in range(100):
        s = stretch(rng, heaters)
        n = len(s.watts)
        first = rng.randint(1, n)
        free = s.best(None)[1]
        for off in ((first, min(n, first + rng.randint(0, 8))), (first, first)):
            cases.append((s, off, free, s.best(off, free)))
    viterbi = _Stretch.viterbi

    def unbounded(
        self: _Stretch,
        sizes: list[float],
        off: tuple[int, int] | None,
        bound: float = math.inf,
    ) -> tuple[float, list[int]]:
        return viterbi(self, sizes, off)

    monkeypatch.setattr(_Stretch, "viterbi", unbounded)
    for s, off, free, found in cases:
        assert s.best(off, free) == found
