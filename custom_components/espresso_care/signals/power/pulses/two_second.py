"""A 2 s plug's own rules: the detector's runs read against the train's pulses.

On a plug reporting every ``TWO_SECOND_MIN`` to ``FAST_INTERVAL`` s a
heater coming on with a pulse leaves it weak, and the detector now and
then pairs a pulse's rise with a later fall: a weak pulse the detector
saw as a run of its own is made sure, and a run across readings at the
plug's floor is taken for none.
"""

from __future__ import annotations

from .constants import FAST_INTERVAL, FLOOR_READINGS, PULSES_SECONDS, TWO_SECOND_MIN
from .excursions import _Excursions
from .recent import _remember, _remember_run
from .slow_plug import OFF_FRACTION


def _two_second(interval: float) -> bool:
    """Whether a plug reporting every ``interval`` s is a 2 s one (``TWO_SECOND_MIN``)."""
    return TWO_SECOND_MIN < interval <= FAST_INTERVAL


class _TwoSecond(_Excursions):
    """A weak pulse confirmed by a run, and the plug's floor followed."""

    __slots__ = ()

    def _confirm_weak(self, started: float, ended: float) -> None:
        """A weak pulse held that the detector saw as a run of its own: sure, as if framed.

        A heater that comes on with a pulse (a boiler refilling as the pump
        draws) leaves it read only in its band, never framed there: weak,
        and two such in a series were too many (five backflushes lost so
        on dev seeds 20M-22M: a thermostat's, two heat exchangers', two dual
        boilers'). The detector pairs the pump's own step and times such
        a pulse as a run of ``pulse_min`` to ``CONFIRMED_RUN_MAX`` s over it
        alone (``_seen_alone``); a shot a heater cut up is one run over its
        pieces. The pulse is remembered as framed: a run longer than two
        pulses around the find still refuses it (``_checked``).
        """
        fed = self._fed
        over = [(a, b) for a, b in fed if a <= ended and started <= b]
        if len(over) != 1:
            return
        a, b = over[0]
        if self._seen_alone(a, b, fed) and self._pattern.confirm(a, b):
            _remember(self._framed_at, a)

    def _follow_floor(self, at: float, watts: float) -> None:
        """Note readings in a row at the floor (``FLOOR_READINGS``)."""
        self._floor = floor = min(self._floor, watts)
        if watts > floor + OFF_FRACTION * self.pump_watts:
            self._floor_at = None
            return
        first, count = self._floor_at or (at, 0)
        self._floor_at = first, count + 1
        if count + 1 < FLOOR_READINGS:
            return
        floors = self._floors
        if floors and floors[-1][0] == first:
            floors.pop()
        _remember_run(floors, first, at, PULSES_SECONDS)

    def _floor_inside(self, started: float, ended: float) -> bool:
        """Whether ``FLOOR_READINGS`` readings in a row at the floor fell inside a run.

        Readings a reading's length in from its edges: a run timed a reading
        early or late takes a reading at the floor there.
        """
        interval = self._interval
        first, last = started + 2 * interval, ended - interval
        # The first and last readings' times apart, less half a reading's slack.
        span = (FLOOR_READINGS - 1.5) * interval
        return any(min(b, last) - max(a, first) >= span for a, b in self._floors)
