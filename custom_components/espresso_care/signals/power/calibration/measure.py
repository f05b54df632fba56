"""A calibration: the pump's step and the idle noise from one run the user made.

``calibrate`` tries the rules in turn (the fall, the pump read alone, the
pairing, a slow PID's pulses) and refuses rather than guess: a step that a
reading in the run lies well under, or idle noise comparable to the step,
gives an error (``Calibration.error``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..pump.steps import _Edge
from ..readings import Reading
from .alone import _alone_between_heater, _alone_then_heater, _or_alone_at_start
from .constants import (
    _FLOOR_AGREES,
    _NOISY_W,
    _UNDER_STEP,
    CAL_MAX_S,
    CAL_MAX_S_SLOW,
    CAL_MIN_S,
    CAL_MIN_W,
    PUMP_MAX_W,
)
from .edges import _edges, _PrefixEdges
from .fall import _WAIT, _plateau
from .levels import _reports_slowly, _valid
from .noise import _blips, _check_noise, _idle_noise, _steady_share
from .pairing import _held_paired_step, _hidden_in_two_heaters, _stop_in_heater
from .pid_pulses import (
    _bursts_averaged,
    _bursts_on_change,
    _fall_in_bursts,
    _pid_averaged,
    _pulses_apart,
    _pulsing_lately,
    _pulsing_standby,
    _standby_between_pulses,
    _unheld_pulses,
)
from .pulsed_run import _pulsed_pump, _read_alone_twice, _run_floor, _slow_run


@dataclass(frozen=True, slots=True)
class Calibration:
    """The outcome of a calibration: the pump's step and the idle noise."""

    pump_watts: float | None
    noise_watts: float
    error: str | None
    """None, "no_pump_seen" or "too_noisy"."""


def calibrate(readings: Sequence[Reading], *, pump_started_after: float) -> Calibration:
    """Measure the pump's step from a short run the user made.

    ``readings``: an idle stretch (the minutes before ``pump_started_after``)
    and the window in which the user ran the pump for about 10 s (3-30 s
    accepted), or about 30 s from a plug reporting every few seconds
    (``calibration_run_seconds``; up to 45 s accepted). Called again on every
    new reading, it gives a step only once the run is over and the level after
    it held. The step is read at the run's sharp fall (``_plateau``): the
    median of the last readings that held before it (past a vibratory pump's
    ramp, a rotary one's inrush, a stale repeated value) less the level after,
    with a heater's share scaled to the mains when the plug reports volts
    (beside a heater, the mean of several readings each side, each scaled by
    its own volts); when the pump was seen alone before a heater came on, that
    level is the step (``_alone_then_heater``, also between a slow PID's
    pulses). Failing that, a rise and a fall of about one size once a heater's
    edge is taken out (``_paired_step``), once the level after it held a few
    readings; then a stop hidden in a heater's rise (``_stop_in_heater``), or
    single readings that pair between a slow PID's pulses (``_pulsed_pump``);
    last, the pairing again with only the heaters seen more than once.
    Every 5 s, a small pump read alone between its start and a heater's
    replaces a step that lies more than a tenth off it (``_alone_at_start``).
    Beside a slow PID's pulses, the step is checked against the run's floor,
    the pump read alone between them (``_checked_by_floor``).
    A step that a reading early in the run lies well under, between two
    readings that held it (``_read_under``: a heater's share in the step),
    asks for the run again ("no_pump_seen"): never a wrong figure.
    The noise is what the idle stretch holds of unexplained steps, of
    pump-sized pulses (part of a PID heater's) and of spread.

    Errors:
    "no_pump_seen" when there is no such run, "too_noisy" when the noise is
    half the step or more, or 25 W whatever the step (a PID driving an SSR
    fast).
    """
    valid = _valid(readings)
    result = _calibrate(valid, pump_started_after)
    if result.pump_watts is not None and not _reports_slowly(
        [r for r in valid if r.at < pump_started_after]
    ):
        base = _pulsing_standby(valid, pump_started_after)
        if base is not None:
            result = _checked_by_floor(valid, pump_started_after, base)
    if result.pump_watts is not None and _read_under(
        valid, pump_started_after, result.pump_watts
    ):
        return Calibration(None, result.noise_watts, "no_pump_seen")
    return result


def _read_under(valid: Sequence[Reading], after: float, step: float) -> bool:
    """Whether the run shows the pump's level well under ``step``: a heater's share in it.

    While the pump runs, a reading is its level at least (a heater adds to
    it), and a vibratory pump's ramp starts at half its level. A reading in
    the run's first seconds, above the standby by a pump's size (20 W) but
    under ``_UNDER_STEP`` of the step, between two readings that each lie a
    step or more above the standby (the pump ran on both sides), says the
    step holds a heater's share: a slow PID's pulse, read in part, taken for
    the pump's level (the bench seed's 233.4 W for 59.5 W, read alone at
    59.6 W between pulses).
    0.55, not half: dev 23000008 every 1 s read the pump alone at 67.1 W,
    0.52 of the 127.9 W paired from a slow PID's partial readings (68.5 W
    pump; asked again, 67.8 W); not six tenths: dev 29000034 every 2 s read
    a ramp at 0.58-0.6 of its own 63.1 W between two pulses, refused three
    times.
    The readings cannot tell the pump's own then: the user is asked to run
    it again.
    """
    seen = _slow_run(valid, after)
    if seen is None:
        return False
    base, run = seen
    # The run's first seconds, which the user's run outlasts (after it, a
    # PID's pulses read in part lie at any level); its first reading may be
    # a pulse's, read a second before the pump started, and the next the
    # pump's start, read in part: the reading under the step comes later.
    start = run[0][0]
    ws = [(at - start, w - base) for at, w, _ in run]
    return any(
        since <= CAL_MIN_S + 1.0
        and CAL_MIN_W <= x < _UNDER_STEP * step
        and min(a, b) >= step
        for (_, a), (since, x), (_, b) in zip(ws[1:], ws[2:], ws[3:], strict=False)
    )


def _calibrate(
    valid: Sequence[Reading],
    pump_started_after: float,
    step: float | None = None,
    prefixes: _PrefixEdges | None = None,
) -> Calibration:
    """``calibrate`` on valid readings, before its slow PID's floor; or at ``step``.

    ``prefixes``: the edges of prefixes of the readings that ``valid`` is
    one of (``_PrefixEdges``), when the caller calibrates many of them.
    """
    if not valid:
        return Calibration(None, 0.0, "no_pump_seen")
    det, edges = _edges(valid, CAL_MIN_W) if prefixes is None else prefixes(len(valid))
    idle = [r for r in valid if r.at < pump_started_after]
    # The idle stretch lasts until the click: a plug reporting on change is
    # silent while nothing changes (silence means unchanged).
    span = pump_started_after - idle[0].at if len(idle) > 1 else 0.0
    slow = _reports_slowly(idle)
    longest = CAL_MAX_S_SLOW if slow else CAL_MAX_S
    pulsed = False  # the step paired single readings among a PID's pulses
    # When the step paired a rise and a fall: the fall's time (None: the
    # step came otherwise).
    paired_fall: float | None = None
    if step is None:
        plateau = _plateau(valid, pump_started_after, longest)
        if plateau is _WAIT:
            return Calibration(None, 0.0, "no_pump_seen")  # not yet: a reading more
        if plateau is not None:
            step = plateau[0]
        else:
            step = _alone_then_heater(valid, pump_started_after, longest)
        if step is None:
            held = _held_paired_step(
                valid, edges, det, pump_started_after, longest=longest, slow=slow
            )
            if held is not None:
                step, paired_fall = held
        if step is None:
            step = _stop_in_heater(edges, pump_started_after)
        if step is None:
            step = _hidden_in_two_heaters(edges, pump_started_after)
        if step is None:
            step = _pulsed_pump(valid, pump_started_after)
            pulsed = step is not None
        if step is None:
            step = _alone_between_heater(valid, pump_started_after, longest)
        if step is None:
            # A heater seen once (a partial reading's level, the heat-up's) may
            # have left a pump-sized rest of a heater's rise that came with the
            # pump: without it, that rise hid a heater and the fall is the step.
            held = _held_paired_step(
                valid,
                edges,
                det,
                pump_started_after,
                longest=longest,
                slow=slow,
                sure=True,
            )
            if held is not None:
                step, paired_fall = held
        if step is not None and slow:
            step = _or_alone_at_start(valid, pump_started_after, longest, step)
    if step is None:
        # The spread of the idle readings (a heater on after the run, its
        # level noisier in watts, says nothing of the pump's visibility).
        spread = det._sd
        if idle:
            # (The idle readings come first: ``valid`` is in time order.)
            quiet = _edges(idle, CAL_MIN_W) if prefixes is None else prefixes(len(idle))
            spread = quiet[0]._sd
        noise = max(_idle_noise(edges, pump_started_after, 40.0, span), 2.5 * spread)
        pid = slow and _pid_averaged(idle)
        standby = None if slow else _standby_between_pulses(idle, pump_started_after)
        if standby is not None:
            noise = standby  # a slow PID's pulses: no noise, the run is still awaited
        error = "too_noisy" if noise >= 20.0 or pid else "no_pump_seen"
        return Calibration(None, round(noise, 1), error)
    check, _ = _edges(idle, step)
    if idle:
        # The detector's noise window (300 s) ends at the click, as it would
        # live: on change, the last idle reading may come minutes before it.
        check.advance(pump_started_after)
    # Heaters seen once explain a hand-over too (``_idle_noise``): a dual
    # boiler's steam heater handing over to the brew heater and back.
    heaters = [h.size / det._k for h in det._heaters]
    noise = max(
        _check_noise(check, step, heaters),
        _idle_noise(edges, pump_started_after, step, span, heaters),
    )
    apart = _pulses_apart(idle, step, check.noise_watts)
    if _blips(valid, pump_started_after, step, new_levels=slow) >= 4.0 and not apart:
        # Pulses like the pump's, one every quarter minute or more often (a
        # PID's heater): the pump's own would not stand out. (Fewer, a
        # reading or two long, pass: the detector steps over such pulses;
        # so do a slow PID's single readings between which the level holds.)
        noise = max(noise, 0.5 * step)
    if slow and (_steady_share(idle) < 0.6 or _pid_averaged(idle)):
        # Read every 5 s, the idle level seldom holds (a PID's heater, its
        # pulses averaged into levels of any size): no level to read the
        # pump's step against.
        noise = max(noise, 0.5 * step)
    if slow and _pulsing_lately(valid, pump_started_after):
        # Read every 5 s, a slow PID's pulses came often lately: averaged,
        # some are the pump's size, and two or three in a row its run.
        noise = max(noise, 0.5 * step)
    if not slow and _bursts_averaged(idle):
        # Read every second or two, a fast PID's bursts average into partial
        # readings of any size, the pump's among them: nothing to pair.
        noise = max(noise, 0.5 * step)
    standby = (
        None
        if slow
        else _standby_between_pulses(
            idle,
            pump_started_after,
            read_twice=_read_alone_twice(valid, pump_started_after, step),
        )
    )
    if standby is not None and _paired_in_bursts(
        valid, edges, pump_started_after, paired_fall
    ):
        # The pump's fall paired with a duty's change: a fast PID's bursts,
        # not a slow PID's pulses; nothing to read the pump's step against.
        noise = max(noise, 0.5 * step)
    elif standby is not None:
        # A slow PID's pulses of its one heater, back at the standby that
        # holds most of the time: a known appliance, not noise (the floor
        # reads the pump's runs under them); the noise is the standby's.
        noise = standby
        apart = True
    elif not slow and _unheld_pulses(idle, pump_started_after, noise, step):
        noise = max(noise, 0.5 * step)
    if not slow and _bursts_on_change(idle, pump_started_after):
        # On change, a fast PID's bursts averaged into readings of any size,
        # its standby never exact: no level to pair the pump's against.
        noise = max(noise, 0.5 * step)
    # The detector fed the idle readings may be ambiguous at the click: not
    # for a slow PID's pulses that stand apart, which it steps over.
    if step > PUMP_MAX_W and not pulsed:
        # No espresso machine's pump draws so much (40-200 W): a heater's
        # share misread as the pump's; the user is asked to run it again.
        # Before the noise check, which measured against a heater's size
        # counts the other heaters' edges (dev 24000006 and 26000014, dual
        # boilers on change: 390 and 315 W, noise 90 and 47 W, refused).
        return Calibration(None, round(noise, 1), "no_pump_seen")
    if noise >= min(0.5 * step, _NOISY_W) or (check.ambiguous and not apart):
        return Calibration(None, round(noise, 1), "too_noisy")
    if step > PUMP_MAX_W:
        # Paired among a PID's pulses, after the noise check: a fast PID's
        # readings stay too_noisy (dev 29000047, pid_fast on change: 349.4 W,
        # noise 77 W; asked again, a later reading paired 115.3 W for 140.3).
        return Calibration(None, round(noise, 1), "no_pump_seen")
    return Calibration(round(step, 1), round(noise, 1), None)


def _paired_in_bursts(
    valid: Sequence[Reading],
    edges: Sequence[_Edge],
    after: float,
    fall_at: float | None,
) -> bool:
    """Whether the step paired a fall to a heater's part that held (``_fall_in_bursts``).

    ``fall_at``: the paired fall's time (``_held_paired_step``); None when
    the step came otherwise than by pairing.
    """
    if fall_at is None:
        return False
    fall = next(
        (e for e in edges if e.delta < 0.0 and fall_at in (e.at, e.pts[-2])), None
    )
    base = _pulsing_standby(valid, after)
    if fall is None or base is None:
        return False
    return _fall_in_bursts(valid, after, base, fall.after)


def _checked_by_floor(
    valid: Sequence[Reading], after: float, base: float
) -> Calibration:
    """A step found beside a slow PID's pulses, checked against the run's floor.

    A step read before the run is seen (an idle pulse's partial readings read
    as a run) waits for it, and any waits for the floor or the run's end
    (``_run_floor``). The verdict is then the one the flow would have had at
    the first reading that gave a step, the run seen (``calibrate`` is called
    on every reading: waiting must not read the run anew from later readings,
    the heater's pulses after it among them); but a floor that disagrees with
    that step by more than a tenth is the step (an inrush, a pulse's partial
    reading read as the pump's level).
    """
    run = _run_floor(valid, after, base)
    if run is None or not run[0]:
        return Calibration(None, 0.0, "no_pump_seen")  # not yet: the run's floor
    floor = run[1]
    start = next((k for k, r in enumerate(valid) if r.at >= after), len(valid))
    prefixes = _PrefixEdges(valid)  # (each prefix's edges from one detector fed along)
    for k in range(start + 1, len(valid) + 1):
        early = _calibrate(valid[:k], after, prefixes=prefixes)
        if early.error == "too_noisy":
            return early
        if early.pump_watts is None or _run_floor(valid[:k], after, base) is None:
            continue
        if floor is not None and abs(floor - early.pump_watts) > _FLOOR_AGREES * floor:
            return _calibrate(valid, after, floor)
        return early
    return _calibrate(valid, after)
