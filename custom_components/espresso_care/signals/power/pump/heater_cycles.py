"""Heater cycles around a pump's fall: a heater's, not the pump's.

A fall the pump's size may still be a heater's cycle: a heater that came on
and went off again, one cycling alone at its idle period, one heater
handing over to the other (known or not yet). These checks keep such a
cycle from closing a run as a shot (``run_end`` asks them).
"""

from __future__ import annotations

from .constants import (
    _ALONE_CYCLES,
    _CYCLE_S,
    _FAST_GAP_S,
    _IDLE_PERIOD,
    _MAINS_MOVE,
    _PEAK_DRIFT,
    _SHOWN,
)
from .explain import _Explain
from .records import _Heater
from .steps import _Edge


class _HeaterCycles(_Explain):
    """Whether a fall the pump's size is a heater's cycle."""

    __slots__ = ()

    def _heater_cycle(self, edge: _Edge, heat: float, watts: float) -> bool:
        """Whether one heater came and went with the pump, each edge the pump's step over it.

        A vibratory pump's step is too small to stand out of one split edge;
        but a heater that rose with the run and falls with it by its own
        size again (Hart's cycle summing to zero), both edges the pump's full
        step beyond it, shows the pump on for the run. The rise is kept at
        the reference volts and the fall read at the volts of now: the rise
        is compared at those (a 1.4 kW heater moves by 10 W when the volts
        do by a third of a per cent, a quarter of a small pump's step). On
        change only when two readings showed the run's level
        (``_run_level_read``): a heat exchanger's heater and the pump
        switching in one reading's second at both ends of a shot, no reading
        of the pump alone, were 12 of the 118 shots missed on change on dev
        seeds 20M-29M (heat exchanger and dual boiler); 9 are read so.
        """
        if self._run_heater is None:
            return False
        if self._on_change and not self._run_level_read(edge):
            return False
        p = self._pump_watts
        ptol = self._ptol()
        rose = (self._run_base - self._run_before) / self._k
        return (
            abs(rose + heat) <= 0.25 * p
            and abs(watts - p) <= ptol
            and abs(self._run_w - p) <= ptol
        )

    def _run_level_read(self, edge: _Edge) -> bool:
        """Whether the level a fall leaves was read twice since the run's rise (on change).

        A plug reporting on change says nothing while a level holds: a level
        held by silence alone may be a partial reading whose follow-up was
        lost. Two readings at the level (the plug's noise over a heater's
        kilowatt crosses its threshold every few seconds) show it whole.
        """
        pts = edge.pts
        level, tol = pts[1], self._tol_lv
        return (
            sum(
                1
                for t, w in self._recent
                if self._run_from < t < pts[4] and abs(w - level) <= tol
            )
            >= 2
        )

    def _cycle_to_standby(self, edge: _Edge, heat: float, watts: float) -> bool:
        """Whether a fall read every few seconds closes the run's own heater cycle.

        Without volts a small pump's step hides in a heater's drift over
        hours, not over the seconds of one run: a run that rose from the
        standby by the pump's step, a heater that rose during it, and a fall
        of that heater's own rise and the pump's step back to the standby sum
        to zero (Hart's cycle). The standby after it says the pump stopped.
        """
        if not self._seconds_apart or self._vref2:
            return False
        if self._run_two and self._run_shown < _SHOWN * self._pump_watts:
            return False  # no reading showed the pump alone (a ramp's, at least)
        if abs(edge.after - self._base) > self._tol_lv:
            return False
        p = self._pump_watts
        ptol = self._ptol()
        if abs(self._run_w - p) > ptol or abs(watts - p) > ptol:
            return False
        if abs(self._run_before) > self._tol_lv:
            return False  # the run rose from the standby (normalised: above it)
        # (The heaters' part of this fall has switched them off already.)
        risen = [h for h in self._heaters if self._run_at < h.on_at < edge.at]
        if len(risen) != 1 or heat >= 0.0:
            return False
        h = risen[0]
        share = -edge.delta - h.on_size / edge.k
        return abs(share - p) <= ptol and abs(h.on_before - self._base - p) <= ptol

    def _read_heater_cycle(self, edge: _Edge, heat: float, watts: float) -> bool:
        """Whether a run from the standby and back is a heater read whole lately and the pump.

        A dual boiler's brew heater comes on with the pump (cold water
        reaching its boiler) and goes off with it: read every few seconds
        without volts, the shot is one rise and one fall of their sum, no
        reading of the pump alone. The heater's own short cycles at idle
        read its size whole (``_heater_peak``), minutes ago at most, so
        that the mains moved it by less than ``_PEAK_DRIFT``, less than the
        pump's step: both edges that heater and the pump's full step, from
        the standby back to it, the level between no other heater's size
        (the mains' move on it too), show the pump on for the run (Hart's
        cycle summing to zero).
        """
        if not self._seconds_apart or self._vref2:
            return False
        h = self._run_heater
        if (
            h is None
            or h.on  # (the fall's heater part switched it off already)
            or not self._read_lately(h)
            or self._run_other
        ):
            return False
        p = self._pump_watts
        ptol = self._ptol()
        size = h.size / self._k
        if (
            p < _PEAK_DRIFT * size
            or abs(self._run_w - p) > ptol
            or abs(watts - p) > ptol
            or abs(heat + size) > _PEAK_DRIFT * size
            or abs(self._run_before) > self._tol_lv
            or abs(edge.after - self._base) > self._tol_lv
        ):
            return False
        whole = edge.before - self._base
        return not any(
            abs(o.size / self._k - whole) <= max(ptol, _MAINS_MOVE * o.size / self._k)
            for o in self._heaters
            if o is not h
        )

    def _fits_one_heater(self, edge: _Edge) -> bool:
        """Whether a run split from heaters' edges at both ends may be one heater alone.

        The plug reads only the sum: a heater and the pump switching in one
        edge, both ways, read as one heater of their summed size cycling
        alone (a steam boiler's about a brew boiler's and the pump's). While
        a heater's cluster is free for it and an averaging plug's edges showed
        no two switchings (two different partial readings), the run is not
        told apart from such a heater. A cluster seen once holds no heater
        (as for ``_clusters_held``): both heaters' heat-up read as one summed
        edge left a dual boiler's second cluster so, and the steam heater's
        first two cycles counted as shots (seed 92000063 on change; on dev
        seeds 20M-29M and 90M-93M, a dual boiler on change: 2 false shots
        of 4 withheld, no shot lost).
        """
        return (
            self._averaging
            and not self._clusters_held()
            and not (self._run_two or self._two_switches(edge))
            and not self._one_heater_learnt()
        )

    def _other_heater_level(self, edge: _Edge) -> bool:
        """Whether a run split from one heater's edges at both ends held the other heater's level (with volts).

        A dual boiler's steam heater may draw about the brew heater and a
        rotary pump (1,306 W known, 1,110 W and 165 W): its rise from the
        standby, a partial reading and a level decided early, split as the
        brew heater's and the pump's, and the fall from its own level to the
        standby then splits so too, the brew heater's share stretched to its
        tolerance (seed 91000015 on change, 3,357-3,400 s). With volts a
        heater's size holds to a few watts: a level before the fall nearer
        the other heater alone (learnt twice or more) than the run's heater
        and the pump is that heater's cycle. So too every second or two,
        where the rise's level, decided from its first two readings, read a
        few watts low as the mains moved in them (dev seed 28,000,059 every
        2 s, 11,058-11,114 s: 1,161 W risen, the steam heater 1,170 W, the
        brew heater 1,014 W and the pump 148 W; the fall 1,189 W, the steam
        heater then 1,192 W; a 54.8 s shot). Not every 5 s: without volts
        the mains move a heater by more than the sizes differ.
        """
        h = self._run_heater
        if not (self._on_change or (self._vref2 and self._gap <= _FAST_GAP_S)) or (
            h is None
        ):
            return False
        tol = self._tol_lv
        if abs(self._run_before) > tol or abs(edge.after - self._base) > tol:
            return False  # not from the standby and back
        return self._nearer_other_heater(edge, h)

    def _nearer_other_heater(self, edge: _Edge, h: _Heater) -> bool:
        """Whether the level before ``edge`` lies nearer another heater alone (learnt twice or more) than ``h`` and the pump."""
        k = self._k
        whole = edge.before - self._base
        own = abs(whole - h.size / k - self._pump_watts)
        return any(
            abs(whole - o.size / k) < own
            for o in self._heaters
            if o is not h and o.weight >= 2.0
        )

    def _cycle_heater(self, edge: _Edge) -> bool:
        """Whether a run split from one heater's edges at both ends is another heater.

        A dual boiler's steam heater may draw about the brew heater and the
        pump: its rise and fall read as theirs, a shot-long run each time it
        cycles (every few minutes), and it is never learnt alone. A run whose
        rise and fall are one size (Hart's cycle summing to zero), whose rise
        no reading showed as two switchings, is remembered; the
        ``_CYCLES``-th such cycle of that size within ``_CYCLE_S`` is a
        heater: learnt into the free cluster (``_learn_cycle``), and not
        counted. Its edges then fit that heater alone as well as the other
        and the pump: unsure, never a run. (The fall's partial readings are
        no sign: one heater's fall read by a 1 s average every 2 s often
        shows two.) Fewer cycles cost a heat exchanger's shots whose heater
        came and went with the pump.
        """
        if (
            self._run_heater is None
            or not self._run_mag
            or self._clusters_held()
            or self._run_seen
            or self._run_two
        ):
            return False
        size = -edge.delta * edge.k
        near = max(0.02 * size, 0.15 * self._pump_watts)
        if abs(self._run_mag - size) > near or self._heater_sized(size):
            return False  # not one cycle, or a known heater's (the pump beside it)
        if (
            edge.at - self._cycle_at <= _CYCLE_S
            and abs(size - self._cycle_size) <= near
        ):
            self._cycle_n += 1
        else:
            self._cycle_n = 1
        self._cycle_size, self._cycle_at = size, edge.at
        return self._cycle_n >= self._cycles_needed()

    def _idle_cycle(self, edge: _Edge) -> bool:
        """Whether a run read as one heater's cycle keeps the period of the last two (no volts).

        A dual boiler's steam heater may draw about the brew heater and the
        pump: without volts its cycle from the standby and back, each edge
        one switching (one partial reading, ``_single_partial``, not two,
        ``_two_switches``), reads as a shot whose rotary pump stands out of
        the brew heater's part (``_stands_out``) until ``_cycle_heater``
        has seen enough cycles to learn it. A heater idling cycles at a
        steady period (its boiler loses heat at a steady rate and reheats
        by as much each time); shots come when someone pulls them. Such a
        cycle one period after the last two of its size (the mains' move,
        and the pump's share a partial reading holds), or two (one read
        otherwise between), to ``_IDLE_PERIOD`` of it, is a heater idling.
        (A heat exchanger's heater coming and going with the pump makes the
        same cycles, at a shot's cadence: so regular only by chance.)
        """
        if self._run_two or self._two_switches(edge):
            return False
        size = -edge.delta * edge.k
        at = edge.at
        near = _MAINS_MOVE * size + 0.25 * self._pump_watts
        like = [
            t for t, s in self._idle if abs(s - size) <= near and at - t <= _CYCLE_S
        ]
        self._idle.append((at, size))
        if len(like) < 2:
            return False
        period = like[-1] - like[-2]
        n = round((at - like[-1]) / period)
        return n in (1, 2) and abs(at - like[-1] - n * period) <= _IDLE_PERIOD * period

    def _larger_heater_cycle(self, edge: _Edge) -> bool:
        """Whether a run read every few seconds may be the larger heater's own cycle.

        A dual boiler's steam heater draws nothing when a shot is pulled
        (the brew heater does) and idles in cycles as long as a shot. Its
        size, learnt without volts, may stand a vibratory pump's step below
        what it draws now (the mains moved it, or a summed edge nudged it):
        its cycle from the standby and back then reads as that heater and
        the pump, and a reading's share of either edge shows the pump alone
        as well as it would. A run that rose from the standby to the larger
        of two heaters each learnt from many edges, and fell back to the
        standby by that heater's size to the mains' move
        (``_MAINS_MOVE``), fits that heater alone: withheld. (A rotary
        pump's step stands past that move.) On dev seeds 20M-29M and
        66M-77M, a dual boiler read every 5 s: three false shots of 37
        (24000020, 68000052, 69000020), no shot lost.
        """
        heaters = self._heaters
        h = self._run_heater
        if (
            not self._seconds_apart
            or self._vref2
            or h is None
            or len(heaters) < 2
            or any(
                o.size > h.size or o.weight < _ALONE_CYCLES
                for o in heaters
                if o is not h
            )
        ):
            return False
        tol = self._tol_lv
        if (
            abs(self._run_before) > tol
            or abs(self._run_base - h.size) > tol
            or abs(edge.after - self._base) > tol
        ):
            return False  # not from the standby to that heater alone and back
        size = -edge.delta * edge.k
        return abs(size - h.size) <= _MAINS_MOVE * h.size

    def _handed_over(self, edge: _Edge, duration: float) -> bool:
        """Whether the run may be one heater handing over to another not known yet.

        A rise of about the pump's step from a heater's level, and a fall of
        that heater and the pump to the standby, fit a second heater the
        size of the fall (it took over from the first, then went off) as
        well, while a heater's cluster is free for it, the one known has
        not yet cycled often enough alone to say the machine has no other,
        and the clusters would tell that second heater from the first.
        Not for a run surely of a shot's length (``duration``, less the
        interval its shared fall's reading may hide) read every few seconds:
        there the rule withheld single-heater machines' shots (a thermostat's
        heater and the pump stopping in one reading) and no hand-over's run
        on the seeds measured; the run it was written for was read every
        second (a dual boiler, seed 20250445). A shorter run there is still
        withheld: a flush, or a shot read short that the decoder may read
        whole later (a run counted would block it).
        """
        if (
            self._seconds_apart and duration - self._period >= self.kind_bounds[0]
        ) or not (
            len(self._heaters) < 2
            and self._run_pure
            and self._run_base >= self._heater_min()
            and edge.after < 0.5 * self._heater_min()
        ):
            return False
        size = -edge.delta * edge.k
        tol = max(0.03 * size, 0.4 * self._pump_watts)  # as ``_cluster``
        return all(
            h.weight < _ALONE_CYCLES and abs(h.size - size) > tol for h in self._heaters
        )

    def _handed_over_known(self, edge: _Edge) -> bool:
        """Whether a run read every few seconds may be one known heater handing over to the other.

        A dual boiler's two heaters may differ by about a rotary pump's
        step: the brew heater handing over to the steam heater reads as the
        pump's rise from the first's level (the hand-over's partial reading
        as the pump's), and the steam heater's fall to the standby as the
        first heater's and the pump's. Without volts the mains move a
        heater's size by up to ``_MAINS_MOVE`` from the one learnt: a run
        that rose alone from a heater's level and falls to the standby by
        another heater's size to that share (not the size the run rose
        from: a shot's pump and its heater falling together) fits that
        heater alone as well, and is withheld (on dev seeds 20M-29M, a
        dual boiler read every 5 s: one false shot of 13, no shot lost).
        The other heater must be learnt from ``_ALONE_CYCLES`` edges or
        more: a cluster of a few may be one heater's and the pump's summed
        edges (a thermostat's shot over its one heater was withheld so).
        So too for a run whose rise split from the hand-over's edge (the
        brew heater's fall and the steam heater's rise read apart, two
        partial readings, as a heater's edge and the pump's): a vibratory
        pump's step is then the heaters' difference less a heater's (dev
        seed 25000004: one false shot of 12, no shot lost on dev seeds
        20M-29M; on the held-out seeds no false shot withheld and one
        vibratory dual boiler's shot lost, 1000052).
        """
        if not self._seconds_apart or self._vref2:
            return False
        base = self._run_before  # the level the pump rose from, over the standby
        if (
            base < 0.5 * self._heater_min()
            or abs(edge.after - self._base) > self._tol_lv
        ):
            return False
        size = -edge.delta * edge.k
        return any(
            abs(h.size - size) <= _MAINS_MOVE * h.size
            and abs(h.size - base) > _MAINS_MOVE * h.size
            and h.weight >= _ALONE_CYCLES
            for h in self._heaters
        )
