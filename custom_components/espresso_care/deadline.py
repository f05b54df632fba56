"""The next moment a pure decider wants to be asked again, and one timer for it.

The pure deciders (the pump detector, the heat-up detector, the backflush
pattern) tell after each input when they could decide without another one:
silence until then means "unchanged". With a plug reporting every second that
moment moves with nearly every reading, and cancelling and setting a Home
Assistant timer each time would cost more than the reading itself. So the
timer is only ever moved sooner; a later moment waits until the timer fires,
which then sets itself again for the moment wanted by then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from homeassistant.core import CALLBACK_TYPE, HassJob, HomeAssistant, callback
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

# A timer's moment is rounded to the microsecond: this close before counts as on time.
SLACK_SECONDS: Final = 0.001


class Deadline:
    """The moment wanted (``at``), and one timer set for it or sooner.

    ``due`` is called with the moment the decider may be asked at: never a
    hair before the moment wanted (nothing would be decided, and the timer
    would be set again for the same moment, over and over).
    """

    def __init__(self, hass: HomeAssistant, due: Callable[[float], None]) -> None:
        self._hass = hass
        self._due = due
        self.at: float | None = None
        self._timer_at: float | None = None
        self._cancel_timer: CALLBACK_TYPE | None = None
        # One job for every timer: Home Assistant would make (and name) one each time.
        self._job = HassJob(self._fired, "espresso_care deadline")

    @callback
    def want(self, moment: float | None) -> None:
        """The decider's next moment (None: none): the timer moves only when sooner.

        A timer left set for nothing wanted fires and does nothing: cheaper
        than cancelling it when the next reading may want it again.
        """
        self.at = moment
        if moment is not None and (self._timer_at is None or moment < self._timer_at):
            self._set_timer(moment)

    @callback
    def cancel(self) -> None:
        """Nothing wanted any more, and no timer (the decider is gone)."""
        self.at = None
        self._cancel()

    def _set_timer(self, moment: float) -> None:
        self._cancel()
        self._timer_at = moment
        self._cancel_timer = async_track_point_in_utc_time(
            self._hass, self._job, dt_util.utc_from_timestamp(moment)
        )

    def _cancel(self) -> None:
        if self._cancel_timer is not None:
            self._cancel_timer()
            self._cancel_timer = None
        self._timer_at = None

    @callback
    def _fired(self, now: datetime) -> None:
        self._cancel_timer = None
        self._timer_at = None
        wanted = self.at
        if wanted is None:
            return
        at = now.timestamp()
        if wanted > at + SLACK_SECONDS:
            # New input moved the moment on since the timer was set.
            self._set_timer(wanted)
            return
        self._due(max(at, wanted))
