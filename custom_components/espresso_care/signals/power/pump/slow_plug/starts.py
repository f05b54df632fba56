"""When the pump started, read back from a level (every few seconds).

A 5 s reading holds at most one switching whole: the readings between the
standby and a level of the pump and a heater tell which load came first,
and the pump's partial reading dates its start.
"""

from __future__ import annotations

from collections.abc import Sequence

from .levels import _SlowLevels


class _SlowStarts(_SlowLevels):
    """When the pump started, read back from a level (every few seconds)."""

    __slots__ = ()

    def _rise_before(
        self, rd: Sequence[tuple[float, float]], j: int, level: float, near: float
    ) -> tuple[float, float, int] | None:
        """When the pump started, read back from ``rd[j]`` (newest first).

        At most three readings between the standby and ``level`` (the pump's
        and the heater's partial ones, the pump alone), then the standby:
        the start lies between that reading and the level's first. Where
        two of them or more read the pump alone from the standby on
        (``_start_read_alone``), or one in part before a heater's partial
        rise (``_start_before_heater_rise``), the start is theirs. When, how far
        off, and the standby's index; None when the readings are not so.
        """
        base = self._base
        n_rd = len(rd)
        i = j
        while i < n_rd and i - j < 3 and base + near < rd[i][1] < level - near:
            i += 1
        if i >= n_rd or abs(rd[i][1] - base) > near:
            return None
        alone = self._start_read_alone(rd, j, i)
        if alone is None:
            alone = self._start_before_heater_rise(rd, j, i, level)
        if alone is not None:
            return alone
        first = rd[j - 1][0] - self._period  # the level's first reading began
        standby = rd[i][0]
        return 0.5 * (first + standby), 0.5 * (first - standby), i

    def _start_read_alone(
        self, rd: Sequence[tuple[float, float]], j: int, i: int
    ) -> tuple[float, float, int] | None:
        """The start read from the pump alone between the standby ``rd[i]`` and a level's rise (``rd[j:i]``).

        Read every 5 s, a vibratory pump may run alone for a reading or
        three before the heater comes on (cold water reaching its boiler):
        the level's rise then dated the start half way from the standby to
        the level, though those readings show when the pump came on (dev
        seed 20,000,028 at 9,385 s, a thermostat's 46 W pump: 5, 46, 51,
        51, then 1,318 W, a 30.3 s shot read 22.9 s). Two readings of the
        pump alone at least, the oldest one in part or whole, the newer
        ones whole (``_pump_alone_before``): one reading at the pump's
        step may be a heater's partial rise, two are the pump's. The start
        is dated by the oldest one's share of the step over the standby's
        reading before it (whole within ``_ptol``, it may still be short of
        it by a second).
        """
        if not any(
            (alone := self._pump_alone_before(rd, k)) is not None and alone[2] == i
            for k in range(j, i - 1)
        ):
            return None
        at, watts = rd[i - 1]
        share = min((watts - rd[i][1]) / self._pump_watts, 1.0)
        return at - share * self._period, 0.2 * self._period, i

    def _start_before_heater_rise(
        self, rd: Sequence[tuple[float, float]], j: int, i: int, level: float
    ) -> tuple[float, float, int] | None:
        """The start read from the pump's partial reading before a heater's partial rise.

        Read every 5 s, a pump starting a few seconds before a reading's
        end, and a heater (cold water reaching its boiler) in the next
        reading, leave two partial readings between the standby ``rd[i]``
        and a ``level`` of both (``rd[j:i]``, newest first): the older one
        under the pump's step (by ``_ptol``), the newer one over the pump's
        whole step and short of the heater alone (the level less the step).
        One switching leaves one partial reading at most (Hart's states, a
        sum), and a heater switched on in the older reading would read
        whole in the newer one: the older one's load is the pump, and its
        share of the step dates the start (``_pump_alone_before``). Dated
        half way from the standby to the level instead, the start was 2.5 s
        off either way, and a shot near a kind's bound was refused (dev
        seed 20,000,013 at 2,258 s, a 133 W rotary pump: 3, 77, 617, then
        1,081, 1,081, the brew heater alone 964, 949 W, an 18.0 s shot).
        Every 5 s: dual boiler dev seeds 20M-29M 1,221 -> 1,222
        (20,000,013), regression 5M-9M 627 -> 628 (9,000,005), seeds
        150M-157M 997 -> 999 (154,000,052, 155,000,045); heat exchanger
        regression 664 -> 665 (8,000,060), 150M-157M 1,078 -> 1,079
        (150,000,036); thermostat and heat exchanger dev as before; false
        shots as before, no shot lost. One whole reading of the pump taken
        too gave the same counts: it is left half way (``_rise_before``).
        """
        p = self._pump_watts
        base = self._base
        ptol = self._ptol()
        if not (
            i - j == 2
            and rd[j + 1][1] < base + p - ptol
            and base + p + ptol < rd[j][1] < level - p - self._near
        ):
            return None
        alone = self._pump_alone_before(rd, j + 1)
        return alone if alone is not None and alone[2] == i else None
