"""A run counted once, whichever rule read it first.

The rules that read the last readings may decide a run before or after the
edges read it: a run over one decided before is not counted again, and a
shot read whole replaces a shorter run decided at the same reading.
"""

from __future__ import annotations

from ...readings import DetectedRun
from ..constants import (
    _FAST_GAP_S,
    _SMALL_PUMP,
)
from .fall_runs import _FallRuns


class _CountedOnce(_FallRuns):
    """A run counted once, whichever rule read it first."""

    __slots__ = ()

    def _once(self, runs: list[DetectedRun]) -> list[DetectedRun]:
        """The runs decided, less any over a run decided before.

        A pump runs once at a time: the rules that read a run from the last
        readings (``_cycle_in_readings``) may decide it before the edges
        that read it later, which must not count it again. The decoder
        (``_decoded``) reads a run later still, after other runs were
        decided: read every few seconds, it is checked against the last
        few. Read every second or two, only against the last one: a run
        over it is a second reading of the same readings (a heater's rise
        held pending since a run's start, proven by a fall after the next
        one: dev 25000003 every 2 s, a 2.7 s flush read 4.0 s, then again
        from its start to the next flush's end, 26 s, a false shot; slow
        PID dev 20M-29M every 2 s: false shots 5 -> 4, no shot lost).
        Read every few seconds, a shot decided with a shorter run at the
        same reading, over it, replaces it (``_read_whole``).
        """
        fast = self._gap <= _FAST_GAP_S
        out: list[DetectedRun] = []
        last = self._last_run
        for run in runs:
            if out and self._seconds_apart and self._read_whole(out[-1], run):
                out[-1] = last = run
                self._counted[-1] = (run.started, run.ended)
                continue
            if (
                last is not None
                and run.started < last.ended
                and run.ended > last.started
            ) or (not fast and self._seconds_apart and self._over_counted(run)):
                continue  # the decoder reads runs late: any of the last few
            out.append(run)
            last = run
            if not fast:
                self._remember(run.started, run.ended)
        self._last_run = last
        return out

    def _read_whole(self, first: DetectedRun, later: DetectedRun) -> bool:
        """Whether ``later``, decided with ``first`` at one reading, is that run read whole.

        Read every few seconds, the edges may date a shot's stop in its
        heater's rise, or its start a reading late, and decide a run too
        short for a shot at the reading where a rule reading the last
        readings decides the shot over it (``_pump_first_at_both_ends``,
        ``_heater_on_after_stop``): ``_once`` kept the first decided, and
        the shot was lost. A shot's length over a run of a shorter kind, from
        its start (to a period) and on to its end (to a period), replaces
        it. Beside a rotary pump, whose step stands out of the mains' move,
        not where the shot's level (the median of its readings) is a known
        heater's alone: the pump was off through it, a flush then the
        heater (a 40 W dip in its last reading is no stop,
        ``test_power_steps_periodic_5_pump_off_first``). Dev seed
        20,000,052 (a 45 W vibratory pump): 38, 445, 1,112, 1,116, 1,110,
        1,079, 782 W, read 8.9 s to the rise by the edges and 26.3 s by
        ``_pump_first_at_both_ends``, a 26.3 s shot. Every 5 s, dev seeds
        20M-29M: dual boiler shots 1,208 -> 1,213 (20,000,052, 22,000,036,
        23,000,013, 25,000,005, 29,000,060), thermostat 1,522 -> 1,523
        (29,000,029), heat exchanger 1,393 as before; regression 5M-9M:
        heat exchanger 658 -> 659 (9,000,020), dual boiler and thermostat
        as before; false shots as before, no shot lost.
        """
        bounds = self.kind_bounds
        if not bounds:
            return False
        shortest = bounds[0]
        period = self._period
        if not (
            first.duration < shortest <= later.duration
            and later.started <= first.started + period
            and later.ended >= first.ended - period
        ):
            return False
        if self._pump_watts < _SMALL_PUMP:
            return True
        level = self._median_inside(self._recent, later.started, later.ended)
        return level is None or not self._a_known_heater(
            level - self._base, self._ptol()
        )

    def _undecided(self, runs: list[DetectedRun]) -> list[DetectedRun]:
        """The shots over a heater that no run counted before overlaps.

        ``_over_heater`` gives the plateaus past the runs forgotten, those
        of runs counted among them (a run counted late, after later ones: a
        run whose start hid in a heater's rise, proven when that heater
        falls minutes on, ``_prove``). ``_once`` would drop them, but the
        decoder's look was skipped for them, and a shot only it read was
        lost (dev seed 26,000,013, a thermostat with a 179 W rotary pump: a
        calibration run over the heater proven at 1,200 s, the two after it
        read again there, and the shot of 1,025, 1,057, 1,194-1,201, 677,
        181, 6 W never decoded; lost when the 64 readings of
        ``_anchor_recent`` came to reach the calibration's plateaus).
        Thermostat every 5 s: dev 20M-29M +1, regression 5M-9M the same,
        false shots the same.
        """
        return [run for run in runs if not self._over_counted(run)]

    def _over_counted(self, run: DetectedRun) -> bool:
        """Whether ``run`` overlaps a run decided lately (``_counted``)."""
        return any(run.started < e and run.ended > s for s, e in self._counted)
