"""Learning the heaters' sizes: clusters of heater-sized edges.

Hart's cluster analysis: heater-sized edges are clustered online into at
most two heater sizes, each an exponential average of its recent clean
edges, merged or dropped as they drift; a short pulse's peaks read whole,
an unseen heater-and-pump cycle of one size, and a level held past any run
also teach a size. The edges are explained against what is learnt here.
"""

from __future__ import annotations

import math

from .constants import (
    _ALONE_CYCLES,
    _CYCLE_S,
    _CYCLES,
    _CYCLES_APART,
    _FAST_GAP_S,
    _HEAT_UP_S,
    _HELD_LEVEL_S,
    _KEPT_EDGES,
    _LIKE_HEATERS,
    _MAINS_MOVE,
    _ONE_HEATER_WEIGHT,
    _PEAK_DRIFT,
    _PEAK_FRESH_S,
    _PEAK_READINGS,
    _PEAKS_AGREE,
    _SIZES_APART_W,
    _SIZES_LEVEL,
    _SMALL_PUMP,
    MAX_RUN_S,
)
from .noise import _Noise
from .records import _Heater
from .steps import _Edge


class _HeaterSizes(_Noise):
    """The heaters' sizes, learnt from their edges, pulses and cycles."""

    __slots__ = ()

    def _heater_peak(self) -> None:
        """Learn a heater's size from the peaks of its short cycles (read every few seconds).

        A dual boiler's brew heater cycles at idle for about two of an
        energy meter's 5 s readings: no steady state of its own, so no edge
        of it alone teaches its size, and a shot's rise and fall (the brew
        heater coming on with the pump, cold water reaching its boiler)
        teach their sum with the pump's step instead, which then explains
        such shots away or leaves the heater's rise beside the pump
        unexplained. A reading wholly inside the heater's on time reads its
        size; partial ones read less, and seldom alike: three of the last
        pulses from the standby whose peaks agree to a percent, none of the
        others above them, read the heater whole. Only beside a larger
        heater known, past this one and the pump's step (a dual boiler's
        steam heater): a heat exchanger's or a thermostat's one heater
        cycles as briefly at times, its size learnt from its edges.
        """
        base = self._lv
        if (
            self._pump
            or abs(base - self._base) > self._tol_lv
            or self._tr_n > _PEAK_READINGS + 1
        ):
            return
        peak = self._tr_max - base
        if peak < self._heater_min():
            return
        peaks = self._peaks
        top = max(peaks, default=0.0)
        agreed = [w for w in peaks if abs(w - peak) <= _PEAKS_AGREE * peak]
        peaks.append(peak)
        if len(agreed) < 2 or top > peak + _PEAKS_AGREE * peak:
            return
        k = self._k
        p = self._pump_watts
        past = peak + p + max(self._ptol(), _PEAK_DRIFT * peak)
        if not any(h.weight >= 2.0 and h.size / k > past for h in self._heaters):
            return
        peaks.clear()  # (each pulse read whole teaches once)
        size = (peak + sum(agreed[-2:])) / 3.0
        if p < _SMALL_PUMP:
            # A cluster of this heater's size and the pump's step, not seen
            # alone often, was learnt from shots' edges (the heater on and
            # off with the pump): the heater read whole takes its place
            # (beside a small pump only: ``_read_lately``).
            ptol = self._ptol()
            for h in self._heaters:
                if (
                    h.weight < _ALONE_CYCLES
                    and abs(h.size / k - size - p) <= ptol
                    and abs(h.size / k - size) > self._cluster_tol(size)
                ):
                    self._drop(h)
                    break
        for whole in (*agreed[-2:], peak):  # (each a reading of it whole)
            self._cluster(whole)
        self._version += 1
        heater = min(self._heaters, key=lambda h: abs(h.size - size * k))
        heater.read_at = self._last_at

    def _cluster(self, watts: float, cycle: bool = False) -> None:
        """Learn a heater's fall: its heater's size, or a new heater's.

        A size near a known heater's but not near enough may be that heater
        with the pump's step in the same edge: it teaches nothing, but for
        a ``cycle`` (its rise and fall of one size, back to the level before),
        which the heater's size follows slowly (the mains moved it; a shot's
        cycle, the pump in both edges, only nudges it).
        """
        size = watts * self._k
        tol = self._cluster_tol(size)
        near: _Heater | None = None
        for h in self._heaters:
            gap = abs(h.size - size)
            if gap <= tol and (near is None or gap < abs(near.size - size)):
                near = h
        over = self._over_heater_level(self._lv)
        if near is not None:
            near.learn(size)
            near.seen = self._last_at
            near.on = False
            near.over = near.over and over
            return
        known = [
            h
            for h in self._heaters
            if h.weight >= 2.0 and abs(h.size - size) <= 0.08 * h.size
        ]
        if known:
            if cycle:
                known[0].size += 0.2 * (size - known[0].size)
            return
        if cycle and self._heater_and_pump(size):
            return
        if len(self._heaters) >= 2 and (
            difference := self._hand_over_difference(size, over)
        ):
            self._drop(difference)  # (a hand-over's difference gives way)
        elif len(self._heaters) >= 2:
            self._heaters.sort(key=lambda h: -h.weight)
            if self._heaters[-1] is self._cycled:
                return  # (``_learn_cycle``: a third size is no heater's)
            if self._read_lately(self._heaters[-1]):
                return  # (``_heater_peak``: its size is sure, a third is not)
            if self._kept(self._heaters[-1]):
                return  # (learnt from many edges: a third size is no heater's)
            self._drop(self._heaters[-1])
        heater = _Heater(size, 0.1 * self._pump_watts)
        heater.seen = self._last_at
        heater.on = False
        heater.over = over
        self._heaters.append(heater)

    def _over_heater_level(self, low: float) -> bool:
        """Whether an edge's lower level is a heater's (not the standby, nor the pump alone)."""
        return low - self._base >= self._heater_min()

    def _hand_over_difference(self, size: float, over: bool) -> _Heater | None:
        """The heater to give way to a new size: one learnt from a hand-over's difference (both clusters held).

        With brew priority a dual boiler's brew heater switches the steam
        heater off as it comes on, and back: read every second or two each
        hand-over is one edge of the two heaters' difference, never from
        the standby. Heating up from cold the heaters hand over for many
        minutes before either cycles alone, and that difference (290-440 W)
        was learnt as a heater from ten edges or more; the steam heater's
        first fall to the standby took the second cluster, and the brew
        heater's first cycle pushed it out, the lighter: the steam heater
        was never learnt, and shots beside it went unread (dev seed
        20,000,050 every 2 s, a 62 W vibratory pump: 1,297, 898, 1,297 W
        hand-overs from 750 s at 226 V, a 411 W heater learnt; a 30.3 s
        shot at 7,064 s on the steam heater, which handed over to the brew
        heater in it, found that edge no known switching and was lost as
        unsure). A new size from the standby that with a heater learnt only
        over another heater's level makes the other heater's size (within
        ``_cluster_tol``) shows that heater to be their difference: it gives
        way, whatever its weight.
        Every second or two and on change (every few seconds a heater's
        edges are read by other rules: not measured there).
        """
        if over or self._seconds_apart:
            return None
        tol = self._cluster_tol(size)
        for diff, other in (self._heaters[:2], self._heaters[1::-1]):
            if (
                diff.over
                and not other.over
                and abs(other.size - diff.size - size) <= tol
            ):
                return diff
        return None

    def _kept(self, heater: _Heater) -> bool:
        """Whether a heater learnt from many edges keeps its cluster from a third size (every few seconds).

        Read every 5 s, a dual boiler's brew heater learnt from ten edges,
        the lighter of the two clusters beside the steam heater's, was
        pushed out by one edge of a third size (824 W), and every shot over
        it after went unread for an hour: the decoder no longer knew the
        heater the pump's step sat on (21000037, 6,500 s on). A heater
        learnt from ``_KEPT_EDGES`` edges or more stays: a third size is no
        heater's (the clusters hold two). Fewer, it may still be a summed
        edge's cluster, and gives way; so does one under half the larger
        heater's size (``_LIKE_HEATERS``), a hand-over's difference learnt
        (349 W beside 886 W: kept, the steam heater was never learnt and a
        shot's end was read 12 s late, 24000012). Dev seeds 20M-29M at 5 s:
        dual boiler shots 1,122 -> 1,142 of 1,580, false shots 12 -> 12
        (from 3 edges 1,138, from 4 1,143 with 2 false shots more, from 8
        1,138, without the size bound); heat exchanger 1,314 -> 1,314;
        regression 5M-9M: dual boiler 583 -> 595 of 787, false shots 14 ->
        14, heat exchanger 616 -> 616.

        A heater read whole by its short pulses (``_heater_peak``) is a
        heater, not a summed edge, learnt from three edges only: it stays
        too (beside a rotary pump, whose pulses' reading is no sure size for
        long, ``_read_lately``, a shot's own edge of it and the pump pushed
        it out: 5000021). Dual boiler at 5 s, dev 1,142 -> 1,146, false
        shots 12 -> 12; regression 595 -> 599, 14 -> 14; heat exchanger
        1,314 -> 1,314 and 616 -> 616.

        So too every second or two, with volts (not on change): a dual
        boiler's steam heater learnt from 13 edges, the lighter cluster
        beside the brew heater's, gave way to one 877 W edge in a flush,
        and its next cycles from the standby read as the brew heater and
        the pump, two shots of 54-56 s (dev seed 28,000,059 every 2 s,
        12,495 s on).
        """
        return (
            (self._seconds_apart or (bool(self._vref2) and not self._on_change))
            and (heater.weight >= _KEPT_EDGES or heater.read_at > -math.inf)
            and heater.size >= _LIKE_HEATERS * max(h.size for h in self._heaters)
        )

    def _cluster_tol(self, size: float) -> float:
        """How far an edge may stray from a heater's size to be learnt into it (``_cluster``)."""
        return max(0.03 * size, 0.4 * self._pump_watts)

    def _heater_and_pump(self, size: float) -> bool:
        """Whether a cycle's size (as ``_cluster``'s) is a sure heater's and the pump's step.

        Read every few seconds, a heat exchanger's shot whose heater came on
        and went off with the pump reads as one rise and one fall of that
        sum: learnt as a second heater, it then explained such shots away.
        Only beside a heater seen alone often (one whose size is not itself
        a misread) and only read every few seconds (faster, a dual boiler's
        steam heater of about that sum is learnt from such cycles).
        """
        p = self._pump_watts * self._k
        tol = self._ptol() * self._k
        return self._gap > _FAST_GAP_S and any(
            (h.weight >= _ALONE_CYCLES or self._read_lately(h))
            and abs(size - h.size - p) <= tol
            for h in self._heaters
        )

    def _read_lately(self, heater: _Heater) -> bool:
        """Whether a short pulse's reading read the heater whole lately, beside a small pump.

        Its size is then sure (``_heater_peak``): a size of it and the pump's
        step is no heater's. (A steam heater never draws a brew heater and a
        small pump's step; a rotary pump's step, it may.)
        """
        return (
            self._pump_watts < _SMALL_PUMP
            and self._last_at - heater.read_at <= _PEAK_FRESH_S
        )

    def _sizes_tell_pump(self, edge: _Edge) -> bool:
        """Whether the learnt sizes tell the pump's step over the smaller heater from a hand-over.

        A dual boiler's steam heater may draw about its brew heater and a
        rotary pump: the pump switching beside the brew heater alone fits
        the brew heater handing over to the steam heater as well (unsure),
        and no run was read (dev 29,000,047 on change: shots over a
        1,057 W brew heater, a 197 W pump, the steam heater 1,294 W; the
        level read 1,261 W). Read with volts every second or two or on
        change, both sizes hold to a few watts at the mains' volts: over
        the brew heater alone, a hand-over's level reads the steam heater's
        size (dev 20M-29M on change: within 4 W, never nearer the brew
        heater and the pump by 2 W or more), the pump's 20 W or more nearer
        the brew heater and the pump than the steam heater (20,000,015: 2
        and 52 W). Both sizes sure; a steam heater near the brew heater and
        the pump (23,000,023: 175 W apart, a 175 W pump) tells nothing.
        """
        sure = self._two_sure_heaters()
        if sure is None:
            return False
        small, large = sure
        k = self._k
        base = self._base
        low, high = sorted((edge.before, edge.after))
        if abs(low - base - small.size / k) > _SIZES_LEVEL * small.size / k:
            return False  # (not over the smaller heater alone)
        off_pump = abs(high - low - self._pump_watts)
        off_large = abs(high - base - large.size / k)
        return off_large - off_pump >= _SIZES_APART_W

    def _sizes_tell_hand_over(self, edge: _Edge) -> bool:
        """Whether the learnt sizes tell a hand-over beside the running pump from its stop.

        A dual boiler's steam heater may draw about its brew heater and a
        rotary pump: during a shot that the steam heater came on with, its
        hand-over to the brew heater (brew priority) falls by about the
        pump's step, and fits the pump stopping beside the steam heater as
        well (unsure): the pump's own fall later found the run unsure and
        the shot was lost (dev 27,000,035 every 2 s: a 1,278 W steam heater
        and a 166 W pump, fell 1,443 -> 1,256 W, at the brew heater's
        1,087 W and the pump's, 26 W under the steam heater alone). Read
        with volts every second or two or on change, both sizes hold to a
        few watts (``_sizes_tell_pump``): from the larger heater and the
        running pump, a level 20 W or more nearer the smaller heater and
        the pump than the larger heater alone is the hand-over.
        """
        sure = self._two_sure_heaters() if self._pump else None
        if sure is None:
            return False
        small, large = sure
        k = self._k
        base = self._base
        p = self._pump_watts
        low, high = sorted((edge.before, edge.after))
        if abs(high - base - large.size / k - p) > _SIZES_LEVEL * large.size / k:
            return False  # (not over the larger heater and the pump)
        off_hand = abs(low - base - small.size / k - p)
        off_stop = abs(low - base - large.size / k)
        return off_stop - off_hand >= _SIZES_APART_W

    def _two_sure_heaters(self) -> tuple[_Heater, _Heater] | None:
        """The two heaters (smaller, larger) when both sizes are sure, read with volts every second or two or on change; else None.

        What ``_sizes_tell_pump`` and ``_sizes_tell_hand_over`` both stand on:
        only then do the learnt sizes hold to a few watts.
        """
        heaters = self._heaters
        if len(heaters) != 2 or not self._vref2 or self._seconds_apart:
            return None
        if not all(self._size_sure(h) for h in heaters):
            return None
        small, large = sorted(heaters, key=lambda h: h.size)
        return small, large

    def _size_sure(self, heater: _Heater) -> bool:
        """Whether a heater's size is sure: two edges or more learnt, not read stale.

        Only such a size splits the pump off an edge (``_explain``) or
        tells a hand-over from the pump (``_sizes_tell_pump``).
        """
        return heater.weight >= 2.0 and not self._read_stale(heater)

    def _read_stale(self, heater: _Heater) -> bool:
        """Whether a heater's size read whole in short pulses is no longer sure.

        A dual boiler's brew heater cycles too briefly for its edges to
        follow its size as the mains moves it: learnt from neither its
        pulses nor its edges for ``_PEAK_FRESH_S``, it may be off by the
        pump's step, and splits no pump off an edge (``_explain``), as a
        heater seen once.
        """
        return (
            heater.read_at > -math.inf and self._last_at - heater.seen > _PEAK_FRESH_S
        )

    def _drop(self, heater: _Heater, keep: _Heater | None = None) -> None:
        self._heaters.remove(heater)
        pending = self._pending
        if pending is not None and pending.heater is heater:
            pending.heater = keep
        if self._run_heater is heater:
            self._run_heater = keep

    def _merge(self, now: float) -> None:
        """One heater seen at two sizes (the mains moved): make them one."""
        heaters = self._heaters
        for h in heaters:
            if h.weight < 2.0 and now - h.seen > 1800.0:
                self._drop(h)  # seen once long ago: forget it
                break
        if len(heaters) < 2:
            return
        a, b = heaters
        if abs(a.size - b.size) > max(0.04 * a.size, 0.5 * self._pump_watts):
            return
        keep, drop = (a, b) if a.weight >= b.weight else (b, a)
        keep.over = keep.over and drop.over
        total = keep.weight + drop.weight
        keep.size = (keep.size * keep.weight + drop.size * drop.weight) / total
        keep.weight = min(total, 20.0)
        if keep.on is None or (drop.on and drop.on_at > keep.on_at):
            keep.on, keep.on_size = drop.on, drop.on_size
            keep.on_at, keep.on_before = drop.on_at, drop.on_before
        self._drop(drop, keep)

    def _note_held_level(self, now: float) -> None:
        """Remember the level ending ``now`` if it held past any run, no known heater's.

        A level held longer than a pump runs (``MAX_RUN_S``) is heaters
        alone. A dual boiler's steam heater heating up, or idling between
        the brew heater's cycles, holds its level so for minutes; its size
        may be about the brew heater's and a rotary pump's, and its cycles
        read as shots until it is learnt (``_cycle_heater``): its edges
        from that level may have been read with the pump's (the brew
        heater's cycles ride on it), or a third size pushed it out of the
        two clusters. Its level, less the standby, is a heater's size
        (``_held_level_size``). Only read every few seconds (a plug read
        every second or two shows two switchings in an edge's partial
        readings, ``_two_switches``; not measured there).
        """
        if not self._seconds_apart or now - self._lv_at < MAX_RUN_S:
            return
        size = self._normalised(self._lv)
        if size < self._heater_min() or self._heater_sized(size):
            return
        levels = self._held_levels
        for held in [x for x in levels if abs(x[1] - size) <= _MAINS_MOVE * size]:
            levels.remove(held)  # (the same heater's, the mains moved it)
        levels.append((now, size))

    def _held_level_size(self, whole: float, within: float = math.inf) -> bool:
        """Whether a run's whole edge is the size of a level held lately (``_note_held_level``).

        Only a size no heater seen twice or more has (a heat exchanger's
        heater, learnt since, is the level it held at its heat-up: the
        mains may have moved it by the pump's step since). ``within``: no
        farther than that from it, whatever the mains may have done.
        """
        k = self._k
        ptol = self._ptol()
        now = self._last_at
        return any(
            now - at <= _HELD_LEVEL_S
            and abs(size / k - whole) <= min(max(ptol, _MAINS_MOVE * size / k), within)
            and not self._heater_sized(size, seen=2.0)
            for at, size in self._held_levels
        )

    def _on_unsized_heater(self, level: float) -> bool:
        """Whether a level read every few seconds is a heater's no edge has sized yet (no volts).

        Before a heater's first cycle (a machine heating up: one heater on
        for many minutes) its level is no size known, and the mains move it:
        a neighbour's load switching steps a 1.3 kW heater by a few per cent,
        a vibratory pump's step, there and back again. A run on such a level
        (back to it, the level far over the pump's step), no heater learnt,
        is not told from that move: neither the edges (``_pump_fall``) nor
        the decoder (``_decoded``) count it. Dev seed 27000060 at 120 V,
        1,130-1,235 s: +34 W for 105 s on a heat exchanger's 1,371 W
        heat-up, read as a shot; regression seed 8000044 likewise. On dev
        seeds 20M-29M at 5 s no shot was counted before a heater was learnt.
        """
        if not self._seconds_apart or self._vref2 or self._heaters:
            return False
        return level - self._base > 4.0 * self._pump_watts

    def _on_heat_up(self, started: float, ended: float) -> bool:
        """Whether a vibratory pump's run read over a heater heating the machine up is the mains stepping it (every few seconds, no volts).

        A machine switched on from cold holds its heater on for many minutes;
        a neighbour's load switching steps the mains by a volt or two, a
        1.2-1.4 kW heater by 30-60 W, a vibratory pump's step. Read every 5 s
        that step is one partial reading and a level, a pump's rise over the
        heater; when the heat-up ends the heater falls to the standby at the
        stepped level, the heater's and the pump's fall in one edge (dev
        seed 24000020, a thermostat's heat-up at 230 V: 1,211 W, then 1,246
        and 1,264 W for 90 s, then 64 and 6 W: a 93 s shot; regression
        8000028, 8000044, 5000036). A run that started ``_HEAT_UP_S`` or
        more into a stretch of readings with a heater on (over ``_COOL``
        pump steps), held on through the run, and that ended within two
        readings of that stretch's end (the heater's fall with it, dated by
        shares inside the readings) is not
        counted. Only a vibratory pump's (a rotary one's step stands out of
        the mains' move, ``_MAINS_MOVE``).
        """
        if not self._seconds_apart or self._vref2 or self._pump_watts >= _SMALL_PUMP:
            return False
        spans = [(self._hot_from, self._last_at), *self._hot_spans]
        first, last = next(
            ((a, b) for a, b in spans if a <= started <= b), (math.inf, math.inf)
        )
        return started - first >= _HEAT_UP_S and abs(last - ended) <= 2.0 * self._period

    def _one_heater_learnt(self) -> bool:
        """Whether one heater only cycled, long enough that a second would have shown.

        A heater of the summed size cycles while the machine idles as the
        other does: once the one heater's size was learnt from many edges
        (its weight full) and no second cluster formed, a heater-and-pump
        edge each way is the pump beside that heater (a heat exchanger's).
        Plugs reading at least every 2 s (a 5 s plug's edges are its own).
        """
        heaters = self._heaters
        return (
            self._gap <= _FAST_GAP_S
            and len(heaters) == 1
            and heaters[0].weight >= _ONE_HEATER_WEIGHT
        )

    def _cycle_open(self, at: float) -> bool:
        """Whether a heater-and-pump cycle seen twice within the hour may be a heater.

        A dual boiler's steam heater of about the brew heater and the pump is
        learnt only at its ``_cycles_needed``-th cycle; until then the
        decoder would read each cycle as a shot too (``_decoded`` waits).
        """
        return self._cycle_n >= 2 and at - self._cycle_at <= _CYCLE_S

    def _clusters_held(self) -> bool:
        """Whether two heaters seen twice or more hold both clusters (``_cycle_heater``).

        A size seen once (a summed edge, a heater's read at other volts) is
        no heater yet: ``_cluster`` lets a cycle's size push it out, and it
        must not keep a dual boiler's steam heater from being learnt (every
        cycle after it counted as a shot).
        """
        return sum(h.weight >= 2.0 for h in self._heaters) >= 2

    def _cycles_needed(self) -> int:
        """How many cycles of one size within ``_CYCLE_S`` make a heater.

        Read every few seconds (an energy meter's 5 s), a heat exchanger's
        shots whose heater came and went with the pump come three in an
        hour often enough; a steam heater cycles every few minutes, five in
        an hour, and is told apart by them.
        """
        return _CYCLES_APART if self._gap > _FAST_GAP_S else _CYCLES

    def _heater_sized(self, size: float, seen: float = 1.0) -> bool:
        """Whether a heater of about ``size`` (normalised watts) is known already (``seen`` times)."""
        return any(
            h.weight >= seen and abs(h.size - size) <= 0.08 * h.size
            for h in self._heaters
        )

    def _stop_with_cycled(self, heater: _Heater) -> bool:
        """Whether an explanation with this heater rising may not have the pump stop.

        The steam heater ``_learn_cycle`` learnt draws about the brew heater
        and the pump: the brew heater's rise beside the running pump fits the
        pump's stop with the steam heater's rise as well, two switchings in
        one interval where one does.
        """
        return heater is self._cycled

    def _learn_cycle(self, edge: _Edge) -> None:
        """Learn the heater ``_cycle_heater`` found, as the run it made would count.

        Only then: a machine whose such cycles other rules refused keeps its
        shots (learnt, the heater makes a brew heater's rise beside the pump
        unsure, the pump's stop and it coming on in one edge).
        """
        self._cycle_at = -math.inf
        self._cycle_n = 0
        size = -edge.delta * edge.k
        for _ in range(2):  # (its rise and its fall, twice: a heater known)
            self._cluster(size / self._k)
        self._version += 1
        # Kept against a third size (two heaters are all a dual boiler has):
        # one edge of sizes summed, clustered, would push it out.
        self._cycled = min(self._heaters, key=lambda h: abs(h.size - size))

    def _held_heaters(self) -> None:
        """A pump-sized rise from a heater's level held too long for a run: a heater's level.

        A dual boiler's heaters hand over (the brew heater off, the steam
        heater on) by their difference, which may be the pump's step: the
        level after, held past any run, is the steam heater alone (unless a
        known heater is that size). It counts as the cycles ``_cycle_heater``
        waits for but one: the next unseen cycle of that size is a heater.
        (Learnt at once, it cost shots on machines whose cycles other rules
        already refused.)
        """
        if (
            self._gap > _FAST_GAP_S  # (as ``_cycle_heater``)
            or self._tr
            or not self._run_pure
            or self._run_heat
            or self._run_base < self._heater_min()
            or len(self._heaters) >= 2
        ):
            return
        size = self._normalised(self._lv)
        if abs(
            size - self._run_base - self._run_w * self._k
        ) > self._ptol() or self._heater_sized(size):
            return
        # As the cycles before it: the next unseen cycle of its size is a heater.
        self._cycle_size, self._cycle_at = size, self._last_at
        self._cycle_n = _CYCLES - 1
