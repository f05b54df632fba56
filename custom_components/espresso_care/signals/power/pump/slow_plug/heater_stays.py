"""A heater and the pump, then the heater alone after the pump's stop.

A dual boiler's brew heater comes on during a shot and stays on after the
pump stops: the heater's readings alone after the level, a pump's whole
step under it, show the pump ran over it.
"""

from __future__ import annotations

from collections.abc import Sequence
import itertools
import math

from ...readings import DetectedRun
from ..constants import (
    _FIRST_SHARE_SLACK,
    _HEATER_AFTER_N,
    _MAINS_MOVE,
    _PEAK_DRIFT,
)
from .pump_first import _PumpFirst


class _HeaterStays(_PumpFirst):
    """A heater and the pump, then the heater alone after the pump's stop."""

    __slots__ = ()

    def _heater_on_after_stop(self) -> list[DetectedRun]:
        """A run read every few seconds: a heater and the pump, then the heater alone after the pump's stop.

        A dual boiler's brew heater comes on during a shot (cold water
        reaching its boiler) and stays on after the pump stops. Read every
        5 s: the standby, the rise (``_rise_before``), the level of both
        (two readings at least), at most one partial reading of the pump's
        stop, then the heater alone a pump's whole step under the level.
        Read at the heater's second reading alone, or back from the
        standby's second after it fell (one to ``_HEATER_AFTER_N`` readings
        of it, at most one partial reading of its fall, and two readings at
        least between the level and the standby: one switching leaves one
        at most, so two loads went off, the pump's step first; Hart's
        states, a sum). Dev seed 20,000,013: 3, 838, 1,071, 1,068, 1,044,
        then 943, 942 W (a 963 W brew heater, a 133 W rotary pump), a
        19.1 s shot read 18.1 s. Not where the level is a known heater's
        alone (to the mains' move): a steam heater of about the brew heater
        and a rotary pump hands over to the brew heater by the pump's step
        (dev seed 28,000,005: 1,246-1,254 W, the steam heater 1,228 W, left
        missed). Not where no heater is known or the heater alone is more
        than the largest one (two heaters on: dev seed 24,000,044 at its
        heat-up, 2,288 then 2,238 W beside a 67 W pump, a false shot), nor,
        while one heater only is known, where the rise's first reading is
        over the pump alone (regression seed 8,000,021: the steam heater
        not learnt yet, 1,127, 1,153 W held, 1,006, 950 W, a false shot).
        One reading of the heater alone and none partial before it is a
        mains' dip in the level's last reading where the pump's step is no
        more than twice what the mains move a heater (``_PEAK_DRIFT``, a
        vibratory pump's). A lost reading anywhere leaves nothing counted.
        With no rise from the standby (the start hid in a hand-over), the
        level's own readings may prove the shot (``_level_past_flush``).
        Dual boiler every 5 s: dev seeds 20M-29M shots 1,198 -> 1,201
        (20,000,013, 28,000,005, 28,000,020), regression 5M-9M 620 -> 622
        (6,000,037, 8,000,021), false shots 8 and 8 as before; thermostat
        and heat exchanger every 5 s the same.
        """
        rd = self._after_fall(11)
        near = self._near
        tol = self._tol
        if rd is not None:
            i = 3 if rd[2][1] < rd[3][1] - near else 2  # (the heater's fall in part)
            most = _HEATER_AFTER_N
        else:
            recent = self._recent
            if (
                self._ambiguous
                or len(recent) < 11
                or abs(recent[-1][1] - recent[-2][1]) > tol
                or abs(recent[-3][1] - recent[-2][1]) <= tol
            ):
                return []  # most readings: not a level's second
            rd = list(itertools.islice(reversed(recent), 16))
            i = 0
            most = 2
        base = self._base
        p = self._pump_watts
        ptol = self._ptol()
        heat = rd[i][1]
        j = i + 1
        while j < len(rd) and abs(rd[j][1] - heat) <= tol:
            j += 1
        if j - i > most or j + 3 >= len(rd):
            return []
        heat = sum(w for _, w in rd[i:j]) / (j - i)
        stop = j - 1  # the first reading after the level
        if abs(rd[j + 1][1] - rd[j][1]) > tol:
            stop = j  # the pump's stop in part
        held = self._level_from(rd, stop + 1)
        if held is None:
            return []  # the level held two readings at least
        n, level = held
        if (i > 0 and stop < 3) or not (  # (back from the standby: two readings)
            abs(level - heat - p) <= ptol
            and heat - base >= self._heater_min()
            and (stop == j - 1 or heat + near < rd[stop][1] < level - near)
        ):
            return []  # no two switchings, the pump's whole step first
        if stop == i and p <= 2.0 * _PEAK_DRIFT * (heat - base):
            # One reading of the heater alone, none partial before it: a
            # mains' dip in the level's last reading, a vibratory pump's step.
            return []
        known = self._known_heaters
        if heat - base > (1.0 + _MAINS_MOVE) * max(
            known, default=0.0
        ) or self._a_known_heater(level - base, ptol):
            # No heater known, two heaters on, or a heater alone handing
            # over to another.
            return []
        rise = self._rise_before(rd, n, level, near)
        if rise is None:
            return self._level_past_flush(rd, n, level, stop, heat)
        started, s_spread, last = rise
        if len(known) < 2 and rd[last - 1][1] > base + p + ptol:
            # The other heater unknown, that heater's rise alone: only a
            # first reading of the pump alone shows the pump ran.
            return []
        return self._run_to_fall(rd, last, started, s_spread, level, stop=stop)

    def _level_past_flush(
        self,
        rd: Sequence[tuple[float, float]],
        n: int,
        level: float,
        stop: int,
        heat: float,
    ) -> list[DetectedRun]:
        """The run ``_heater_on_after_stop`` read, its start hidden: the level held longer than a flush.

        A dual boiler's steam heater on when a shot starts hands over to
        the brew heater (cold water reaching its boiler), and the pump's
        start hides in the steam heater's readings and the hand-over's: no
        rise from the standby (``_rise_before``) dates it. The level of the
        brew heater and the pump, then the heater alone a pump's step under
        it, still shows the pump ran through the level's fresh readings:
        readings proving a run longer than the shortest kind's bound (with
        the stop's spread) prove a shot, whatever started it (one stale
        repeat among them is a level's watt read twice by chance; two may
        hide a pause). The level's first reading may be partial: counted
        from its end, but where no state of the machine other than the
        heater alone lies within a pump's step of the level, its miss of
        the level is the pump's share off at most (with
        ``_FIRST_SHARE_SLACK`` for its noise; dev seed 20,000,004, a 50 W
        pump: 1,160, then 1,409, 1,421, 1,419, 1,411, then the steam
        heater alone 1,367 W, a 20.3 s shot read as 15 s of whole
        readings and most of the first). Only with two heaters known (with the steam heater
        unknown, its hand-over to the brew heater reads the same), and not
        where the level is the other known heater alone moved by the mains
        as much as the heater read alone after it (dev seed 22,000,037, no
        pump at all: heaters learnt at 1,170 and 996 W, the steam heater
        read 1,230 W for 45 s, then the brew heater 1,050 W, both 5 % up
        beside a 191 W pump: a false 50 s shot without the check).
        ``heat``: the heater alone after the stop; ``rd`` newest first, the
        level ``rd[stop + 1:n]``. Dev seed 21,000,005, a 147 W rotary pump:
        757, 1,355, 1,358, 1,357, 1,356 W (the steam heater), 1,159 (the
        hand-over), 1,028, 1,027, 1,028, 1,029, 969, 892, 890 W, a 27.7 s
        shot. Dual boiler every 5 s: dev seeds 20M-29M 1,217 -> 1,221
        (20,000,004, 20,000,045, 21,000,005, 22,000,053), regression 5M-9M
        626 -> 627 (8,000,012), seeds 150M-157M 995 as before; false shots
        as before; heat exchanger and thermostat every 5 s the same. The
        first reading's share taken beside any heater: dev +1 more
        (29,000,013), no false shot on dev, regression or 150M-157M, but a
        heater within a step of the level may fill that reading without
        the pump, so it is not taken there.
        """
        bounds = self.kind_bounds
        known = self._known_heaters
        if len(known) < 2 or not bounds or n - stop < 4:
            return []
        base = self._base
        alone = min(known, key=lambda h: abs(heat - base - h))
        moved = (heat - base) / alone  # the mains' move since it was learnt
        ptol = self._ptol()
        pump = self._pump_watts
        other = min(
            (abs(level - base - h * moved) for h in known if h != alone),
            default=math.inf,
        )
        if other <= ptol:
            return []  # the other heater alone, moved as much: a hand-over
        period = self._period
        first = n - 1  # the level's oldest reading
        if sum(rd[i][1] == rd[i + 1][1] for i in range(stop + 1, first)) > 1:
            return []  # stale repeats: the level may not have held through them
        runs = self._run_to_fall(rd, n, rd[first][0] - period, 0.0, level, stop=stop)
        held = 0.0  # of the first reading's interval, the pump surely on
        if other > pump + ptol:
            # No state of the machine but the heater alone (a pump's step
            # under) within a step of the level: the first reading's miss
            # of it is the pump's share off.
            miss = abs(rd[first][1] - level) / pump + _FIRST_SHARE_SLACK
            held = max(1.0 - miss, 0.0) * period
        if not runs or runs[0].ended - 0.2 * period - rd[first][0] + held < bounds[0]:
            return []
        return runs
