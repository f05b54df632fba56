"""``Deadline``: one timer for the next moment a decider wants, moved only when sooner.

Through Home Assistant's own timers, in frozen time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util
import pytest

from custom_components.espresso_care import deadline as deadline_module
from custom_components.espresso_care.deadline import Deadline
from simulator.espresso import generate

from .conftest import POWER, WATTS, Relays, loaded, machine_entry
from .helpers import advance, settle, state_of

pytestmark = pytest.mark.freeze_time("2025-06-18 07:00:00+00:00")


class Decider:
    """Records when it was asked, and every timer the deadline set."""

    def __init__(self, hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[float] = []
        self.timers: list[float] = []

        def counted(hass: HomeAssistant, action: Any, moment: datetime) -> Any:
            self.timers.append(moment.timestamp() - self.start)
            return async_track_point_in_utc_time(hass, action, moment)

        monkeypatch.setattr(deadline_module, "async_track_point_in_utc_time", counted)
        self.start = dt_util.utcnow().timestamp()
        self.deadline = Deadline(hass, self.asked.append)

    def want(self, seconds: float | None) -> None:
        """Want the decider asked ``seconds`` after the start (None: nothing)."""
        self.deadline.want(None if seconds is None else self.start + seconds)

    @property
    def asked_after(self) -> list[float]:
        """When it was asked, in seconds after the start."""
        return [round(at - self.start, 6) for at in self.asked]


@pytest.fixture
def decider(hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch) -> Decider:
    """A decider with its deadline, at the start of frozen time."""
    return Decider(hass, monkeypatch)


async def test_asked_at_the_moment_wanted(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, decider: Decider
) -> None:
    """The decider is asked once, at the moment it wanted, not before."""
    decider.want(10)
    await advance(hass, freezer, 9.9)
    assert decider.asked == []
    await advance(hass, freezer, 5)
    assert decider.asked_after == [10]
    assert decider.deadline.at == decider.start + 10


async def test_a_later_moment_keeps_the_timer(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, decider: Decider
) -> None:
    """Moments moving later set no timer each: the one set fires and sets it again."""
    for k in range(1, 101):
        decider.want(10 + k)
    assert decider.timers == [11]
    await advance(hass, freezer, 200)
    assert decider.asked_after == [110]
    assert decider.timers == [11, 110]


async def test_a_sooner_moment_moves_the_timer(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, decider: Decider
) -> None:
    """A moment sooner than the timer moves it there."""
    decider.want(30)
    decider.want(5)
    await advance(hass, freezer, 60)
    assert decider.asked_after == [5]
    assert decider.timers == [30, 5]


async def test_nothing_wanted_asks_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, decider: Decider
) -> None:
    """A timer left set for nothing wanted fires and asks nothing; cancel stops it."""
    decider.want(10)
    decider.want(None)
    await advance(hass, freezer, 20)
    assert decider.asked == []
    decider.want(30)
    decider.deadline.cancel()
    assert decider.deadline.at is None
    await advance(hass, freezer, 20)
    assert decider.asked == []


async def test_never_asked_a_hair_before_the_moment(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, decider: Decider
) -> None:
    """A timer's moment is rounded to the microsecond: the decider gets its own moment."""
    wanted = decider.start + 5.0000004
    decider.deadline.want(wanted)
    await advance(hass, freezer, 6)
    assert decider.asked == [wanted]


async def test_asked_again_after_deciding(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, decider: Decider
) -> None:
    """What the decider wants while asked is set at once (the timer has fired)."""
    follow = iter([20.0, None])

    def asked(at: float) -> None:
        decider.asked.append(at)
        moment = next(follow)
        decider.want(moment)

    decider.deadline = Deadline(hass, asked)
    decider.want(10)
    await settle(hass)
    await advance(hass, freezer, 60)
    assert decider.asked_after == [10, 20]
    assert decider.timers == [10, 20]


async def test_a_heat_up_read_every_second_sets_few_timers(
    hass: HomeAssistant,
    relays: Relays,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Through the machine: the heat-up's detector moves its moment with every reading."""
    trace = generate(
        "thermostat", "vibratory", "periodic_1", seed=3, shots=3, calibration=False
    )
    on, _off = trace.power_periods[0]
    ended = dict(trace.heat_up_ends)[on]
    readings = [(r.at - on, r.watts) for r in trace.reports if on <= r.at <= ended + 60]
    relays.plug.set(False)
    hass.states.async_set(POWER, "0.0", WATTS)
    async with loaded(hass, machine_entry(power_sensor=POWER)):
        decider = Decider(hass, monkeypatch)
        relays.plug.set(True)
        await settle(hass)
        now = 0.0
        for at, watts in readings:
            if at > now:
                await advance(hass, freezer, at - now)
                now = at
            hass.states.async_set(POWER, f"{watts:.1f}", WATTS)
        await advance(hass, freezer, 30)
        assert state_of(hass, "sensor.espresso_machine_heat_up").state == "ready"
    assert len(readings) > 300
    assert 0 < len(decider.timers) <= len(readings) // 20
