"""Readings while the pump may run, gathered into an excursion and read as pulses.

An excursion opens at a reading with the pump on and closes at the first
with it off (or after too long unexplained). Closed, it is cut into pulses
(``split``; on a slow plug also at a heater's stretch, ``slow_plug``),
made sure when framed in a heater's band, sorted into noise, weak pulses,
a heater's stretch or pulses, and those fed to the backflush pattern.
"""

from __future__ import annotations

from functools import partial

from ....backflush_pattern import Recognized
from .checks import _Checks
from .constants import (
    CLEAN_FRACTION,
    DIP,
    FAST_INTERVAL,
    FRAME_READINGS,
    HEATER_MIN,
    NOISE_SECONDS,
    ODD_SECONDS,
    PART_MAX,
    PULSES_SECONDS,
    UNKNOWN_MAX,
)
from .recent import _remember, _remember_run
from .records import Pulse, _Excursion
from .slow_plug import (
    OFF_FRACTION,
    heater_cycle,
    heater_edge,
    heater_hole,
    heater_split,
    heater_switched,
    hole_split,
    in_band_cuts,
    long_piece,
    merged_hole,
    shot_piece,
    slow_dip,
    within_two_pulses,
)
from .split import split_pulses


def _sure(pulse: Pulse, excursion: _Excursion) -> Pulse:
    """The pulse as sure if a reading of its excursion shows the pump on long enough."""
    if pulse.clean or all(
        f is None or f < CLEAN_FRACTION for _, _, f, _ in excursion.segments
    ):
        return pulse
    return Pulse(pulse.started, pulse.ended, pulse.on_seconds, True, pulse.single)


class _Excursions(_Checks):
    """Excursions opened, followed and closed into the pattern's pulses."""

    __slots__ = ()

    def _segment(
        self, start: float, end: float, fraction: float | None, clean: bool
    ) -> Recognized | None:
        excursion = self._excursion
        if excursion is None and self._interval > FAST_INTERVAL:
            dark = self._dark
            if fraction is None:
                # A heater switching while the pump reads off: a pulse may
                # hide in its readings (``BackflushRecognizer.darken``).
                if dark is None:
                    self._dark_rose = self._rose
                self._dark = (start if dark is None else dark[0], end)
                return None
            if dark is not None:
                self._dark = None
                self._pattern.darken(*dark)
        if fraction is not None and fraction < OFF_FRACTION:
            if excursion is None:
                return None
            self._excursion = None
            self._follow_frame(excursion)
            if (
                self._interval > FAST_INTERVAL
                and excursion.rose
                and len(excursion.segments) == 1
                and self._in_heater_band(self._band)
            ):
                # A heater came on as it closed: the next reading says
                # whether for one reading only (``_edge_resolved``).
                self._edge_held = excursion
                return None
            return self._close(excursion)
        if excursion is None:
            if fraction is None:
                return None  # a heater while the pump is off
            steady = not self._held and self._steady_before >= FRAME_READINGS
            excursion = self._excursion = _Excursion(
                self._band_before if steady else None
            )
            if not self._held and self._interval > FAST_INTERVAL:
                excursion.rose = self._band_before == 0.0
                # Right after a heater's first reading: beside it, if that
                # was its only one (``heater_edge``).
                excursion.beside_heater = self._heater_rose
        self._follow_frame(excursion)
        if self._band is not None:
            excursion.lowest = min(excursion.lowest, self._band)
        excursion.segments.append((start, end, fraction, clean))
        excursion.bands.append(self._band)
        if fraction is None:
            if (watts := self._unexplained) is not None and self._level is not None:
                excursion.unexplained = max(excursion.unexplained, watts - self._level)
            excursion.unknown += end - start
            if excursion.unknown > UNKNOWN_MAX:
                self._excursion = None
                return self._close(excursion)
        return None

    def _in_heater_band(self, band: float | None) -> bool:
        """Whether a reading was read in a heater's band (not the level, not unexplained)."""
        return band is not None and band >= HEATER_MIN * self.pump_watts

    def _edge_resolved(self, at: float, gap: float) -> Recognized | None:
        """The one-reading excursion held (``_edge_held``) closed: beside a lone reading of a heater, or not.

        ``at``, ``gap``: this reading's time, and the time since the
        heater's. The reading after it read no heater on: the heater was
        full on for that one reading only, and the excursion was its rising
        edge (``heater_edge``). A deadline passed while it was held is
        decided now, as it was at the heater's reading, which read the pump
        off: held past it, a flush's reading before a dual boiler's brew
        heater came on kept a rinse series open until a weak flush over
        the heater joined it and broke it (third-check seed 162,000,024 at
        54,984 s).
        """
        held, self._edge_held = self._edge_held, None
        if held is None:
            return None
        held.beside_heater = self._band == 0.0 and gap < 1.5 * self._interval
        found = self._close(held)
        deadline = self._pattern.next_deadline
        if deadline is not None and deadline < at:
            # What silence decided while it was held (the heater's reading
            # read the pump off).
            found = self._pattern.advance(deadline).recognized or found
        return found

    def _follow_frame(self, excursion: _Excursion) -> None:
        """The excursion leaves its frame at a reading in another band, or a silence held."""
        if self._held or not self._same_band(excursion.frame, self._band):
            excursion.same = False

    def _framed(self, excursion: _Excursion) -> bool:
        """Whether its pulses may be sure though read above a heater: framed in its band.

        The readings rose from one heater's band (the pump off, the heater
        on), were all read in it and fell back to it: a pump pulse with the
        heater steady on. A shot cut up by a heater switching is bounded by
        the heater's edge (a band changed, a reading unexplained). Only on a
        fast plug with the mains known: a heater's band follows the mains,
        and a slower plug's readings mix the pump's edges with the heater's.
        """
        return (
            excursion.same
            and excursion.frame is not None
            and excursion.frame > 0
            and self._interval <= FAST_INTERVAL
            and self._volts is not None
        )

    def _close(self, excursion: _Excursion) -> Recognized | None:
        found: Recognized | None = None
        rules = self._rules
        pulses = self._pulses
        read = split_pulses(
            excursion.segments,
            in_band_cuts(excursion.segments, excursion.bands, self._same_band)
            if self._interval > FAST_INTERVAL
            else None,
            partial(slow_dip, DIP) if self._interval > FAST_INTERVAL else None,
        )
        if self._interval > FAST_INTERVAL:
            # A piece too long for a pulse is cut at a heater's edges; one
            # kept whole, none of its pieces over two pulses, where a hole
            # is (as an excursion of pulses only is).
            parts = [excursion.segments]
            if any(pulse.on_seconds > rules.pulse_max for pulse in read):
                parts = heater_split(excursion.segments, PART_MAX)
            if len(parts) == 1 and within_two_pulses(
                [pulse.on_seconds for pulse in read], rules.pulse_max
            ):
                parts = hole_split(excursion.segments, rules.pulse_max)
            if len(parts) > 1:
                read = [pulse for part in parts for pulse in split_pulses(part)]
        if self._framed(excursion):
            read = [_sure(pulse, excursion) for pulse in read]
            for pulse in read:
                if pulse.clean:
                    _remember(self._framed_at, pulse.started)
        slow = self._interval > FAST_INTERVAL
        heater = slow and not all(clean for _, _, _, clean in excursion.segments)
        seen_clean = any(c for _, _, _, c in excursion.segments)
        shot = slow and any(
            pulse.clean and shot_piece(pulse.on_seconds, rules.pulse_max)
            for pulse in read
        )
        # One reading beside a lone reading of a heater full on: its edge
        # read clean is no pulse; read in a heater's band, it is the
        # heater's cycle (``heater_cycle``), no PID's noise the quiet rule
        # counts (``heater_edge``).
        beside = slow and len(excursion.segments) == 1 and excursion.beside_heater
        edge = beside and heater_edge(excursion.segments)
        for pulse in read:
            cycle = False
            if edge:
                self._noted(pulse.started, edge=True)
                continue
            if not beside:
                _remember(pulses, pulse.started)
            weak = not pulse.clean and pulse.on_seconds <= rules.pulse_max
            if shot and pulse.on_seconds <= rules.pulse_max:
                continue  # a piece of the shot's own run (``shot_piece``)
            if slow and (
                heater_hole(
                    on_seconds=pulse.on_seconds,
                    clean=pulse.clean,
                    unknown=excursion.unknown,
                    pulse_max=rules.pulse_max,
                )
                or merged_hole(
                    on_seconds=pulse.on_seconds,
                    heater=heater,
                    pulse_max=rules.pulse_max,
                )
            ):
                # Neither a pulse nor a shot: pulses may hide in it, so a
                # series before it waits on past it (``bridge``).
                found = self._bridge(pulse.started, pulse.ended) or found
                continue
            if (
                not pulse.clean
                and not excursion.unknown
                and pulse.on_seconds > rules.pulse_max
                and not (slow and seen_clean)
            ):
                # Too long for a pulse, never read with the pump alone on,
                # every reading in a heater's band: one learned about a pump
                # step off reads the heater's stretch as the pump. Neither a
                # pulse nor a shot, as ``heater_hole`` has it on a slower
                # plug (a dual boiler's stretch in the rinse pause cancelled
                # the cleaner series waiting, bench seed 20,250,439); see
                # ``_shot_in_stretch``. Unexplained readings in it (a slow
                # PID's bursts) keep it a shot: left out, they regrouped a
                # PID's idle bursts into an invented backflush (22,010,017).
                # On a slow plug, past ``merged_hole`` (two pulses long) and
                # with no reading read clean at all: a thermostat's stretch
                # of 39 s in a rinse pause read as a shot (20,000,020 at
                # 48,493 s); the gentle checks refuse a shot in a stretch
                # too. Where power counts every 5 s: dev 20M 137 -> 138 of
                # 180, bench seed 128 and regression 5M 137 unchanged; none
                # invented.
                _remember_run(
                    self._stretches, pulse.started, pulse.ended, PULSES_SECONDS
                )
                continue
            if pulse.clean and long_piece(
                pulse.ended - pulse.started, rules.pulse_max, rules.weak_pulse_max
            ):
                weak = True  # it may fill a series, never make one
            elif weak or pulse.on_seconds < NOISE_SECONDS:
                # A wobble of the mains, a heater's edge, or seen only in a
                # heater's band: remembered as noise.
                if (
                    slow
                    and weak
                    and heater_cycle(excursion.lowest, HEATER_MIN * self.pump_watts)
                ):
                    # The heater's own cycle, not noise (kept as odd readings are).
                    _remember(self._cycles, pulse.started, ODD_SECONDS)
                    cycle = True
                else:
                    # On a slow plug, a piece a heater switched in: its edge.
                    self._noted(
                        pulse.started,
                        edge=slow
                        and heater_switched(
                            excursion.unexplained, HEATER_MIN * self.pump_watts
                        ),
                    )
                if not weak or pulse.on_seconds < rules.pulse_min:
                    continue
                # Pulse-sized in a heater's band: it may fill a series of
                # pulses seen clean, never make one (a shot cut up by a
                # heater's switching looks like pulses there).
            if pulse.on_seconds < rules.pulse_min:
                # Above noise, short of a pulse (a slow PID's burst read at
                # 1-2 s): it neither makes nor breaks a series, as a shot
                # would; the quiet rule counts it.
                continue
            if pulse.single and not cycle:
                # A heater's cycle read in one reading is no single-reading
                # pulse: those speak of a slow PID's bursts (``gentle_enough``),
                # and a rotary heat exchanger's pressurestat, cycling every
                # minute or so, refused backflushes so (bench seed 20,250,407
                # at 24,898 s: six single pulses in its span, four of them
                # cycles, against eight pulses). See ``slow_plug.heater_cycle``.
                _remember(self._singles, pulse.started)
            fed = self._fed
            fed.append((pulse.started, pulse.ended))
            while fed[0][0] < pulse.started - PULSES_SECONDS:
                fed.popleft()
            pattern = self._pattern
            if (deadline := pattern.next_deadline) is not None and (
                deadline <= pulse.started
            ):
                found = pattern.advance(pulse.started).recognized or found
            found = (
                pattern.feed(pulse, pulse.started, pulse.ended, weak=weak).recognized
                or found
            )
        return found

    def _bridge(self, started: float, ended: float) -> Recognized | None:
        """A hole the pattern's series in progress may wait on past (what a deadline passed decided)."""
        pattern = self._pattern
        found: Recognized | None = None
        if (deadline := pattern.next_deadline) is not None and deadline <= started:
            found = pattern.advance(started).recognized
        pattern.bridge(started, ended)
        return found
