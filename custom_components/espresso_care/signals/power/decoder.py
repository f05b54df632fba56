"""Explain a plug's averaged readings as a sum of known loads (a small decoder).

A pure module (no Home Assistant). A plug that reports every 5 s the average
power over its whole interval blurs every switching into one reading: a shot
that a heater hides, or whose start falls in the heater's own interval,
leaves no level of the pump alone for the edge detector (``pump``) to
pair. Here a short stretch of readings is explained as a whole, in the manner
of factorial-HMM disaggregation (Kim et al., "Unsupervised disaggregation of
low frequency power measurements", SDM 2011; Kolter and Jaakkola, AISTATS
2012) on top of Hart's additive loads (Proc. IEEE 80(12), 1992):

* The loads are the standby, the heaters of a learnt size and the pump of a
  known size. Each is on or off at every reading's boundary (the state); a
  load that switched inside a reading's interval holds a free share of it
  there (the reading is an average), so such a reading fits anything between
  the sums with and without that load.
* A Viterbi pass finds the states of least cost: a Gaussian residual for each
  reading against what its states allow, and a price for every switching.
  A heater's size drifts with the mains (no volts on such a plug): the
  heaters, all scaled by one factor, are fitted to the stretch's own
  readings within a tolerance of the learnt sizes (hard EM, a few passes).
* Each pump run found comes with the margin by which the best explanation
  with it beats the best with the pump off across it (a likelihood-ratio
  test), what a pause inside it that leaves no shot costs, and how many
  other runs are near it. The caller (``pump``) says what it wants
  of these (``Wanted``); only runs a fresh reading shows whole (the pump's
  step over heaters also read without it) are given.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
import functools
import itertools
import math
import operator
from typing import Final

_SWITCH: Final = 3.0  # nats a load's switching costs
_BACK: Final = 20.0  # nats more a heater's switching on again in the next reading costs
_PUMP_LOW: Final = 0.8  # of the pump's step: its whole reading at least (a ramp) ...
_PUMP_HIGH: Final = 1.2  # ... and at most (a rotary pump's inrush)
_DRIFT: Final = 0.035  # of a heater's learnt size: what the mains may have moved it
_STALE: Final = 8.0  # nats: a reading repeating the one before is a stale meter's
_UNEXPLAINED: Final = 12.5  # nats: a reading so far off every state: an unknown load
_PASSES: Final = 3  # Viterbi passes, the heaters refitted between
_SEEN: Final = 0.15  # of the pump's step: a reading of it whole beside the same heaters
_NEAR_S: Final = 30.0  # s between two pump runs that count as near
_SHOT_S: Final = 15.0  # s: a run so long is a shot (a pause leaving one keeps one)


@dataclass(frozen=True, slots=True)
class DecodedRun:
    """A pump run the readings show, with how sure the decoder is of it."""

    started: float
    ended: float
    spread: float
    """Seconds either end may be off (a reading where other loads switched too)."""
    margin: float
    """Nats by which the best explanation with the run beats the best without."""
    paused: float
    """Nats the cheapest pause inside it that leaves no shot costs (inf: none does)."""
    near: int
    """Other pump runs within ``_NEAR_S`` of it in the readings (a backflush's pulses)."""


def _variance(watts: float) -> float:
    """A reading's variance: the plug's noise and rounding, and a heater's drift."""
    spread = 1.0 + 0.006 * watts
    return spread * spread + 1.0


def stale_repeats(watts: Sequence[float]) -> list[bool]:
    """Whether each reading repeats the one before (a stale meter's, perhaps).

    A plug that missed a measurement reports its last value again: such a
    reading tells nothing new. (Pairs, not indexing: read for most readings.)
    """
    if not watts:
        return []
    return [False, *map(operator.eq, itertools.islice(watts, 1, None), watts)]


def _range(s: int, t: int, sizes: Sequence[float], pump: float) -> tuple[float, float]:
    """The least and most loads switching from state ``s`` to ``t`` add in a reading."""
    nh = len(sizes)
    pbit = 1 << nh
    low = high = 0.0
    for h in range(nh):
        bit = 1 << h
        if s & t & bit:
            low += sizes[h]
            high += sizes[h]
        elif (s | t) & bit:
            high += sizes[h]
    if s & t & pbit:
        low += _PUMP_LOW * pump
        high += _PUMP_HIGH * pump
    elif (s | t) & pbit:
        high += _PUMP_HIGH * pump
    return low, high


_Moves = tuple[tuple[int, int, tuple[tuple[int, int, float], ...]], ...]


@functools.cache
def _transitions(nh: int) -> tuple[tuple[tuple[int, int], ...], _Moves, _Moves]:
    """The Viterbi pass's transitions with ``nh`` heaters (``_Stretch.viterbi``), built once.

    For every state, the transitions out of it, ``(state after, range,
    switching cost)`` in the order of the state after: all of them, and
    those that leave the pump off. A state's bits above the pump's say
    which heaters switched in the reading before: a thermostat never
    switches back on so soon; a heat exchanger's pressurestat (a narrow
    band, crossed within seconds while the pump draws the boiler's heat)
    may switch on again, at ``_BACK`` more. Forbidden, that dip was a
    reading left unexplained, and every reading before it was dropped (a
    shot with them). A heater's pulse (on, then off in the next reading)
    stays no explanation. A range is the power a reading may hold, the
    same for every pair of states with the same loads on at both ends
    and at either end: each is given once, as those two states' loads.
    """
    pbit = 1 << nh
    hmask = pbit - 1
    keep = hmask | pbit
    ranges: dict[tuple[int, int], int] = {}
    moves: list[tuple[int, int, tuple[tuple[int, int, float], ...]]] = []
    moves_off: list[tuple[int, int, tuple[tuple[int, int, float], ...]]] = []
    for s in range(1 << (2 * nh + 1)):
        lately = s >> (nh + 1)
        out: list[tuple[int, int, float]] = []
        for nxt in range(pbit << 1):
            moved = (s ^ nxt) & keep
            again = moved & lately
            if again & s:
                continue  # on, then off: a heater's pulse within two readings
            k = ranges.setdefault((s & nxt & keep, (s | nxt) & keep), len(ranges))
            t = nxt | ((moved & hmask) << (nh + 1))
            # Off, then on again: a pressurestat's narrow band, at _BACK more.
            cost = _SWITCH * moved.bit_count() + (_BACK if again else 0.0)
            out.append((t, k, cost))
        moves.append((s, s & keep, tuple(out)))
        moves_off.append((s, s & keep, tuple(m for m in out if not m[0] & pbit)))
    return tuple(ranges), tuple(moves), tuple(moves_off)


@functools.lru_cache(maxsize=16)
def _ranges(
    sizes: tuple[float, ...], pump: float, base: float
) -> tuple[tuple[float, float], ...]:
    """The power a reading may hold for each range of ``_transitions`` (``_range``).

    The first Viterbi pass of every stretch decoded takes the learnt sizes,
    the same for many stretches in a row: the ranges are built once for them.
    """
    loads = _transitions(len(sizes))[0]
    return tuple(
        (base + low, base + high)
        for low, high in (_range(both, either, sizes, pump) for both, either in loads)
    )


def _misfits(
    w: float, stale: bool, ranges: Sequence[tuple[float, float]]
) -> list[float]:
    """A reading's cost in each range: its Gaussian residual, ``_STALE`` at most if stale.

    0.0 inside, so that every sum is the same as added alone. One helper for
    the Viterbi pass and ``_Stretch.path_cost``: their sums must be the same
    to the last bit (a path's cost bounds the pass's).
    """
    half_inv = 0.5 / _variance(w)
    fit = [
        (low - w) * (low - w) * half_inv
        if w < low
        else (w - high) * (w - high) * half_inv
        if w > high
        else 0.0
        for low, high in ranges
    ]
    if stale:
        return [d if d < _STALE else _STALE for d in fit]
    return fit


@functools.cache
def _moves_to(nh: int) -> tuple[dict[int, tuple[int, int, float]], ...]:
    """For every state, its transitions of ``_transitions`` by the loads after (``path_cost``)."""
    keep = (2 << nh) - 1
    return tuple(
        {t & keep: (t, k, cost) for t, k, cost in step}
        for _, _, step in _transitions(nh)[1]
    )


@dataclass(frozen=True, slots=True)
class _Stretch:
    """The readings decoded and the loads they are explained by."""

    times: Sequence[float]
    watts: Sequence[float]
    stale: Sequence[bool]
    base: float
    heaters: Sequence[float]
    pump: float
    period: float

    @property
    def pbit(self) -> int:
        """The pump's bit in a state (the heaters' are below it)."""
        return 1 << len(self.heaters)

    def viterbi(
        self,
        sizes: Sequence[float],
        off: tuple[int, int] | None,
        bound: float = math.inf,
    ) -> tuple[float, list[int]]:
        """The least cost and its states at every boundary.

        ``off``: boundaries (first, last) where the pump is held off. A
        state's bits above the pump's say which heaters switched in the
        reading before (what they allow: ``_transitions``).

        ``bound``: a cost that matters not above it (inf: none). A state
        whose cost so far exceeds it is not extended (with the bounds
        ``best`` gives, about half the transitions of a bounded pass): every
        state it leads to costs more too (no reading nor switching costs
        less than nothing, and a float sum never drops below a term).
        When the least cost is no more than the bound, every state it
        passes through costs no more either: its cost and the state before
        it, ties included, and so the least cost and its states, are the
        full pass's. Otherwise the cost given is above the bound still
        (fewer paths weighed cost no less), and the states may be no
        path's: the caller drops both.
        """
        nh = len(sizes)
        pbit = self.pbit
        n_states = 1 << (2 * nh + 1)
        keep = (pbit << 1) - 1
        _, moves, moves_off = _transitions(nh)
        ranges = _ranges(tuple(sizes), self.pump, self.base)
        inf = math.inf
        score = [0.0 if s >> (nh + 1) == 0 else inf for s in range(n_states)]
        # (``c0 >= above`` is ``c0 > bound``, and true of inf: one test.)
        above = math.nextafter(bound, inf)
        back: list[list[int]] = []
        stale = self.stale
        for i, w in enumerate(self.watts):
            # The reading's cost in each range, once (many transitions share one).
            fit = _misfits(w, stale[i], ranges)
            # With the pump held off, only the transitions that leave it off.
            held = off is not None and off[0] <= i + 1 <= off[1]
            new = [inf] * n_states
            arg = [0] * n_states
            for s, plain, step in moves_off if held else moves:
                c0 = score[s]
                # A state whose heaters switched lately may go nowhere the
                # same loads held longer (``plain``, a state before it) may
                # not, and at no less cost (``_BACK``): when that one costs no
                # more, its transitions give no state less, nor come first at
                # a tie.
                if c0 >= above or (plain != s and score[plain] <= c0):
                    continue
                for t, k, cost in step:
                    c = c0 + cost + fit[k]
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
        return score[best], [s & keep for s in states]

    def path_cost(self, states: Sequence[int], sizes: Sequence[float]) -> float:
        """What ``viterbi`` costs these states at every boundary (inf: it forbids them).

        Summed in the pass's own order, so that it bounds the pass's least
        cost to the last bit. ``states`` as ``viterbi`` gives them: a
        heater's switching in the reading before is found again here.
        """
        moves = _moves_to(len(sizes))
        ranges = _ranges(tuple(sizes), self.pump, self.base)
        s = states[0]
        total = 0.0
        for i, w in enumerate(self.watts):
            move = moves[s].get(states[i + 1])
            if move is None:
                return math.inf
            s, k, cost = move
            total = total + cost + _misfits(w, self.stale[i], (ranges[k],))[0]
        return total

    def refit(self, states: Sequence[int]) -> list[float]:
        """The heaters' sizes at the mains of these readings, from those that held heaters whole.

        Heaters are resistive: the mains scales them all by one factor, fitted
        by least squares within ``_DRIFT`` of the sizes learnt.
        """
        pbit = self.pbit
        num = den = 0.0
        for i, w in enumerate(self.watts):
            s = states[i]
            if s != states[i + 1] or self.stale[i] or not s & (pbit - 1):
                continue
            heat = sum(size for h, size in enumerate(self.heaters) if s & (1 << h))
            num += (w - self.base - (self.pump if s & pbit else 0.0)) * heat
            den += heat * heat
        if not den:
            return list(self.heaters)
        k = min(max(num / den, 1.0 - _DRIFT), 1.0 + _DRIFT)
        return [k * size for size in self.heaters]

    def best(
        self, off: tuple[int, int] | None, free: Sequence[int] = ()
    ) -> tuple[float, list[int], list[float]]:
        """``viterbi`` with the heaters' sizes refitted to the readings between passes.

        ``free``: the states found with the pump free (with ``off``).
        With the pump off where it is held off, they are a path the first
        pass may take: its cost bounds that pass's (``viterbi``; a pause
        costs two switchings and a reading or two more, often). A pass
        after is kept only if it costs less than the best before: that
        cost bounds it.
        """
        sizes = list(self.heaters)
        bound = math.inf
        if off is not None and free:
            first, last = off
            pump = self.pbit
            held = [s & ~pump if first <= b <= last else s for b, s in enumerate(free)]
            bound = self.path_cost(held, sizes)
        cost, states = self.viterbi(sizes, off, bound)
        best = sizes
        if off is None and not any(s & self.pbit for s in states):
            return cost, states, best  # no run to weigh: the sizes matter not
        for _ in range(_PASSES - 1):
            refit = self.refit(states)
            if all(abs(a - b) < 0.5 for a, b in zip(refit, sizes, strict=True)):
                break
            sizes = refit
            again, moved = self.viterbi(sizes, off, cost)
            if again < cost:
                cost, states, best = again, moved, sizes
        return cost, states, best

    def last_unexplained(self, states: Sequence[int], sizes: Sequence[float]) -> int:
        """The last fresh reading off the states found by over ``_UNEXPLAINED`` nats (-1: none)."""
        last = -1
        # (Few pairs of states recur along the readings: each range once.)
        ranges: dict[tuple[int, int], tuple[float, float]] = {}
        for i, w in enumerate(self.watts):
            if self.stale[i]:
                continue
            pair = (states[i], states[i + 1])
            found = ranges.get(pair)
            if found is None:
                found = ranges[pair] = _range(*pair, sizes, self.pump)
            low, high = found
            low += self.base
            high += self.base
            off = low - w if w < low else w - high if w > high else 0.0
            if 0.5 * off * off / _variance(w) > _UNEXPLAINED:
                last = i
        return last

    def switched_at(
        self, states: Sequence[int], i: int, sizes: Sequence[float], *, rise: bool
    ) -> tuple[float, float]:
        """When the pump switched inside reading ``i``, and how far off that may be."""
        s, t = states[i], states[i + 1]
        period = self.period
        at = self.times[i]
        if (s ^ t) != self.pbit:
            return at - 0.5 * period, 0.5 * period  # another load switched there too
        level = self.base + sum(h for k, h in enumerate(sizes) if s & (1 << k))
        share = min(max((self.watts[i] - level) / self.pump, 0.0), 1.0)
        if rise:
            return at - share * period, 0.2 * period
        return at - period + share * period, 0.2 * period


def may_hold_run(
    watts: Sequence[float], *, base: float, heaters: Sequence[float], pump: float
) -> int | None:
    """The first of three fresh readings in a row off every level of the heaters alone.

    A shot lasts three intervals or more: two whole readings of the pump's
    step over some heaters' level at least, and whichever end reading is not
    whole holds over half of it (their shares add up to one interval).
    Readings with nothing of the sort need no decoding (a quick test): None.
    """
    levels = [base]
    for size in heaters:
        levels += [level + size for level in levels]
    near = 0.4 * pump
    first = -1
    count = 0
    last = -1.0
    for i, w in enumerate(watts):
        if w == last:
            continue  # perhaps a stale repeat: no evidence either way
        last = w
        for level in levels:  # (a loop, not any(): a 5 s plug's every reading)
            if abs(w - level) <= near:
                count = 0
                break
        else:
            if count == 0:
                first = i
            count += 1
            if count >= 3:
                return first
    return None


def _may_be_seen(
    watts: Sequence[float],
    stale: Sequence[bool],
    base: float,
    pump: float,
    settled: int,
) -> bool:
    """Whether a fresh reading may show the pump's step over another's (a quick test).

    A run is given only when a fresh reading inside it holds the pump whole
    over the standby or over another fresh reading's level (``decode``):
    readings with no such pair need no decoding. Its bounds are a little
    wider than the test's, so that it never skips a run the test would see.
    """
    levels = sorted(
        {w for w, old in zip(watts, stale, strict=True) if not old} | {base}
    )
    n = len(watts)
    for i in range(2, n - 1 - settled):
        if stale[i]:
            continue
        j = bisect.bisect_left(levels, watts[i] - (1.0 + 1.1 * _SEEN) * pump)
        if j < len(levels) and levels[j] <= watts[i] - (1.0 - 1.1 * _SEEN) * pump:
            return True
    return False


def _spans(states: Sequence[int], pbit: int) -> list[tuple[int, int]]:
    """The boundaries (first, last) of each stretch with the pump on."""
    spans: list[tuple[int, int]] = []
    n = len(states)
    b = 0
    while b < n:
        if not states[b] & pbit:
            b += 1
            continue
        a = b
        while b < n and states[b] & pbit:
            b += 1
        spans.append((a, b - 1))
    return spans


@dataclass(frozen=True, slots=True)
class Wanted:
    """What the caller keeps of a run: the decoder weighs no other.

    Weighing a run (its margin, its pauses) takes a Viterbi pass with the
    pump held off for each: most of the decoder's time. A run the caller
    would drop for a cheap reason (no fresh reading of its step, among a
    backflush's pulses, not surely a shot's length) is not weighed.
    """

    margin: float
    """Nats the run must explain the readings better by (``DecodedRun.margin``)."""
    paused: float
    """Nats a pause leaving no shot must cost at least (``DecodedRun.paused``)."""
    near: int
    """Fewer other runs than this near it (``DecodedRun.near``)."""
    part: float
    """s: with no other run near, only a pause leaving a part shorter (a flush's, a pulse's) counts."""
    shortest: float
    longest: float
    """Its length, either end off by twice its spread, within these (s)."""


def decode(
    times: Sequence[float],
    watts: Sequence[float],
    *,
    base: float,
    heaters: Sequence[float],
    pump: float,
    period: float,
    wanted: Wanted,
    settled: int = 2,
) -> list[DecodedRun]:
    """The pump runs the readings show that the caller wants, each with its margin.

    ``times[i]`` ends reading ``i``, the average over the ``period`` before.
    Only runs with a reading of the pump off before them and ``settled``
    readings after are given (the rest may still move); only runs seen
    whole in a fresh reading and as ``wanted``.
    """
    n = len(watts)
    if n < settled + 3:
        return []
    stale = stale_repeats(watts)
    if not _may_be_seen(watts, stale, base, pump, settled):
        return []
    stretch = _Stretch(times, watts, stale, base, tuple(heaters), pump, period)
    cost, states, sizes = stretch.best(None)
    cut = stretch.last_unexplained(states, sizes) + 1
    if cut:
        # A load the decoder does not know (or a heater's size it lost):
        # the readings after the last it leaves unexplained, alone.
        if cut < n:
            return decode(
                times[cut:],
                watts[cut:],
                base=base,
                heaters=heaters,
                pump=pump,
                period=period,
                wanted=wanted,
                settled=settled,
            )
        return []
    pbit = stretch.pbit
    hmask = pbit - 1
    # Readings of heaters held whole without the pump (the standby: known).
    whole_without: dict[int, list[float]] = {0: [base]}
    for i in range(n):
        s = states[i]
        if s == states[i + 1] and not s & pbit and not stale[i]:
            whole_without.setdefault(s, []).append(watts[i])
    out: list[DecodedRun] = []
    spans = _spans(states, pbit)
    for a, last in spans:
        if a < 2 or last > n - 1 - settled:
            continue
        start, s_spread = stretch.switched_at(states, a - 1, sizes, rise=True)
        end, e_spread = stretch.switched_at(states, last, sizes, rise=False)
        spread = max(s_spread, e_spread)
        near = sum(
            (
                times[a - 1] - times[o_last]
                if o_last < a
                else times[o_a - 1] - times[last]
            )
            <= _NEAR_S
            for o_a, o_last in spans
            if o_a != a
        )
        if (
            near >= wanted.near
            or not wanted.shortest <= end - start - 2.0 * spread
            or not end - start + 2.0 * spread <= wanted.longest
            or not any(
                states[i] == states[i + 1]
                and not stale[i]
                and any(
                    abs(watts[i] - w - pump) <= _SEEN * pump
                    for w in whole_without.get(states[i] & hmask, ())
                )
                for i in range(a, last)
            )
        ):
            continue  # dropped anyway: not weighed
        margin = stretch.best((a - 1, last + 1), states)[0] - cost
        if margin < wanted.margin:
            continue
        # Two runs too short for a shot, with a pause between (a backflush's
        # pulses, two flushes), may explain it as well: unsure. A heater
        # switching in a shot makes a pause there cheap too: a run with no
        # other near it whose pause leaves two parts longer than a flush's
        # is a shot still.
        split = math.inf
        for b in range(a + 1, last):
            if max(times[b - 1] - start, end - times[b - 1]) >= _SHOT_S:
                continue  # a shot either way
            if not (
                (states[b - 1] ^ states[b]) & hmask
                or (states[b] ^ states[b + 1]) & hmask
                or stale[b - 1]
                or stale[b]
            ):
                continue  # readings of the pump whole either side: no pause
            if (
                not near
                and min(times[b - 1] - start, end - times[b - 1]) >= wanted.part
            ):
                continue  # alone, two parts no flush lasts
            split = min(split, stretch.best((b, b), states)[0])
            if split - cost < wanted.paused:
                break  # one such pause is enough to drop it
        if split - cost < wanted.paused:
            continue
        out.append(DecodedRun(start, end, spread, margin, split - cost, near))
    return out
