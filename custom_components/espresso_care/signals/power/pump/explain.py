"""Explaining an edge: which switchings of the pump and the heaters make it.

Hart's appliance state tracking with decomposition: every edge is
explained as a sum of the pump's and the heaters' switching that leaves
both levels around it a state of the machine; one that fits with and
without the pump is unsure and never starts or ends a run. Also when an
edge may be decided (``_held_for``): a lone partial reading or a ramp's
part waits for the next.
"""

from __future__ import annotations

import itertools
import math

from .constants import (
    _BESIDE_PUMP,
    _EPS,
    _FAR_SHARE,
    _FAST_GAP_S,
    _HEATERS,
    _INRUSH_OVER,
    _LONE_HELD_S,
    _LOOSE,
    _NOTHING,
    _PULSED_HEATER,
    _PUMP,
    _RAMP_REST_S,
    _SMALL_PUMP,
    _UNSURE,
)
from .records import _Heater
from .slow_plug import _SlowPlug
from .steps import _Edge

_SIGNS: dict[int, tuple[tuple[int, int], ...]] = {
    2: tuple((combo % 3 - 1, combo // 3 - 1) for combo in range(9)),
    1: tuple((combo - 1, 0) for combo in range(3)),
    0: ((0, 0),),
}
"""Each heater's sign (its fall, none, its rise) in ``_explain``'s sums, by how many heaters.

Combination ``c`` of two heaters is ``(c % 3 - 1, c // 3 - 1)``, of one
``(c - 1, 0)``; worked out once rather than in each sum.
"""


class _Explain(_SlowPlug):
    """Which switchings explain an edge, and when an edge may be decided."""

    __slots__ = ()

    def _heater_of(self, edge: _Edge) -> _Heater | None:
        """The known heater a heater-sized part of a split edge is, if one only fits.

        None when the edge is explained already, or no heater, or two, lie
        within 8 % of its size (in a state it can switch from).
        """
        if abs(edge.delta) < self._heater_min() or self._explained(edge)[0] != _NOTHING:
            return None
        size = abs(edge.delta) * edge.k
        rising = edge.delta > 0.0
        fits = [
            h
            for h in self._heaters
            if h.weight >= 2.0
            and abs(h.size - size) <= 0.08 * h.size
            and h.on is not rising
        ]
        return fits[0] if len(fits) == 1 else None

    def _lone_partial(self, edge: _Edge) -> bool:
        """Whether an unexplained edge leads to one reading that silence only held.

        A plug reporting on change sends its first reading of a step (partial,
        the step came inside its 1 s) and the next, whole one; when that one
        is lost, it sends nothing more until the level moves again: the
        partial reading looks held. The step went on past it: the edge waits
        for the next reading (``_edge`` merges the two parts).
        """
        return (
            self._on_change
            and len(edge.pts) == 6
            and self._explained(edge)[0] == _NOTHING
        )

    def _lone_excursion(self, held: _Edge, edge: _Edge) -> bool:
        """Whether a held lone partial reading's edge and the next go back where they came from.

        The step's size went unread (its whole reading lost, ``_lone_partial``)
        and the next edge returns to the level before it: an excursion of no
        size known past a heater's (the pump's own would hide a pause), a
        heater's cycle. Neither edge is read (a heater learnt from their
        sizes would be a size of nothing).
        """
        return (
            self._lone_partial(held)
            and (held.delta > 0) != (edge.delta > 0)
            and abs(held.delta) >= self._heater_min()
            and abs(held.delta + edge.delta) < 0.3 * self._pump_watts
        )

    def _held_for(self, held: _Edge) -> float:
        """How long a held edge waits for its other part (``_lone_partial``, ``_ramp_part``)."""
        if self._lone_partial(held):
            return _LONE_HELD_S
        return _RAMP_REST_S if self._ramp_part(held) else self._hold()

    def _rest_being_read(self, held: _Edge) -> bool:
        """Whether the readings moving now began while a held ramp part waited for the rest.

        A report lost or late (Wi-Fi, a busy Home Assistant) can leave a
        ramp's rest settled only after the wait, though its first reading came
        within it: the held part waits on while those readings settle, and
        ``_edge`` merges the two by that first reading. (The end-to-end guided
        run every second: 1,257.6 W, a ramp part at 1,285.7 W, four seconds
        of nothing, then 1,312.7 W: the two 28 W halves of a 55 W pump, each
        too small for its step, a 27 s pump run never seen.)
        """
        return (
            self._tr
            and self._ramp_part(held)
            and self._pts[4] <= self._held_at + _RAMP_REST_S + _EPS
        )

    def _ramp_part(self, held: _Edge) -> bool:
        """Whether a held rise may be a vibratory pump's start, short of its ramp's rest.

        Read every second or two, a vibratory pump's ramp may hold a level
        for two readings part way up (a third to a half of its step: too
        short for its rise), then climb on to its step: the two edges make
        the pump's rise (``_edge`` merges them only when their sum is
        explained). It waits while the ramp may last. So does a heater's
        rise with such a part of the pump's step over it
        (``_ramp_part_over_heater``).
        """
        p = self._pump_watts
        return (
            not self._pump
            and p < _SMALL_PUMP
            and self._gap <= _FAST_GAP_S
            and held.settled
            and 0.3 * p <= held.delta < self._low() * p
        ) or self._ramp_part_over_heater(held)

    def _ramp_part_over_heater(self, held: _Edge) -> bool:
        """Whether a rise from the standby nothing explains is a heater and a vibratory pump part way up its ramp.

        Read every second or on change, a vibratory pump starting a second
        after a heater came on may hold a level part way up its ramp: the
        rise is a known heater and 0.3 to 0.75 of the pump's step (short of
        what the heater and the pump explain), and the rest comes a few
        seconds later as a small rise nothing explains either: no run was
        opened, and the pump's stop was a fall with no run before it (dev
        seed 26,000,022 on change, a heat exchanger's
        58 W pump calibrated 62 W beside its 1,473 W heater: 4.4 W, then
        581.6, 1,471.1, 1,506.9, 1,512.4 W, then 1,536.9, 1,527.1 W; a 34.1 s
        shot lost). Held as a ramp's part, ``_edge`` merges the two into the
        heater's and the pump's rise. Only from the standby, beside a heater
        known from two edges or more that is not on.
        """
        p = self._pump_watts
        if (
            self._pump
            or p >= _SMALL_PUMP
            or self._gap > _FAST_GAP_S
            or not held.settled
            or abs(held.before - self._base) > self._tol_lv
            or abs(held.delta) < self._heater_min()
            or self._explained(held)[0] != _NOTHING
        ):
            return False
        size = held.delta * held.k
        short = p - self._ptol()
        return any(
            h.weight >= 2.0 and h.on is not True and 0.3 * p <= size - h.size < short
            for h in self._heaters
        )

    def _ramp_goes_on(self, delta: float) -> bool:
        """Whether a rise too small for an edge carries a held ramp part on.

        A vibratory pump builds pressure over one to three seconds: read every
        second, its ramp may hold two readings part way up (``_ramp_part``)
        and climb the rest in steps each under a third of its step, which
        alone are drift. While the part waits, such a rise is its next part
        (``_edge`` merges them), not drift.
        """
        held = self._held
        return (
            held is not None
            and delta >= 0.1 * self._pump_watts
            and self._ramp_part(held)
            and self._cd_last - self._held_at <= _RAMP_REST_S
        )

    def _explained(self, edge: _Edge) -> tuple[int, int, float, tuple[int, ...]]:
        """``_explain`` for an edge, once for each state of the machine.

        (``two``, ``sized`` and ``handed`` tell only an unsure edge: they are
        read, and it explained again with them, only when it is one.)
        """
        if self._cache_edge is not edge or self._cache_version != self._version:
            self._cache_edge = edge
            self._cache_version = self._version
            first = self._pump_first(edge)
            found = self._explain(edge.delta, edge.before, edge.after, first=first)
            if found[0] == _UNSURE:
                found = self._explain(
                    edge.delta,
                    edge.before,
                    edge.after,
                    first=first,
                    two=self._two_shown(edge),
                    sized=self._sizes_tell_pump(edge) or self._inrush_shown(edge),
                    handed=self._sizes_tell_hand_over(edge),
                )
            self._cache = found
        return self._cache

    def _pump_first(self, edge: _Edge) -> bool:
        """Whether a reading inside a large edge shows the pump's switch alone, first.

        From the level before, a reading at it and the pump's step its way
        (the pump started before the heater came on, as cold water reaching
        the boiler makes it do): the pump is in that edge.
        """
        if abs(edge.delta) < self._heater_min():
            return False
        p = self._pump_watts if edge.delta > 0.0 else -self._pump_watts
        near = 0.25 * self._pump_watts
        pts = edge.pts
        return any(
            abs(pts[i] - edge.before - p) <= near for i in range(5, len(pts) - 2, 2)
        )

    def _inrush_shown(self, edge: _Edge) -> bool:
        """Whether a rise of about a rotary pump's step shows the pump's inrush.

        A dual boiler's steam heater may draw about its brew heater and a
        rotary pump: the pump starting beside the brew heater alone fits the
        brew heater handing over to the steam heater as well (unsure), and
        the shot was lost (dev 27,000,031 on change: a 1,076 W brew heater,
        a 198 W pump, the steam heater 1,267 W; 1,079, 1,339, 1,275 W). A
        rotary pump draws up to twice its step for under a second as it
        starts; heaters draw their size, and a hand-over's partial reading
        lies between the levels. The first reading up at the level after
        over it by more than its noise and 0.15 of the pump's step, none by
        more than the step, is the pump's inrush. (Two heaters on together
        for part of an interval read past the step: dev 23,000,025 every
        second, a hand-over 1,029, 1,258, 2,207, 1,622, 1,193 W, no run. A
        flush just after a hand-over reads over the level after it reached
        it: regression 5,000,027 every 2 s, 1,070, 1,201, 1,229, 1,410,
        1,347, 1,231 W, a 3.4 s flush, no shot.)
        """
        p = self._pump_watts
        if p < _SMALL_PUMP or edge.delta <= 0.0:
            return False
        after = edge.after
        near = self._past_noise(after)
        inside = edge.pts[5::2]
        if max(inside) > after + p:
            return False
        # The first reading up at the level after is the inrush's.
        reached = next((w for w in inside if w >= after - near), after)
        return reached > after + max(_INRUSH_OVER * p, near)

    def _two_shown(self, edge: _Edge) -> bool:
        """Whether a heater-sized edge between two heaters' levels shows two switchings.

        A dual boiler whose second heater is about the first and the pump
        reads its rise alone and the first's with the pump as one edge
        (and a hand-over of the two as the pump's stop): unsure. Read every
        second or two, one switching (a heater, or a hand-over, at one
        instant) leaves at most one partial reading between the levels;
        two different ones need a second switching: the pump's.
        """
        return (
            len(self._heaters) == 2
            and self._gap <= _FAST_GAP_S
            and abs(edge.delta) >= self._heater_min()
            and self._two_switches(edge, read=True)
        )

    def _explain(
        self,
        delta: float,
        before: float,
        after: float,
        *,
        first: bool = False,
        two: bool = False,
        sized: bool = False,
        handed: bool = False,
    ) -> tuple[int, int, float, tuple[int, ...]]:
        """Explain an edge: (how, the pump's sign, the heaters' part, their signs).

        Every sum of the pump switching and each known heater switching is
        tried, and kept if the levels on both sides are sums of the standby,
        the heaters and the pump (a state of the machine). When sums with and
        without the pump both fit, it is unsure, unless ``two`` switchings
        showed and the sums without it switch at one instant (one heater, or
        a hand-over), and one with it has a heater's switching too; or
        unless the heaters' learnt sizes tell the pump's step alone from a
        hand-over (``sized``, ``_sizes_tell_pump``), or a hand-over beside
        the running pump from its stop (``handed``,
        ``_sizes_tell_hand_over``). A heater seen only once
        may explain an edge as a heater's, never split the pump's off one.
        """
        p = self._pump_watts
        ptol = self._ptol()
        cap = 0.4 * p
        slack = self._slack()
        low = self._low()
        best: tuple[int, int, float, tuple[int, ...]] = (_NOTHING, 0, 0.0, ())
        best_score = math.inf
        fits_pump = fits_none = False
        # (For ``two``: the best sum with the pump and a heater, and whether
        # a sum without the pump switches more than once.)
        paired: tuple[int, int, float, tuple[int, ...]] | None = None
        paired_score = math.inf
        none_twice = False
        # (For ``sized``: the best sum of the pump alone.)
        solo: tuple[int, int, float, tuple[int, ...]] | None = None
        solo_score = math.inf
        # (For ``handed``: the best sum of heaters alone.)
        still: tuple[int, int, float, tuple[int, ...]] | None = None
        still_score = math.inf
        heaters = self._heaters
        if len(heaters) == 2:
            a, b = heaters
            if abs(a.size - b.size) <= 0.08 * max(a.size, b.size):
                # Two sizes this close are one heater seen at two voltages
                # (or one's edge with the pump's in it): trust the surer one.
                heaters = [a if a.weight >= b.weight else b]
        n = len(heaters)
        k = self._k  # heaters' sizes are kept at the first voltage seen
        sizes = [h.size / k for h in heaters]
        zero = 4 if n == 2 else n  # the combination of no heater at all
        pump = self._pump
        base = self._base
        drift = 0.015 if self._vref2 else 0.04
        states = ((0, 0), (1, 0), (0, 1), (1, 1)) if n == 2 else ((0, 0), (1, 0))
        # A slow PID's pulse is read in part at its edges, at volts taken at
        # an instant that may miss its sag: a heater alone strays further
        # (never as far as the pump's step).
        pulsed = _PULSED_HEATER if self._vref2 and self._pulsing(self._last_at) else 0.0
        # No heater's switching comes near a small edge: the pump alone then.
        smallest = min([*sizes, abs(sizes[0] - sizes[1])] if n == 2 else sizes or [0.0])
        if n and abs(delta) + p + 2.0 * cap + slack < 0.5 * smallest:
            n = 0
            heaters = []
            zero = 0

        def state_fits(level: float, on: tuple[int, int], pump_on: bool) -> bool:
            model = base + (p if pump_on else 0.0)
            for size, x in zip(sizes, on, strict=False):
                model += x * size
            return abs(level - model) <= cap + drift * model + 6.0 + slack

        # The most any tolerance below adds to a sum's own (and its loose
        # band): the slack, and a tenth of the pump's step (its own step's)
        # or a fifth and a tenth (a pulsed heater's, a heater's beside the
        # running pump), with a margin for the roundings.
        far = _FAR_SHARE * (slack + 0.3 * p) + 1e-6
        # Levels no state explains (a heater not known yet): no level check.
        # (A loop, not ``any`` over a generator: the same answer, cheaper.)
        check = False
        for on in states:
            if state_fits(before, on, pump):
                check = True
                break
        # Each heater's part of a sum by its sign (its fall, none, its rise):
        # its watts (signed) and how far they may stray, a fall's as the
        # pump's switching ``sp`` reads the level before. A part is the same
        # in every sum it is in: worked out once here, each sum then adding
        # its parts in the heaters' order (the same floats).
        parts = {
            sp: self._heater_parts(heaters, sizes, before, sp, cap) for sp in (0, 1, -1)
        }
        sures = [self._size_sure(h) for h in heaters]
        cycled = [self._stop_with_cycled(h) for h in heaters]
        for sp in (0, 1, -1):
            by_sign = parts[sp]
            for combo, signs in enumerate(_SIGNS[n]):
                if combo != zero and sp and (sp > 0) == pump:
                    continue  # with a heater, the pump as its state allows
                heat = tol = 0.0
                sure = True
                terms = 0
                loose = False
                ends_cycled = False
                for i in range(n):
                    sign = signs[i]
                    if not sign:
                        continue
                    part_heat, part_tol = by_sign[i][sign + 1]
                    heat += part_heat
                    tol += part_tol
                    terms += 1
                    sure = sure and sures[i]
                    ends_cycled = ends_cycled or (sign > 0 and cycled[i])
                if sp < 0 and ends_cycled:
                    continue
                if not terms:
                    if sp == 0:
                        continue
                    # The pump alone: its rising edge may be short of the
                    # step (a ramp not yet done), never much over it.
                    x = sp * delta
                    if not low * p <= x <= p + ptol:
                        continue
                    score = abs(x - p) / ptol
                else:
                    r = abs(delta - sp * p - heat)
                    if r > far + _FAR_SHARE * (tol + _LOOSE * abs(heat)):
                        # Past every tolerance below (the sum's own, the
                        # plug's slack, the pump's own step's or a pulsed or
                        # running heater's, the loose band), by a margin no
                        # rounding closes: as below, no fit (most sums).
                        continue
                    tol += slack
                    if sp and self._vref2:
                        # Heaters read at the plug's volts are exact: what
                        # is left is the pump's own step, which strays from
                        # the nominal one (a motor, not scaled with volts);
                        # from the calibrated one by up to a tenth where a
                        # reading showed the pump's switch first, beside
                        # the only heater (no other heater's size to meet).
                        tol += (0.1 if first and n == 1 else 0.04) * p
                    elif not sp:
                        tol += min(pulsed * abs(heat), 0.2 * p)
                        tol += self._beside_pump(heat, signs)
                    if (
                        not sp
                        and tol < r <= tol + _LOOSE * abs(heat)
                        and any(
                            h.on and not sign
                            for h, sign in zip(heaters, signs, strict=False)
                        )
                    ):
                        # A heater switching while the other is on, a
                        # little off its size (the plug's volts sag under
                        # the other heater): a pump's edge here is unsure.
                        loose = True
                    elif r > tol or (sp and not sure):
                        continue  # a heater seen once never splits the pump off
                    score = r / tol + 0.1 * terms
                if check:
                    # Some state of the machine before, and the one it makes.
                    pump_b = sp < 0 if sp else pump
                    pump_a = sp > 0 if sp else pump
                    ok = False
                    s0, s1 = signs
                    for on in states:
                        # (A heater switching on must be off before, one
                        # switching off on: the two written out, not ``any``
                        # over a generator, in the loop of every sum.)
                        x0, x1 = on
                        if (
                            (s0 > 0 and x0)
                            or (s0 < 0 and not x0)
                            or (s1 > 0 and x1)
                            or (s1 < 0 and not x1)
                        ):
                            continue
                        on_a = (on[0] + signs[0], on[1] + signs[1])
                        if state_fits(before, on, pump_b) and state_fits(
                            after, on_a, pump_a
                        ):
                            ok = True
                            break
                    if not ok:
                        continue
                if sp:
                    fits_pump = True
                else:
                    fits_none = True
                    # (A heater's edges the same way switch apart.)
                    none_twice = none_twice or loose or signs[0] * signs[1] > 0
                if loose:
                    continue
                if sp and terms and score < paired_score:
                    paired_score = score
                    paired = (_PUMP, sp, heat, signs[:n])
                if sp and not terms and score < solo_score:
                    solo_score = score
                    solo = (_PUMP, sp, heat, signs[:n])
                if not sp and score < still_score:
                    still_score = score
                    still = (_HEATERS, 0, heat, signs[:n])
                if score < best_score:
                    best_score = score
                    best = (_PUMP if sp else _HEATERS, sp, heat, signs[:n])
        if fits_pump and fits_none:
            if two and paired is not None and not none_twice:
                return paired
            if sized and solo is not None:
                return solo
            if handed and still is not None:
                return still
            return (_UNSURE, 0, 0.0, ())
        return best

    def _heater_parts(
        self,
        heaters: list[_Heater],
        sizes: list[float],
        before: float,
        sp: int,
        cap: float,
    ) -> list[tuple[tuple[float, float], tuple[float, float], tuple[float, float]]]:
        """Each heater's part of ``_explain``'s sums, by its sign: (its watts, how far they may stray).

        Rising, its size. Falling, the level before says how big it was, if
        it was the only heater on (with the pump's share of that level, by
        ``sp``, the pump's switching, taken off): splitting the pump off
        (``sp``), the share must agree closely; a heater alone may have been
        learned loosely yet. (The middle entry, no switching, adds nothing.)
        """
        p = self._pump_watts
        k = self._k
        base = self._base
        # How far a heater's share of the level before may stray from the
        # size it switched on with (more would leave room for the pump).
        alone_tol = 0.02 if self._vref2 else 0.04
        alone = before - base - (p if (sp < 0 or (not sp and self._pump)) else 0.0)
        out: list[
            tuple[tuple[float, float], tuple[float, float], tuple[float, float]]
        ] = []
        for h, size in zip(heaters, sizes, strict=False):
            was = h.on_size / k if h.on else size
            lim = alone_tol * was + 5.0 if sp else 0.08 * was
            tol = h.tol(cap)  # (once: its rise's and perhaps its fall's)
            if abs(alone - was) <= lim:
                fall = (-alone, 0.15 * p + 4.0)
            elif h.on:
                fall = (-was, min(tol, 0.02 * h.on_size + 5.0))
            else:
                fall = (-was, tol)
            out.append((fall, (0.0, 0.0), (size, tol)))
        return out

    def _beside_pump(self, heat: float, signs: tuple[int, ...]) -> float:
        """How much further one heater's edge may stray from its size while the pump runs.

        Its size is learnt from its edges alone; beside the running pump its
        rise reads up to a percent off it (heat exchangers read every 2 s
        with volts; volts read at an instant against watts averaged over the
        interval are a likely cause, not pinned down). Unexplained, the rise
        drops the run it came in. Periodic plugs read every few seconds only.
        """
        if (
            not self._pump
            or self._on_change  # (on change, a level may be a partial reading)
            or self._gap > _FAST_GAP_S  # (seconds apart, a level may hide a switch)
        ):
            return 0.0
        if sum(1 for sign in signs if sign) != 1:
            return 0.0
        # (Never more than a tenth of the pump's step: a heater's rise and the
        # pump's fall in one edge must stay told from the heater's alone.)
        return min(_BESIDE_PUMP * abs(heat), 0.1 * self._pump_watts)

    def _two_switches(self, edge: _Edge, *, read: bool = False) -> bool:
        """Whether an averaging plug's readings inside an edge show two switchings.

        A plug that averages over its whole interval reads one switching as
        at most one partial reading between the two steady states; two
        different ones there (not a stale repeat) need a second switching:
        beside a heater's edge in a machine of heaters and a pump, the
        pump's. With ``read``, a partial reading strays from each level as
        read too (at its own volts: the normalised level of kilowatts of
        heaters lies tens of watts off the readings).
        """
        if not self._averaging:
            return False
        pts = edge.pts
        # Partial: past each level's own noise. A small pump's first partial
        # reading strays only a few watts from a quiet standby, within the
        # level's tolerance: the level's last reading counts when it strays
        # towards the edge.
        near_b = self._past_noise(edge.before)
        near_a = self._past_noise(edge.after)
        before = (edge.before, pts[1]) if read else (edge.before,)
        after = (edge.after, pts[-1]) if read else (edge.after,)
        first = 3 if all((pts[3] - b) * edge.delta > 0.0 for b in before) else 5
        partial = [
            pts[i]
            for i in range(first, len(pts), 2)
            if all(abs(pts[i] - b) > near_b for b in before)
            and all(abs(pts[i] - a) > near_a for a in after)
        ]
        return any(abs(a - b) > 3.0 for a, b in itertools.combinations(partial, 2))
